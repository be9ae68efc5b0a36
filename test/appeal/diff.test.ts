import { describe, expect, it } from 'vitest';

import { buildStatement, relevantAreas, type AppealReport } from '../../src/appeal/build.js';
import { diffReports, followRenames } from '../../src/appeal/diff.js';
import type { DocumentResult, Finding, LintReport } from '../../src/types.js';

const finding = (ruleId: string, matchedText: string, line: number): Finding => ({
  ruleId,
  area: 'phrasing',
  severity: 'warning',
  message: `m ${matchedText}`,
  file: 'a.yaml',
  line,
  column: 1,
  endLine: line,
  endColumn: 5,
  path: '/components/0/text',
  weight: 5,
  matchedText,
});
const report = (results: DocumentResult[]): LintReport => ({ version: 1, tool: { name: 'msglint', version: '0' }, results, summary: { files: 1, documents: 1, errors: 0, warnings: 0, infos: 0 } });
const template = (name: string, findings: Finding[]): DocumentResult => ({ file: `${name}.yaml`, kind: 'template', name, language: 'en_US', risk: { score: 0, level: 'low' }, findings });

describe('appeal matching', () => {
  it('matches findings as a multiset, ignoring line moves', () => {
    const before = report([template('promo', [finding('phrasing/x', 'act now', 3), finding('phrasing/x', 'act now', 5), finding('phrasing/y', 'FREE', 7)])]);
    const now = report([template('promo', [finding('phrasing/x', 'act now', 9), finding('phrasing/z', 'hurry', 2)])]);
    const diff = diffReports(before, now);
    expect(diff.remaining.map((f) => f.ruleId)).toEqual(['phrasing/x']);
    expect(diff.fixed.map((f) => [f.ruleId, f.before])).toEqual([
      ['phrasing/x', 'act now'],
      ['phrasing/y', 'FREE'],
    ]);
    expect(diff.introduced.map((f) => f.ruleId)).toEqual(['phrasing/z']);
  });

  it('follows a template renamed with the same body', () => {
    const renames = followRenames({ before: new Map([['template old_promo en_US', 'Hello there']]), now: new Map([['template new_promo en_US', 'Hello there']]) });
    expect([...renames]).toEqual([['template old_promo en_US', 'template new_promo en_US']]);
    const before = report([template('old_promo', [finding('phrasing/x', 'act now', 3)])]);
    const now = report([template('new_promo', [finding('phrasing/x', 'act now', 3)])]);
    const diff = diffReports(before, now, renames);
    expect(diff.fixed).toEqual([]);
    expect(diff.remaining).toHaveLength(1);
    expect(diff.renamed).toEqual([{ from: 'template old_promo en_US', to: 'template new_promo en_US' }]);
  });

  it('orders root-cause areas by the stated reason', () => {
    expect(relevantAreas('Your quality rating dropped: users blocked you')[0]).toBe('phrasing');
    expect(relevantAreas('Utility template misuse')[0]).toBe('category');
    expect(relevantAreas('Commerce policy violation')[0]).toBe('content');
    expect(relevantAreas('something else')).toEqual([]);
  });

  it('keeps the statement within 1,000 characters, built from the facts', () => {
    const r = {
      restriction: 'x'.repeat(2000),
      account: { business: 'Acme Retail Ltd' },
      baseline: { kind: 'git', label: 'HEAD~1', findings: 12 },
      rootCauses: [{ area: 'phrasing', count: 8, errors: 1, rules: [], relevant: true }],
      fixed: Array.from({ length: 9 }, () => ({ area: 'phrasing' })),
      remaining: [{}, {}],
      introduced: [{}],
      templateChanges: Array.from({ length: 40 }, () => ({ status: 'changed' })),
      optIn: Array.from({ length: 5 }, (_, i) => ({ campaign: `campaign-${i}-${'y'.repeat(80)}`, validEvidence: 900, contacts: 1000, coverage: 0.9, method: 'web-form', removed: { duplicate: 100 } })),
      sendingPlan: Array.from({ length: 5 }, () => ({ campaign: 'c', recipients: 900, batches: 1, messagingLimit: 'TIER_2K', ratePerSecond: 40 })),
      checksInPlace: ['ci'],
    } as unknown as AppealReport;
    const s = buildStatement(r);
    expect(s.length).toBeLessThanOrEqual(1000);
    expect(s).toContain('We are Acme Retail Ltd.');
    expect(s).toContain('found 12 problems, mainly phrasing (8)');
    expect(s).toContain('We have fixed 9 of them (phrasing); 3 findings remain open');
  });
});
