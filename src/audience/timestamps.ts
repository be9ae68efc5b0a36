/**
 * Timestamps in audience files, read the same way on every machine: ISO 8601 dates and date-times (a missing
 * offset means UTC, never the machine's time zone), or Unix time in seconds or milliseconds. `Date.parse` is not
 * used because it reads "2026-03-02T10:15" in the local zone of whoever runs msglint.
 */

const EPOCH = /^\d{9,13}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number, or -1. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * ISO 8601 as exports write it — `2026-03-02`, `2026-03-02T10:15`, `2026-03-02 10:15:00.123`, `…Z`, `…+05:30`,
 * `…-0300` — scanned character by character (no regular expression, no Date): this runs for every row.
 * NaN when the text is not that shape.
 */
function parseIso(s: string): number {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (hi < 0 || lo < 0 || month < 1 || month > 12 || day < 1) return NaN;
  const year = hi * 100 + lo;
  if (day > daysInMonth(year, month)) return NaN;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let i = 10;
  if (i < n) {
    const t = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1) - 48;
    if ((t === 84 || t === 116 || t === 32) && next >= 0 && next <= 9) {
      hour = two(s, i + 1);
      minute = s.charCodeAt(i + 3) === 58 ? two(s, i + 4) : -1;
      if (hour < 0 || hour > 24 || minute < 0 || minute > 59) return NaN;
      i += 6;
      if (i < n && s.charCodeAt(i) === 58) {
        second = two(s, i + 1);
        if (second < 0 || second > 60) return NaN;
        i += 3;
        if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
          let scale = 100;
          i++;
          const start = i;
          for (; i < n; i++) {
            const c = s.charCodeAt(i) - 48;
            if (c < 0 || c > 9) break;
            ms += c * scale;
            scale /= 10;
          }
          if (i === start || i - start > 9) return NaN;
          ms = Math.floor(ms);
        }
      }
      if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return NaN;
    }
  }
  while (i < n && s.charCodeAt(i) === 32) i++;
  let offset = 0;
  if (i < n) {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i === n - 1) i++;
    else if (c === 43 || c === 45) {
      const oh = two(s, i + 1);
      let j = i + 3;
      if (j < n && s.charCodeAt(j) === 58) j++;
      const om = j < n ? two(s, j) : 0;
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
      offset = (c === 45 ? -1 : 1) * (oh * 60 + om);
      i = j < n ? j + 2 : j;
    }
    if (i !== n) return NaN;
  }
  return (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + Math.min(second, 59)) * 1000 + ms - offset * 60_000;
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
  const direct = parseIso(text);
  if (!Number.isNaN(direct)) return direct;
  const s = text.trim();
  if (s === '' || s === text) return EPOCH.test(s) ? epoch(s) : NaN;
  return EPOCH.test(s) ? epoch(s) : parseIso(s);
}

function epoch(s: string): number {
  const n = Number(s);
  return s.length >= 12 ? n : n * 1000;
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
