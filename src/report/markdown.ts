import { ruleHelpUri, type RuleInfo } from './rule-catalog.js';
import type { DocumentResult, Finding, LintReport, Severity } from '../types.js';

/**
 * A summary for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY): totals, the riskiest
 * documents, the most important findings with links to their rule's documentation, and what is suppressed.
 * Stable order, bounded length (GitHub comments hold 65,536 characters).
 */
export interface MarkdownOptions {
  rules: readonly RuleInfo[];
  /** Only errors (--quiet). */
  quiet?: boolean;
  /** Rows in each table. */
  maxDocuments?: number;
  maxFindings?: number;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' };
const LEVEL_ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🟢' };
const MAX_CHARS = 60000;

/** Text for a table cell: no line breaks, no pipes, no HTML. */
export function cell(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([*_`[\]])/g, '\\$1');
}

function code(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return flat.includes('`') ? `\`\` ${flat} \`\`` : `\`${flat}\``;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function label(r: DocumentResult): string {
  return r.kind === 'unknown' ? 'file' : [r.kind, r.name, r.language].filter(Boolean).join(' ');
}

export function formatMarkdown(report: LintReport, opts: MarkdownOptions): string {
  const rules = new Map(opts.rules.map((r) => [r.id, r]));
  const keep = (f: Finding) => !opts.quiet || f.severity === 'error';
  const { errors, warnings, infos, documents, files, suppressed } = report.summary;
  const shownWarnings = opts.quiet ? 0 : warnings;
  const shownInfos = opts.quiet ? 0 : infos;
  const out: string[] = [];
  const verdict = errors > 0 ? '❌' : shownWarnings > 0 ? '⚠️' : '✅';
  out.push(`## ${verdict} msglint: ${plural(errors, 'error')}, ${plural(shownWarnings, 'warning')}${shownInfos > 0 ? `, ${shownInfos} info` : ''}`);
  out.push('');
  const scope = `${plural(documents, 'document')} in ${plural(files, 'file')} checked`;
  out.push(suppressed ? `${scope}; ${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed (listed below).` : `${scope}.`);

  const byRisk = report.results
    .filter((r) => r.kind !== 'unknown' && (r.risk.score > 0 || r.findings.some(keep)))
    .sort((a, b) => b.risk.score - a.risk.score || cmp(a.file, b.file) || cmp(label(a), label(b)));
  if (byRisk.length > 0) {
    const max = opts.maxDocuments ?? 10;
    out.push('', '### Highest risk', '', '| Risk | Document | File | Errors | Warnings |', '| ---: | --- | --- | ---: | ---: |');
    for (const r of byRisk.slice(0, max)) {
      const e = r.findings.filter((f) => f.severity === 'error').length;
      const w = r.findings.filter((f) => f.severity === 'warning').length;
      out.push(`| ${LEVEL_ICON[r.risk.level] ?? ''} ${r.risk.score} ${r.risk.level} | ${cell(label(r))} | ${code(r.file)} | ${e} | ${opts.quiet ? '–' : w} |`);
    }
    if (byRisk.length > max) out.push('', `…and ${byRisk.length - max} more document${byRisk.length - max === 1 ? '' : 's'} with findings.`);
  }

  const findings = report.results.flatMap((r) => r.findings.filter(keep).map((f) => ({ r, f })));
  findings.sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || b.f.weight - a.f.weight || cmp(a.f.file, b.f.file) || a.f.line - b.f.line || a.f.column - b.f.column || cmp(a.f.ruleId, b.f.ruleId));
  if (findings.length > 0) {
    const max = opts.maxFindings ?? 25;
    out.push('', '### Top findings', '', '| Severity | Rule | Where | Message | Fix |', '| --- | --- | --- | --- | --- |');
    for (const { f } of findings.slice(0, max)) {
      out.push(`| ${ICON[f.severity]} | ${ruleLink(f.ruleId, rules)} | ${code(`${f.file}:${f.line}:${f.column}`)} | ${cell(f.message)} | ${f.fix ? cell(f.fix, 160) : ''} |`);
    }
    if (findings.length > max) out.push('', `…and ${plural(findings.length - max, 'more finding')}; run \`msglint lint\` locally or see the step log for all of them.`);
  }

  const silenced = report.results.flatMap((r) => r.suppressed ?? []);
  if (silenced.length > 0) {
    silenced.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.ruleId, b.ruleId));
    const max = opts.maxFindings ?? 25;
    out.push('', '<details>', `<summary>${plural(silenced.length, 'suppressed finding')}</summary>`, '', '| Rule | Where | How | Reason |', '| --- | --- | --- | --- |');
    for (const s of silenced.slice(0, max)) {
      const how = s.suppression.kind === 'baseline' ? 'baseline' : `${s.suppression.kind} comment, line ${s.suppression.line}`;
      out.push(`| ${ruleLink(s.ruleId, rules)} | ${code(`${s.file}:${s.line}:${s.column}`)} | ${how} | ${cell(s.suppression.reason)} |`);
    }
    if (silenced.length > max) out.push('', `…and ${silenced.length - max} more.`);
    out.push('', '</details>');
  }
  if (findings.length === 0 && silenced.length === 0 && byRisk.length === 0) out.push('', 'No findings. 🎉');
  out.push('', '<sub>Generated by [msglint](https://github.com/msglint/msglint) ' + report.tool.version + '.</sub>');
  let text = out.join('\n') + '\n';
  if (text.length > MAX_CHARS) text = `${text.slice(0, text.lastIndexOf('\n', MAX_CHARS))}\n\n…(cut to fit a pull-request comment)\n`;
  return text;
}

function ruleLink(id: string, rules: ReadonlyMap<string, RuleInfo>): string {
  const rule = rules.get(id);
  const uri = rule ? ruleHelpUri(rule) : undefined;
  return uri ? `[${code(id)}](${uri})` : code(id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
