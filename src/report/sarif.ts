import { pathToFileURL } from 'node:url';

import { documentIdentity, occurrenceFingerprints } from './fingerprint.js';
import { REPOSITORY_URL, ruleAnchor, ruleHelpUri, type RuleInfo } from './rule-catalog.js';
import type { DocumentResult, Finding, LintReport, Severity } from '../types.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (docs: "SARIF support for code scanning").
 *
 * - Every active rule is listed with the descriptions and help GitHub requires, so code scanning can tell
 *   "ran and found nothing" from "unknown rule" and close fixed alerts.
 * - Locations are relative to `%SRCROOT%` (the working directory msglint ran in: the repository root in CI).
 * - `partialFingerprints["msglintFindingKey/v1"]` is the baseline key plus an occurrence number, so it does
 *   not change when unrelated lines move. `primaryLocationLineHash` is left to github/codeql-action/upload-sarif,
 *   which computes it from the file (and warns when a tool supplies a different one).
 * - Suppressed findings are left out: GitHub code scanning does not honour `result.suppressions` and would open
 *   them as alerts. They stay in the JSON output.
 */
export interface SarifOptions {
  /** The active rules (pack rules and core rules). */
  rules: readonly RuleInfo[];
  /** Where relative URIs start (the working directory). */
  cwd: string;
  /** The config's severity for a rule everywhere (`off`: listed but disabled). */
  ruleSetting?: (id: string) => Severity | 'off' | undefined;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_NAME = 'msglintFindingKey/v1';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

export function formatSarif(report: LintReport, opts: SarifOptions): string {
  const rules = new Map<string, RuleInfo>(opts.rules.map((r) => [r.id, r]));
  // Findings of rules that are not in the catalog (another tool's pack, say) still get a descriptor.
  for (const r of report.results) for (const f of r.findings) if (!rules.has(f.ruleId)) rules.set(f.ruleId, ruleFromFinding(f));
  const ordered = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(ordered.map((r, i) => [r.id, i]));

  const results = report.results.flatMap((r) => {
    const fingerprints = occurrenceFingerprints(r, r.findings);
    return r.findings.map((f, i) => sarifResult(r, f, ruleIndex.get(f.ruleId)!, fingerprints[i]));
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'msglint',
            semanticVersion: report.tool.version,
            version: report.tool.version,
            informationUri: REPOSITORY_URL,
            rules: ordered.map((rule) => descriptor(rule, opts.ruleSetting?.(rule.id))),
          },
        },
        automationDetails: { id: 'msglint/' },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: directoryUri(opts.cwd), description: { text: 'The directory msglint ran in (the repository root in CI).' } },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function directoryUri(dir: string): string {
  const uri = pathToFileURL(dir).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** A relative path as a URI reference: each segment percent-encoded, `/` between them. */
export function relativeUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["'’”)]*$/.test(t) ? t : `${t}.`;
}

/** `opt-in/missing-claim` → `OptInMissingClaim` (SARIF `name`: a readable identifier). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .join('');
}

function descriptor(rule: RuleInfo, setting: Severity | 'off' | undefined) {
  const severity = setting && setting !== 'off' ? setting : rule.severity;
  const helpUri = ruleHelpUri(rule);
  const full = rule.description ? sentence(rule.description.replace(/\s+/g, ' ')) : sentence(rule.title);
  const textParts = [full];
  const mdParts = [`**${escapeMarkdown(sentence(rule.title))}**`, '', escapeMarkdown(full)];
  if (rule.fix) {
    textParts.push(`How to fix: ${sentence(rule.fix)}`);
    mdParts.push('', `**How to fix:** ${escapeMarkdown(sentence(rule.fix))}`);
  }
  const facts = `Area: ${rule.area}. Default severity: ${rule.severity}. Risk weight: ${rule.weight}.`;
  textParts.push(facts);
  mdParts.push('', `Area: \`${rule.area}\` · default severity: \`${rule.severity}\` · risk weight: ${rule.weight}`);
  if (rule.pack) {
    const policy = rule.pack.policyDate ? `, policy as of ${rule.pack.policyDate}` : '';
    textParts.push(`Pack: ${rule.pack.name} ${rule.pack.version}${policy}.`);
    mdParts.push(`Pack: \`${rule.pack.name}\` ${rule.pack.version}${policy}`);
  }
  if (rule.source) {
    textParts.push(`Source: ${rule.source}`);
    mdParts.push('', `Source: <${rule.source}>`);
  }
  if (helpUri) {
    textParts.push(`Documentation: ${helpUri}`);
    mdParts.push('', `[Rule documentation](${helpUri})`);
  }
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: sentence(rule.title) },
    fullDescription: { text: full },
    help: { text: textParts.join('\n\n'), markdown: mdParts.join('\n') },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[severity], ...(setting === 'off' ? { enabled: false } : {}) },
    properties: {
      tags: ['msglint', rule.area],
      'problem.severity': PROBLEM_SEVERITY[severity],
      area: rule.area,
      weight: rule.weight,
      anchor: ruleAnchor(rule.id),
    },
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

function sarifResult(result: DocumentResult, f: Finding, ruleIndex: number, fingerprint: string) {
  const message = f.fix ? `${sentence(f.message)} Fix: ${sentence(f.fix)}` : sentence(f.message);
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(startLine, f.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn + 1, f.endColumn) : Math.max(1, f.endColumn);
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine, startColumn, endLine, endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_NAME]: fingerprint },
    properties: {
      area: f.area,
      weight: f.weight,
      document: documentIdentity(result),
      ...(f.path !== '' ? { jsonPath: f.path } : {}),
      ...(result.kind !== 'unknown' ? { risk: result.risk.score, riskLevel: result.risk.level } : {}),
    },
  };
}

function ruleFromFinding(f: Finding): RuleInfo {
  return { id: f.ruleId, area: f.area, severity: f.severity, weight: f.weight, title: f.ruleId, message: f.message, source: f.source, appliesTo: [], pack: { name: 'unknown', version: '0.0.0', file: '', builtin: false } };
}
