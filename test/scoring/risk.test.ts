import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { levelOf, scoreFindings, scoreSteps, type ScoredFinding } from '../../src/scoring/risk.js';
import type { Area, Severity } from '../../src/types.js';

const f = (ruleId: string, weight: number, line = 1, severity: Severity = 'warning', area: Area = 'phrasing'): ScoredFinding => ({ ruleId, area, severity, weight, line, column: 1 });

describe('risk score', () => {
  it('is 0 with no findings', () => {
    expect(scoreFindings([])).toEqual({ score: 0, level: 'low' });
  });

  it('lets one heavy finding reach critical on its own', () => {
    expect(scoreFindings([f('a/x', 80)]).score).toBe(80);
    expect(scoreFindings([f('a/x', 80)]).level).toBe('critical');
  });

  it('adds each finding as a share of the risk still left, in whole points', () => {
    // 60, then 35% of the 40 left = 14, then 10% of the 26 left = 2.6 → 3: 77.
    const risk = scoreFindings([f('velocity/x', 35, 12), f('phrasing/y', 10, 8), f('opt-in/z', 60, 2)], true);
    expect(risk.score).toBe(77);
    expect(risk.explanation!.map((c) => [c.ruleId, c.points])).toEqual([
      ['opt-in/z', 60],
      ['velocity/x', 14],
      ['phrasing/y', 3],
    ]);
  });

  it('matches the noisy-OR 100 × (1 − Π(1 − w/100)) within rounding', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 }), (weights) => {
        const findings = weights.map((w, i) => f(`r/${i}`, w));
        const exact = 100 * (1 - weights.reduce((p, w) => p * (1 - w / 100), 1));
        expect(Math.abs(scoreFindings(findings).score - exact)).toBeLessThanOrEqual(0.5 * Math.max(1, weights.length));
      }),
    );
  });

  it('never passes 100, and its points always add up to the score', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ rule: fc.integer({ min: 0, max: 5 }), weight: fc.integer({ min: -10, max: 150 }), line: fc.nat(40) }), { maxLength: 40 }), (xs) => {
        const risk = scoreFindings(
          xs.map((x) => f(`r/${x.rule}`, x.weight, x.line + 1)),
          true,
        );
        expect(risk.score).toBeGreaterThanOrEqual(0);
        expect(risk.score).toBeLessThanOrEqual(100);
        expect(risk.explanation!.reduce((n, c) => n + c.points, 0)).toBe(risk.score);
        expect(risk.level).toBe(levelOf(risk.score));
      }),
    );
  });

  it('does not depend on the order findings arrive in', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ rule: fc.integer({ min: 0, max: 4 }), weight: fc.integer({ min: 1, max: 90 }), line: fc.nat(9) }), { minLength: 1, maxLength: 12 }), fc.nat(), (xs, seed) => {
        const findings = xs.map((x) => f(`r/${x.rule}`, x.weight, x.line + 1));
        const shuffled = findings.map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((y) => y.x);
        expect(scoreFindings(shuffled, true)).toEqual(scoreFindings(findings, true));
      }),
    );
  });

  it('never goes down when a finding is added', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 10 }), fc.integer({ min: 1, max: 100 }), (weights, extra) => {
        const base = weights.map((w, i) => f(`r/${i}`, w));
        expect(scoreFindings([...base, f('r/extra', extra)]).score).toBeGreaterThanOrEqual(scoreFindings(base).score);
      }),
    );
  });

  it('adds many small findings up slowly', () => {
    expect(scoreFindings(Array.from({ length: 10 }, (_, i) => f(`a/r${i}`, 5))).score).toBe(40);
  });

  it('counts a repeat of the same rule at half the weight of the one before', () => {
    const steps = scoreSteps([f('a/x', 20, 1), f('a/x', 20, 2), f('a/x', 20, 3)]);
    expect(steps.map((s) => s.effectiveWeight)).toEqual([20, 10, 5]);
    expect(steps.map((s) => s.points)).toEqual([20, 8, 4]);
    const distinct = scoreFindings([f('a/x', 20), f('a/y', 20), f('a/z', 20)]).score;
    expect(scoreFindings([f('a/x', 20, 1), f('a/x', 20, 2), f('a/x', 20, 3)]).score).toBeLessThan(distinct);
  });

  it('leaves info findings and weight-0 findings out of the score and the explanation', () => {
    const risk = scoreFindings([f('a/x', 40, 1, 'info'), f('input/schema', 0, 2, 'error'), f('a/y', 30, 3, 'error')], true);
    expect(risk.score).toBe(30);
    expect(risk.explanation!.map((c) => c.ruleId)).toEqual(['a/y']);
  });

  it('lists a finding that adds no points after rounding (so every counted finding is explained)', () => {
    const risk = scoreFindings([f('a/x', 99), f('a/y', 1)], true);
    expect(risk.score).toBe(99);
    expect(risk.explanation).toEqual([expect.objectContaining({ ruleId: 'a/x', points: 99 }), expect.objectContaining({ ruleId: 'a/y', points: 0 })]);
  });

  it('names the file of findings from another document', () => {
    const risk = scoreFindings([{ ...f('a/x', 30, 4), file: 'templates/t.yaml' }], true);
    expect(risk.explanation![0]).toEqual({ ruleId: 'a/x', area: 'phrasing', points: 30, line: 4, column: 1, file: 'templates/t.yaml' });
  });

  it('uses the documented level thresholds', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(levelOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});
