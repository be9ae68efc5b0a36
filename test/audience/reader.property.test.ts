import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyzeAudience, type AudienceStats } from '../../src/audience/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'msglint-prop-'));
let n = 0;
const now = Date.UTC(2026, 10, 26);

/** Characters that stress a CSV reader: separators, quotes, line ends, digits, a plus, letters, NUL, non-ASCII. */
const csvChar = fc.constantFrom(',', ',', '"', '"', '\n', '\n', '\r', '+', '4', '7', '0', '1', '9', ' ', 'a', 'Z', '-', ':', 'T', '\u0000', 'é', '📱', ';');
const csvText = fc.array(csvChar, { maxLength: 400 }).map((cs) => cs.join(''));
const datedRow = fc
  .record({ phone: fc.constantFrom('+447400123456', '+34612345678', '+4477009', '', '"+447400123457', '"a""b"'), at: fc.constantFrom('2026-01-01', '', 'x', '2030-01-01T00:00:00Z'), out: fc.constantFrom('', 'yes', '2026-02-01') })
  .map((r) => `${r.phone},${r.at},${r.out}\n`);

function lineCount(bytes: Buffer): number {
  let lines = 1;
  for (const b of bytes) if (b === 10) lines++;
  return lines;
}

function checkInvariants(s: AudienceStats, lines: number): void {
  const tallies = [s.invalidNumber, s.duplicate, s.missingOptIn, s.optedOut, s.futureOptIn, s.staleConsent, s.wordingMismatch];
  for (const t of tallies) {
    expect(t.count).toBeGreaterThanOrEqual(0);
    expect(t.count).toBeLessThanOrEqual(s.contacts);
    expect(t.examples.length).toBe(Math.min(5, t.count));
    for (const e of t.examples) {
      expect(e.row).toBeGreaterThanOrEqual(1);
      expect(e.row).toBeLessThanOrEqual(lines);
      expect(e.phone).not.toMatch(/\d{6}/);
    }
  }
  for (const p of s.unreadable.examples) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.endLine).toBeGreaterThanOrEqual(p.line);
    expect(p.endLine).toBeLessThanOrEqual(lines);
  }
  expect(s.uniqueNumbers).toBeLessThanOrEqual(s.contacts);
  expect(s.validEvidence).toBeLessThanOrEqual(s.uniqueNumbers);
  expect(s.coverage).toBeGreaterThanOrEqual(0);
  expect(s.coverage).toBeLessThanOrEqual(1);
}

async function run(bytes: Buffer, ext: string, maxRecordBytes?: number): Promise<void> {
  const file = path.join(dir, `p${n++}.${ext}`);
  writeFileSync(file, bytes);
  const s = await analyzeAudience(file, { now, maxRecordBytes });
  checkInvariants(s, lineCount(bytes));
}

describe('the audience reader on arbitrary input', () => {
  it('never throws, and every row number it reports is inside the file (CSV-like text, tiny record limit)', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.array(datedRow, { maxLength: 12 }), fc.constantFrom(16, 64, 4096), async (noise, rows, max) => {
        await run(Buffer.from('phone,opted_in_at,opted_out_at\n' + rows.join('') + noise + rows.join('')), 'csv', max);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        await run(Buffer.concat([Buffer.from('phone,opted_in_at\n'), Buffer.from(bytes)]), 'csv', 128);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on broken JSON Lines', async () => {
    const jsonish = fc.array(fc.constantFrom('{', '}', '"phone"', ':', '"+447400123456"', ',', '\n', '[', ']', 'null', '1', ' '), { maxLength: 200 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(jsonish, async (text) => {
        await run(Buffer.from(text), 'jsonl', 32);
      }),
      { numRuns: 200 },
    );
  });
});
