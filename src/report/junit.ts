import type { DocumentResult, Finding, LintReport, Severity } from '../types.js';

/**
 * JUnit XML for CI test reports (Jenkins, GitLab, Azure, test-reporter actions): one `<testsuite>` per file,
 * one `<testcase>` per document, one `<failure>` per finding at or above the failure threshold (errors by
 * default). Findings below it are listed in the test case's `<system-out>`, so they are visible but pass.
 */
export interface JunitOptions {
  failOn: 'error' | 'warning' | 'never';
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

function fails(f: Finding, failOn: JunitOptions['failOn']): boolean {
  if (failOn === 'never') return false;
  return RANK[f.severity] >= RANK[failOn];
}

/** XML 1.0 allows tab, LF, CR and U+0020 up; lone surrogates are not characters either. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');
}

function testcaseName(r: DocumentResult): string {
  if (r.kind === 'unknown') return `${r.file} (the file)`;
  return [r.kind, r.name, r.language].filter(Boolean).join(' ');
}

function findingText(f: Finding): string {
  const lines = [`${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`, f.message];
  if (f.fix) lines.push(`Fix: ${f.fix}`);
  if (f.path) lines.push(`At: ${f.path}`);
  if (f.source) lines.push(`Source: ${f.source}`);
  return lines.join('\n');
}

export function formatJunit(report: LintReport, opts: JunitOptions): string {
  const byFile = new Map<string, DocumentResult[]>();
  for (const r of report.results) {
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const [file, results] of byFile) {
    const cases: string[] = [];
    let failures = 0;
    for (const r of results) {
      const failing = r.findings.filter((f) => fails(f, opts.failOn));
      const passing = r.findings.filter((f) => !fails(f, opts.failOn));
      failures += failing.length;
      const body: string[] = [];
      for (const f of failing) {
        body.push(`      <failure ${attrs({ message: `${f.ruleId}: ${f.message}`, type: f.ruleId })}>${escapeXml(findingText(f))}</failure>`);
      }
      const out: string[] = [];
      if (r.kind !== 'unknown') out.push(`risk ${r.risk.score} (${r.risk.level})`);
      out.push(...passing.map(findingText));
      for (const s of r.suppressed ?? []) out.push(`suppressed (${s.suppression.kind}: ${s.suppression.reason}): ${s.file}:${s.line}:${s.column} ${s.ruleId} ${s.message}`);
      if (out.length > 0) body.push(`      <system-out>${escapeXml(out.join('\n\n'))}</system-out>`);
      const caseAttrs = attrs({ name: testcaseName(r), classname: file, file, ...(r.findings[0] ? { line: r.findings[0].line } : {}) });
      cases.push(body.length > 0 ? `    <testcase ${caseAttrs}>\n${body.join('\n')}\n    </testcase>` : `    <testcase ${caseAttrs}/>`);
    }
    totalTests += results.length;
    totalFailures += failures;
    suites.push(`  <testsuite ${attrs({ name: file, tests: results.length, failures, errors: 0, skipped: 0, time: 0 })}>\n${cases.join('\n')}\n  </testsuite>`);
  }
  const head = `<testsuites ${attrs({ name: 'msglint', tests: totalTests, failures: totalFailures, errors: 0, time: 0 })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', suites.length > 0 ? `${head}\n${suites.join('\n')}\n</testsuites>` : `${head}</testsuites>`].join('\n') + '\n';
}
