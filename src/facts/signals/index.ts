// What Meta says back, indexed once per run: per template its latest status, quality and category (and a
// pending re-categorisation), its approval time and pauses; the users who stopped marketing messages; and
// every event, per document, for the facts and the appeal timeline.
//
// Sources: webhook payloads and send logs (kinds `webhook`, `send-log`), and Meta's template list export
// (templates carrying `status`, `quality_score`, `rejected_reason`, `correct_category`, `previous_category`).
// An export has no date: its values count as Meta's view only where no dated webhook event says otherwise.

import { readSignalEvents, toMillis, type EventOrigin, type SignalEvent } from './events.js';
import { isRecord } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import { templateKey, type Workspace, type WorkspacePreparer } from '../../workspace.js';
import { normalizeCategory } from '../template/components.js';
import { normalizeLanguage } from '../template/languages.js';

export const SIGNALS = 'signals';

/** A value Meta reported, when (ms; NaN for an undated export) and where. */
export interface Observed<T> {
  value: T;
  at: number;
  origin: EventOrigin;
}

export interface TemplateSignals {
  /** `name|language` (or `name`, or `id:<id>` when a signal names neither). */
  key: string;
  name?: string;
  language?: string;
  ids: string[];
  /** Latest status: APPROVED, PAUSED, DISABLED, REJECTED, … */
  status?: Observed<string> & { reason?: string; title?: string; rejection?: { reason?: string; recommendation?: string } };
  /** Latest quality: GREEN, YELLOW, RED, UNKNOWN. */
  quality?: Observed<string> & { previous?: string };
  /** The category Meta holds now. */
  category?: Observed<string> & { previous?: string };
  /** A re-categorisation Meta announced (correct_category) that no later signal shows as done. */
  pending?: Observed<string> & { effectiveAt?: number };
  /** Latest approval (an UNPAUSE is not an approval). */
  approved?: Observed<number>;
  /** Pauses and disables, oldest first (value: the title, e.g. FIRST_PAUSE, or the status). */
  pauses: Observed<string>[];
}

/** How a user's marketing preference was last stated. */
export interface UserPreference {
  stopped: boolean;
  at: number;
  origin: EventOrigin;
  /** user_preferences webhook, a STOP/START reply, or a 131050 failure ("user stopped marketing"). */
  how: 'preference' | 'reply' | 'error-131050';
}

export interface SignalIndex {
  templates: Map<string, TemplateSignals>;
  /** Per user (wa_id digits): the latest preference. */
  users: Map<string, UserPreference>;
  /** Users whose latest preference is "stop". */
  stoppedUsers: ReadonlySet<string>;
  /** Events of each webhook or send-log document, in document order. */
  eventsByDoc: Map<LintDocument, SignalEvent[]>;
  /** Every event, in run order. */
  events: SignalEvent[];
}

const EMPTY: SignalIndex = { templates: new Map(), users: new Map(), stoppedUsers: new Set(), eventsByDoc: new Map(), events: [] };

export function signalIndex(workspace: Workspace): SignalIndex {
  return (workspace.prepared.get(SIGNALS) as SignalIndex | undefined) ?? EMPTY;
}

/** Indexes every signal of the run once, before rules run. */
export const signalIndexer: WorkspacePreparer = {
  id: SIGNALS,
  prepare(workspace) {
    workspace.prepared.set(SIGNALS, buildSignalIndex(workspace.documents));
    return Promise.resolve();
  },
};

/** Fields only Meta's API adds to a template: such a template is (part of) an export, and tells what Meta holds. */
export function isMetaExport(data: Record<string, unknown>): boolean {
  return ['status', 'quality_score', 'rejected_reason', 'correct_category', 'previous_category'].some((k) => Object.hasOwn(data, k));
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const upperText = (v: unknown): string | undefined => text(v)?.toUpperCase();

/** Later wins; an undated observation loses to any dated one; equal times: the later in the run. */
function isLater(a: { at: number; origin: EventOrigin }, b: { at: number; origin: EventOrigin } | undefined): boolean {
  if (!b) return true;
  const ta = Number.isNaN(a.at) ? -Infinity : a.at;
  const tb = Number.isNaN(b.at) ? -Infinity : b.at;
  return ta > tb || (ta === tb && a.origin.order > b.origin.order);
}

export function compareObserved(a: { at: number; origin: EventOrigin }, b: { at: number; origin: EventOrigin }): number {
  const ta = Number.isNaN(a.at) ? -Infinity : a.at;
  const tb = Number.isNaN(b.at) ? -Infinity : b.at;
  return ta - tb || a.origin.order - b.origin.order;
}

export function languageKey(language: string | undefined): string | undefined {
  return language ? (normalizeLanguage(language) ?? language) : undefined;
}

export function buildSignalIndex(documents: readonly LintDocument[]): SignalIndex {
  const eventsByDoc = new Map<LintDocument, SignalEvent[]>();
  const events: SignalEvent[] = [];
  const exports: { doc: LintDocument; order: number }[] = [];
  let order = 0;
  for (const doc of documents) {
    if (doc.kind === 'webhook' || doc.kind === 'send-log') {
      const list = readSignalEvents(doc, order);
      order += list.length;
      eventsByDoc.set(doc, list);
      for (const e of list) events.push(e);
    } else if (doc.kind === 'template' && isMetaExport(doc.data)) {
      exports.push({ doc, order: order++ });
    }
  }

  // Template ids → name and language, from every signal that names both.
  const nameOfId = new Map<string, { name: string; language?: string }>();
  const learn = (id: string | undefined, name: string | undefined, language: string | undefined) => {
    if (id && name && !nameOfId.has(id)) nameOfId.set(id, { name, language });
  };
  for (const e of events) if ('templateId' in e) learn(e.templateId, e.name, e.language);
  for (const { doc } of exports) learn(text(String(doc.data.id ?? '')), doc.name, languageKey(doc.language));

  const templates = new Map<string, TemplateSignals>();
  const entry = (id: string | undefined, name: string | undefined, language: string | undefined): TemplateSignals | undefined => {
    let n = name;
    let l = language;
    if (!n && id && nameOfId.has(id)) ({ name: n, language: l } = nameOfId.get(id)!);
    const key = n ? templateKey(n, l) : id ? `id:${id}` : undefined;
    if (!key) return undefined;
    let t = templates.get(key);
    if (!t) templates.set(key, (t = { key, name: n, language: l, ids: [], pauses: [] }));
    if (id && !t.ids.includes(id)) t.ids.push(id);
    return t;
  };

  // Meta's template export: undated snapshot values.
  for (const { doc, order: o } of exports) {
    const d = doc.data;
    const t = entry(text(String(d.id ?? '')), doc.name, languageKey(doc.language));
    if (!t) continue;
    const origin = (pointer: string): EventOrigin => ({ doc, pointer, order: o });
    const status = upperText(d.status);
    if (status && isLater({ at: NaN, origin: origin('/status') }, t.status)) t.status = { value: status, at: NaN, origin: origin('/status'), reason: upperText(d.rejected_reason) };
    const quality = isRecord(d.quality_score) ? upperText(d.quality_score.score) : upperText(d.quality_score);
    if (quality) {
      const at = isRecord(d.quality_score) ? toMillis(d.quality_score.date) : NaN;
      const o2 = origin('/quality_score');
      if (isLater({ at, origin: o2 }, t.quality)) t.quality = { value: quality, at, origin: o2 };
    }
    const category = normalizeCategory(d.category);
    if (category && isLater({ at: NaN, origin: origin('/category') }, t.category)) t.category = { value: category, at: NaN, origin: origin('/category'), previous: upperText(d.previous_category) };
    const correct = normalizeCategory(d.correct_category);
    if (correct && correct !== category && isLater({ at: NaN, origin: origin('/correct_category') }, t.pending)) t.pending = { value: correct, at: NaN, origin: origin('/correct_category') };
  }

  // Webhook events, in time order (then run order), so later ones overwrite.
  const dated = [...events].sort(compareObserved);
  for (const e of dated) {
    if (e.type === 'template-status') {
      const t = entry(e.templateId, e.name, e.language);
      if (!t) continue;
      if (isLater(e, t.status)) t.status = { value: e.status, at: e.at, origin: e.origin, reason: e.reason, title: e.title, rejection: e.rejection };
      if (e.category && isLater(e, t.category)) t.category = { value: normalizeCategory(e.category), at: e.at, origin: e.origin };
      if (e.status === 'APPROVED' && e.title !== 'UNPAUSE' && !Number.isNaN(e.at) && isLater(e, t.approved)) t.approved = { value: e.at, at: e.at, origin: e.origin };
      if (e.status === 'PAUSED' || e.status === 'DISABLED') t.pauses.push({ value: e.title ?? e.status, at: e.at, origin: e.origin });
    } else if (e.type === 'template-category') {
      const t = entry(e.templateId, e.name, e.language);
      if (!t) continue;
      if (e.current && isLater(e, t.category)) t.category = { value: normalizeCategory(e.current), at: e.at, origin: e.origin, previous: e.previous };
      if (e.correct && e.correct !== e.current && isLater(e, t.pending)) t.pending = { value: normalizeCategory(e.correct), at: e.at, origin: e.origin, effectiveAt: e.effectiveAt };
    } else if (e.type === 'template-quality') {
      const t = entry(e.templateId, e.name, e.language);
      if (t && isLater(e, t.quality)) t.quality = { value: e.quality, at: e.at, origin: e.origin, previous: e.previous };
    }
  }
  // A pending change is done once Meta reports the template in that category after announcing it.
  for (const t of templates.values()) {
    if (t.pending && t.category && t.category.value === t.pending.value && !isLater(t.pending, t.category)) t.pending = undefined;
  }

  // Users: stop and resume in time order; a 131050 failure means the user had stopped marketing.
  const users = new Map<string, UserPreference>();
  const stated = (user: string | undefined, stopped: boolean, e: SignalEvent, how: UserPreference['how']) => {
    if (!user) return;
    const before = users.get(user);
    if (!before || isLater(e, before)) users.set(user, { stopped, at: e.at, origin: e.origin, how });
  };
  for (const e of dated) {
    if (e.type === 'user-preference' && (e.category === undefined || e.category === 'marketing_messages')) {
      if (e.value === 'stop') stated(e.user, true, e, 'preference');
      else if (e.value === 'resume' || e.value === 'signup') stated(e.user, false, e, 'preference');
    } else if (e.type === 'reply') {
      stated(e.user, e.keyword === 'stop', e, 'reply');
    } else if (e.type === 'message-status' && e.errors.some((x) => x.code === 131050)) {
      stated(e.recipient, true, e, 'error-131050');
    }
  }
  const stoppedUsers = new Set<string>();
  for (const [user, p] of users) if (p.stopped) stoppedUsers.add(user);

  return { templates, users, stoppedUsers, eventsByDoc, events };
}

/** Meta's signals about one template: by name and language (either form of the code), else by name alone, else by id. */
export function signalsFor(index: SignalIndex, name: string | undefined, language: string | undefined, id?: string): TemplateSignals | undefined {
  if (index.templates.size === 0) return undefined;
  if (name) {
    const lang = languageKey(language);
    const exact = lang ? index.templates.get(templateKey(name, lang)) : undefined;
    if (exact) return exact;
    const bare = index.templates.get(name);
    if (bare) return bare;
    if (!lang) {
      // The reference names no language: one template of that name in Meta's data is the one meant.
      const prefix = `${name}|`;
      const matches = [...index.templates.values()].filter((t) => t.key.startsWith(prefix));
      if (matches.length === 1) return matches[0];
    }
  }
  if (id) for (const t of index.templates.values()) if (t.ids.includes(id)) return t;
  return undefined;
}

/** The category Meta holds or has announced (a pending correct_category wins: it is where the template is going). */
export function metaCategory(t: TemplateSignals | undefined): string | undefined {
  return t?.pending?.value ?? t?.category?.value;
}

/** Hours Meta pauses a template for (template-pausing: 3 hours the first time, 6 the second). */
export const PAUSE_HOURS: Readonly<Record<string, number>> = { FIRST_PAUSE: 3, SECOND_PAUSE: 6 };
