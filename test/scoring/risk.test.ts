import { describe, expect, it } from 'vitest';

import { levelOf, scoreFindings } from '../../src/scoring/risk.js';
import type { Area, Severity } from '../../src/types.js';

const f = (ruleId: string, weight: number, line = 1) => ({ ruleId, area: 'phrasing' as Area, severity: 'warning' as Severity, weight, line, column: 1 });

describe('risk score', () => {
  it('is 0 with no findings', () => {
    expect(scoreFindings([])).toEqual({ score: 0, level: 'low' });
  });

  it('lets one heavy finding reach critical on its own', () => {
    expect(scoreFindings([f('a/x', 80)]).score).toBe(80);
    expect(scoreFindings([f('a/x', 80)]).level).toBe('critical');
  });

  it('saturates below 100', () => {
    expect(scoreFindings(Array.from({ length: 50 }, (_, i) => f(`a/r${i}`, 60))).score).toBeLessThanOrEqual(100);
  });

  it('adds many small findings up slowly', () => {
    expect(scoreFindings(Array.from({ length: 10 }, (_, i) => f(`a/r${i}`, 5))).score).toBe(40);
  });

  it('damps repeats of the same rule', () => {
    const repeated = scoreFindings([f('a/x', 20, 1), f('a/x', 20, 2), f('a/x', 20, 3)]).score;
    const distinct = scoreFindings([f('a/x', 20), f('a/y', 20), f('a/z', 20)]).score;
    expect(repeated).toBeLessThan(distinct);
  });

  it('explains the score with points that add up to it', () => {
    const risk = scoreFindings([f('a/x', 30, 4), f('a/y', 12, 2), f('a/z', 7, 9)], true);
    expect(risk.explanation!.reduce((n, e) => n + e.points, 0)).toBe(risk.score);
    expect(risk.explanation![0]).toMatchObject({ ruleId: 'a/x', points: 30, line: 4 });
  });

  it('uses the documented level thresholds', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(levelOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});
