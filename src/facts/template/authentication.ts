import { templateShape, type TemplateShape } from './components.js';
import { allButtons, codePointLength, findEmojis, LIMITS, MEDIA_FORMATS, preview, valueAt } from './format-facts.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';

/**
 * What an AUTHENTICATION template may not contain (URLs, media, emojis, parameters over 15 characters)
 * and the OTP button it needs. Its own provider so that it is computed only for the templates whose
 * rules ask (the authentication rules check the category first).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/authentication-templates/authentication-templates
 */

const OTP_TYPES = new Set(['COPY_CODE', 'ONE_TAP', 'ZERO_TAP']);
const MAYBE_URL = /https?:\/\/|www\./i;
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

/** Example values given for parameters (body, header, named, URL and copy-code examples), located. */
function exampleValues(shape: TemplateShape): TextMatch[] {
  const out: TextMatch[] = [];
  const push = (path: string, v: unknown) => {
    if (typeof v === 'string' || typeof v === 'number') out.push(valueAt(path, v));
  };
  const fromExample = (example: unknown, base: string) => {
    if (!isRecord(example)) return;
    const bt = example.body_text;
    if (Array.isArray(bt)) bt.forEach((row, r) => (Array.isArray(row) ? row.forEach((v, k) => push(`${base}/body_text/${r}/${k}`, v)) : push(`${base}/body_text/${r}`, row)));
    if (Array.isArray(example.header_text)) example.header_text.forEach((v, k) => push(`${base}/header_text/${k}`, v));
    for (const field of ['body_text_named_params', 'header_text_named_params']) {
      const list = example[field];
      if (Array.isArray(list)) list.forEach((e, k) => isRecord(e) && push(`${base}/${field}/${k}/example`, e.example));
    }
  };
  for (const c of shape.components) fromExample(c.raw.example, `${c.path}/example`);
  for (const b of shape.buttons) {
    const ex = b.raw.example;
    if (Array.isArray(ex)) ex.forEach((v, k) => push(`${b.path}/example/${k}`, v));
    else push(`${b.path}/example`, ex);
  }
  return out;
}

export function computeAuthenticationFacts(doc: LintDocument): Record<string, unknown> {
  const shape = templateShape(doc);
  const buttons = allButtons(shape);
  const header = shape.header;
  const headerFormat = header && typeof header.raw.format === 'string' ? header.raw.format : undefined;
  const mediaHeaders: TextMatch[] = [];
  if (header && headerFormat !== undefined && MEDIA_FORMATS.has(headerFormat.toUpperCase())) mediaHeaders.push(valueAt(`${header.path}/format`, headerFormat, { format: headerFormat.toUpperCase() }));
  const urlsInTemplate: TextMatch[] = [];
  for (const b of buttons) if (b.type === 'URL' && typeof b.raw.url === 'string') urlsInTemplate.push(valueAt(`${b.path}/url`, b.raw.url, { where: 'a URL button' }));
  for (const t of shape.texts) {
    if (t.role === 'button-url' || !MAYBE_URL.test(t.text)) continue;
    URL_IN_TEXT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = URL_IN_TEXT.exec(t.text)) !== null) urlsInTemplate.push({ path: t.path, start: m.index, end: m.index + m[0].length, text: m[0], where: `the ${t.role.replace('-', ' ')}` });
  }
  const templateEmojis: TextMatch[] = [];
  for (const t of shape.texts) if (t.role !== 'button-url') templateEmojis.push(...findEmojis(t.path, t.text, { where: `the ${t.role.replace('-', ' ')}` }));
  const examples = exampleValues(shape);
  for (const e of examples) templateEmojis.push(...findEmojis(e.path, e.text, { where: 'an example value' }));
  const exampleValuesOver15: TextMatch[] = [];
  for (const e of examples) {
    if (codePointLength(e.text) > LIMITS.authParameter) exampleValuesOver15.push({ ...e, length: codePointLength(e.text), value: preview(e.text) });
  }
  const otpButtons: TextMatch[] = [];
  for (const b of shape.buttons) {
    const otpType = typeof b.raw.otp_type === 'string' ? b.raw.otp_type.toUpperCase() : '';
    if (b.type === 'OTP' && OTP_TYPES.has(otpType)) otpButtons.push(valueAt(`${b.path}/otp_type`, b.raw.otp_type, { otpType }));
  }
  const buttonsComponent = shape.components.find((c) => c.type === 'BUTTONS');
  const otpButtonAnchor = buttonsComponent ? `${buttonsComponent.path}/type` : typeof doc.data.category === 'string' ? '/category' : '';
  return { mediaHeaders, urlsInTemplate, templateEmojis, exampleValuesOver15, otpButtons, otpButtonAnchor };
}

export const templateAuthentication: FactProvider = {
  id: 'template-authentication',
  kinds: ['template'],
  facts: {
    mediaHeaders: 'a template header in IMAGE, VIDEO, DOCUMENT or GIF format',
    urlsInTemplate: 'URL buttons and web addresses in the texts',
    templateEmojis: 'emojis in the texts and example values',
    exampleValuesOver15: 'parameter example values longer than 15 characters',
    otpButtons: 'OTP buttons (otp_type COPY_CODE, ONE_TAP or ZERO_TAP)',
    otpButtonAnchor: 'where a missing OTP button is reported: the BUTTONS component, else the category',
  },
  compute(doc) {
    return computeAuthenticationFacts(doc);
  },
};
