import { REPEAT_FACTOR } from './risk.js';
import type { DocumentResult, Finding, LintReport, RiskContribution } from '../types.js';

/** One line of a score's explanation, with what a reader needs to act on it. */
export interface ExplainedContribution {
  contribution: RiskContribution;
  /** The finding behind the points (absent only if the report was edited by hand). */
  finding?: Finding;
  /** The document the finding is in, when it is another one (a template a campaign sends). */
  from?: DocumentResult;
  /** The finding was moved out of the findings by a baseline (its risk still counts). */
  suppressed?: boolean;
  /** The weight it counted with (a repeated rule counts less) and the score before it. */
  effectiveWeight?: number;
  before: number;
}

/** Longest finding text quoted in an explanation; longer text is described by its position only. */
export const MAX_QUOTE = 40;

/**
 * What may be quoted from a finding: short, on one line, and never personal data
 * (opt-in findings are about audience rows; anything with seven digits or more may be a phone number).
 */
export function quotable(f: Pick<Finding, 'area' | 'matchedText'> | undefined): string | undefined {
  const text = f?.matchedText;
  if (!text || f.area === 'opt-in') return undefined;
  if (text.length > MAX_QUOTE || /[\r\n]/.test(text)) return undefined;
  if ((text.match(/\d/g)?.length ?? 0) >= 7) return undefined;
  return text;
}

const key = (file: string, ruleId: string, line: number, column: number) => `${file}\u0000${ruleId}\u0000${line}\u0000${column}`;

/** An index of every finding in a report, to find the finding behind each explanation line. */
export class FindingIndex {
  private readonly byKey = new Map<string, { finding: Finding; result: DocumentResult; suppressed: boolean }>();

  constructor(report: LintReport) {
    for (const result of report.results) {
      for (const [list, suppressed] of [[result.findings, false], [result.suppressed ?? [], true]] as const) {
        for (const finding of list) {
          const k = key(finding.file, finding.ruleId, finding.line, finding.column);
          if (!this.byKey.has(k)) this.byKey.set(k, { finding, result, suppressed });
        }
      }
    }
  }

  /** Resolves a document's explanation (in the order the formula used it). */
  explain(result: DocumentResult): ExplainedContribution[] {
    const out: ExplainedContribution[] = [];
    const repeats = new Map<string, number>();
    let before = 0;
    for (const c of result.risk.explanation ?? []) {
      const file = c.file ?? result.file;
      const hit = this.byKey.get(key(file, c.ruleId, c.line, c.column));
      const k = repeats.get(c.ruleId) ?? 0;
      repeats.set(c.ruleId, k + 1);
      out.push({
        contribution: c,
        finding: hit?.finding,
        from: hit && hit.result !== result ? hit.result : undefined,
        ...(hit?.suppressed ? { suppressed: true } : {}),
        effectiveWeight: hit ? hit.finding.weight * REPEAT_FACTOR ** k : undefined,
        before,
      });
      before += c.points;
    }
    return out;
  }
}

/** "template flash_sale en_US" — how a document is named in explanations. */
export function documentLabel(r: Pick<DocumentResult, 'kind' | 'name' | 'language'>): string {
  return [r.kind === 'unknown' ? 'file' : r.kind, r.name, r.language].filter(Boolean).join(' ');
}

/** A weight as a percentage, without needless decimals: 35 → "35%", 17.5 → "17.5%". */
export function percent(w: number): string {
  return `${Number.isInteger(w) ? w : Number(w.toFixed(2))}%`;
}

/**
 * The steps that added points, and the trailing ones that added none (the score is near its ceiling, or their
 * share rounds to 0). Points never increase down the list, so the zero steps are always the tail.
 */
export function splitZeroTail(steps: readonly ExplainedContribution[]): { adding: ExplainedContribution[]; zero: ExplainedContribution[] } {
  const cut = steps.findIndex((s) => s.contribution.points === 0);
  return cut < 0 ? { adding: [...steps], zero: [] } : { adding: steps.slice(0, cut), zero: steps.slice(cut) };
}

/** "velocity/pair-rate, phrasing/shouting ×2" — rule ids in first-seen order, repeats counted. */
export function ruleList(steps: readonly ExplainedContribution[]): string {
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(s.contribution.ruleId, (counts.get(s.contribution.ruleId) ?? 0) + 1);
  return [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(', ');
}
