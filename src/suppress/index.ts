import type { Document } from 'yaml';

import { scanDirectives, type Directive, type DirectiveRule } from './directives.js';
import type { RuleSetting } from '../config/index.js';
import { resolveNode } from '../documents/locate.js';
import type { LintDocument, ParsedFile } from '../documents/parse.js';
import { coreRule } from '../report/rule-catalog.js';
import type { DocumentResult, Finding, Severity, Span, SuppressedFinding, Suppression } from '../types.js';

export { scanDirectives, type Directive, type DirectiveKind, type DirectiveRule } from './directives.js';

export interface SuppressionOptions {
  /** Whether a rule id exists (in the active packs or among msglint's core rules). */
  isKnownRule: (id: string) => boolean;
  /** The config's severity for a rule in a file (`off` drops the directive findings too). */
  settingFor: (absFile: string) => (ruleId: string, severity: Severity) => RuleSetting;
  /** Order of findings within a document. */
  compare: (a: Finding, b: Finding) => number;
}

/** Findings about the directives themselves can never be suppressed (a directive cannot excuse itself). */
const DIRECTIVE_RULES = new Set(['input/suppression-without-reason', 'input/invalid-suppression', 'input/unused-suppression']);

/** A stretch of lines in which some rules are silenced, and whether each rule was needed there. */
interface Range {
  directive: Directive;
  kind: Suppression['kind'];
  from: number;
  to: number;
  rules: DirectiveRule[];
  used: Set<string>;
}

/**
 * Applies `# msglint-disable…` comments: matching findings move from `findings` to `suppressed` (with the
 * reason); directives without a reason or without a rule, and directives that suppressed nothing, become
 * findings themselves. Arrays are changed in place (the caller's maps hold them).
 */
export function applySuppressions(parsedFiles: readonly ParsedFile[], findingsByDoc: ReadonlyMap<LintDocument, Finding[]>, results: readonly DocumentResult[], options: SuppressionOptions): void {
  const resultByFindings = new Map<Finding[], DocumentResult>(results.map((r) => [r.findings, r]));
  for (const parsed of parsedFiles) {
    if (parsed.documents.length === 0) continue;
    // The syntax trees only when there are directives to place (they may have been let go: release.ts).
    const directives = scanDirectives(parsed.source, () => [...new Set(parsed.documents.map((d) => d.yaml))] as Document.Parsed[]);
    if (directives.length === 0) continue;
    const entries = parsed.documents.flatMap((doc) => {
      const findings = findingsByDoc.get(doc);
      const result = findings ? resultByFindings.get(findings) : undefined;
      return result ? [{ doc, result }] : [];
    });
    if (entries.length === 0) continue;
    applyToFile(parsed, directives, entries, options);
  }
}

function applyToFile(parsed: ParsedFile, directives: Directive[], entries: { doc: LintDocument; result: DocumentResult }[], options: SuppressionOptions): void {
  const setting = options.settingFor(parsed.source.absPath);
  const problems: { at: Directive; finding: Finding }[] = [];
  const report = (at: Directive, ruleId: string, message: string, span: Span, fix?: string): void => {
    const rule = coreRule(ruleId)!;
    const severity = setting(ruleId, rule.severity);
    if (severity === 'off') return;
    problems.push({ at, finding: { ruleId, area: 'input', severity, message, fix: fix ?? rule.fix, file: parsed.source.relPath, path: '', weight: rule.weight, source: rule.source, ...span } });
  };

  const ranges: Range[] = [];
  const open: Range[] = [];
  for (const d of directives) {
    const name = `msglint-${d.kind}`;
    if (d.kind === 'enable') {
      const closes = d.rules.length === 0 ? open.splice(0) : extractOpen(open, ranges, d.rules.map((r) => r.id));
      for (const range of closes) range.to = d.line - 1;
      if (closes.length === 0) report(d, 'input/unused-suppression', `${name}${d.rules.length > 0 ? ` ${d.rules.map((r) => r.id).join(', ')}` : ''}: nothing was disabled above it`, d.keywordSpan, 'Remove the directive.');
      continue;
    }
    if (d.rules.length === 0) {
      report(d, 'input/invalid-suppression', `${name} names no rule; write the rule ids it silences (it suppresses nothing until it does)`, d.keywordSpan);
      continue;
    }
    if (!d.reason) {
      report(d, 'input/suppression-without-reason', `${name} ${d.rules.map((r) => r.id).join(', ')} needs a reason after " -- "; it suppresses nothing until it has one`, d.span);
      continue;
    }
    const kind: Suppression['kind'] = d.kind === 'disable' ? 'block' : d.kind === 'disable-line' ? 'line' : 'next-line';
    const range: Range = { directive: d, kind, from: d.target?.from ?? d.line, to: d.target?.to ?? Number.POSITIVE_INFINITY, rules: d.rules, used: new Set() };
    ranges.push(range);
    if (d.kind === 'disable') open.push(range);
  }

  for (const { result } of entries) {
    const kept: Finding[] = [];
    for (const f of result.findings) {
      const range = DIRECTIVE_RULES.has(f.ruleId) ? undefined : ranges.find((r) => f.line >= r.from && f.line <= r.to && r.rules.some((x) => x.id === f.ruleId));
      if (!range) {
        kept.push(f);
        continue;
      }
      range.used.add(f.ruleId);
      const suppressed: SuppressedFinding = { ...f, suppression: { kind: range.kind, reason: range.directive.reason!, line: range.directive.line } };
      (result.suppressed ??= []).push(suppressed);
    }
    result.findings.splice(0, result.findings.length, ...kept);
  }

  for (const range of ranges) {
    const d = range.directive;
    for (const rule of range.rules) {
      if (range.used.has(rule.id)) continue;
      const where =
        range.from > parsed.source.lines.lineCount
          ? 'after it (nothing follows the directive)'
          : range.kind === 'block'
            ? Number.isFinite(range.to)
              ? `on lines ${range.from}–${range.to}`
              : `from line ${range.from} on`
            : range.from === range.to
              ? `on line ${range.from}`
              : `on lines ${range.from}–${range.to}`;
      const message = options.isKnownRule(rule.id)
        ? `msglint-${d.kind} ${rule.id} suppresses nothing: no ${rule.id} finding ${where}`
        : `msglint-${d.kind} ${rule.id}: no rule "${rule.id}" in the active packs (misspelled, or its pack is not enabled)`;
      report(d, 'input/unused-suppression', message, rule.span, range.rules.length > 1 ? `Remove ${rule.id} from the directive.` : undefined);
    }
  }

  for (const { at, finding } of problems) {
    const entry = entryFor(at, entries);
    entry.result.findings.push(finding);
  }
  for (const { result } of entries) {
    result.findings.sort(options.compare);
    result.suppressed?.sort(options.compare);
  }
}

/** Removes and returns the open `disable` ranges for the given rules (a range stays open for its other rules). */
function extractOpen(open: Range[], ranges: Range[], ids: string[]): Range[] {
  const closed: Range[] = [];
  for (let i = open.length - 1; i >= 0; i--) {
    const range = open[i];
    const closing = range.rules.filter((r) => ids.includes(r.id));
    if (closing.length === 0) continue;
    if (closing.length === range.rules.length) {
      open.splice(i, 1);
      closed.push(range);
      continue;
    }
    // Split: the closed rules end here; the others stay disabled.
    const rest: Range = { ...range, rules: range.rules.filter((r) => !ids.includes(r.id)), used: range.used };
    range.rules = closing;
    open.splice(i, 1, rest);
    ranges.push(rest);
    closed.push(range);
  }
  return closed;
}

/** The document a directive belongs to: the one holding the comment (or the line it targets), else the next one. */
function entryFor(d: Directive, entries: { doc: LintDocument; result: DocumentResult }[]): { doc: LintDocument; result: DocumentResult } {
  let following: { doc: LintDocument; result: DocumentResult } | undefined;
  for (const entry of entries) {
    const node = resolveNode(entry.doc.yaml, entry.doc.basePath).node;
    const range = node?.range ?? entry.doc.yaml.range;
    if (d.offset >= range[0] && d.offset <= range[2]) return entry;
    if (!following && range[0] > d.offset) following = entry;
  }
  return following ?? entries[entries.length - 1];
}
