import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { readPhone } from '../../src/audience/index.js';
import { cleanAudience, cleanSummaryJson, formatCleanSummary } from '../../src/audience/clean.js';
import { createLinter, runLint } from '../../src/lint.js';
import { FORMATS, formatReport, ruleCatalog } from '../../src/report/index.js';
import { ROOT } from '../helpers/cli.js';

const AUDIENCES = path.join(ROOT, 'fixtures/audiences');

/** Every phone number in the fixture audiences, as E.164 digits and as national digits (7 digits or more). */
function fixtureNumbers(): Set<string> {
  const numbers = new Set<string>();
  for (const name of readdirSync(AUDIENCES)) {
    const text = readFileSync(path.join(AUDIENCES, name), 'utf8');
    const values = name.endsWith('.jsonl') ? text.split('\n').filter(Boolean).map((l) => String((JSON.parse(l) as { celular?: string }).celular ?? '')) : text.split('\n').slice(1).map((l) => l.split(',')[0].replace(/"/g, ''));
    for (const raw of values) {
      const phone = readPhone(raw, name.endsWith('.jsonl') ? 'BR' : '');
      const digits = raw.replace(/\D/g, '');
      if (digits.length >= 7) numbers.add(digits);
      if (phone.valid) {
        numbers.add(String(phone.e164));
        numbers.add(String(phone.e164).slice(phone.callingCode.length));
      }
    }
  }
  return numbers;
}

/** Digit runs in the text (separators allowed) that contain one of the numbers. */
function leaks(text: string, numbers: Set<string>): string[] {
  const found: string[] = [];
  for (const run of text.match(/\d[\d\s().\u00a0-]*\d/g) ?? []) {
    const d = run.replace(/\D/g, '');
    for (let i = 0; i < d.length; i++) for (let j = i + 7; j <= Math.min(d.length, i + 15); j++) if (numbers.has(d.slice(i, j))) found.push(run);
  }
  return [...new Set(found)];
}

describe('no phone number appears unmasked in any output', () => {
  const numbers = fixtureNumbers();

  it('has numbers to look for (the fixture audiences hold thousands)', () => {
    expect(numbers.size).toBeGreaterThan(2000);
    expect(leaks('call 447400123456 now', new Set(['447400123456']))).toEqual(['447400123456']);
    expect(leaks('+44 74•• •••456', new Set(['447400123456']))).toEqual([]);
  });

  it.each(FORMATS)('lint --format %s of the fixture campaigns', async (format) => {
    const linter = createLinter(ROOT, { packs: ['recommended'] });
    const report = await runLint(linter, { cwd: ROOT, paths: ['fixtures/campaigns', 'fixtures/templates', 'fixtures/accounts'], now: new Date('2026-11-26T12:00:00Z') });
    const findings = report.results.flatMap((r) => r.findings).filter((f) => f.area === 'opt-in');
    expect(findings.length).toBeGreaterThan(5);
    const text = formatReport(report, format, { color: false, quiet: false, cwd: ROOT, rules: ruleCatalog(linter.compiled.packs) });
    expect(text.length).toBeGreaterThan(0);
    expect(leaks(text, numbers)).toEqual([]);
  });

  it('audience clean summaries (text and JSON)', async () => {
    const input = path.join(AUDIENCES, 'black-friday.csv');
    const output = path.join(mkdtempSync(path.join(tmpdir(), 'msglint-clean-')), 'black-friday.clean.csv');
    const s = await cleanAudience(input, output, { now: Date.UTC(2026, 10, 26), sendAt: Date.UTC(2026, 10, 28, 7) });
    expect(s.removed).toBeGreaterThan(0);
    expect(leaks(formatCleanSummary(s, ROOT) + cleanSummaryJson(s, ROOT), numbers)).toEqual([]);
  });
});
