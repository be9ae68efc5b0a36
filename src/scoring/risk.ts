import type { Finding, Risk, RiskContribution, RiskLevel } from '../types.js';

/**
 * The risk formula (documented in the README):
 *
 *   risk = 100 × (1 − Π (1 − wᵢ / 100))
 *
 * over the findings' weights wᵢ (0–100), where the k-th finding of the same rule counts
 * w × 0.5^(k−1). It never passes 100, one heavy finding alone can reach critical (w = 80 → 80),
 * and many light ones add up slowly (ten different w = 5 findings → 40).
 * Each finding's points are its marginal contribution, so the points add up to the score.
 */
export const LEVELS: readonly [RiskLevel, number][] = [
  ['critical', 75],
  ['high', 50],
  ['medium', 25],
  ['low', 0],
];

export function levelOf(score: number): RiskLevel {
  for (const [level, min] of LEVELS) if (score >= min) return level;
  return 'low';
}

export interface Weighted {
  finding: Pick<Finding, 'ruleId' | 'area' | 'line' | 'column' | 'weight' | 'severity'> & { file?: string };
}

/** Effective weight of each finding after repeats of the same rule are damped. */
function effectiveWeights(findings: readonly Weighted['finding'][]): number[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const k = seen.get(f.ruleId) ?? 0;
    seen.set(f.ruleId, k + 1);
    const w = Math.max(0, Math.min(100, f.weight));
    return w * 0.5 ** k;
  });
}

export function scoreFindings(findings: readonly Weighted['finding'][], withExplanation = false): Risk {
  // Heaviest first, so explanations read from the main cause down, and repeats damp the lighter ones.
  const order = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.weight - a.f.weight || a.f.ruleId.localeCompare(b.f.ruleId) || a.f.line - b.f.line || a.f.column - b.f.column || a.i - b.i)
    .map((x) => x.f);
  const weights = effectiveWeights(order);
  let keep = 1;
  const raw: number[] = [];
  for (const w of weights) {
    const before = 100 * (1 - keep);
    keep *= 1 - w / 100;
    raw.push(100 * (1 - keep) - before);
  }
  const exact = 100 * (1 - keep);
  const score = Math.round(exact);
  const risk: Risk = { score, level: levelOf(score) };
  if (withExplanation) {
    // Round the points so that they add up to the rounded score (largest-remainder rounding).
    const floors = raw.map(Math.floor);
    let missing = score - floors.reduce((a, b) => a + b, 0);
    const byRemainder = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
    for (const { i } of byRemainder) {
      if (missing <= 0) break;
      floors[i]++;
      missing--;
    }
    const explanation: RiskContribution[] = [];
    order.forEach((f, i) => {
      if (floors[i] > 0) explanation.push({ ruleId: f.ruleId, area: f.area, points: floors[i], line: f.line, column: f.column, ...(f.file ? { file: f.file } : {}) });
    });
    risk.explanation = explanation;
  }
  return risk;
}
