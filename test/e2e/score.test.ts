import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli, tempTree } from '../helpers/cli.js';

interface Contribution {
  ruleId: string;
  area: string;
  points: number;
  line: number;
  column: number;
  file?: string;
}
interface JsonResult {
  file: string;
  kind: string;
  name?: string;
  risk: { score: number; level: string; explanation?: Contribution[] };
  findings: { ruleId: string; line: number; column: number; file: string; weight: number; severity: string }[];
}

const spammy = `name: flash_deal
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "HUGE SALE TODAY ONLY!!! Act now, click here: https://bit.ly/x1"
`;

// Each test runs the CLI a few times; a loaded 2-core CI machine needs more than the default 30 s.
describe('msglint score (built CLI)', { timeout: 120_000 }, () => {
  it('prints documents riskiest first, then the points each rule added', async () => {
    const r = await runCli(['score', 'fixtures']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^risk\s+level\s+kind\s+document\s+file$/);
    const rows = lines.slice(1, lines.indexOf(''));
    const scores = rows.map((l) => l.trim().split(/\s+/)[0]).filter((s) => s !== '–').map(Number);
    expect(scores.length).toBeGreaterThan(5);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // SpamAssassin-style lines: +points rule 'quote' line N (share of the risk left)
    expect(r.stdout).toMatch(/^ {2} ?\+\d+ {2}[a-z-]+\/[a-z0-9-]+ +('.+' )?line \d+/m);
    // the campaign names the template its points come from
    expect(r.stdout).toMatch(/line \d+ in template flash_sale en_US \(fixtures\/templates\/flash_sale\.yaml\)/);
    expect(r.stdout).toMatch(/^\d+ documents: \d+ critical, \d+ high, \d+ medium, \d+ low/m);
  });

  it('fails with --max-risk only when a document is above it, and says which on stderr', async () => {
    const json = JSON.parse((await runCli(['score', 'fixtures', '--format', 'json'])).stdout);
    const top = Math.max(...json.results.map((x: JsonResult) => x.risk.score));
    const [atTop, below] = await Promise.all([runCli(['score', 'fixtures', '--max-risk', String(top)]), runCli(['score', 'fixtures', '--max-risk', String(top - 1)])]);
    expect(atTop.code).toBe(0);
    expect(below.code).toBe(1);
    expect(below.stderr).toMatch(new RegExp(`^msglint: \\d+ documents? above --max-risk ${top - 1}:\\n {2}${top} `));
    expect(below.stdout).toBe(atTop.stdout);
  });

  it('rejects a --max-risk outside 0–100 with exit 2', async () => {
    const r = await runCli(['score', 'fixtures', '--max-risk', '101']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('uses the config maxRisk, and --max-risk over it', async () => {
    const dir = tempTree({ 'msglint.config.yaml': 'maxRisk: 5\n', 'flash.yaml': spammy });
    const [byConfig, byFlag] = await Promise.all([runCli(['score', '.'], dir), runCli(['score', '.', '--max-risk', '100'], dir)]);
    expect(byConfig.code).toBe(1);
    expect(byConfig.stderr).toContain('above --max-risk 5');
    expect(byFlag.code).toBe(0);
  });

  it('adds risk.explanation to the JSON: points add up to the score and point at real findings', async () => {
    const r = await runCli(['score', 'fixtures', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const findingsByFile = new Map<string, JsonResult['findings']>();
    for (const res of report.results as JsonResult[]) for (const f of res.findings) findingsByFile.set(f.file, [...(findingsByFile.get(f.file) ?? []), f]);
    let fromOtherFiles = 0;
    for (const res of report.results as JsonResult[]) {
      const explanation = res.risk.explanation!;
      expect(explanation.reduce((n, c) => n + c.points, 0), res.file).toBe(res.risk.score);
      for (const c of explanation) {
        expect(Object.keys(c).sort()).toEqual(c.file ? ['area', 'column', 'file', 'line', 'points', 'ruleId'] : ['area', 'column', 'line', 'points', 'ruleId']);
        if (c.file) fromOtherFiles++;
        const file = c.file ?? res.file;
        expect(findingsByFile.get(file)?.some((f) => f.ruleId === c.ruleId && f.line === c.line && f.column === c.column), `${c.ruleId} ${file}:${c.line}`).toBe(true);
      }
    }
    expect(fromOtherFiles).toBeGreaterThan(0);
    const campaign = report.results.find((x: JsonResult) => x.name === 'black-friday-blast');
    expect(campaign.risk.explanation.some((c: Contribution) => c.file === 'fixtures/templates/flash_sale.yaml')).toBe(true);
  });

  it('gives the same scores and explanations with worker threads', async () => {
    const [single, threads] = await Promise.all([runCli(['score', 'fixtures', '--format', 'json'], ROOT, { MSGLINT_WORKERS: '0' }), runCli(['score', 'fixtures', '--format', 'json'], ROOT, { MSGLINT_WORKERS: '2' })]);
    expect(threads.code).toBe(0);
    expect(threads.stdout).toBe(single.stdout);
  });
});

describe('msglint lint: risk in the JSON, --max-risk, --format html', { timeout: 120_000 }, () => {
  it('carries risk.explanation in lint --format json', async () => {
    const r = await runCli(['lint', 'fixtures', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    for (const res of report.results as JsonResult[]) expect(res.risk.explanation!.reduce((n, c) => n + c.points, 0)).toBe(res.risk.score);
  });

  it('fails on --max-risk even when findings alone would not', async () => {
    const dir = tempTree({ 'flash.yaml': spammy });
    const [loose, strict, high] = await Promise.all([
      runCli(['lint', '.', '--fail-on', 'never'], dir),
      runCli(['lint', '.', '--fail-on', 'never', '--max-risk', '0'], dir),
      runCli(['lint', '.', '--fail-on', 'never', '--max-risk', '100'], dir),
    ]);
    expect(loose.code).toBe(0);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/above --max-risk 0:\n {2}\d+ \w+ {2}flash\.yaml {2}template flash_deal en_US/);
    expect(high.code).toBe(0);
  });

  it('writes one self-contained HTML file with --format html --output', async () => {
    const dir = tempTree({ 'flash.yaml': spammy });
    const r = await runCli(['lint', 'flash.yaml', '--format', 'html', '--output', 'report.html'], dir);
    expect(r.stdout).toBe('');
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('flash_deal');
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|@import|url\(/i);
    const score = await runCli(['score', 'flash.yaml', '--format', 'html'], dir);
    expect(score.stdout).toContain('msglint risk report');
  });
});
