import type { Finding, LintReport, Suppression } from '../types.js';

/** The stable, versioned JSON contract (PRODUCT.md). Key order is fixed so output is byte-identical across runs. */
export function formatJson(report: LintReport): string {
  const results = report.results.map((r) => ({
    file: r.file,
    kind: r.kind,
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...(r.language !== undefined ? { language: r.language } : {}),
    risk: r.risk,
    findings: r.findings.map(findingJson),
    ...(r.suppressed && r.suppressed.length > 0 ? { suppressed: r.suppressed.map((f) => ({ ...findingJson(f), suppression: suppressionJson(f.suppression) })) } : {}),
  }));
  return JSON.stringify({ version: report.version, tool: report.tool, results, summary: report.summary }, null, 2) + '\n';
}

function suppressionJson(s: Suppression): Suppression {
  return { kind: s.kind, reason: s.reason, ...(s.line !== undefined ? { line: s.line } : {}) };
}

/** One finding, keys in the documented order. */
function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    area: f.area,
    severity: f.severity,
    message: f.message,
    ...(f.fix !== undefined ? { fix: f.fix } : {}),
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    path: f.path,
    weight: f.weight,
    ...(f.source !== undefined ? { source: f.source } : {}),
    ...(f.matchedText !== undefined ? { matchedText: f.matchedText } : {}),
    ...(f.evidence !== undefined && Object.keys(f.evidence).length > 0 ? { evidence: f.evidence } : {}),
  };
}
