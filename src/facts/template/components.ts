import type { LintDocument } from '../../documents/parse.js';
import { isRecord } from '../../documents/kinds.js';
import { ObjectCache } from '../../documents/object-cache.js';

/** Where a piece of template text sits: what it is and its JSON pointer inside the template. */
export type TextRole = 'header' | 'body' | 'footer' | 'button' | 'button-url' | 'card-body' | 'card-header' | 'card-button' | 'offer';

export interface TemplateText {
  role: TextRole;
  path: string;
  text: string;
}

export interface TemplateComponent {
  type: string;
  index: number;
  path: string;
  raw: Record<string, unknown>;
}

export interface TemplateButton {
  type: string;
  path: string;
  raw: Record<string, unknown>;
}

export interface TemplateShape {
  category: string;
  declaredCategory: string;
  components: TemplateComponent[];
  header?: TemplateComponent;
  body?: TemplateComponent;
  footer?: TemplateComponent;
  buttons: TemplateButton[];
  texts: TemplateText[];
}

/** Pre-2023 category names still found in exports, read as the category Meta mapped them to. */
const LEGACY_CATEGORIES: Record<string, string> = {
  TRANSACTIONAL: 'UTILITY',
  ACCOUNT_UPDATE: 'UTILITY',
  PAYMENT_UPDATE: 'UTILITY',
  PERSONAL_FINANCE_UPDATE: 'UTILITY',
  SHIPPING_UPDATE: 'UTILITY',
  RESERVATION_UPDATE: 'UTILITY',
  ISSUE_RESOLUTION: 'UTILITY',
  APPOINTMENT_UPDATE: 'UTILITY',
  TRANSPORTATION_UPDATE: 'UTILITY',
  TICKET_UPDATE: 'UTILITY',
  ALERT_UPDATE: 'UTILITY',
  AUTO_REPLY: 'UTILITY',
  OTP: 'AUTHENTICATION',
};

export function normalizeCategory(value: unknown): string {
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return LEGACY_CATEGORIES[upper] ?? upper;
}

const shapes = new ObjectCache<object, TemplateShape>();

/** The template's components with enum values upper-cased and every text located, computed once per document. */
export function templateShape(doc: LintDocument): TemplateShape {
  const cached = shapes.get(doc.data);
  if (cached) return cached;
  const data = doc.data;
  const components: TemplateComponent[] = [];
  const buttons: TemplateButton[] = [];
  const texts: TemplateText[] = [];
  const list = Array.isArray(data.components) ? data.components : [];
  list.forEach((c, index) => {
    if (!isRecord(c)) return;
    const type = typeof c.type === 'string' ? c.type.toUpperCase() : '';
    const path = `/components/${index}`;
    components.push({ type, index, path, raw: c });
    collectTexts(type, c, path, texts, buttons, false);
    if (type === 'CAROUSEL' && Array.isArray(c.cards)) {
      c.cards.forEach((card, ci) => {
        if (!isRecord(card) || !Array.isArray(card.components)) return;
        card.components.forEach((cc, cci) => {
          if (!isRecord(cc)) return;
          const ctype = typeof cc.type === 'string' ? cc.type.toUpperCase() : '';
          collectTexts(ctype, cc, `${path}/cards/${ci}/components/${cci}`, texts, [], true);
        });
      });
    }
  });
  const shape: TemplateShape = {
    declaredCategory: typeof data.category === 'string' ? data.category : '',
    category: normalizeCategory(data.category),
    components,
    header: components.find((c) => c.type === 'HEADER'),
    body: components.find((c) => c.type === 'BODY'),
    footer: components.find((c) => c.type === 'FOOTER'),
    buttons,
    texts,
  };
  shapes.set(doc.data, shape);
  return shape;
}

function collectTexts(type: string, c: Record<string, unknown>, path: string, texts: TemplateText[], buttons: TemplateButton[], inCard: boolean): void {
  if (typeof c.text === 'string') {
    if (type === 'BODY') texts.push({ role: inCard ? 'card-body' : 'body', path: `${path}/text`, text: c.text });
    else if (type === 'HEADER') texts.push({ role: inCard ? 'card-header' : 'header', path: `${path}/text`, text: c.text });
    else if (type === 'FOOTER') texts.push({ role: 'footer', path: `${path}/text`, text: c.text });
  }
  if (type === 'LIMITED_TIME_OFFER' && isRecord(c.limited_time_offer) && typeof c.limited_time_offer.text === 'string') {
    texts.push({ role: 'offer', path: `${path}/limited_time_offer/text`, text: c.limited_time_offer.text });
  }
  if (type === 'BUTTONS' && Array.isArray(c.buttons)) {
    c.buttons.forEach((b, bi) => {
      if (!isRecord(b)) return;
      const bpath = `${path}/buttons/${bi}`;
      buttons.push({ type: typeof b.type === 'string' ? b.type.toUpperCase() : '', path: bpath, raw: b });
      if (typeof b.text === 'string') texts.push({ role: inCard ? 'card-button' : 'button', path: `${bpath}/text`, text: b.text });
      if (typeof b.url === 'string') texts.push({ role: 'button-url', path: `${bpath}/url`, text: b.url });
    });
  }
}
