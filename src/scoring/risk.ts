import type { Finding, Risk, RiskContribution, RiskLevel } from '../types.js';

/**
 * The risk formula (documented in the README, "Risk score"):
 *
 *   findings are taken heaviest first; each adds its weight as a share of the risk still left,
 *   in whole points:   points = round(w × (100 − score so far) / 100)
 *
 * That is the noisy-OR of the weights, risk = 100 × (1 − Π (1 − wᵢ/100)), the standard model of
 * independent causes (Pearl 1988): read a weight as "the chance, in %, that this finding alone gets
 * the message blocked or reported". It never passes 100, one heavy finding alone can reach critical
 * (w = 80 → 80) and many light ones add up slowly (ten different w = 5 → 40). Computing it in whole
 * points, step by step, makes the explanation exact: the points listed are the points added, and
 * anyone can check them with a calculator. Repeats of a rule count less, the way SpamAssassin counts a
 * rule once: the k-th finding of the same rule has weight w × 0.5^(k−1). Info findings do not count.
 */
export const LEVELS: readonly [RiskLevel, number][] = [
  ['critical', 75],
  ['high', 50],
  ['medium', 25],
  ['low', 0],
];

/** How much each further finding of the same rule counts, relative to the one before. */
export const REPEAT_FACTOR = 0.5;

export function levelOf(score: number): RiskLevel {
  for (const [level, min] of LEVELS) if (score >= min) return level;
  return 'low';
}

export type ScoredFinding = Pick<Finding, 'ruleId' | 'area' | 'line' | 'column' | 'weight' | 'severity'> & { file?: string };

/** One step of the formula: the finding, the weight it counted with, and the points it added. */
export interface ScoreStep {
  finding: ScoredFinding;
  /** The rule's weight after repeats are damped. */
  effectiveWeight: number;
  /** The score before this finding. */
  before: number;
  points: number;
}

function clampWeight(w: number): number {
  return Number.isFinite(w) ? Math.max(0, Math.min(100, w)) : 0;
}

function compareForScoring(a: ScoredFinding, b: ScoredFinding): number {
  return (
    clampWeight(b.weight) - clampWeight(a.weight) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    ((a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column
  );
}

/**
 * The formula, step by step. Findings that cannot count (info, weight 0) are left out.
 * The order is fixed by weight, rule id, file and position, so the same findings always give the same steps.
 */
export function scoreSteps(findings: readonly ScoredFinding[]): ScoreStep[] {
  const counted = findings.filter((f) => f.severity !== 'info' && clampWeight(f.weight) > 0);
  counted.sort(compareForScoring);
  const seen = new Map<string, number>();
  const weighted = counted.map((finding) => {
    const k = seen.get(finding.ruleId) ?? 0;
    seen.set(finding.ruleId, k + 1);
    return { finding, effectiveWeight: clampWeight(finding.weight) * REPEAT_FACTOR ** k };
  });
  // Heaviest effective weight first (stable: ties keep the order above), so the main cause reads first.
  weighted.sort((a, b) => b.effectiveWeight - a.effectiveWeight);
  let score = 0;
  return weighted.map(({ finding, effectiveWeight }) => {
    const points = Math.round((effectiveWeight * (100 - score)) / 100);
    const step = { finding, effectiveWeight, before: score, points };
    score += points;
    return step;
  });
}

export function scoreFindings(findings: readonly ScoredFinding[], withExplanation = false): Risk {
  const steps = scoreSteps(findings);
  const score = steps.reduce((n, s) => n + s.points, 0);
  const risk: Risk = { score, level: levelOf(score) };
  if (withExplanation) {
    risk.explanation = steps.map(({ finding: f, points }): RiskContribution => ({
      ruleId: f.ruleId,
      area: f.area,
      points,
      line: f.line,
      column: f.column,
      ...(f.file ? { file: f.file } : {}),
    }));
  }
  return risk;
}
