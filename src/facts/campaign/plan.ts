import { isRecord } from '../../documents/kinds.js';
import { parseScheduleTime, parseWindow, type SendingWindow } from './timezones.js';

/** The default throughput of a WhatsApp business number (messages per second). */
export const DEFAULT_THROUGHPUT = 80;
/** Throughput after Meta's automatic upgrade. */
export const HIGH_THROUGHPUT = 1_000;
/** A number shared with the WhatsApp Business app ("coexistence"). */
export const SHARED_APP_THROUGHPUT = 20;

/** When and how fast a campaign sends, read from its document. */
export interface CampaignSchedule {
  /** When sending starts (ms); NaN when the campaign gives no date. */
  start: number;
  /** The date as written, for messages. */
  startText: string;
  /** schedule.ratePerSecond, or 0 when not set. */
  ratePerSecond: number;
  batches: { at: number; size: number }[];
  window?: SendingWindow;
  timezone?: string;
}

export function campaignSchedule(data: Record<string, unknown>): CampaignSchedule {
  const schedule = isRecord(data.schedule) ? data.schedule : {};
  const zone = typeof schedule.timezone === 'string' ? schedule.timezone : undefined;
  const startText = typeof schedule.start === 'string' ? schedule.start : typeof data.sendDate === 'string' ? data.sendDate : '';
  const batches = Array.isArray(schedule.batches)
    ? schedule.batches.filter(isRecord).flatMap((b) => {
        const at = typeof b.at === 'string' ? parseScheduleTime(b.at, zone) : NaN;
        const size = typeof b.size === 'number' && b.size >= 0 ? Math.floor(b.size) : NaN;
        return Number.isNaN(at) || Number.isNaN(size) ? [] : [{ at, size }];
      })
    : [];
  let start = startText ? parseScheduleTime(startText, zone) : NaN;
  if (Number.isNaN(start) && batches.length > 0) start = Math.min(...batches.map((b) => b.at));
  return {
    start,
    startText: startText || (batches.length > 0 ? new Date(start).toISOString() : ''),
    ratePerSecond: typeof schedule.ratePerSecond === 'number' && schedule.ratePerSecond > 0 ? schedule.ratePerSecond : 0,
    batches,
    window: parseWindow(schedule.window),
    timezone: zone,
  };
}

/** Messages per second one business number may send (Meta's throughput levels). */
export function numberThroughput(n: Record<string, unknown>): number {
  if (n.sharedWithBusinessApp === true) return SHARED_APP_THROUGHPUT;
  const t = n.throughput;
  if (typeof t === 'number' && t > 0) return t;
  if (isRecord(t) && typeof t.level === 'string' && t.level.toUpperCase() === 'HIGH') return HIGH_THROUGHPUT;
  return DEFAULT_THROUGHPUT;
}

/** The account's phone numbers (records only). */
export function accountNumbers(account: Record<string, unknown> | undefined): Record<string, unknown>[] {
  return account && Array.isArray(account.phoneNumbers) ? account.phoneNumbers.filter(isRecord) : [];
}

/** The lowest throughput among the account's numbers: a campaign may be sent from any of them. */
export function accountThroughput(account: Record<string, unknown> | undefined): number {
  const numbers = accountNumbers(account);
  return numbers.length > 0 ? Math.min(...numbers.map(numberThroughput)) : DEFAULT_THROUGHPUT;
}
