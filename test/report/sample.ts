import type { DocumentResult, Finding, LintReport } from '../../src/types.js';

/** A finding with defaults, for formatter tests that do not depend on any rule pack. */
export function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'phrasing/shouting',
    area: 'phrasing',
    severity: 'warning',
    message: "'BIG SALE' is written in capitals",
    fix: 'Write it in sentence case.',
    file: 'templates/promo.yaml',
    line: 6,
    column: 16,
    endLine: 6,
    endColumn: 24,
    path: '/components/0/text',
    weight: 10,
    matchedText: 'BIG SALE',
    ...over,
  };
}

export function result(over: Partial<DocumentResult> = {}): DocumentResult {
  return { file: 'templates/promo.yaml', kind: 'template', name: 'promo', language: 'en_US', risk: { score: 10, level: 'low' }, findings: [], ...over };
}

export function report(results: DocumentResult[]): LintReport {
  const all = results.flatMap((r) => r.findings);
  const suppressed = results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);
  return {
    version: 1,
    tool: { name: 'msglint', version: '9.9.9' },
    results,
    summary: {
      files: new Set(results.map((r) => r.file)).size,
      documents: results.filter((r) => r.kind !== 'unknown').length,
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      infos: all.filter((f) => f.severity === 'info').length,
      ...(suppressed > 0 ? { suppressed } : {}),
    },
  };
}
