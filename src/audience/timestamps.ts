/**
 * Timestamps in audience files, read the same way on every machine: ISO 8601 dates and date-times (a missing
 * offset means UTC, never the machine's time zone), or Unix time in seconds or milliseconds. `Date.parse` is not
 * used because it reads "2026-03-02T10:15" in the local zone of whoever runs msglint.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;
const EPOCH = /^\d{9,13}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** "2026-03-02T10:15:00Z" — what nearly every export writes — without a regular expression. */
function parseCommonUtc(s: string): number {
  if (s.length !== 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN;
  const t = s.charCodeAt(10);
  const z = s.charCodeAt(19);
  if ((t !== 84 && t !== 116 && t !== 32) || (z !== 90 && z !== 122)) return NaN;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  return (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), without a Date object. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Milliseconds since the epoch, or NaN when the text is not a timestamp msglint can read. */
export function parseTimestamp(text: string): number {
  const common = parseCommonUtc(text);
  if (!Number.isNaN(common)) return common;
  const s = text.trim();
  if (s === '') return NaN;
  if (EPOCH.test(s)) {
    const n = Number(s);
    return s.length >= 12 ? n : n * 1000;
  }
  const m = ISO.exec(s);
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 24 || minute > 59 || second > 60) return NaN;
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return NaN;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return NaN;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** An opt-out column may hold a time or a flag; these values mean "not opted out". */
const NOT_OPTED_OUT = new Set(['', '0', 'false', 'no', 'n', 'none', 'null', 'never', '-', 'f', 'nil', 'undefined', 'na', 'n/a']);

/**
 * The opt-out column: NaN when the contact has not opted out, the opt-out time when there is one, +Infinity for an
 * opt-out without a readable time ("yes", "true", "STOP", …): they opted out, we cannot tell when.
 */
export function parseOptOut(text: string): number {
  const s = text.trim();
  if (NOT_OPTED_OUT.has(s.toLowerCase())) return NaN;
  const t = parseTimestamp(s);
  return Number.isNaN(t) ? Infinity : t;
}

/** "2026-11-27" of a time, for messages. */
export function isoDate(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}
