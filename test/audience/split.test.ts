import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { describe, expect, it } from 'vitest';

import { CLAIM, NOW, SEND_AT, generate } from '../../bench/gen-audience.mjs';
import type * as Audience from '../../src/audience/index.js';
import { ROOT } from '../helpers/cli.js';

// The second half runs in a worker thread, which needs the compiled JavaScript (npm run build).
const dist = (await import(pathToFileURL(path.join(ROOT, 'dist/audience/index.js')).href)) as typeof Audience;
const dir = mkdtempSync(path.join(tmpdir(), 'msglint-split-'));

function comparable(s: Audience.AudienceStats): Record<string, unknown> {
  const { numbers, numberCountries, elapsedMs: _elapsed, evidence, ...rest } = s;
  return {
    ...rest,
    numbers: Array.from({ length: numbers.size }, (_, i) => numbers.at(i)),
    countries: Array.from(numberCountries),
    evidence: evidence && { best: Array.from(evidence.bestOptIn), out: Array.from(evidence.latestOptOut) },
  };
}

async function both(file: string, extra: Partial<Audience.AnalyzeOptions> = {}): Promise<[Audience.AudienceStats, Audience.AudienceStats]> {
  const options = { now: NOW, sendAt: SEND_AT, claimWording: CLAIM, ratePerSecond: 80, keepEvidence: true, ...extra };
  const one = await dist.analyzeAudience(file, { ...options, parallelMinBytes: Number.POSITIVE_INFINITY });
  const two = await dist.analyzeAudience(file, { ...options, parallelMinBytes: 1 });
  return [one, two];
}

describe('reading a large file in two halves (worker thread) gives exactly what one pass gives', () => {
  it('on a generated audience with duplicates across the halves', async () => {
    const file = path.join(dir, 'gen.csv');
    const expected = await generate({ rows: 40_000, out: file, seed: 11 });
    const [one, two] = await both(file);
    expect(two.readers).toBe(2);
    expect(one.readers).toBe(1);
    const { readers: _a, ...a } = comparable(two);
    const { readers: _b, ...b } = comparable(one);
    expect(a).toEqual(b);
    expect(two.duplicate.count).toBe(expected.duplicate);
  });

  it('when a quoted field, a broken quote or a huge field sits at the split', async () => {
    const head = 'phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at\n';
    const row = (i: number) => `+4474${String(10_000_000 + i)},2026-03-02T10:15:00Z,web-form,"Yes, send me offers from Acme Retail Ltd on WhatsApp",\n`;
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i)).join('');
    const cases: Record<string, string> = {
      // A quoted field with line breaks in the middle of the file: the split falls inside it, so one reader goes on.
      quoted: head + rows(0, 300) + '+447400123456,2026-03-02,web-form,"' + 'a line of text\n'.repeat(400) + '",\n' + rows(300, 300),
      // A quote that never closes, just before the middle.
      broken: head + rows(0, 300) + '"+447400123457,2026-03-02,web-form,x,\n' + rows(300, 300),
      // A field of 300 KB across the middle.
      huge: head + rows(0, 10) + '+447400123458,2026-03-02,web-form,' + 'x'.repeat(300_000) + ',\n' + rows(10, 10),
      // Blank lines and the same people on both sides.
      blank: head + rows(0, 200) + '\n\n\n' + rows(0, 200) + '\r\n' + rows(100, 50),
    };
    for (const [name, text] of Object.entries(cases)) {
      const file = path.join(dir, `${name}.csv`);
      writeFileSync(file, text);
      const [one, two] = await both(file);
      const { readers, ...a } = comparable(two);
      const { readers: _one, ...b } = comparable(one);
      expect(a, name).toEqual(b);
      expect(readers, name).toBe(name === 'quoted' ? 1 : 2);
    }
  });
});
