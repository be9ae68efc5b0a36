import { describe, expect, it } from 'vitest';

import { FindingIndex, quotable } from '../../src/scoring/explain.js';
import { byRisk, formatScoreTable } from '../../src/scoring/format.js';
import { scoreFindings } from '../../src/scoring/risk.js';
import { checkMaxRisk, gateFailed, gateMessage, resolveMaxRisk } from '../../src/scoring/threshold.js';
import type { DocumentResult, Finding, LintReport } from '../../src/types.js';

function finding(over: Partial<Finding> & Pick<Finding, 'ruleId' | 'weight' | 'file'>): Finding {
  return { area: 'phrasing', severity: 'warning', message: 'm', path: '/components/0/text', line: 1, column: 1, endLine: 1, endColumn: 2, ...over };
}

function result(file: string, kind: DocumentResult['kind'], name: string, findings: Finding[], extra: Finding[] = []): DocumentResult {
  return { file, kind, name, language: kind === 'template' ? 'en_US' : undefined, findings, risk: scoreFindings([...findings, ...extra].map((f) => ({ ...f, file: f.file !== file ? f.file : undefined })), true) };
}

function report(results: DocumentResult[]): LintReport {
  return { version: 1, tool: { name: 'msglint', version: '0.0.0' }, results, summary: { files: results.length, documents: results.length, errors: 0, warnings: 0, infos: 0 } };
}

const spam = finding({ ruleId: 'phrasing/spam-phrase', weight: 12, file: 't/sale.yaml', line: 4, column: 9, matchedText: 'act now' });
const shout = finding({ ruleId: 'phrasing/shouting', weight: 10, file: 't/sale.yaml', line: 5, column: 3, matchedText: 'BIGGEST SALE EVER' });
const template = result('t/sale.yaml', 'template', 'sale', [spam, shout]);
const noOptIn = finding({ ruleId: 'opt-in/missing-claim', area: 'opt-in', severity: 'error', weight: 60, file: 'c/blast.yaml', line: 2, column: 1, matchedText: '+447700900123' });
const campaign = result('c/blast.yaml', 'campaign', 'blast', [noOptIn], [spam, shout]);
const clean = result('t/ok.yaml', 'template', 'ok', []);
const broken: DocumentResult = { file: 'bad.yaml', kind: 'unknown', risk: { score: 0, level: 'low' }, findings: [finding({ ruleId: 'input/parse-error', area: 'input', severity: 'error', weight: 0, file: 'bad.yaml', message: 'invalid YAML' })] };

describe('score explanations', () => {
  it('quotes short finding text, never opt-in rows or anything that may be a phone number', () => {
    expect(quotable(spam)).toBe('act now');
    expect(quotable(noOptIn)).toBeUndefined();
    expect(quotable({ area: 'phrasing', matchedText: 'call 07700 900123 today' })).toBeUndefined();
    expect(quotable({ area: 'phrasing', matchedText: 'x'.repeat(41) })).toBeUndefined();
    expect(quotable({ area: 'phrasing', matchedText: 'two\nlines' })).toBeUndefined();
  });

  it('finds the template finding behind each point a campaign counts', () => {
    const steps = new FindingIndex(report([campaign, template])).explain(campaign);
    expect(steps.map((s) => [s.contribution.ruleId, s.contribution.points, s.from?.name, s.before])).toEqual([
      ['opt-in/missing-claim', 60, undefined, 0],
      ['phrasing/spam-phrase', 5, 'sale', 60],
      ['phrasing/shouting', 4, 'sale', 65],
    ]);
    expect(steps[1].effectiveWeight).toBe(12);
  });

  it('prints a table by risk and the points of each rule, SpamAssassin style', () => {
    const text = formatScoreTable(report([clean, template, campaign, broken]), { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^risk\s+level\s+kind\s+document\s+file$/);
    expect(lines.slice(1, 5).map((l) => l.trim().split(/\s+/)[0])).toEqual(['69', '21', '0', '–']);
    expect(text).toContain("+12  phrasing/spam-phrase  'act now' line 4  (12% of 100)");
    expect(text).toContain("+5  phrasing/spam-phrase  'act now' line 4 in template sale en_US (t/sale.yaml)  (12% of the 40 left)");
    expect(text).toContain("+60  opt-in/missing-claim  line 2  (60% of 100)");
    expect(text).not.toContain('447700900123');
    expect(text).toMatch(/bad\.yaml {2}not scored/);
    expect(lines.at(-2)).toBe('3 documents: 0 critical, 1 high, 0 medium, 2 low; 1 file not scored');
  });

  it('sums up the findings that add no points in one line, naming their rules', () => {
    const heavy = finding({ ruleId: 'content/card', area: 'content', weight: 99, file: 'x.yaml', line: 2 });
    const light = [3, 4, 5].map((line) => finding({ ruleId: 'phrasing/emoji', weight: 5, file: 'x.yaml', line }));
    const text = formatScoreTable(report([result('x.yaml', 'template', 'x', [heavy, ...light])]), { color: false });
    expect(text).toContain('  +99  content/card  line 2  (99% of 100)\n   +0  3 more findings add less than half a point (1 left): phrasing/emoji ×3\n');
  });

  it('shows only the riskiest documents with --top', () => {
    const text = formatScoreTable(report([clean, template, campaign]), { color: false, top: 1 });
    expect(text).toContain('campaign  blast');
    expect(text).not.toContain('t/ok.yaml');
    expect(text).toContain('(showing the 1 riskiest)');
  });

  it('orders documents by risk, unreadable files last, ties in report order', () => {
    const a = result('a.yaml', 'template', 'a', [finding({ ruleId: 'x/y', weight: 10, file: 'a.yaml' })]);
    const b = result('b.yaml', 'template', 'b', [finding({ ruleId: 'x/y', weight: 10, file: 'b.yaml' })]);
    expect(byRisk([broken, a, campaign, b]).map((r) => r.file)).toEqual(['c/blast.yaml', 'a.yaml', 'b.yaml', 'bad.yaml']);
  });
});

describe('--max-risk', () => {
  it('fails on documents above the limit (not at it) and on files that cannot be scored', () => {
    const r = report([template, campaign, clean]);
    expect(gateFailed(checkMaxRisk(r, 69))).toBe(false);
    const gate = checkMaxRisk(r, 20);
    expect(gate.over.map((d) => d.name)).toEqual(['blast', 'sale']);
    expect(gateMessage(gate)).toBe('msglint: 2 documents above --max-risk 20:\n  69 high  c/blast.yaml  campaign blast\n  21 low  t/sale.yaml  template sale en_US\n');
    const withBroken = checkMaxRisk(report([clean, broken]), 100);
    expect(gateFailed(withBroken)).toBe(true);
    expect(gateMessage(withBroken)).toContain('bad.yaml');
  });

  it('takes the flag over the config', () => {
    expect(resolveMaxRisk(40, 60)).toBe(40);
    expect(resolveMaxRisk(undefined, 60)).toBe(60);
    expect(resolveMaxRisk(undefined, undefined)).toBeUndefined();
  });
});
