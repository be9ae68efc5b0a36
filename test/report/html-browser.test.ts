import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLinter, runLint } from '../../src/lint.js';
import { chromiumPath, renderPdf, screenshot, withPage, BrowserUnavailableError } from '../../src/report/browser.js';
import { formatHtml } from '../../src/report/html.js';
import type { LintReport } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { colourStats, decodePng } from './html-helpers.js';

// A real headless Chromium (Debian's `chromium`; .ci/run installs it) renders the HTML report of fixtures/.
const NOW = new Date('2026-11-20T00:00:00Z');
let report: LintReport;
let html: string;
let out: string;

beforeAll(async () => {
  const linter = createLinter(ROOT);
  report = await runLint(linter, { cwd: ROOT, paths: ['fixtures'], now: NOW, explain: true });
  html = formatHtml(report, { rules: linter.compiled.packs.flatMap((p) => p.rules) });
  out = mkdtempSync(path.join(tmpdir(), 'msglint-html-'));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('HTML report in headless Chromium', { timeout: 120_000 }, () => {
  it('renders a page that is not blank, with the key text, and makes no network request', async () => {
    const shot = await screenshot(html, { width: 1100 });
    expect(shot.blockedRequests).toEqual([]);
    const img = decodePng(shot.png);
    expect(img.width).toBe(1100);
    expect(img.height).toBeGreaterThan(1500);
    const { distinct, inked } = colourStats(img);
    expect(distinct).toBeGreaterThan(50);
    expect(inked).toBeGreaterThan(0.03);
    const riskiest = [...report.results].sort((a, b) => b.risk.score - a.risk.score)[0];
    // innerText is what is on screen, headings in capitals included
    const text = shot.text.toLowerCase();
    for (const words of ['msglint report', 'documents by risk', 'findings by area', 'highest risk', 'fix:', riskiest.name!.toLowerCase()]) expect(text).toContain(words);
  });

  it('lays out within the page: nothing wider than the viewport, one gauge per document with findings', async () => {
    const { value, blockedRequests } = await withPage(html, async (page) => ({
      overflow: await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      gauges: await page.locator('svg.gauge').count(),
      scripts: await page.locator('script').count(),
      areaBars: await page.locator('svg.chart text.c-label').allTextContents(),
    }), { width: 760, javaScript: true });
    expect(blockedRequests).toEqual([]);
    expect(value.overflow).toBeLessThanOrEqual(0);
    expect(value.scripts).toBe(0);
    expect(value.gauges).toBe(report.results.filter((r) => r.findings.length > 0 && r.kind !== 'unknown').length + 1);
    expect(value.areaBars).toEqual(['opt-in', 'velocity', 'category', 'phrasing', 'format', 'content', 'input']);
  });

  it('prints to PDF on A4 and Letter', async () => {
    for (const format of ['A4', 'Letter'] as const) {
      const file = path.join(out, `report-${format}.pdf`);
      const pdf = await renderPdf(html, file, { format });
      expect(pdf.blockedRequests).toEqual([]);
      expect(pdf.pages).toBeGreaterThanOrEqual(1);
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  it('blocks and reports any request a page tries (so the checks above can fail)', async () => {
    const leaky = '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head><body><p>hi</p><img src="http://images.example.invalid/a.png"></body></html>';
    const shot = await screenshot(leaky, { width: 400 });
    expect(shot.blockedRequests.sort()).toEqual(['http://images.example.invalid/a.png', 'https://cdn.example.invalid/x.css']);
    expect(colourStats(decodePng(shot.png)).distinct).toBeGreaterThan(1);
    const blank = decodePng((await screenshot('<!DOCTYPE html><html><body></body></html>', { width: 400 })).png);
    expect(colourStats(blank)).toEqual({ distinct: 1, inked: 0 });
  });

  it('says clearly when Chromium is missing', () => {
    expect(() => chromiumPath({ MSGLINT_CHROMIUM: '/nonexistent/chromium' })).toThrow(BrowserUnavailableError);
    expect(() => chromiumPath({ MSGLINT_CHROMIUM: '/nonexistent/chromium' })).toThrow(/MSGLINT_CHROMIUM is set to \/nonexistent\/chromium/);
  });
});
