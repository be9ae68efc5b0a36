// Template facts from Meta's signals (category drift) and the opt-out instruction of marketing templates.

import { formatDay, sourceOf } from './describe.js';
import { metaCategory, signalIndex, signalsFor, type TemplateSignals } from './index.js';
import { isOptOutInstruction, optOutSuggestion, type OptOutPlace } from './words.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';
import { templateShape, type TextRole } from '../template/components.js';

/** A template whose category in the repository is not the one Meta holds or has announced. */
export interface CategoryDrift extends TextMatch {
  declared: string;
  metaCategory: string;
  /** What Meta did, in words: "re-categorised it on 2026-11-10", "announced a change to MARKETING on …". */
  how: string;
  /** Where Meta said it: file:line. */
  signalSource: string;
}

const PLACE_OF_ROLE: Partial<Record<TextRole, OptOutPlace>> = {
  footer: 'footer',
  body: 'body',
  'card-body': 'body',
  offer: 'body',
  button: 'button',
  'card-button': 'button',
};

/** Whether the template tells people how to stop its messages (footer, body or a button), in its language. */
export function hasOptOutInstruction(doc: LintDocument): boolean {
  const language = doc.data.language;
  return templateShape(doc).texts.some((t) => {
    const place = PLACE_OF_ROLE[t.role];
    return place !== undefined && isOptOutInstruction(t.text, place, language);
  });
}

function driftOf(doc: LintDocument, declared: string, signals: TemplateSignals): CategoryDrift[] {
  const meta = metaCategory(signals);
  if (!meta || !declared || meta === declared) return [];
  const pending = signals.pending;
  const observed = pending ?? signals.category!;
  let how: string;
  if (pending) {
    const when = pending.effectiveAt !== undefined ? ` (taking effect ${formatDay(pending.effectiveAt)})` : '';
    how = Number.isNaN(pending.at) ? `Meta's export lists correct_category ${meta}: the template is being moved to ${meta}${when}` : `Meta announced on ${formatDay(pending.at)} that it moves the template to ${meta}${when}`;
  } else if (Number.isNaN(observed.at)) {
    how = `Meta's export lists it as ${meta}`;
  } else {
    const from = signals.category?.previous ? ` from ${signals.category.previous}` : '';
    how = `Meta re-categorised it${from} to ${meta} on ${formatDay(observed.at)}`;
  }
  const path = typeof doc.data.category === 'string' ? '/category' : '';
  return [{ path, start: 0, end: 0, text: declared, declared, metaCategory: meta, how, signalSource: sourceOf(observed.origin) }];
}

export const signalTemplateFacts: FactProvider = {
  id: 'signals-template',
  kinds: ['template'],
  facts: {
    metaStatus: "the template's latest status in Meta's data (APPROVED, PAUSED, REJECTED, …), empty when Meta's data says nothing",
    metaQuality: "the template's latest quality in Meta's data (GREEN, YELLOW, RED, UNKNOWN), or empty",
    metaCategory: 'the category Meta holds or has announced for the template (a pending correct_category wins), or empty',
    metaRejectedReason: "Meta's rejection reason (INVALID_FORMAT, PROMOTIONAL, …) when the latest status is REJECTED, else empty",
    metaCategoryDrift: "the template's category when it is not the one Meta holds or has announced: a text match with declared, metaCategory, how and signalSource",
    optOutMissing: 'a MARKETING template (declared, or per Meta) with no opt-out instruction: no STOP footer, opt-out sentence or opt-out button in its language',
    optOutSuggestion: "an opt-out footer or button to add, in the template's language",
    optOutPath: 'where an opt-out instruction belongs: the footer text if there is one, else the category',
    optOutSubject: '"a MARKETING template", or "a template Meta holds as MARKETING" when the repository declares another category',
  },
  compute(doc, ctx) {
    const shape = templateShape(doc);
    const signals = signalsFor(signalIndex(ctx.workspace), doc.name, doc.language, typeof doc.data.id === 'string' || typeof doc.data.id === 'number' ? String(doc.data.id) : undefined);
    const meta = metaCategory(signals) ?? '';
    const marketing = shape.category === 'MARKETING' || meta === 'MARKETING';
    const footer = shape.footer && typeof shape.footer.raw.text === 'string' ? `${shape.footer.path}/text` : undefined;
    return {
      metaStatus: signals?.status?.value ?? '',
      metaQuality: signals?.quality?.value ?? '',
      metaCategory: meta,
      metaRejectedReason: signals?.status?.value === 'REJECTED' ? (signals.status.reason ?? '') : '',
      metaCategoryDrift: signals ? driftOf(doc, shape.category, signals) : [],
      optOutMissing: marketing && !hasOptOutInstruction(doc),
      optOutSuggestion: optOutSuggestion(doc.data.language),
      optOutPath: footer ?? (typeof doc.data.category === 'string' ? '/category' : ''),
      optOutSubject: shape.category !== 'MARKETING' && meta === 'MARKETING' ? 'a template Meta holds as MARKETING' : 'a MARKETING template',
    };
  },
};
