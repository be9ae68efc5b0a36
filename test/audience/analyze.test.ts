import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { CLAIM, NOW, SEND_AT, generate, type ExpectedCounts } from '../../bench/gen-audience.mjs';
import { analyzeAudience, type AudienceStats } from '../../src/audience/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'msglint-audience-'));
const DAY = 86_400_000;

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function counts(s: AudienceStats): Partial<ExpectedCounts> {
  return {
    contacts: s.contacts,
    invalidNumber: s.invalidNumber.count,
    duplicate: s.duplicate.count,
    missingOptIn: s.missingOptIn.count,
    optedOut: s.optedOut.count,
    futureOptIn: s.futureOptIn.count,
    staleConsent: s.staleConsent.count,
    wordingMismatch: s.wordingMismatch.count,
    usNumbers: s.usNumbers,
    uniqueNumbers: s.uniqueNumbers,
    validEvidence: s.validEvidence,
  };
}

describe('analyzeAudience on generated audiences with known defects', () => {
  let csv: { file: string; expected: ExpectedCounts };
  let jsonl: { file: string; expected: ExpectedCounts };
  beforeAll(async () => {
    const csvFile = path.join(dir, 'gen.csv');
    const jsonlFile = path.join(dir, 'gen.jsonl');
    csv = { file: csvFile, expected: await generate({ rows: 30_000, out: csvFile, seed: 3 }) };
    jsonl = { file: jsonlFile, expected: await generate({ rows: 8_000, out: jsonlFile, format: 'jsonl', seed: 4 }) };
  });

  it('counts every defect of a CSV exactly', async () => {
    const s = await analyzeAudience(csv.file, { now: NOW, sendAt: SEND_AT, claimWording: CLAIM });
    const { rows: _rows, ...expected } = csv.expected;
    expect(counts(s)).toEqual(expected);
    expect(s.coverage).toBeCloseTo(expected.validEvidence / expected.contacts, 10);
    expect(s.unreadable.count).toBe(0);
  });

  it('counts every defect of JSON Lines exactly', async () => {
    const s = await analyzeAudience(jsonl.file, { now: NOW, sendAt: SEND_AT, claimWording: CLAIM });
    const { rows: _rows, ...expected } = jsonl.expected;
    expect(s.format).toBe('jsonl');
    expect(counts(s)).toEqual(expected);
  });

  it('keeps at most five examples per problem, with masked numbers only', async () => {
    const s = await analyzeAudience(csv.file, { now: NOW, sendAt: SEND_AT, claimWording: CLAIM });
    for (const t of [s.invalidNumber, s.duplicate, s.missingOptIn, s.optedOut, s.futureOptIn, s.staleConsent, s.wordingMismatch]) {
      expect(t.examples.length).toBe(Math.min(5, t.count));
      for (const e of t.examples) {
        expect(e.row).toBeGreaterThanOrEqual(2);
        expect(e.row).toBeLessThanOrEqual(30_001);
        expect(e.phone).not.toMatch(/\d{4}/);
      }
    }
  });
});

const HEADER = 'phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at\n';
const W = 'Yes, send me offers from Acme Ltd on WhatsApp';
const now = Date.UTC(2026, 10, 26, 12);
const sendAt = Date.UTC(2026, 11, 1, 9);

describe('analyzeAudience row by row', () => {
  it('reports each problem with its row number and a masked number', async () => {
    const file = write(
      'rows.csv',
      HEADER +
        `+447400123456,2026-03-02T10:15:00Z,web-form,${JSON.stringify(W)},\n` + // 2 clean
        '+447400123457,,web-form,,\n' + // 3 no opt-in time
        '+447400123458,2026-03-02,web-form,,2026-05-01\n' + // 4 opted out
        '+4477009,2026-03-02,web-form,,\n' + // 5 invalid
        '+44 7400 123456,2026-04-01,web-form,,\n' + // 6 duplicate of row 2
        '+447400123459,2026-12-24T10:00:00+01:00,web-form,,\n' + // 7 future
        '+447400123460,2023-01-01,web-form,,\n' + // 8 stale
        '+447400123461,2026-03-02,web-form,Send me news,\n', // 9 wording differs
    );
    const s = await analyzeAudience(file, { now, sendAt, claimWording: W });
    expect(s.contacts).toBe(8);
    expect(s.missingOptIn.examples).toEqual([{ row: 3, phone: '+44 74•• •••457' }]);
    expect(s.optedOut.examples).toEqual([{ row: 4, phone: '+44 74•• •••458' }]);
    expect(s.invalidNumber.examples).toEqual([{ row: 5, phone: '+44 7••09' }]);
    expect(s.duplicate.examples).toEqual([{ row: 6, phone: '+44 74•• •••456' }]);
    expect(s.futureOptIn.examples).toEqual([{ row: 7, phone: '+44 74•• •••459' }]);
    expect(s.staleConsent.examples).toEqual([{ row: 8, phone: '+44 74•• •••460' }]);
    expect(s.wordingMismatch.examples).toEqual([{ row: 9, phone: '+44 74•• •••461' }]);
    expect(s.wordingMismatch.wordings).toEqual([{ text: 'Send me news', count: 1 }]);
    // Valid evidence: rows 2 (its duplicate on row 6 adds nothing) and 9.
    expect(s.validEvidence).toBe(2);
    expect(s.uniqueNumbers).toBe(6);
  });

  it('reads national numbers with defaultCountry (or a country column) and finds duplicates after E.164 normalisation', async () => {
    const file = write('national.csv', 'phone,opted_in_at,country\n9876543210,2026-01-01,\n+91 98765 43210,2026-01-01,\n(201) 555-0123,2026-01-01,US\n+12015550123,2026-01-01,\n');
    const s = await analyzeAudience(file, { now, sendAt, defaultCountry: 'in' });
    expect(s.invalidNumber.count).toBe(0);
    expect(s.duplicate.count).toBe(2);
    expect(s.uniqueNumbers).toBe(2);
    expect(s.usNumbers).toBe(1);
    expect(s.countries).toEqual({ IN: 1, US: 1 });
  });

  it('treats a later opt-in as signing up again, and an opt-out on any row as applying to the number', async () => {
    const file = write(
      'optout.csv',
      HEADER +
        '+447400123456,2026-06-01,web-form,,2026-03-01\n' + // opted out in March, back in June: consent
        '+447400123457,2026-02-01,web-form,,yes\n' + // opted out, no time
        '+447400123458,2026-02-01,web-form,,no\n' + // "no" is not an opt-out
        '+447400123459,2026-02-01,web-form,,\n' + // consent…
        '+447400123459,2026-02-01,web-form,,2026-09-01\n', // …withdrawn on a later row
    );
    const s = await analyzeAudience(file, { now, sendAt });
    expect(s.optedOut.count).toBe(2);
    expect(s.validEvidence).toBe(2);
    expect(s.coverage).toBeCloseTo(2 / 5, 10);
  });

  it('counts duplicate rows that reach the same person less than 6 seconds apart at the planned rate', async () => {
    const rows = ['+447400123456', '+447400123457', '+447400123456', ...Array.from({ length: 20 }, (_, i) => `+3461234${String(5000 + i)}`), '+447400123457'];
    const file = write('pair.csv', 'phone\n' + rows.join('\n') + '\n');
    expect((await analyzeAudience(file, { now, ratePerSecond: 1 })).pairRateRepeats).toBe(1);
    expect((await analyzeAudience(file, { now, ratePerSecond: 10 })).pairRateRepeats).toBe(2);
  });

  it('uses the campaign’s column names, ignoring case, spaces and underscores', async () => {
    const file = write('cols.csv', 'Mobile Number,Consent-Date\n+447400123456,2026-01-01\n+447400123457,\n');
    const s = await analyzeAudience(file, { now, columns: { phone: 'mobile_number', optedInAt: 'consent date', optedOutAt: 'Unsubscribed' } });
    expect(s.columnsFound).toEqual({ phone: 'Mobile Number', optedInAt: 'Consent-Date' });
    expect(s.missingMappedColumns).toEqual([{ field: 'optedOutAt', column: 'Unsubscribed' }]);
    expect(s.missingOptIn.count).toBe(1);
  });

  it('counts stale consent from the send date with the configured threshold', async () => {
    const file = write('stale.csv', 'phone,opted_in_at\n+447400123456,2026-01-01\n+447400123457,2025-01-01\n');
    expect((await analyzeAudience(file, { now, sendAt, staleConsentDays: 365 })).staleConsent.count).toBe(1);
    expect((await analyzeAudience(file, { now, sendAt, staleConsentDays: 730 })).staleConsent.count).toBe(0);
    expect((await analyzeAudience(file, { now, sendAt: now + 400 * DAY, staleConsentDays: 365 })).staleConsent.count).toBe(2);
  });
});

describe('analyzeAudience on bad files', () => {
  it('reports a 10 MB field with its row number and reads on', async () => {
    const file = write('huge.csv', Buffer.concat([Buffer.from(HEADER + '+447400123456,2026-01-01,,,\n+447400123457,'), Buffer.alloc(10 * 1024 * 1024, 'x'), Buffer.from(',,,\n+447400123458,2026-01-01,,,\n')]));
    const before = process.memoryUsage().rss;
    const s = await analyzeAudience(file, { now });
    expect(s.unreadable.count).toBe(1);
    expect(s.unreadable.examples[0]).toMatchObject({ line: 3, endLine: 3 });
    expect(s.contacts).toBe(2);
    expect(s.uniqueNumbers).toBe(2);
    // The field is never held whole (a generous bound: the parser's buffers, not the 10 MB field, twice over).
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  it('reports a quote that never closes at its row and reads the rows after it', async () => {
    const file = write('quote.csv', HEADER + '+447400123456,2026-01-01,,,\n"+447400123457,2026-01-01,,,\n+447400123458,2026-01-01,,,\n+447400123459,2026-01-01,,,\n');
    const s = await analyzeAudience(file, { now });
    expect(s.unreadable.examples).toEqual([{ line: 3, endLine: 3, reason: 'a quote (") opens a field and is never closed' }]);
    expect(s.contacts).toBe(3);
  });

  it('says why a file cannot be used at all', async () => {
    expect((await analyzeAudience(write('bin.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01])), { now })).fatal).toMatch(/binary/);
    expect((await analyzeAudience(write('utf16.csv', Buffer.from('\ufeffphone\n', 'utf16le')), { now })).fatal).toMatch(/UTF-16/);
    expect((await analyzeAudience(write('empty.csv', ''), { now })).fatal).toMatch(/no header/);
    expect((await analyzeAudience(path.join(dir, 'nope.csv'), { now })).fatal).toBe('the file does not exist');
    mkdirSync(path.join(dir, 'folder.csv'), { recursive: true });
    expect((await analyzeAudience(path.join(dir, 'folder.csv'), { now })).fatal).toMatch(/folder/);
    const noPhone = await analyzeAudience(write('nophone.csv', 'name\nAlice\n'), { now });
    expect(noPhone.phoneColumnMissing).toBe(true);
  });

  it('masks numbers in a header row that is really a contact', async () => {
    const s = await analyzeAudience(write('headerless.csv', '+447400123456,2026-01-01\n+447400123457,2026-01-01\n'), { now });
    expect(s.header.join(',')).not.toMatch(/\d{5}/);
    expect(s.phoneColumnMissing).toBe(true);
  });

  it('reports JSON Lines that are not objects by line', async () => {
    const s = await analyzeAudience(write('bad.jsonl', '{"phone":"+447400123456","opted_in_at":"2026-01-01"}\nnot json\n[1,2]\n\n{"phone":447400123457,"opted_in_at":null}\n'), { now });
    expect(s.unreadable.examples.map((p) => [p.line, p.reason])).toEqual([
      [2, 'not valid JSON'],
      [3, 'not a JSON object'],
    ]);
    expect(s.contacts).toBe(2);
    expect(s.invalidNumber.count).toBe(1); // a bare number without + or defaultCountry
    expect(s.missingOptIn.count).toBe(1);
  });
});
