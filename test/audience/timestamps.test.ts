import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseOptOut, parseTimestamp } from '../../src/audience/index.js';

/** The reference: the grammar as a regular expression, computed with Date.UTC (the scanner must agree with it). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;
function reference(text: string): number {
  const s = text.trim();
  if (/^\d{9,13}$/.test(s)) return s.length >= 12 ? Number(s) : Number(s) * 1000;
  const m = ISO.exec(s);
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 24 || minute > 59 || second > 60) return NaN;
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return NaN;
  let offset = 0;
  if (m[9] !== undefined) {
    const [oh, om] = [Number(m[10]), m[11] === undefined ? 0 : Number(m[11])];
    if (oh > 23 || om > 59) return NaN;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, Math.min(second, 59), ms);
  return d.getTime() - offset * 60_000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('parseTimestamp', () => {
  it('reads what exports write, in UTC unless an offset says otherwise', () => {
    expect(parseTimestamp('2026-03-02T10:15:00Z')).toBe(Date.UTC(2026, 2, 2, 10, 15));
    expect(parseTimestamp('2026-03-02T10:15:00.250Z')).toBe(Date.UTC(2026, 2, 2, 10, 15, 0, 250));
    expect(parseTimestamp('2026-03-02 10:15')).toBe(Date.UTC(2026, 2, 2, 10, 15));
    expect(parseTimestamp('2026-03-02')).toBe(Date.UTC(2026, 2, 2));
    expect(parseTimestamp('2026-11-27T09:00:00+05:30')).toBe(Date.UTC(2026, 10, 27, 3, 30));
    expect(parseTimestamp('2026-11-27T09:00:00-0300')).toBe(Date.UTC(2026, 10, 27, 12));
    expect(parseTimestamp(' 2026-03-02 ')).toBe(Date.UTC(2026, 2, 2));
    expect(parseTimestamp('1767225600')).toBe(Date.UTC(2026, 0, 1));
    expect(parseTimestamp('1767225600000')).toBe(Date.UTC(2026, 0, 1));
    for (const bad of ['', 'March 2026', '02/03/2026', '2026-02-30', '2026-13-01', '2026-03-02T25:00', '2026-03-02T10:15:00+24:00', '2026-03-02Tx']) expect(parseTimestamp(bad), bad).toBeNaN();
  });

  it('agrees with the regular-expression grammar on generated dates, times and offsets', () => {
    const arb = fc
      .record({
        y: fc.integer({ min: 1900, max: 2100 }),
        mo: fc.integer({ min: 0, max: 13 }),
        d: fc.integer({ min: 0, max: 32 }),
        time: fc.option(fc.record({ sep: fc.constantFrom('T', 't', ' '), h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.option(fc.integer({ min: 0, max: 61 })), frac: fc.option(fc.stringMatching(/^[0-9]{1,10}$/)) })),
        zone: fc.constantFrom('', 'Z', 'z', '+05:30', '-03:00', '+0530', '-0800', '+05', '+24:00', ' Z', '+5:30'),
      })
      .map(({ y, mo, d, time, zone }) => {
        let t = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
        if (time) {
          t += `${time.sep}${pad(time.h)}:${pad(time.mi)}`;
          if (time.s !== null) t += `:${pad(time.s)}${time.frac !== null ? `.${time.frac}` : ''}`;
        }
        return t + zone;
      });
    fc.assert(
      fc.property(arb, (text) => {
        const a = parseTimestamp(text);
        const b = reference(text);
        return (Number.isNaN(a) && Number.isNaN(b)) || a === b;
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads opt-out flags and times', () => {
    expect(parseOptOut('')).toBeNaN();
    expect(parseOptOut('no')).toBeNaN();
    expect(parseOptOut('FALSE')).toBeNaN();
    expect(parseOptOut('yes')).toBe(Number.POSITIVE_INFINITY);
    expect(parseOptOut('STOP')).toBe(Number.POSITIVE_INFINITY);
    expect(parseOptOut('2026-05-01')).toBe(Date.UTC(2026, 4, 1));
  });
});
