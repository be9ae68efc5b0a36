// Facts of a webhook log or send log: the mix of error codes in its message statuses, and the account
// restrictions Meta reported that are still in force.

import { formatWhen } from './describe.js';
import type { MessageStatusEvent, SignalEvent } from './events.js';
import { signalIndex } from './index.js';
import { readSignalEvents } from './events.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactContext, FactProvider } from '../registry.js';

/**
 * The error codes whose share of a send log says something, with the default share (percent of messages)
 * above which msglint reports it. Config: thresholds.sendLogMaxPercent<code>, thresholds.sendLogMinMessages.
 * - 131048 spam rate limit: the number is restricted because people blocked or reported it — any real
 *   share means stop the campaign (policy-facts §4).
 * - 131049 per-user marketing limit: the audience gets too much marketing (from everyone); resending
 *   within 24 hours makes it worse.
 * - 131026 undeliverable: numbers not on WhatsApp (or unable to receive): the list is stale or bought.
 * - 131050 user stopped marketing from this business: opt-outs are still being messaged.
 */
export const ERROR_MIX_CODES = [131048, 131049, 131026, 131050] as const;
export type ErrorMixCode = (typeof ERROR_MIX_CODES)[number];

export const ERROR_MIX_DEFAULTS: Readonly<Record<ErrorMixCode, number>> = { 131048: 0.5, 131049: 5, 131026: 5, 131050: 1 };
/** Fewer messages than this say nothing reliable about shares. */
export const DEFAULT_MIN_MESSAGES = 20;

export interface ErrorMix {
  /** Messages seen (unique message ids; a status without id counts as one message). */
  messages: number;
  failed: number;
  /** Messages that failed with each code. */
  byCode: Map<number, number>;
  /** The first status carrying each code (where findings point). */
  firstByCode: Map<number, MessageStatusEvent['errors'][number]>;
}

/** Counts, per error code, the messages that failed with it; each message counts once however many statuses it has. */
export function errorMix(events: readonly SignalEvent[]): ErrorMix {
  const codesOf = new Map<string, Set<number>>();
  const failedIds = new Set<string>();
  const firstByCode = new Map<number, MessageStatusEvent['errors'][number]>();
  let anonymous = 0;
  let anonymousFailed = 0;
  const byCodeAnonymous = new Map<number, number>();
  for (const e of events) {
    if (e.type !== 'message-status') continue;
    for (const err of e.errors) if (!firstByCode.has(err.code)) firstByCode.set(err.code, err);
    if (!e.messageId) {
      anonymous++;
      if (e.status === 'failed') anonymousFailed++;
      for (const code of new Set(e.errors.map((x) => x.code))) byCodeAnonymous.set(code, (byCodeAnonymous.get(code) ?? 0) + 1);
      continue;
    }
    let codes = codesOf.get(e.messageId);
    if (!codes) codesOf.set(e.messageId, (codes = new Set()));
    for (const err of e.errors) codes.add(err.code);
    if (e.status === 'failed') failedIds.add(e.messageId);
  }
  const byCode = new Map(byCodeAnonymous);
  for (const codes of codesOf.values()) for (const code of codes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  return { messages: codesOf.size + anonymous, failed: failedIds.size + anonymousFailed, byCode, firstByCode };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function limitOf(ctx: Pick<FactContext, 'thresholds'>, code: ErrorMixCode): number {
  const v = ctx.thresholds[`sendLogMaxPercent${code}`];
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : ERROR_MIX_DEFAULTS[code];
}

function eventsOf(doc: LintDocument, ctx: FactContext): SignalEvent[] {
  return signalIndex(ctx.workspace).eventsByDoc.get(doc) ?? readSignalEvents(doc);
}

const facts: Record<string, string> = {
  statusMessages: 'messages with a status in this log (each message once)',
  failedMessages: 'messages whose status is failed',
  minMessages: 'fewer messages than this say nothing about error shares (thresholds.sendLogMinMessages, default 20)',
  activeRestrictions: 'account restrictions Meta reported in this log that are still in force now: restriction type, until, and the account',
};
for (const code of ERROR_MIX_CODES) {
  facts[`sendErrors${code}`] = `messages that failed with error ${code}`;
  facts[`sendErrorPercent${code}`] = `share of the messages that failed with error ${code}, in percent (one decimal)`;
  facts[`sendErrorLimit${code}`] = `the share of ${code} failures above which msglint reports it (percent; thresholds.sendLogMaxPercent${code}, default ${ERROR_MIX_DEFAULTS[code]})`;
  facts[`sendErrorOver${code}`] = `whether ${code} failures are above their limit in a log of at least minMessages messages`;
  facts[`sendErrorFirst${code}`] = `the first status with error ${code} (where the finding points)`;
}

export const signalLogFacts: FactProvider = {
  id: 'signals-log',
  kinds: ['webhook', 'send-log'],
  facts,
  compute(doc, ctx) {
    const events = eventsOf(doc, ctx);
    const mix = errorMix(events);
    const minMessages = typeof ctx.thresholds.sendLogMinMessages === 'number' ? ctx.thresholds.sendLogMinMessages : DEFAULT_MIN_MESSAGES;
    const out: Record<string, unknown> = { statusMessages: mix.messages, failedMessages: mix.failed, minMessages, activeRestrictions: activeRestrictions(events, ctx.now.getTime()) };
    for (const code of ERROR_MIX_CODES) {
      const count = mix.byCode.get(code) ?? 0;
      const share = percent(count, mix.messages);
      const limit = limitOf(ctx, code);
      const first = mix.firstByCode.get(code);
      out[`sendErrors${code}`] = count;
      out[`sendErrorPercent${code}`] = share;
      out[`sendErrorLimit${code}`] = limit;
      out[`sendErrorOver${code}`] = count > 0 && mix.messages >= minMessages && share > limit;
      out[`sendErrorFirst${code}`] = first ? [{ path: first.pointer, start: 0, end: 0, text: String(code) } satisfies TextMatch] : [];
    }
    return out;
  },
};

/** Restrictions (account_update restriction_info) whose expiration is after now; one without expiration counts until a later event lifts it. */
function activeRestrictions(events: readonly SignalEvent[], now: number): TextMatch[] {
  const out: TextMatch[] = [];
  const seen = new Set<string>();
  // Newest first: the latest report of each restriction type decides.
  const accounts = events.filter((e): e is Extract<SignalEvent, { type: 'account' }> => e.type === 'account').reverse();
  for (const e of accounts) {
    if (e.banState === 'REINSTATE') break;
    for (const r of e.restrictions) {
      if (seen.has(r.type)) continue;
      seen.add(r.type);
      if (!Number.isNaN(r.expiresAt) && r.expiresAt <= now) continue;
      const until = Number.isNaN(r.expiresAt) ? 'no end date given' : `until ${formatWhen(r.expiresAt)}`;
      out.push({ path: r.pointer, start: 0, end: 0, text: r.type, until, account: e.wabaId ?? '' });
    }
  }
  return out.reverse();
}
