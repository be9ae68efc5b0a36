import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { CORE_RULES, type RuleInfo } from './rule-catalog.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { LintReport, Severity } from '../types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatOptions {
  color: boolean;
  quiet: boolean;
  /** The active rules, for SARIF `rules[]` and Markdown links (default: the core rules only). */
  rules?: readonly RuleInfo[];
  /** The working directory, which relative paths start from (SARIF `%SRCROOT%`). */
  cwd?: string;
  /** The failure threshold (JUnit failures). */
  failOn?: 'error' | 'warning' | 'never';
  /** The config's severity for a rule (SARIF default levels). */
  ruleSetting?: (id: string) => Severity | 'off' | undefined;
}

/** One function per output format; each takes the whole report and returns the text to print. */
export function formatReport(report: LintReport, format: FormatName, opts: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'stylish':
      return formatStylish(report, { color: opts.color, quiet: opts.quiet });
    case 'sarif':
      return formatSarif(report, { rules: opts.rules ?? CORE_RULES, cwd: opts.cwd ?? process.cwd(), ruleSetting: opts.ruleSetting });
    case 'github':
      return formatGithub(report, { quiet: opts.quiet });
    case 'junit':
      return formatJunit(report, { failOn: opts.failOn ?? 'error' });
    case 'markdown':
      return formatMarkdown(report, { rules: opts.rules ?? CORE_RULES, quiet: opts.quiet });
    case 'html':
      return formatHtml(opts.quiet ? errorsOnly(report) : report, { rules: opts.rules });
  }
}

/** The report as --quiet shows it to people: errors only, counted as such (scores are unchanged). */
function errorsOnly(report: LintReport): LintReport {
  return {
    ...report,
    results: report.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })),
    summary: { ...report.summary, warnings: 0, infos: 0 },
  };
}

export { ruleCatalog, CORE_RULES, type RuleInfo } from './rule-catalog.js';
