import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { testPacks } from '../../src/engine/pack-test.js';
import { createLinter, lintParsed, readAndParse, type Linter } from '../../src/lint.js';
import type { Finding } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
beforeAll(() => {
  linter = createLinter(ROOT, { packs: ['content'] });
});

async function findings(body: string, language = 'en_US'): Promise<Finding[]> {
  const text = JSON.stringify({ name: 't', language, category: 'UTILITY', components: [{ type: 'BODY', text: body }] });
  const parsed = parseSource(sourceFromText(text, path.join(ROOT, 'virtual', 't.json'), ROOT));
  const report = await lintParsed(linter, [parsed], { cwd: ROOT, now: NOW });
  return report.results.flatMap((r) => r.findings).filter((f) => f.area === 'content');
}

describe('content pack', () => {
  it('passes every embedded example, in all six languages', async () => {
    const pack = linter.compiled.packs.find((p) => p.name === 'content')!;
    const results = await testPacks(linter, [pack], ROOT, NOW);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    for (const rule of pack.rules) {
      expect(rule.examples.valid.length, rule.id).toBeGreaterThan(0);
      const languages = new Set(rule.examples.invalid.map((e) => String(e.inline?.language ?? '').slice(0, 2)));
      expect([...languages].sort(), rule.id).toEqual(['de', 'en', 'es', 'fr', 'id', 'pt']);
    }
  });

  it('is an error for prohibited goods and a warning for regulated ones, citing the policy', async () => {
    const found = await findings('Fentanyl and cigarettes, delivered tonight.');
    expect(found.map((f) => [f.ruleId, f.severity, f.matchedText])).toEqual([
      ['content/prohibited-goods', 'error', 'Fentanyl'],
      ['content/regulated-goods', 'warning', 'cigarettes'],
    ]);
    expect(found[0].message).toBe("'Fentanyl' promotes Drugs (prescription, recreational or other), which the WhatsApp Business Policy prohibits (https://business.whatsapp.com/policy)");
    expect(found[0].source).toBe('https://business.whatsapp.com/policy');
  });

  it('flags a full card number request but not the last four digits', async () => {
    const bad = await findings('Reply with your full card number to keep the account.');
    expect(bad.map((f) => [f.ruleId, f.matchedText, f.message])).toEqual([
      ['content/card-number-request', 'Reply with your full card number', "'Reply with your full card number' asks for 'card number': never ask for full card or bank details over WhatsApp"],
    ]);
    expect(await findings('Reply with the last 4 digits of your card number to confirm.')).toEqual([]);
    expect(await findings('Reply with the last four digits of your card.')).toEqual([]);
    expect(await findings('Your card ending in 4242 was charged.')).toEqual([]);
  });

  it('finds the exact characters of an exported template (JSON list response)', async () => {
    const report = await lintParsed(linter, [await readAndParse(path.join(ROOT, 'fixtures/templates/exported.json'), ROOT)], { cwd: ROOT, now: NOW });
    const f = report.results.flatMap((r) => r.findings).filter((x) => x.ruleId === 'content/card-number-request');
    const line = readFileSync(path.join(ROOT, 'fixtures/templates/exported.json'), 'utf8').split('\n')[25];
    const column = line.indexOf('reply with your full card number') + 1;
    expect(column).toBeGreaterThan(0);
    expect(f.map((x) => [x.line, x.column, x.endColumn, x.matchedText])).toEqual([[26, column, column + 32, 'reply with your full card number']]);
  });
});
