import { documentLabel, FindingIndex, percent, quotable, ruleList, splitZeroTail, type ExplainedContribution } from './explain.js';
import { LEVELS } from './risk.js';
import type { DocumentResult, LintReport, RiskLevel } from '../types.js';

export interface ScoreTableOptions {
  color: boolean;
  /** Only the N riskiest documents. */
  top?: number;
}

const ANSI = { red: 31, yellow: 33, green: 32, gray: 90, bold: 1, underline: 4 } as const;
type Style = keyof typeof ANSI;

function painter(on: boolean) {
  return (style: Style, text: string) => (on ? `\u001b[${ANSI[style]}m${text}\u001b[${style === 'bold' ? 22 : style === 'underline' ? 24 : 39}m` : text);
}

const LEVEL_STYLE: Record<RiskLevel, Style> = { critical: 'red', high: 'red', medium: 'yellow', low: 'green' };

/** Documents riskiest first; ties keep the report's order (file, then position). Unreadable files last. */
export function byRisk(results: readonly DocumentResult[]): DocumentResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => Number(a.r.kind === 'unknown') - Number(b.r.kind === 'unknown') || b.r.risk.score - a.r.risk.score || a.i - b.i)
    .map((x) => x.r);
}

/**
 * `msglint score`: a table of documents by risk, then for each scored document the rules that added
 * points, the way SpamAssassin explains a spam score:
 *   +12  phrasing/spam-phrase 'act now' line 4  (12% of 100)
 * The points are the formula's own steps (see scoring/risk.ts), so they add up to the score.
 */
export function formatScoreTable(report: LintReport, opts: ScoreTableOptions): string {
  const c = painter(opts.color);
  const ranked = byRisk(report.results);
  const shown = opts.top !== undefined ? ranked.slice(0, opts.top) : ranked;
  const out: string[] = [];
  if (shown.length === 0) return 'no documents to score\n';

  const labels = shown.map((r) => (r.kind === 'unknown' ? '(not a readable document)' : [r.name, r.language].filter(Boolean).join(' ') || '(unnamed)'));
  const kindWidth = Math.max(4, ...shown.map((r) => r.kind.length));
  const labelWidth = Math.max(8, ...labels.map((l) => l.length));
  out.push(c('bold', `risk  level     ${'kind'.padEnd(kindWidth)}  ${'document'.padEnd(labelWidth)}  file`));
  shown.forEach((r, i) => {
    const risk = r.kind === 'unknown' ? '   –' : String(r.risk.score).padStart(4);
    const level = r.kind === 'unknown' ? c('gray', 'n/a'.padEnd(8)) : c(LEVEL_STYLE[r.risk.level], r.risk.level.padEnd(8));
    out.push(`${risk}  ${level}  ${r.kind.padEnd(kindWidth)}  ${labels[i].padEnd(labelWidth)}  ${r.file}`);
  });

  const index = new FindingIndex(report);
  for (const r of shown) {
    const section = explainDocument(r, index, c);
    if (section.length > 0) out.push('', ...section);
  }

  out.push('', summaryLine(report.results, shown.length));
  return out.join('\n') + '\n';
}

function explainDocument(r: DocumentResult, index: FindingIndex, c: ReturnType<typeof painter>): string[] {
  if (r.kind === 'unknown') {
    const errors = r.findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) return [];
    return [`${c('underline', r.file)}  ${c('gray', 'not scored: the file cannot be read as YAML or JSON')}`, ...errors.map((f) => `        ${f.ruleId} line ${f.line}: ${f.message}`)];
  }
  const steps = index.explain(r);
  const uncounted = r.findings.filter((f) => f.severity === 'info' || !(f.weight > 0));
  if (steps.length === 0 && uncounted.length === 0) return [];
  const lines = [`${c('underline', r.file)}  ${c('bold', documentLabel(r))}  ${c(LEVEL_STYLE[r.risk.level], `${r.risk.score} ${r.risk.level}`)}`];
  const pointsWidth = Math.max(3, ...steps.map((s) => `+${s.contribution.points}`.length));
  const ruleWidth = Math.max(...steps.filter((s) => s.contribution.points > 0).map((s) => s.contribution.ruleId.length), 0);
  const { adding, zero } = splitZeroTail(steps);
  for (const s of adding) lines.push(`  ${`+${s.contribution.points}`.padStart(pointsWidth)}  ${s.contribution.ruleId.padEnd(ruleWidth)}  ${where(s, r.file)}  ${c('gray', `(${share(s)})`)}`);
  if (zero.length > 0) {
    const what = zero.length === 1 ? '1 more finding adds' : `${zero.length} more findings add`;
    lines.push(`  ${'+0'.padStart(pointsWidth)}  ${what} less than half a point (${100 - zero[0].before} left): ${c('gray', ruleList(zero))}`);
  }
  if (steps.length > 0) lines.push(`  ${'='.repeat(pointsWidth)}`, `  ${String(r.risk.score).padStart(pointsWidth)}  ${r.risk.level} ${levelRange(r.risk.level)}`);
  if (uncounted.length > 0) {
    const byRule = new Map<string, number>();
    for (const f of uncounted) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const list = [...byRule].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id)).join(', ');
    lines.push(c('gray', `  not counted (info or weight 0): ${list}`));
  }
  return lines;
}

/** "'act now' line 4" or "line 8 in template flash_sale en_US (templates/flash_sale.yaml)". */
function where(s: ExplainedContribution, docFile: string): string {
  const quote = quotable(s.finding);
  const parts = [quote !== undefined ? `'${quote}'` : '', `line ${s.contribution.line}`];
  if (s.from) parts.push(`in ${documentLabel(s.from)}${s.from.file !== docFile ? ` (${s.from.file})` : ''}`);
  else if (s.contribution.file) parts.push(`in ${s.contribution.file}`);
  if (s.suppressed) parts.push('[in the baseline]');
  return parts.filter(Boolean).join(' ');
}

/** "35% of the 40 left" — how the points came about, so anyone can check them. */
function share(s: ExplainedContribution): string {
  if (s.effectiveWeight === undefined) return `${s.contribution.points} points`;
  const left = 100 - s.before;
  const damped = s.finding && s.effectiveWeight !== s.finding.weight ? `, repeat of the rule: ${percent(s.finding.weight)} × ${s.effectiveWeight / s.finding.weight}` : '';
  return `${percent(s.effectiveWeight)} of ${left === 100 ? '100' : `the ${left} left`}${damped}`;
}

function levelRange(level: RiskLevel): string {
  const i = LEVELS.findIndex(([l]) => l === level);
  const min = LEVELS[i][1];
  const next = i > 0 ? LEVELS[i - 1][1] : undefined;
  return next === undefined ? `(≥ ${min})` : `(${min}–${next - 1})`;
}

function summaryLine(results: readonly DocumentResult[], shown: number): string {
  const scored = results.filter((r) => r.kind !== 'unknown');
  const counts = LEVELS.map(([level]) => `${scored.filter((r) => r.risk.level === level).length} ${level}`).join(', ');
  const unreadable = results.length - scored.length;
  const extra = unreadable > 0 ? `; ${unreadable} file${unreadable === 1 ? '' : 's'} not scored` : '';
  const partial = shown < results.length ? ` (showing the ${shown} riskiest)` : '';
  return `${scored.length} document${scored.length === 1 ? '' : 's'}: ${counts}${extra}${partial}`;
}
