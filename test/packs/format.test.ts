import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { testPacks } from '../../src/engine/pack-test.js';
import { computeParameterFacts } from '../../src/facts/template/parameters.js';
import { createLinter, lintParsed, readAndParse, type Linter } from '../../src/lint.js';
import type { Finding, LintReport } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
beforeAll(() => {
  // Every built-in pack, as `msglint lint` runs them by default.
  linter = createLinter(ROOT);
});

async function lintText(text: string, name: string): Promise<LintReport> {
  const parsed = parseSource(sourceFromText(text, path.join(ROOT, 'virtual', name), ROOT));
  expect(parsed.problems).toEqual([]);
  return lintParsed(linter, [parsed], { cwd: ROOT, now: NOW });
}

async function lintFiles(...rel: string[]): Promise<LintReport> {
  const parsed = await Promise.all(rel.map((r) => readAndParse(path.join(ROOT, r), ROOT)));
  return lintParsed(linter, parsed, { cwd: ROOT, now: NOW });
}

const all = (report: LintReport): Finding[] => report.results.flatMap((r) => r.findings);
const of = (report: LintReport, ruleId: string): Finding[] => all(report).filter((f) => f.ruleId === ruleId);

/** The source characters a finding covers. */
function covered(text: string, f: Finding): string {
  const lines = text.split('\n');
  if (f.line === f.endLine) return lines[f.line - 1].slice(f.column - 1, f.endColumn - 1);
  return [lines[f.line - 1].slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1), lines[f.endLine - 1].slice(0, f.endColumn - 1)].join('\n');
}

const at = (f: Finding) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn });

describe("Meta's documentation examples (pywa test data)", () => {
  it('lint with zero errors under every built-in pack', async () => {
    const files = readdirSync(path.join(ROOT, 'fixtures/meta-examples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `fixtures/meta-examples/${f}`);
    expect(files).toHaveLength(4);
    const report = await lintFiles(...files);
    expect(report.summary.documents).toBe(13);
    const findings = all(report);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([]);
    // The parameter-density threshold (2 words per parameter) keeps a margin on every one of them.
    for (const parsed of await Promise.all(files.map((f) => readAndParse(path.join(ROOT, f), ROOT)))) {
      for (const doc of parsed.documents) {
        const ratio = computeParameterFacts(doc).bodyWordsPerParameter;
        if (ratio !== null) expect(ratio, doc.name).toBeGreaterThanOrEqual(4);
      }
    }
    // Warnings are allowed; list them so a change in them is visible in the test output.
    for (const f of findings) console.log(`meta example ${f.severity}: ${f.file}:${f.line}:${f.column} ${f.ruleId} — ${f.message}`);
  });
});

describe('format pack', () => {
  it('passes its own embedded examples (msglint rules test format)', async () => {
    const packs = linter.compiled.packs.filter((p) => p.name === 'format');
    const results = await testPacks(linter, packs, ROOT, NOW);
    expect(results.filter((r) => !r.ok).map((r) => `${r.ruleId} ${r.kind} ${r.details ?? ''}`)).toEqual([]);
    const rules = new Set(results.map((r) => r.ruleId));
    expect(rules.size).toBe(packs[0].rules.length);
    for (const rule of packs[0].rules) {
      expect(rule.examples.invalid.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.valid.length, rule.id).toBeGreaterThan(0);
      expect(rule.source, rule.id).toMatch(/^https:\/\//);
      expect(rule.fix, rule.id).toBeTruthy();
    }
  });

  describe('exact positions in a folded YAML block scalar', () => {
    const yaml = [
      'name: delivery_slot', // 1
      'language: en-US', // 2
      'category: UTILITY', // 3
      'components:', // 4
      '  - type: BODY', // 5
      '    text: >-', // 6
      '      {{1}}, your delivery arrives on {{2}} {{3}}.', // 7
      '      Reply {{4} to change the slot, or {{#5}} to', // 8
      '      cancel, or call {{7}}', // 9
      '    example:', // 10
      '      body_text: [["Maria", "Friday", "9-12", "1", "2", "x", "y"]]', // 11
    ].join('\n');
    let report: LintReport;
    beforeAll(async () => {
      report = await lintText(yaml, 'slot.yaml');
    });

    it('points at the language value with the corrected code', () => {
      const [f] = of(report, 'format/language-code-form');
      expect(at(f)).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 16 });
      expect(f.message).toBe("'en-US' is not how Meta writes this language code: use 'en_US'");
      expect(f.fix).toBe('Set language: en_US');
    });

    it('points at both parameters of {{2}} {{3}}', () => {
      const [f] = of(report, 'format/adjacent-parameters');
      expect(at(f)).toEqual({ line: 7, column: 39, endLine: 7, endColumn: 50 });
      expect(covered(yaml, f)).toBe('{{2}} {{3}}');
    });

    it('points at the dangling parameters at the start and the end', () => {
      const found = of(report, 'format/dangling-parameter');
      expect(found.map(at)).toEqual([
        { line: 7, column: 7, endLine: 7, endColumn: 12 },
        { line: 9, column: 23, endLine: 9, endColumn: 28 },
      ]);
      expect(found.map((f) => covered(yaml, f))).toEqual(['{{1}}', '{{7}}']);
    });

    it('points at the broken brace and the special character', () => {
      const [brace] = of(report, 'format/unbalanced-braces');
      expect(at(brace)).toEqual({ line: 8, column: 13, endLine: 8, endColumn: 17 });
      expect(covered(yaml, brace)).toBe('{{4}');
      const [chars] = of(report, 'format/parameter-characters');
      expect(at(chars)).toEqual({ line: 8, column: 41, endLine: 8, endColumn: 47 });
      expect(chars.message).toBe("'{{#5}}' contains '#'");
    });

    it('reports the numbering gap at the first parameter after it', () => {
      const [f] = of(report, 'format/parameter-numbering');
      expect(at(f)).toEqual({ line: 9, column: 23, endLine: 9, endColumn: 28 });
      expect(f.message).toBe('the body uses {{1}}, {{2}}, {{3}}, {{7}}: {{4}}, {{5}}, {{6}} are missing');
    });
  });

  describe('exact positions in JSON with escapes', () => {
    const json = [
      '{',
      '  "name": "cafe_deals",',
      '  "language": "en_US",',
      '  "category": "MARKETING",',
      '  "components": [',
      '    { "type": "BODY", "text": "Caf\\u00e9 \\"deals\\": use {{1}}{{2}} today.", "example": { "body_text": [["A", "B"]] } },',
      '    { "type": "BUTTONS", "buttons": [',
      '      { "type": "URL", "text": "Shop the whole autumn range", "url": "https://acme.example/{{1}}/deals", "example": ["https://acme.example/a/deals"] }',
      '    ] }',
      '  ]',
      '}',
    ].join('\n');
    let report: LintReport;
    beforeAll(async () => {
      report = await lintText(json, 'cafe.json');
    });

    it('maps {{1}}{{2}} through \\u and \\" escapes', () => {
      const [f] = of(report, 'format/adjacent-parameters');
      expect(at(f)).toEqual({ line: 6, column: 57, endLine: 6, endColumn: 67 });
      expect(covered(json, f)).toBe('{{1}}{{2}}');
    });

    it('points at the URL parameter and the part of the label over 25 characters', () => {
      const [url] = of(report, 'format/url-parameter-position');
      expect(covered(json, url)).toBe('{{1}}');
      expect(at(url)).toEqual({ line: 8, column: 92, endLine: 8, endColumn: 97 });
      const [label] = of(report, 'format/button-label-length');
      expect(covered(json, label)).toBe('ge');
      expect(at(label)).toEqual({ line: 8, column: 58, endLine: 8, endColumn: 60 });
      expect(label.message).toBe("the button label 'Shop the whole autumn range' has 27 characters; Meta accepts at most 25");
    });
  });

  it('reports duplicate wording across files, naming the other template and file', async () => {
    const a = parseSource(sourceFromText('name: order_shipped\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: "Your order {{1}} has shipped."\n    example: { body_text: [["A-1"]] }\n', path.join(ROOT, 'virtual/a.yaml'), ROOT));
    const b = parseSource(sourceFromText('name: parcel_shipped\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: "Your order {{9}} has  shipped."\n    example: { body_text: [["A-1"]] }\n', path.join(ROOT, 'virtual/b.yaml'), ROOT));
    const report = await lintParsed(linter, [a, b], { cwd: ROOT, now: NOW });
    const found = of(report, 'format/duplicate-wording');
    expect(found.map((f) => [f.file, f.line, f.column, f.endColumn])).toEqual([
      ['virtual/a.yaml', 6, 12, 41],
      ['virtual/b.yaml', 6, 12, 42],
    ]);
    expect(found[0].message).toBe("the body and footer repeat template 'parcel_shipped' (en_US) in virtual/b.yaml");
  });

  it('finds the typical mistakes of the bundled fixtures', async () => {
    const report = await lintFiles('fixtures/templates/appointment_reminder.yaml', 'fixtures/templates/spring_sale.json', 'fixtures/templates/login_otp.yaml', 'fixtures/templates/shipping_notices.yaml');
    const ids = (name: string) => [...new Set(report.results.find((r) => r.name === name)!.findings.filter((f) => f.area === 'format').map((f) => f.ruleId))].sort();
    expect(ids('appointment_reminder')).toEqual([
      'format/button-label-length',
      'format/dangling-parameter',
      'format/header-parameter-count',
      'format/language-code-form',
      'format/missing-parameter-example',
      'format/parameter-numbering',
      'format/quick-replies-together',
    ]);
    expect(ids('spring_sale_2026')).toEqual([
      'format/adjacent-parameters',
      'format/copy-code-example-length',
      'format/extra-parameter-example',
      'format/media-header-example',
      'format/parameter-characters',
      'format/parameter-format-mismatch',
      'format/url-parameter-position',
    ]);
    expect(ids('login_otp')).toEqual(['format/auth-emoji', 'format/auth-media-header', 'format/auth-otp-button', 'format/auth-parameter-length', 'format/auth-url', 'format/code-expiration']);
    expect(ids('shipping_update')).toEqual(['format/duplicate-wording']);
    expect(ids('Parcel-Dispatched')).toEqual(['format/duplicate-wording', 'format/template-name']);
    // Block scalar (literal) positions in a real fixture.
    const text = readFileSync(path.join(ROOT, 'fixtures/templates/appointment_reminder.yaml'), 'utf8');
    const dangling = of(report, 'format/dangling-parameter').find((f) => f.file.endsWith('appointment_reminder.yaml'))!;
    expect(covered(text, dangling)).toBe('{{5}}');
    expect(at(dangling)).toEqual({ line: 17, column: 52, endLine: 17, endColumn: 57 });
  });

  it('does not flag the clean fixtures', async () => {
    const report = await lintFiles('fixtures/templates/order_update.yaml', 'fixtures/templates/exported.json');
    expect(all(report).filter((f) => f.area === 'format')).toEqual([]);
  });
});
