import { documentLabel } from './explain.js';
import type { DocumentResult, LintReport } from '../types.js';

/** The outcome of `--max-risk N`: documents above N, and files that could not be scored at all. */
export interface RiskGate {
  maxRisk: number;
  over: DocumentResult[];
  /** Files that could not be read or parsed: their risk is unknown, so a gate must not pass them. */
  unscored: DocumentResult[];
}

export function checkMaxRisk(report: LintReport, maxRisk: number): RiskGate {
  const over = report.results.filter((r) => r.kind !== 'unknown' && r.risk.score > maxRisk).sort((a, b) => b.risk.score - a.risk.score);
  const unscored = report.results.filter((r) => r.kind === 'unknown' && r.findings.some((f) => f.severity === 'error'));
  return { maxRisk, over, unscored };
}

export function gateFailed(gate: RiskGate): boolean {
  return gate.over.length > 0 || gate.unscored.length > 0;
}

/** The diagnostic for stderr when the gate fails (one line per document, riskiest first). */
export function gateMessage(gate: RiskGate): string {
  const lines: string[] = [];
  if (gate.over.length > 0) {
    lines.push(`msglint: ${gate.over.length} document${gate.over.length === 1 ? '' : 's'} above --max-risk ${gate.maxRisk}:`);
    for (const r of gate.over) lines.push(`  ${r.risk.score} ${r.risk.level}  ${r.file}  ${documentLabel(r)}`);
  }
  if (gate.unscored.length > 0) {
    lines.push(`msglint: ${gate.unscored.length} file${gate.unscored.length === 1 ? '' : 's'} could not be scored (unreadable or not YAML/JSON):`);
    for (const r of gate.unscored) lines.push(`  ${r.file}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** `--max-risk` wins over the config's `maxRisk` (both are checked to be 0–100 where they are read). */
export function resolveMaxRisk(flag: number | undefined, fromConfig: number | undefined): number | undefined {
  return flag ?? fromConfig;
}
