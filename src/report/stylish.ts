import type { Finding, LintReport, Severity } from '../types.js';

export interface StylishOptions {
  color: boolean;
  /** Only errors (--quiet). */
  quiet?: boolean;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1, underline: 4, green: 32, magenta: 35 } as const;

function paint(on: boolean) {
  return (style: keyof typeof ANSI, text: string) => (on ? `\u001b[${ANSI[style]}m${text}\u001b[${style === 'bold' ? 22 : style === 'underline' ? 24 : 39}m` : text);
}

const SEVERITY_COLOR: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** ESLint's "stylish" layout, grouped by file, plus each document's risk and each finding's fix. */
export function formatStylish(report: LintReport, opts: StylishOptions): string {
  const c = paint(opts.color);
  const lines: string[] = [];
  const byFile = new Map<string, LintReport['results']>();
  for (const r of report.results) {
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  for (const [file, results] of byFile) {
    const shown = results.map((r) => ({ r, findings: r.findings.filter((f) => !opts.quiet || f.severity === 'error') }));
    if (shown.every((s) => s.findings.length === 0)) continue;
    lines.push(c('underline', file));
    for (const { r, findings } of shown) {
      if (findings.length === 0) continue;
      if (r.kind !== 'unknown') {
        const label = [r.kind, r.name, r.language].filter(Boolean).join(' ');
        const levelColor = r.risk.level === 'critical' || r.risk.level === 'high' ? 'red' : r.risk.level === 'medium' ? 'yellow' : 'green';
        lines.push(`  ${c('bold', label)}  ${c(levelColor, `risk ${r.risk.score} ${r.risk.level}`)}`);
      }
      const width = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
      for (const f of findings) lines.push(formatFinding(f, width, c));
    }
    lines.push('');
  }
  const { errors, warnings, infos } = report.summary;
  const shownWarnings = opts.quiet ? 0 : warnings;
  const total = errors + shownWarnings + (opts.quiet ? 0 : infos);
  if (total === 0) {
    lines.push(c('green', `✔ no problems in ${report.summary.documents} document${report.summary.documents === 1 ? '' : 's'} (${report.summary.files} file${report.summary.files === 1 ? '' : 's'})`) + suppressedNote(report));
  } else {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${shownWarnings} warning${shownWarnings === 1 ? '' : 's'}`];
    if (!opts.quiet && infos > 0) parts.push(`${infos} info`);
    const mark = errors > 0 ? c('red', '✖') : c('yellow', '⚠');
    lines.push(`${mark} ${c('bold', `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`)} in ${report.summary.documents} document${report.summary.documents === 1 ? '' : 's'}, ${report.summary.files} file${report.summary.files === 1 ? '' : 's'}` + suppressedNote(report));
  }
  return lines.join('\n') + '\n';
}

function formatFinding(f: Finding, width: number, c: ReturnType<typeof paint>): string {
  const pos = `${f.line}:${f.column}`.padEnd(width);
  const sev = c(SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
  let out = `    ${c('gray', pos)}  ${sev}  ${f.message}  ${c('gray', f.ruleId)}`;
  if (f.fix) out += `\n    ${' '.repeat(width)}  ${c('gray', '↳ fix:')} ${f.fix}`;
  return out;
}

/** Suppressed findings are not problems, but the count says they exist (JSON lists them with their reasons). */
function suppressedNote(report: LintReport): string {
  const n = report.summary.suppressed ?? 0;
  return n > 0 ? `; ${n} suppressed` : '';
}
