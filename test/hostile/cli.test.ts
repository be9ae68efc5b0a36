import { rmSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CASES, reportedFiles, reportPath, writeHostileTree, type HostileCase, type HostileTree } from './cases.js';
import { expectSurvived, expectValidReport, parseJsonReport, runMeasured, TIME_LIMIT_MS, type JsonReport } from './harness.js';
import { FORMATS } from '../../src/report/index.js';

// Issue 9, hostile half: every case alone and all of them together next to a good template, through the
// built CLI (`npm run build` first), in every report format, with time and memory guards.

/** Files that have findings: the ones every format must name (some formats list only those). */
function filesWithFindings(report: JsonReport): string[] {
  return [...new Set(report.results.filter((r) => r.findings.length > 0).map((r) => r.file))];
}

function expectCaseFindings(c: HostileCase, report: JsonReport, where: string): void {
  const all = report.results.flatMap((r) => r.findings.map((f) => ({ ...f, resultFile: r.file })));
  for (const e of c.expect) {
    const file = reportPath(c, e.file);
    const candidates = all.filter((f) => f.resultFile === file);
    const match = candidates.find(
      (f) =>
        (typeof e.ruleId === 'string' ? f.ruleId === e.ruleId : e.ruleId.test(f.ruleId)) &&
        (!e.message || e.message.test(f.message)) &&
        (e.line === undefined || f.line === e.line) &&
        (e.column === undefined || f.column === e.column),
    );
    const seen = candidates.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message.slice(0, 160)}`).join('\n  ');
    expect(match, `${where}: no ${String(e.ruleId)}${e.line ? ` at ${e.line}:${e.column ?? '*'}` : ''} ${e.message ?? ''} in ${file}; found:\n  ${seen}`).toBeDefined();
    expect(match!.file).toBe(file);
  }
  for (const [rel, names] of Object.entries(c.linted ?? {})) {
    const file = reportPath(c, rel);
    const linted = report.results.filter((r) => r.file === file && r.kind !== 'unknown').map((r) => r.name);
    for (const name of names) expect(linted, `${where}: ${file} should still have "${name}" linted`).toContain(name);
  }
}

// One tree with every case (some are tens of MB, one is 200 MB) for the runs alone and together.
let tree: HostileTree;
beforeAll(() => {
  tree = writeHostileTree({ heavy: true });
}, 180_000);
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

describe('hostile input, each case alone (built CLI)', () => {
  for (const c of CASES) {
    it(c.title, async () => {
      const args = ['lint', `cases/${c.name}`, ...(c.args ?? [])];
      const json = await runMeasured([...args, '--format', 'json'], tree.root);
      expectSurvived(json, `${c.name} (json)`);
      const report = parseJsonReport(json.stdout, c.name);
      expectCaseFindings(c, report, c.name);
      expectValidReport('json', json.stdout, reportedFiles(c), c.name);
      const stylish = await runMeasured([...args, '--format', 'stylish'], tree.root);
      expectSurvived(stylish, `${c.name} (stylish)`);
      expectValidReport('stylish', stylish.stdout, filesWithFindings(report), c.name);
      expect(stylish.code).toBe(json.code);
    }, 150_000);
  }
});

// Together, the cases add up: the hang guard is the per-case guard times a few (the CPU time of all cases
// alone, measured, is well under it), and the kill limit is wider still.
const TOGETHER_CPU_MS = 4 * TIME_LIMIT_MS;
const TOGETHER_KILL_MS = 300_000;

describe('all hostile cases together, next to a good template (built CLI)', () => {
  const args = ['lint', '.', ...new Set(CASES.flatMap((c) => c.args ?? []))];
  let serialJson: string;
  let serialReport: JsonReport;

  it('every case still reports its findings, every other file is still linted, and the good template is clean', async () => {
    const run = await runMeasured([...args, '--format', 'json'], tree.root, {}, TOGETHER_KILL_MS);
    expectSurvived(run, 'together (json)', TOGETHER_CPU_MS);
    expect(run.code).toBe(1);
    serialJson = run.stdout;
    const report = parseJsonReport(run.stdout, 'together');
    serialReport = report;
    const reported = new Set(report.results.map((r) => r.file));
    for (const f of ['good.yaml', ...tree.cases.flatMap(reportedFiles)]) expect(reported, `together: ${f} is not in the report`).toContain(f);
    for (const c of tree.cases) expectCaseFindings(c, report, `together/${c.name}`);
    const good = report.results.filter((r) => r.file === 'good.yaml');
    expect(good.map((r) => [r.kind, r.name])).toEqual([['template', 'good_neighbour']]);
    expect(good[0].findings.filter((f) => f.area === 'input')).toEqual([]);
    expect(report.summary.documents).toBeGreaterThan(10_000);
  }, 400_000);

  for (const format of FORMATS) {
    it(`--format ${format}: a valid report naming every case's files`, async () => {
      const run = await runMeasured([...args, '--format', format], tree.root, {}, TOGETHER_KILL_MS);
      expectSurvived(run, `together (${format})`, TOGETHER_CPU_MS);
      expect(serialReport, 'the JSON run did not finish').toBeDefined();
      expectValidReport(format, run.stdout, format === 'json' ? serialReport.results.map((r) => r.file) : filesWithFindings(serialReport), 'together');
    }, 400_000);
  }

  it('worker threads give the same bytes as a single thread', async () => {
    const run = await runMeasured([...args, '--format', 'json'], tree.root, { MSGLINT_WORKERS: '2' }, TOGETHER_KILL_MS);
    expectSurvived(run, 'together, 2 workers', TOGETHER_CPU_MS);
    expect(serialJson, 'the serial run did not finish').toBeDefined();
    expect(run.stdout === serialJson, 'parallel and serial JSON differ').toBe(true);
  }, 400_000);
});

describe('determinism: the same hostile input gives byte-identical output in every format', () => {
  // The light cases only (no tens-of-MB files): every format twice.
  let light: HostileTree;
  const args = ['lint', '.', ...new Set(CASES.flatMap((c) => c.args ?? []))];
  beforeAll(() => {
    light = writeHostileTree({ heavy: false });
  }, 60_000);
  afterAll(() => rmSync(light.root, { recursive: true, force: true }));

  for (const format of FORMATS) {
    it(`--format ${format}`, async () => {
      const first = await runMeasured([...args, '--format', format], light.root);
      const second = await runMeasured([...args, '--format', format], light.root);
      expectSurvived(first, `determinism (${format})`);
      expectValidReport(format, first.stdout, [], 'determinism');
      expect(second.code).toBe(first.code);
      expect(second.stdout === first.stdout, `--format ${format} differs between two runs`).toBe(true);
    }, 90_000);
  }
});
