import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { testPacks } from '../../src/engine/pack-test.js';
import { createLinter, lintParsed, readAndParse, type Linter } from '../../src/lint.js';
import type { Finding, LintReport } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
beforeAll(() => {
  linter = createLinter(ROOT, { packs: ['phrasing', 'content'] });
});

async function lintFile(rel: string): Promise<LintReport> {
  return lintParsed(linter, [await readAndParse(path.join(ROOT, rel), ROOT)], { cwd: ROOT, now: NOW });
}

async function lintText(text: string, name: string): Promise<LintReport> {
  const parsed = parseSource(sourceFromText(text, path.join(ROOT, 'virtual', name), ROOT));
  return lintParsed(linter, [parsed], { cwd: ROOT, now: NOW });
}

const all = (report: LintReport): Finding[] => report.results.flatMap((r) => r.findings);

/** The source characters a finding covers (columns are UTF-16 code units, end exclusive). */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  if (f.line === f.endLine) return lines[f.line - 1].slice(f.column - 1, f.endColumn - 1);
  return [lines[f.line - 1].slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1), lines[f.endLine - 1].slice(0, f.endColumn - 1)].join('\n');
}

/** Rules of the English token model (rules/phrasing/spam-bayes.json). */
const ENGLISH_ONLY = /^phrasing\/spam-likelihood-/;

describe('phrasing pack', () => {
  it('passes every embedded example, in all six languages', async () => {
    const pack = linter.compiled.packs.find((p) => p.name === 'phrasing')!;
    const results = await testPacks(linter, [pack], ROOT, NOW);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    for (const rule of pack.rules) {
      expect(rule.examples.invalid.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.valid.length, rule.id).toBeGreaterThan(0);
      const languages = new Set(rule.examples.invalid.map((e) => String(e.inline?.language ?? '').slice(0, 2)));
      if (ENGLISH_ONLY.test(rule.id)) {
        // The token model is trained on English data only: its valid examples show other languages are not rated.
        expect([...languages], rule.id).toEqual(['en']);
        const validLanguages = new Set(rule.examples.valid.map((e) => String(e.inline?.language ?? '').slice(0, 2)));
        expect(validLanguages.has('en') && validLanguages.size >= 2, rule.id).toBe(true);
      } else expect([...languages].sort(), rule.id).toEqual(['de', 'en', 'es', 'fr', 'id', 'pt']);
    }
  });

  it('points at the exact disguised characters in a YAML block scalar', async () => {
    const file = 'fixtures/templates/promo_obfuscated.yaml';
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const findings = all(await lintFile(file));
    const byText = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => covered(source, f));
    expect(byText('phrasing/spam-phrase-free-money')).toEqual(['fr33 c4sh', 'F R E E gift\n      card']);
    expect(byText('phrasing/spam-phrase-prize')).toEqual(['you have been selected', 'claim your priz\u200be']);
    expect(byText('phrasing/spam-phrase-urgency')).toEqual(['𝐋𝐈𝐌𝐈𝐓𝐄𝐃 𝐓𝐈𝐌𝐄 𝐎𝐅𝐅𝐄𝐑', "before it's too late"]);
    expect(byText('phrasing/punctuation-run')).toEqual(['!!!']);
    expect(byText('phrasing/emoji-run')).toEqual(['🎉🎉🎉']);
    expect(byText('phrasing/link-shortener')).toEqual(['https://bit.ly/acme-w1n']);
    expect(byText('phrasing/hidden-link-domain')).toEqual(['acme.com']);
    expect(byText('phrasing/insecure-link')).toEqual(['http://acme-rewards.example/claim']);
    const leet = findings.find((f) => f.ruleId === 'phrasing/spam-phrase-free-money')!;
    expect(leet).toMatchObject({ line: 13, column: 50, endLine: 13, endColumn: 59 });
    expect(leet.message).toBe("'fr33 c4sh' (free cash) promises free or easy money, the opening line of many scams");
  });

  it('points at the source characters of JSON strings, escapes included', async () => {
    const file = 'fixtures/templates/multilingual_scams.json';
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const report = await lintFile(file);
    const pt = report.results.find((r) => r.name === 'pix_premio')!;
    expect(pt.findings.filter((f) => f.ruleId === 'phrasing/spam-phrase-prize').map((f) => covered(source, f))).toEqual(['Parab\\u00e9ns', 'Voc\\u00ea ganhou']);
    const de = report.results.find((r) => r.name === 'gewinnspiel')!;
    expect(de.findings.filter((f) => f.ruleId === 'phrasing/ip-link').map((f) => covered(source, f))).toEqual(['http://203.0.113.7/gewinn']);
    const fr = report.results.find((r) => r.name === 'gain_client')!;
    expect(fr.findings.filter((f) => f.ruleId === 'phrasing/hidden-link-domain').map((f) => covered(source, f))).toEqual(['[banque.fr](https://banque-verif.example/login)']);
  });

  it('points into folded scalars across line breaks', async () => {
    const file = 'fixtures/templates/recompensa_es.yaml';
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const findings = all(await lintFile(file));
    const of = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => covered(source, f));
    expect(of('phrasing/spam-phrase-urgency')).toEqual(['cuenta será suspendida']);
    expect(of('phrasing/currency-stacking')).toEqual(['$$$']);
    expect(of('content/card-number-request')).toEqual(['Envíanos el número\n      de tu tarjeta']);
  });

  it('quotes the de-obfuscated reading in quoted YAML with escapes', async () => {
    const text = 'name: t\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: "Win \\u0066r\\u200bee c\\u0430sh today"\n';
    const findings = all(await lintText(text, 'escaped.yaml')).filter((f) => f.ruleId === 'phrasing/spam-phrase-free-money');
    expect(findings.map((f) => covered(text, f))).toEqual(['\\u0066r\\u200bee c\\u0430sh']);
    expect(findings[0].message).toBe("'fr\u200bee cаsh' (free cash) promises free or easy money, the opening line of many scams");
  });

  it('scores a disguised scam template as critical and a plain order update as low', async () => {
    const scam = (await lintFile('fixtures/templates/promo_obfuscated.yaml')).results[0];
    expect(scam.risk.level).toBe('critical');
    const order = (await lintFile('fixtures/templates/order_update.yaml')).results[0];
    expect(all({ ...(await lintFile('fixtures/templates/order_update.yaml')) }).filter((f) => f.area === 'phrasing')).toEqual([]);
    expect(order.risk.level).toBe('low');
  });
});
