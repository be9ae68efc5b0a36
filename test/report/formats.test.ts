import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { formatJunit } from '../../src/report/junit.js';
import { cell, formatMarkdown } from '../../src/report/markdown.js';
import { CORE_RULES, ruleAnchor, type RuleInfo } from '../../src/report/rule-catalog.js';
import { formatSarif, relativeUri, ruleName } from '../../src/report/sarif.js';
import { finding, report, result } from './sample.js';

const RULES: RuleInfo[] = [
  ...CORE_RULES,
  { id: 'phrasing/shouting', area: 'phrasing', severity: 'warning', weight: 10, title: 'Three or more words in capitals', message: "'{{text}}' shouts", fix: 'Write it in sentence case.', source: 'https://example.org/policy', appliesTo: ['template'], pack: { name: 'phrasing', version: '1.0.0', file: '/x/rules/phrasing/pack.yaml', builtin: true } },
  { id: 'house/no-hurry', area: 'phrasing', severity: 'info', weight: 2, title: 'No hurry', message: 'hurry', appliesTo: ['template'], pack: { name: 'house', version: '1.0.0', file: '/repo/house.yaml', builtin: false } },
];

/** One warning, one error with awkward characters, one info; plus a suppressed finding. */
function sample() {
  return report([
    result({
      findings: [
        finding({ severity: 'error', ruleId: 'content/card-number-request', area: 'content', message: 'asks for the "card number" & CVV: 100% <not> ok,\nreally', line: 5, column: 3, endColumn: 14 }),
        finding(),
        finding({ severity: 'info', ruleId: 'house/no-hurry', message: 'hurry | up', line: 9, column: 1, endColumn: 6, fix: undefined }),
      ],
      suppressed: [{ ...finding({ line: 12 }), suppression: { kind: 'next-line', reason: 'brand name', line: 11 } }],
    }),
    result({ file: 'dir with space/ünï.json', name: 'other', risk: { score: 0, level: 'low' }, findings: [] }),
  ]);
}

describe('github annotations', () => {
  it('escape % CR LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('print one command per finding, then the totals before the info notices', () => {
    const lines = formatGithub(sample()).trimEnd().split('\n');
    const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$/;
    for (const l of lines) expect(l).toMatch(COMMAND);
    expect(lines.map((l) => COMMAND.exec(l)![1])).toEqual(['error', 'warning', 'notice', 'notice']);
    const props = Object.fromEntries(COMMAND.exec(lines[0])![2].split(',').map((p) => p.split('=')));
    expect(props).toEqual({ file: 'templates/promo.yaml', line: '5', endLine: '6', col: '3', endColumn: '14', title: 'msglint content/card-number-request' });
    expect(COMMAND.exec(lines[0])![3]).toBe('asks for the "card number" & CVV: 100%25 <not> ok,%0Areally%0AFix: Write it in sentence case.');
    expect(lines[2]).toBe('::notice title=msglint summary::msglint: 1 error, 1 warning, 1 info in 2 documents (2 files); 1 suppressed');
  });

  it('say when GitHub will hide annotations (10 of a kind per step)', () => {
    const many = report([result({ findings: Array.from({ length: 12 }, (_, i) => finding({ line: i + 1 })) })]);
    const out = formatGithub(many);
    expect(out.split('\n').filter((l) => l.startsWith('::warning'))).toHaveLength(12);
    expect(out).toMatch(/GitHub shows only the first 10 annotations of each kind per step/);
  });

  it('--quiet keeps errors only', () => {
    expect(formatGithub(sample(), { quiet: true }).split('\n').filter((l) => /^::(warning|notice file)/.test(l))).toEqual([]);
  });
});

describe('junit', () => {
  it('is valid XML with a suite per file, a case per document and a failure per error', () => {
    const xml = formatJunit(sample(), { failOn: 'error' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) }).parse(xml);
    expect(doc.testsuites).toMatchObject({ name: 'msglint', tests: '2', failures: '1' });
    const [promo, other] = doc.testsuites.testsuite;
    expect(promo).toMatchObject({ name: 'templates/promo.yaml', tests: '1', failures: '1' });
    expect(promo.testcase[0].name).toBe('template promo en_US');
    expect(promo.testcase[0].failure).toHaveLength(1);
    expect(promo.testcase[0].failure[0].message).toBe('content/card-number-request: asks for the "card number" & CVV: 100% <not> ok,\nreally');
    expect(promo.testcase[0]['system-out']).toMatch(/warning phrasing\/shouting/);
    expect(promo.testcase[0]['system-out']).toMatch(/suppressed \(next-line: brand name\)/);
    expect(other.name).toBe('dir with space/ünï.json');
  });

  it('fails warnings too with --fail-on warning, and nothing with never; never emits invalid XML characters', () => {
    const r = sample();
    r.results[0].findings[1].message = 'bell\u0007 and lone surrogate \ud800 end';
    const warn = formatJunit(r, { failOn: 'warning' });
    expect(XMLValidator.validate(warn)).toBe(true);
    expect(warn).toMatch(/failures="2"/);
    expect(warn.includes('\u0007') || warn.includes('\ud800')).toBe(false);
    expect(formatJunit(r, { failOn: 'never' })).not.toMatch(/<failure/);
    expect(XMLValidator.validate(formatJunit(report([]), { failOn: 'error' }))).toBe(true);
  });
});

describe('markdown summary', () => {
  it('has totals, the riskiest documents, findings with rule links, suppressions with reasons', () => {
    const md = formatMarkdown(sample(), { rules: RULES });
    expect(md).toMatch(/^## ❌ msglint: 1 error, 1 warning, 1 info\n/);
    expect(md).toMatch(/### Highest risk\n\n\| Risk \| Document \|/);
    expect(md).toContain(`[\`phrasing/shouting\`](https://github.com/msglint/msglint/blob/main/docs/rules.md#${ruleAnchor('phrasing/shouting')})`);
    // A user's pack without a source URL gets no link.
    expect(md).toContain('| `house/no-hurry` |');
    expect(md).toContain('hurry \\| up');
    expect(md).toMatch(/<summary>1 suppressed finding<\/summary>[\s\S]*next-line comment, line 11 \| brand name \|/);
    // Errors first, then warnings, then info.
    expect(md.indexOf('content/card-number-request')).toBeLessThan(md.indexOf('](https://github.com/msglint/msglint/blob/main/docs/rules.md#phrasing-shouting)'));
    expect(formatMarkdown(sample(), { rules: RULES })).toBe(md);
  });

  it('keeps every table row on one line and escapes what would break it', () => {
    expect(cell('a | b\nc <script> *x*')).toBe('a \\| b c &lt;script&gt; \\*x\\*');
    const md = formatMarkdown(sample(), { rules: RULES });
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
  });

  it('stays under the size of a pull-request comment', () => {
    const huge = report([result({ findings: Array.from({ length: 3000 }, (_, i) => finding({ line: i + 1, message: 'x'.repeat(200) })) })]);
    expect(formatMarkdown(huge, { rules: RULES, maxFindings: 5000 }).length).toBeLessThanOrEqual(60100);
  });
});

describe('sarif', () => {
  const require = createRequire(import.meta.url);
  // The SARIF schema ships beside the multitool's platform binary (the package exports the binary's path).
  const schemaFile = path.join(path.dirname(require('@microsoft/sarif-multitool') as string), 'sarif-2.1.0.json');

  it('matches the SARIF 2.1.0 JSON Schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, logger: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const log = JSON.parse(formatSarif(sample(), { rules: RULES, cwd: '/work/repo' }));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The validator is not vacuous: a wrong level is refused.
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('lists every rule with what GitHub requires and points results at them', () => {
    const log = JSON.parse(formatSarif(sample(), { rules: RULES, cwd: '/work/repo', ruleSetting: (id) => (id === 'house/no-hurry' ? 'off' : undefined) }));
    const run = log.runs[0];
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual([...rules.map((r: { id: string }) => r.id)].sort());
    // A finding of a rule missing from the catalog still gets a descriptor.
    expect(rules.some((r: { id: string }) => r.id === 'content/card-number-request')).toBe(true);
    for (const r of rules) {
      expect(r.shortDescription.text).toMatch(/\S/);
      expect(r.fullDescription.text).toMatch(/\S/);
      expect(r.help.text).toMatch(/\S/);
      expect(r.help.markdown).toMatch(/\S/);
      expect(['note', 'warning', 'error']).toContain(r.defaultConfiguration.level);
      expect(r.properties.tags).toContain(r.properties.area);
    }
    const shouting = rules.find((r: { id: string }) => r.id === 'phrasing/shouting');
    expect(shouting).toMatchObject({ name: 'PhrasingShouting', helpUri: 'https://github.com/msglint/msglint/blob/main/docs/rules.md#phrasing-shouting', defaultConfiguration: { level: 'warning' } });
    expect(shouting.help.text).toMatch(/How to fix: Write it in sentence case\.[\s\S]*Source: https:\/\/example\.org\/policy/);
    expect(rules.find((r: { id: string }) => r.id === 'house/no-hurry').defaultConfiguration).toEqual({ level: 'note', enabled: false });
    expect(run.automationDetails.id).toBe('msglint/');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/repo/');
    // Suppressed findings are left out; the others keep their level, region and rule index.
    expect(run.results).toHaveLength(3);
    for (const res of run.results) expect(rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/promo.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 3, endLine: 6, endColumn: 14 },
    });
    expect(run.results[0].partialFingerprints['msglintFindingKey/v1']).toMatch(/^[0-9a-f]{32}:1$/);
  });

  it('encodes relative URIs and makes readable rule names', () => {
    expect(relativeUri('dir with space/ünï#1.json')).toBe('dir%20with%20space/%C3%BCn%C3%AF%231.json');
    expect(relativeUri('../up/a.yaml')).toBe('../up/a.yaml');
    expect(ruleName('opt-in/missing-claim')).toBe('OptInMissingClaim');
  });
});
