import type { Finding, LintReport, Severity } from '../types.js';

/**
 * GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` annotation per finding, shown on
 * the pull request's diff. GitHub shows only the first 10 annotations of each kind per step (50 per job) and
 * drops the rest silently, so a `::notice` with the totals is always printed among the first ten notices:
 * after the errors and warnings, before the info-level notices.
 */
export interface GithubOptions {
  /** Only errors (--quiet). */
  quiet?: boolean;
}

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };
/** Per step and kind (docs: workflow commands; community discussion 26680). */
export const ANNOTATIONS_SHOWN_PER_KIND = 10;

/** Escaping of the message (`::…::<data>`), as in @actions/core `escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of property values (`file=…,title=…`), as in @actions/core `escapeProperty`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const props = [
    `file=${escapeProperty(f.file)}`,
    `line=${f.line}`,
    `endLine=${f.endLine}`,
    `col=${f.column}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(`msglint ${f.ruleId}`)}`,
  ];
  const message = f.fix ? `${f.message}\nFix: ${f.fix}` : f.message;
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`;
}

export function formatGithub(report: LintReport, opts: GithubOptions = {}): string {
  const all = report.results.flatMap((r) => r.findings).filter((f) => !opts.quiet || f.severity === 'error');
  const bySeverity = (s: Severity) => all.filter((f) => f.severity === s);
  const errors = bySeverity('error');
  const warnings = bySeverity('warning');
  const infos = bySeverity('info');
  const lines = [...errors.map(annotation), ...warnings.map(annotation)];
  lines.push(`::notice title=${escapeProperty('msglint summary')}::${escapeData(summaryText(report, errors.length, warnings.length, infos.length))}`);
  lines.push(...infos.map(annotation));
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryText(report: LintReport, errors: number, warnings: number, infos: number): string {
  const { documents, files, suppressed } = report.summary;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning'), `${infos} info`];
  let text = `msglint: ${parts.join(', ')} in ${plural(documents, 'document')} (${plural(files, 'file')})`;
  if (suppressed) text += `; ${suppressed} suppressed`;
  const hidden = [errors, warnings, infos + 1].some((n) => n > ANNOTATIONS_SHOWN_PER_KIND);
  if (hidden) text += `.\nGitHub shows only the first ${ANNOTATIONS_SHOWN_PER_KIND} annotations of each kind per step: see the step log, or upload SARIF for every finding.`;
  return text;
}
