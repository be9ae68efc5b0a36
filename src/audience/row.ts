import type { AudienceField } from './columns.js';
import { isKnownCountry, readPhone, type PhoneReading } from './phone.js';
import { parseOptOut, parseTimestamp } from './timestamps.js';

/** How one row is read: where the fields are, and the moments consent is judged against. */
export interface RowContext {
  col: Record<AudienceField, number>;
  /** Upper-cased ISO country for national numbers, or ''. */
  defaultCountry: string;
  now: number;
  sendAt: number;
  /** Opt-ins before this moment are stale. */
  staleBefore: number;
}

/** The row's phone number, read with the row's country column (when it holds a country) or the default country. */
export function rowPhone(values: readonly string[], ctx: RowContext, raw: string): PhoneReading {
  const rowCountry = ctx.col.country >= 0 ? (values[ctx.col.country] ?? '').trim() : '';
  const home = rowCountry.length === 2 && isKnownCountry(rowCountry) ? rowCountry : ctx.defaultCountry;
  return readPhone(raw, home);
}

/** The opt-in time (ms), NaN when missing or not a date. */
export function rowOptIn(values: readonly string[], ctx: RowContext): number {
  if (ctx.col.optedInAt < 0) return NaN;
  const text = values[ctx.col.optedInAt] ?? '';
  return text === '' ? NaN : parseTimestamp(text);
}

/** The opt-out (ms, +Infinity for an untimed one), NaN when they have not opted out. */
export function rowOptOut(values: readonly string[], ctx: RowContext): number {
  if (ctx.col.optedOutAt < 0) return NaN;
  const text = values[ctx.col.optedOutAt] ?? '';
  return text === '' ? NaN : parseOptOut(text);
}

export type ConsentState = 'missing' | 'future' | 'stale' | 'current';

/** Whether an opt-in time is evidence for this send: present, not after today or the send, not older than the threshold. */
export function consentState(t: number, ctx: RowContext): ConsentState {
  if (Number.isNaN(t)) return 'missing';
  if (t > ctx.now || t > ctx.sendAt) return 'future';
  if (t < ctx.staleBefore) return 'stale';
  return 'current';
}

/** An opt-out counts unless the same row opted in again after it. */
export function rowOptedOut(out: number, t: number): boolean {
  return !Number.isNaN(out) && (Number.isNaN(t) || out >= t);
}
