// Campaign facts from Meta's signals about the templates a campaign sends: paused, disabled, rejected or
// low-quality templates; templates Meta moved to MARKETING sent under a consent that does not cover
// marketing; and brand-new templates sent to a large audience at once (the soft-launch advisor).

import { stoppedInAudience } from './audience.js';
import { formatDay, formatDuration, formatWhen, sourceOf, templateLabel } from './describe.js';
import { metaCategory, PAUSE_HOURS, signalIndex, signalsFor, type Observed, type SignalIndex, type TemplateSignals } from './index.js';
import { mentionsMarketing } from './words.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import { campaignLinks, type TemplateRef } from '../campaign/links.js';
import type { FactContext, FactProvider } from '../registry.js';
import { normalizeCategory } from '../template/components.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Defaults of the thresholds these facts read (msglint.config.yaml `thresholds:` overrides them). */
export const SIGNAL_THRESHOLDS = {
  /** A template approved fewer days than this before the send is new to Meta's quality system. */
  softLaunchNewDays: 7,
  /** Audiences at least this large get the soft-launch advice. */
  softLaunchMinAudience: 1000,
  /** First batch: this share of the audience (percent)… */
  softLaunchFirstBatchPercent: 5,
  /** …but no more than this many recipients… */
  softLaunchFirstBatchMax: 1000,
  /** …and no fewer than this many (enough for Meta to see how people react). */
  softLaunchFirstBatchMin: 100,
} as const;

export function threshold(ctx: Pick<FactContext, 'thresholds'>, name: keyof typeof SIGNAL_THRESHOLDS): number {
  const v = ctx.thresholds[name];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : SIGNAL_THRESHOLDS[name];
}

/** One template of a campaign, with what Meta's data says about it. */
export interface SentTemplateSignal extends TextMatch {
  name: string;
  /** "flash_sale (en_US)" */
  label: string;
  /** Date (or date and time) of the signal, in words. */
  since: string;
  /** Where Meta said it: file:line. */
  signalSource: string;
  [extra: string]: unknown;
}

/** Schedule times without an offset are read as UTC: close enough for day-level comparisons. */
export function parseSendTime(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return NaN;
  const t = value.trim();
  const withTime = /[Tt ]\d{2}:\d{2}/.test(t) ? t : `${t}T00:00:00`;
  const zoned = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(withTime.slice(10)) ? withTime : `${withTime}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(ms) ? NaN : ms;
}

/** When the campaign sends: schedule.start, else its first batch, else sendDate, else now. */
export function sendTime(data: Record<string, unknown>, now: Date): number {
  const schedule = isRecord(data.schedule) ? data.schedule : {};
  const start = parseSendTime(schedule.start);
  if (!Number.isNaN(start)) return start;
  const batches = Array.isArray(schedule.batches) ? schedule.batches.filter(isRecord).map((b) => parseSendTime(b.at)).filter((t) => !Number.isNaN(t)) : [];
  if (batches.length > 0) return Math.min(...batches);
  const date = parseSendTime(data.sendDate);
  return Number.isNaN(date) ? now.getTime() : date;
}

/** The campaign's first batch size (the earliest batch), or undefined when it sends all at once. */
function firstBatchSize(data: Record<string, unknown>): number | undefined {
  const schedule = isRecord(data.schedule) ? data.schedule : {};
  if (!Array.isArray(schedule.batches)) return undefined;
  const batches = schedule.batches.filter(isRecord).filter((b) => typeof b.size === 'number' && b.size >= 0);
  if (batches.length === 0) return undefined;
  batches.sort((a, b) => (parseSendTime(a.at) || 0) - (parseSendTime(b.at) || 0));
  return batches[0].size as number;
}

/**
 * How many people the campaign reaches: `audience.size`, else the contacts counted in its audience file by a
 * workspace preparer that streams it (the audience engineer's statistics), else the sum of its batches.
 */
export function audienceSize(doc: LintDocument, ctx: FactContext): number {
  const audience = isRecord(doc.data.audience) ? doc.data.audience : {};
  if (typeof audience.size === 'number' && audience.size >= 0) return audience.size;
  const counted = audienceContacts(doc, ctx);
  if (counted !== undefined) return counted;
  const schedule = isRecord(doc.data.schedule) ? doc.data.schedule : {};
  if (Array.isArray(schedule.batches)) return schedule.batches.filter(isRecord).reduce((n, b) => n + (typeof b.size === 'number' && b.size > 0 ? b.size : 0), 0);
  return 0;
}

/** Contacts of the campaign's audience file, when a preparer has counted them (`campaign-audiences`: per campaign `{contacts}`). */
function audienceContacts(doc: LintDocument, ctx: FactContext): number | undefined {
  const stats = ctx.workspace.prepared.get('campaign-audiences');
  if (!(stats instanceof Map)) return undefined;
  const s: unknown = stats.get(doc);
  return isRecord(s) && typeof s.contacts === 'number' ? s.contacts : undefined;
}

/** Pointer of a campaign's template reference: its name when it is an object, else the entry. */
function refPath(doc: LintDocument, ref: TemplateRef): string {
  const i = Number(ref.path.split('/').pop());
  const entry = Array.isArray(doc.data.templates) ? doc.data.templates[i] : undefined;
  return isRecord(entry) && typeof entry.name === 'string' ? `${ref.path}/name` : ref.path;
}

interface Sent {
  ref: TemplateRef;
  path: string;
  signals: TemplateSignals;
  label: string;
}

function sentTemplates(doc: LintDocument, index: SignalIndex, ctx: FactContext): Sent[] {
  if (index.templates.size === 0) return [];
  const out: Sent[] = [];
  for (const ref of campaignLinks(ctx.workspace, doc).templates) {
    const language = ref.language ?? ref.resolved?.language;
    const id = ref.resolved && (typeof ref.resolved.data.id === 'string' || typeof ref.resolved.data.id === 'number') ? String(ref.resolved.data.id) : undefined;
    const signals = signalsFor(index, ref.name, language, id);
    if (signals) out.push({ ref, path: refPath(doc, ref), signals, label: templateLabel(ref.name, language ?? signals.language) });
  }
  return out;
}

function item(s: Sent, since: number, origin: Parameters<typeof sourceOf>[0], extra: Record<string, unknown>): SentTemplateSignal {
  return { path: s.path, start: 0, end: 0, text: s.ref.name, name: s.ref.name, label: s.label, since: formatWhen(since), signalSource: sourceOf(origin), ...extra };
}

const pauseCount = (n: number): string => `${n} pause${n === 1 ? '' : 's'}`;

const CATEGORY_REASONS = new Set(['INCORRECT_CATEGORY', 'PROMOTIONAL', 'TAG_CONTENT_MISMATCH']);
const CONTENT_REASONS = new Set(['ABUSIVE_CONTENT', 'SCAM']);

export const signalCampaignFacts: FactProvider = {
  id: 'signals-campaign',
  kinds: ['campaign'],
  facts: {
    metaPausedTemplates: 'templates the campaign sends that Meta has paused and that are still paused when it sends: name, label, since, until, signalSource',
    metaPausedBeforeTemplates: 'templates the campaign sends that Meta paused before (now active again): name, label, pauses, since, signalSource',
    metaDisabledTemplates: 'templates the campaign sends that Meta has disabled',
    metaRejectedForCategory: 'templates the campaign sends that Meta rejected for their category (INCORRECT_CATEGORY, PROMOTIONAL, TAG_CONTENT_MISMATCH): name, reason, detail',
    metaRejectedForContent: 'templates the campaign sends that Meta rejected for their content (ABUSIVE_CONTENT, SCAM)',
    metaRejectedForFormat: "templates the campaign sends that Meta rejected for another reason (INVALID_FORMAT, …), with Meta's explanation",
    metaRedTemplates: 'templates the campaign sends whose latest quality is RED',
    metaYellowTemplates: 'templates the campaign sends whose latest quality is YELLOW',
    metaMarketingAsUtility: 'templates declared UTILITY or AUTHENTICATION in the repository that Meta holds (or announced) as MARKETING: name, declared, metaCategory, how',
    metaOptInCoversMarketing: "whether the campaign's opt-in wording mentions marketing (offers, promotions, news, discounts…) in en/es/pt/fr/de/id",
    metaNewTemplates: "templates Meta's data shows as new (quality UNKNOWN, or approved shortly before the send) sent to a large audience at once: name, why, firstBatch",
    metaAudienceSize: 'recipients of the campaign: audience.size, the contacts of its audience file, or the sum of its batches',
    metaSendTime: 'when the campaign sends (schedule.start, first batch, sendDate, else now), as text',
    metaStoppedRows: 'rows of a marketing campaign\'s audience file whose number stopped marketing from this business (user_preferences stop, a STOP reply, a 131050 failure), not counting rows that record the opt-out themselves',
    metaStoppedNumbers: 'unique numbers among metaStoppedRows',
    metaStoppedExamples: 'the first such rows, masked: "row 2 (+44 74•• •••000, stopped 2026-11-21)"',
    metaStoppedHow: 'how those people stopped, counted: "2 with Meta\'s stop-promotions control (user_preferences), 1 by replying STOP"',
  },
  compute(doc, ctx) {
    const index = signalIndex(ctx.workspace);
    const sent = sentTemplates(doc, index, ctx);
    const at = sendTime(doc.data, ctx.now);
    const size = audienceSize(doc, ctx);
    const optIn = isRecord(doc.data.optIn) ? doc.data.optIn : {};
    const wording = typeof optIn.wording === 'string' ? optIn.wording : '';
    const facts = {
      metaPausedTemplates: [] as SentTemplateSignal[],
      metaPausedBeforeTemplates: [] as SentTemplateSignal[],
      metaDisabledTemplates: [] as SentTemplateSignal[],
      metaRejectedForCategory: [] as SentTemplateSignal[],
      metaRejectedForContent: [] as SentTemplateSignal[],
      metaRejectedForFormat: [] as SentTemplateSignal[],
      metaRedTemplates: [] as SentTemplateSignal[],
      metaYellowTemplates: [] as SentTemplateSignal[],
      metaMarketingAsUtility: [] as SentTemplateSignal[],
      metaOptInCoversMarketing: wording !== '' && mentionsMarketing(wording),
      metaNewTemplates: [] as SentTemplateSignal[],
      metaAudienceSize: size,
      metaSendTime: formatWhen(at),
      ...stoppedFacts(ctx, doc),
    };
    for (const s of sent) {
      const { quality } = s.signals;
      // A status written in the sent template itself (an export) is velocity/paused-template's to report.
      const status = s.signals.status && s.signals.status.origin.doc === s.ref.resolved ? undefined : s.signals.status;
      const lastPause = s.signals.pauses[s.signals.pauses.length - 1];
      if (status?.value === 'DISABLED') {
        facts.metaDisabledTemplates.push(item(s, status.at, status.origin, {}));
      } else if (status?.value === 'PAUSED') {
        const hours = status.title ? PAUSE_HOURS[status.title] : undefined;
        const until = hours !== undefined && !Number.isNaN(status.at) ? status.at + hours * HOUR_MS : NaN;
        if (Number.isNaN(until) || until > at) {
          const how = hours !== undefined ? `${status.title === 'FIRST_PAUSE' ? 'first' : 'second'} pause, ${formatDuration(hours * HOUR_MS)}` : status.title ? status.title.toLowerCase().replace(/_/g, ' ') : 'paused';
          facts.metaPausedTemplates.push(item(s, status.at, status.origin, { until: Number.isNaN(until) ? 'Meta unpauses it' : formatWhen(until), how }));
        } else {
          facts.metaPausedBeforeTemplates.push(item(s, status.at, status.origin, { pauses: pauseCount(s.signals.pauses.length), lastPause: status.title ?? 'PAUSED' }));
        }
      } else if (status?.value === 'REJECTED') {
        const reason = status.reason ?? 'NONE';
        const detail = status.rejection?.reason ? `: ${status.rejection.reason}${status.rejection.recommendation ? ` ${status.rejection.recommendation}` : ''}` : '';
        const target = CATEGORY_REASONS.has(reason) ? facts.metaRejectedForCategory : CONTENT_REASONS.has(reason) ? facts.metaRejectedForContent : facts.metaRejectedForFormat;
        target.push(item(s, status.at, status.origin, { reason, detail }));
      } else if (lastPause && lastPause.value !== 'DISABLED') {
        facts.metaPausedBeforeTemplates.push(item(s, lastPause.at, lastPause.origin, { pauses: pauseCount(s.signals.pauses.length), lastPause: lastPause.value }));
      }
      if (quality?.value === 'RED') facts.metaRedTemplates.push(item(s, quality.at, quality.origin, { previous: quality.previous ?? '' }));
      else if (quality?.value === 'YELLOW') facts.metaYellowTemplates.push(item(s, quality.at, quality.origin, { previous: quality.previous ?? '' }));

      const declared = s.ref.resolved ? normalizeCategory(s.ref.resolved.data.category) : '';
      const meta = metaCategory(s.signals);
      if (meta === 'MARKETING' && (declared === 'UTILITY' || declared === 'AUTHENTICATION')) {
        const observed = s.signals.pending ?? s.signals.category!;
        const how = s.signals.pending
          ? Number.isNaN(observed.at)
            ? "Meta is moving it to MARKETING (correct_category in Meta's export)"
            : `Meta is moving it to MARKETING (announced ${formatDay(observed.at)})`
          : Number.isNaN(observed.at)
            ? "Meta's export lists it as MARKETING"
            : `Meta re-categorised it as MARKETING on ${formatDay(observed.at)}`;
        facts.metaMarketingAsUtility.push(item(s, observed.at, observed.origin, { declared, metaCategory: meta, how }));
      }

      const fresh = newTemplateReason(s.signals, at, ctx);
      if (fresh && size >= threshold(ctx, 'softLaunchMinAudience')) {
        const batch = firstBatch(size, ctx);
        const planned = firstBatchSize(doc.data);
        if (planned === undefined || planned > batch) facts.metaNewTemplates.push(item(s, fresh.evidence.at, fresh.evidence.origin, { why: fresh.why, firstBatch: batch, audience: size }));
      }
    }
    return facts;
  },
};

/**
 * Why Meta's data shows a template as new, or undefined. New: Meta has no quality signal for it yet
 * (quality UNKNOWN), or it was approved fewer than softLaunchNewDays days before the send. A template Meta
 * has already rated (GREEN, YELLOW, RED) is not new, and one Meta's data says nothing about is never "new".
 */
export function newTemplateReason(t: TemplateSignals, sendAt: number, ctx: Pick<FactContext, 'thresholds'>): { why: string; evidence: Observed<unknown> } | undefined {
  const quality = t.quality;
  if (quality !== undefined && quality.value !== 'UNKNOWN') return undefined;
  if (t.status && t.status.value !== 'APPROVED') return undefined;
  const days = threshold(ctx, 'softLaunchNewDays');
  if (t.approved && sendAt - t.approved.at < days * DAY_MS) {
    const age = Math.max(0, sendAt - t.approved.at);
    const unknown = quality ? ', and rates its quality UNKNOWN (no signal yet)' : '';
    return { why: `Meta approved it on ${formatDay(t.approved.at)}, ${age < DAY_MS ? 'less than a day' : formatDuration(age)} before this send${unknown}`, evidence: t.approved };
  }
  if (quality) return { why: 'Meta rates its quality UNKNOWN: no one has reacted to it yet', evidence: quality };
  return undefined;
}

/** The suggested first batch: a share of the audience, between the minimum and the maximum, never more than the audience. */
export function firstBatch(size: number, ctx: Pick<FactContext, 'thresholds'>): number {
  const share = Math.round((size * threshold(ctx, 'softLaunchFirstBatchPercent')) / 100);
  const clamped = Math.min(threshold(ctx, 'softLaunchFirstBatchMax'), Math.max(threshold(ctx, 'softLaunchFirstBatchMin'), share));
  return Math.min(size, Math.round(clamped));
}

const HOW_WORDS: Readonly<Record<string, string>> = {
  preference: "with Meta's stop-promotions control (user_preferences)",
  reply: 'by replying STOP',
  'error-131050': 'as 131050 failures in a send log',
};

function stoppedFacts(ctx: FactContext, doc: LintDocument): Record<string, unknown> {
  const s = stoppedInAudience(ctx.workspace, doc);
  if (!s || s.rows === 0) return { metaStoppedRows: 0, metaStoppedNumbers: 0, metaStoppedExamples: '', metaStoppedHow: '' };
  const examples = s.examples.map((e) => `row ${e.row} (${e.phone}, stopped ${e.since})`).join(', ');
  const how = Object.entries(s.byHow)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n.toLocaleString('en-US')} ${HOW_WORDS[k]}`)
    .join(', ');
  return { metaStoppedRows: s.rows, metaStoppedNumbers: s.numbers, metaStoppedExamples: s.rows > s.examples.length ? `${examples}, …` : examples, metaStoppedHow: how };
}
