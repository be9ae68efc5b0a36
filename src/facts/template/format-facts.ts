import emojiRegex from 'emoji-regex';

import { templateShape, type TemplateShape } from './components.js';
import { checkLanguage } from './languages.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';

/**
 * Meta's structural limits on a template (components page, May 2026; template review page, Oct 2025):
 * lengths, buttons, component structure, name, language, headers, and the fixed shape of
 * authentication templates. Every list fact holds located matches, so each finding points at the
 * characters it is about.
 */

/** Characters are counted as Unicode code points: an emoji is one character, as people count them. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 index where the character after the first `limit` characters starts, or -1 when the text fits. */
export function overflowStart(text: string, limit: number): number {
  if (text.length <= limit) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (n === limit) return i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return -1;
}

export const LIMITS = {
  body: 1024,
  header: 60,
  footer: 60,
  buttonLabel: 25,
  url: 2000,
  phoneNumber: 20,
  copyCodeExample: 15,
  buttons: 10,
  authParameter: 15,
} as const;

/** Per-type button caps (components page). */
export const BUTTON_TYPE_LIMITS: Readonly<Record<string, number>> = { QUICK_REPLY: 10, URL: 2, PHONE_NUMBER: 1, COPY_CODE: 1 };

export const MEDIA_FORMATS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT', 'GIF']);
const SINGLE_COMPONENTS = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'];

export function preview(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return codePointLength(flat) > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}

function tooLong(out: TextMatch[], path: string, value: unknown, limit: number, what: string): void {
  // A number (YAML reads 123456 as one) is measured as written; its finding covers the whole value.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return;
  const at = overflowStart(text, limit);
  if (at === -1) return;
  out.push({ path, start: at, end: text.length, text: text.slice(at), what, limit, length: codePointLength(text), value: preview(text) });
}

/** Where to point for a button: its label when it has one, else its type. */
function buttonAnchor(path: string, raw: Record<string, unknown>, extra: Record<string, unknown>): TextMatch {
  const label = typeof raw.text === 'string' && raw.text !== '' ? raw.text : undefined;
  const type = typeof raw.type === 'string' ? raw.type : '';
  return label !== undefined
    ? { path: `${path}/text`, start: 0, end: label.length, text: label, ...extra }
    : { path: `${path}/type`, start: 0, end: type.length, text: type, ...extra };
}

export function valueAt(path: string, value: unknown, extra: Record<string, unknown> = {}): TextMatch {
  const text = typeof value === 'string' ? value : String(value ?? '');
  return { path, start: 0, end: typeof value === 'string' ? value.length : 0, text, ...extra };
}

export interface AllButton {
  path: string;
  raw: Record<string, unknown>;
  type: string;
}

/** Buttons of the template and of its carousel cards. */
export function allButtons(shape: TemplateShape): AllButton[] {
  const out: AllButton[] = shape.buttons.map((b) => ({ path: b.path, raw: b.raw, type: b.type }));
  for (const c of shape.components) {
    if (c.type !== 'CAROUSEL' || !Array.isArray(c.raw.cards)) continue;
    c.raw.cards.forEach((card, ci) => {
      if (!isRecord(card) || !Array.isArray(card.components)) return;
      card.components.forEach((cc, cci) => {
        if (!isRecord(cc) || typeof cc.type !== 'string' || cc.type.toUpperCase() !== 'BUTTONS' || !Array.isArray(cc.buttons)) return;
        cc.buttons.forEach((b, bi) => {
          if (isRecord(b)) out.push({ path: `${c.path}/cards/${ci}/components/${cci}/buttons/${bi}`, raw: b, type: typeof b.type === 'string' ? b.type.toUpperCase() : '' });
        });
      });
    });
  }
  return out;
}

interface HeaderLike {
  path: string;
  raw: Record<string, unknown>;
  format: string;
}

function allHeaders(shape: TemplateShape): HeaderLike[] {
  const out: HeaderLike[] = [];
  const fmt = (raw: Record<string, unknown>) => (typeof raw.format === 'string' ? raw.format.toUpperCase() : '');
  for (const c of shape.components) {
    if (c.type === 'HEADER') out.push({ path: c.path, raw: c.raw, format: fmt(c.raw) });
    if (c.type !== 'CAROUSEL' || !Array.isArray(c.raw.cards)) continue;
    c.raw.cards.forEach((card, ci) => {
      if (!isRecord(card) || !Array.isArray(card.components)) return;
      card.components.forEach((cc, cci) => {
        if (isRecord(cc) && typeof cc.type === 'string' && cc.type.toUpperCase() === 'HEADER') out.push({ path: `${c.path}/cards/${ci}/components/${cci}`, raw: cc, format: fmt(cc) });
      });
    });
  }
  return out;
}

// Emoji: Unicode's emoji sequences (emoji-regex), minus ©, ® and ™ written as plain text symbols.
const EMOJI = emojiRegex();
const TEXT_MARKS = new Set(['\u00a9', '\u00ae', '\u2122']);
const MAYBE_EMOJI = /[\u00a9\u00ae\u203c-\u3299\ud83c-\ud83e]/;

export function findEmojis(path: string, text: string, extra: Record<string, unknown> = {}): TextMatch[] {
  if (!MAYBE_EMOJI.test(text)) return [];
  const out: TextMatch[] = [];
  EMOJI.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMOJI.exec(text)) !== null) {
    if (TEXT_MARKS.has(m[0])) continue;
    out.push({ path, start: m.index, end: m.index + m[0].length, text: m[0], ...extra });
  }
  return out;
}

// Markdown WhatsApp renders: *bold*, _italic_, ~strike~, ```mono```, `code`.
const MARKDOWN = /```[^`\n]+```|`[^`\n]+`|\*[^*\s](?:[^*\n]*[^*\s])?\*|(?<![\p{L}\p{N}])_[^_\s](?:[^_\n]*[^_\s])?_(?![\p{L}\p{N}])|~[^~\s](?:[^~\n]*[^~\s])?~/gu;

const VALID_TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

export function templateNameProblem(name: string): { detail: string; suggestion: string; start: number; end: number } | undefined {
  if (VALID_TEMPLATE_NAME.test(name)) return undefined;
  const suggestion =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 512) || 'template_name';
  if (name === '') return { detail: 'is empty', suggestion, start: 0, end: 0 };
  const bad = [...new Set([...name].filter((ch) => !/[a-z0-9_]/.test(ch)))];
  if (bad.length > 0) {
    const shown = bad.slice(0, 5).map((ch) => (ch === ' ' ? 'a space' : /[A-Z]/.test(ch) ? `uppercase '${ch}'` : `'${ch}'`));
    const first = [...name].findIndex((ch) => !/[a-z0-9_]/.test(ch));
    const startUnits = [...name].slice(0, first).join('').length;
    return { detail: `contains ${shown.join(', ')}${bad.length > 5 ? ' and more' : ''}`, suggestion, start: startUnits, end: name.length };
  }
  if (name.length > 512) return { detail: `has ${name.length} characters; the limit is 512`, suggestion, start: 512, end: name.length };
  return undefined;
}

export function computeFormatFacts(doc: LintDocument): Record<string, unknown> {
  const shape = templateShape(doc);
  const headers = allHeaders(shape);
  const buttons = allButtons(shape);

  // Lengths.
  const bodyTooLong: TextMatch[] = [];
  const headerTooLong: TextMatch[] = [];
  const footerTooLong: TextMatch[] = [];
  for (const c of shape.components) {
    if (c.type === 'BODY') tooLong(bodyTooLong, `${c.path}/text`, c.raw.text, LIMITS.body, 'the body');
    else if (c.type === 'HEADER') tooLong(headerTooLong, `${c.path}/text`, c.raw.text, LIMITS.header, 'the header');
    else if (c.type === 'FOOTER') tooLong(footerTooLong, `${c.path}/text`, c.raw.text, LIMITS.footer, 'the footer');
  }
  const buttonLabelTooLong: TextMatch[] = [];
  const buttonUrlTooLong: TextMatch[] = [];
  const phoneNumberTooLong: TextMatch[] = [];
  const copyCodeExampleTooLong: TextMatch[] = [];
  for (const b of buttons) {
    tooLong(buttonLabelTooLong, `${b.path}/text`, b.raw.text, LIMITS.buttonLabel, 'the button label');
    tooLong(buttonLabelTooLong, `${b.path}/autofill_text`, b.raw.autofill_text, LIMITS.buttonLabel, 'the autofill button label');
    tooLong(buttonUrlTooLong, `${b.path}/url`, b.raw.url, LIMITS.url, 'the URL');
    tooLong(phoneNumberTooLong, `${b.path}/phone_number`, b.raw.phone_number, LIMITS.phoneNumber, 'the phone number');
    if (b.type === 'COPY_CODE') {
      const ex = b.raw.example;
      if (Array.isArray(ex)) ex.forEach((v, k) => tooLong(copyCodeExampleTooLong, `${b.path}/example/${k}`, v, LIMITS.copyCodeExample, 'the copy-code example'));
      else tooLong(copyCodeExampleTooLong, `${b.path}/example`, ex, LIMITS.copyCodeExample, 'the copy-code example');
    }
  }

  // Buttons of the template (carousel cards have their own).
  const tooManyButtons: TextMatch[] = [];
  if (shape.buttons.length > LIMITS.buttons) {
    const b = shape.buttons[LIMITS.buttons];
    tooManyButtons.push(buttonAnchor(b.path, b.raw, { count: shape.buttons.length }));
  }
  const buttonTypeOverLimit: TextMatch[] = [];
  const seen = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const b of shape.buttons) totals.set(b.type, (totals.get(b.type) ?? 0) + 1);
  for (const b of shape.buttons) {
    const limit = BUTTON_TYPE_LIMITS[b.type];
    const k = (seen.get(b.type) ?? 0) + 1;
    seen.set(b.type, k);
    if (limit !== undefined && k > limit) buttonTypeOverLimit.push(buttonAnchor(b.path, b.raw, { type: b.type, count: totals.get(b.type), limit }));
  }
  const quickReplyOrder: TextMatch[] = [];
  let runs = 0;
  for (let i = 0; i < shape.buttons.length; i++) {
    const qr = shape.buttons[i].type === 'QUICK_REPLY';
    if (i === 0 || qr !== (shape.buttons[i - 1].type === 'QUICK_REPLY')) runs++;
    if (runs === 3) {
      const b = shape.buttons[i];
      quickReplyOrder.push(buttonAnchor(b.path, b.raw, { order: shape.buttons.map((x) => x.type || '?').join(', ') }));
      break;
    }
  }

  // Component structure.
  const componentProblems: TextMatch[] = [];
  if (Array.isArray(doc.data.components)) {
    if (!shape.body) componentProblems.push({ path: '/components', start: 0, end: 0, text: 'components', detail: 'has no BODY component; every template needs exactly one' });
    for (const type of SINGLE_COMPONENTS) {
      const found = shape.components.filter((c) => c.type === type);
      for (const extra of found.slice(1)) {
        componentProblems.push(valueAt(`${extra.path}/type`, extra.raw.type, { detail: `has a second ${type} component; a template has at most one` }));
      }
    }
  }

  // Name and language.
  const templateNameProblems: TextMatch[] = [];
  if (typeof doc.data.name === 'string') {
    const p = templateNameProblem(doc.data.name);
    if (p) templateNameProblems.push({ path: '/name', start: p.start, end: p.end, text: doc.data.name.slice(p.start, p.end), name: preview(doc.data.name, 60), detail: p.detail, suggestion: p.suggestion });
  }
  const languageFormProblems: TextMatch[] = [];
  const unsupportedLanguage: TextMatch[] = [];
  const unlistedLanguageVariant: TextMatch[] = [];
  if (typeof doc.data.language === 'string') {
    const lang = doc.data.language;
    const v = checkLanguage(lang);
    const at = valueAt('/language', lang);
    if (v.kind === 'form') languageFormProblems.push({ ...at, suggestion: v.suggestion });
    else if (v.kind === 'unsupported' || v.kind === 'empty') unsupportedLanguage.push({ ...at, text: lang === '' ? '(empty)' : lang });
    else if (v.kind === 'unlisted-variant') unlistedLanguageVariant.push({ ...at, suggestions: v.suggestions.join(', ') });
  }

  // Headers.
  const header = shape.header;
  const headerFormat = header && typeof header.raw.format === 'string' ? header.raw.format : undefined;
  const headerFormatPath = header ? (headerFormat !== undefined ? `${header.path}/format` : `${header.path}/type`) : '';
  const mediaHeadersWithoutExample: TextMatch[] = [];
  for (const h of headers) {
    if (!MEDIA_FORMATS.has(h.format)) continue;
    const example = isRecord(h.raw.example) ? h.raw.example : undefined;
    const handles = example?.header_handle;
    const ok = Array.isArray(handles) && handles.some((x) => typeof x === 'string' && x.trim() !== '');
    if (!ok) mediaHeadersWithoutExample.push(valueAt(`${h.path}/format`, h.raw.format, { format: h.format }));
  }
  const headerMarkdown: TextMatch[] = [];
  if (header && typeof header.raw.text === 'string' && /[*_~`]/.test(header.raw.text)) {
    // Parameters like {{first_name}} hold underscores that are not markdown: blank them out, keeping offsets.
    const text = header.raw.text.replace(/\{\{[^{}]*\}\}/g, (m) => ' '.repeat(m.length));
    MARKDOWN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MARKDOWN.exec(text)) !== null) headerMarkdown.push({ path: `${header.path}/text`, start: m.index, end: m.index + m[0].length, text: header.raw.text.slice(m.index, m.index + m[0].length) });
  }

  let codeExpirationMinutes: number | null = null;
  let codeExpirationPath = '';
  for (const c of shape.components) {
    if (c.type === 'FOOTER' && 'code_expiration_minutes' in c.raw) {
      const v = c.raw.code_expiration_minutes;
      codeExpirationMinutes = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(v) ? Number(v) : null;
      codeExpirationPath = `${c.path}/code_expiration_minutes`;
    }
  }

  // Emojis in the body, for the (unpublished) emoji limit.
  const bodyEmojis = shape.body && typeof shape.body.raw.text === 'string' ? findEmojis(`${shape.body.path}/text`, shape.body.raw.text) : [];

  return {
    bodyTooLong,
    headerTooLong,
    footerTooLong,
    buttonLabelTooLong,
    buttonUrlTooLong,
    phoneNumberTooLong,
    copyCodeExampleTooLong,
    tooManyButtons,
    buttonTypeOverLimit,
    quickReplyOrder,
    componentProblems,
    templateNameProblems,
    languageFormProblems,
    unsupportedLanguage,
    unlistedLanguageVariant,
    headerFormatPath,
    mediaHeadersWithoutExample,
    headerMarkdown,
    codeExpirationMinutes,
    codeExpirationPath,
    bodyEmojis,
    bodyEmojiCount: bodyEmojis.length,
  };
}

export const templateFormat: FactProvider = {
  id: 'template-format',
  kinds: ['template'],
  facts: {
    bodyTooLong: 'the part of the body beyond 1,024 characters',
    headerTooLong: 'the part of a text header beyond 60 characters',
    footerTooLong: 'the part of the footer beyond 60 characters',
    buttonLabelTooLong: 'the part of a button label (or autofill label) beyond 25 characters, carousel cards included',
    buttonUrlTooLong: 'the part of a button URL beyond 2,000 characters',
    phoneNumberTooLong: 'the part of a button phone number beyond 20 characters',
    copyCodeExampleTooLong: 'the part of a copy-code example beyond 15 characters',
    tooManyButtons: 'the first button beyond 10 (count: how many there are)',
    buttonTypeOverLimit: 'buttons beyond their type cap: quick reply 10, URL 2, phone number 1, copy code 1',
    quickReplyOrder: 'the first button that splits the quick replies from each other (order: the button types)',
    componentProblems: 'a missing BODY, or a second HEADER, BODY, FOOTER or BUTTONS component',
    templateNameProblems: 'a template name that is not lowercase letters, digits and underscores, or longer than 512',
    languageFormProblems: "a language code not written in Meta's form (en-US, EN_us), with the corrected code",
    unsupportedLanguage: "a language code whose language is not in Meta's list",
    unlistedLanguageVariant: "a language code whose language is listed but whose region is not (suggestions: the listed codes)",
    headerFormatPath: 'JSON pointer of the header format (or the header type)',
    mediaHeadersWithoutExample: 'media headers (template or carousel card) without an example header_handle',
    headerMarkdown: 'markdown formatting (*bold*, _italic_, ~strike~, `code`) in a text header',
    codeExpirationMinutes: 'the footer code_expiration_minutes (null when absent)',
    codeExpirationPath: 'JSON pointer of code_expiration_minutes',
    bodyEmojis: 'emojis in the body',
    bodyEmojiCount: 'number of emojis in the body',
  },
  compute(doc) {
    return computeFormatFacts(doc);
  },
};
