import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

import { BIN, ROOT } from '../helpers/cli.js';

/**
 * A hang guard, not a performance test: a hostile file must never take the CLI anywhere near this much CPU
 * time (all threads). CPU time, because wall time on a shared 2-core machine running the rest of the test
 * suite says more about the neighbours than about msglint; the wall clock gets a wider kill limit below,
 * for what burns no CPU (a read that blocks forever).
 */
export const TIME_LIMIT_MS = 15_000;
/** Wall-clock limit after which the child is killed. */
export const KILL_AFTER_MS = 60_000;
/** Memory guard for one CLI run (peak RSS, worker threads included). */
export const MEMORY_LIMIT_MB = 1024;

/** The CLI under test: the repository's build, or another build of it (MSGLINT_TEST_BIN). */
const CLI = process.env.MSGLINT_TEST_BIN ?? BIN;
const PRELOAD = pathToFileURL(path.join(ROOT, 'test', 'hostile', 'rss-preload.mjs')).href;

export interface MeasuredRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the child process. */
  ms: number;
  /** Peak RSS in MB, measured inside the child (undefined if it died before exiting normally). */
  rssMb?: number;
  /** CPU time of the child, all threads (undefined if it died before exiting normally). */
  cpuMs?: number;
  /** Killed by the hang guard. */
  timedOut: boolean;
}

/** Runs the built CLI in `cwd`, with its peak memory and wall time; a run longer than the hang guard is killed. */
export function runMeasured(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = KILL_AFTER_MS): Promise<MeasuredRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'msglint-rss-'));
  const rssFile = path.join(scratch, 'rss');
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', PRELOAD, CLI, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', MSGLINT_WORKERS: '0', ...env, MSGLINT_TEST_RSS_FILE: rssFile }, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        let usage: { maxRssKb: number; cpuMs: number } | undefined;
        try {
          usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuMs: number };
        } catch {
          usage = undefined;
        }
        rmSync(scratch, { recursive: true, force: true });
        resolve({ code, stdout, stderr, ms, rssMb: usage && usage.maxRssKb / 1024, cpuMs: usage?.cpuMs, timedOut });
      },
    );
  });
}

/** Exit 0 or 1, within the hang guard and the memory guard, and no stack trace or internal error on stderr. */
export function expectSurvived(run: MeasuredRun, what: string, cpuLimitMs = TIME_LIMIT_MS): void {
  expect(run.timedOut, `${what}: killed after ${Math.round(run.ms)} ms of wall time`).toBe(false);
  expect([0, 1], `${what}: exit ${run.code}, stderr: ${run.stderr.slice(0, 500)}`).toContain(run.code);
  expect(run.rssMb, `${what}: no memory measurement (the process did not exit normally)`).toBeDefined();
  expect(run.rssMb!, `${what}: peak RSS ${run.rssMb?.toFixed(0)} MB`).toBeLessThan(MEMORY_LIMIT_MB);
  expect(run.cpuMs!, `${what}: ${Math.round(run.cpuMs ?? 0)} ms of CPU time (${Math.round(run.ms)} ms wall)`).toBeLessThan(cpuLimitMs);
  expectCleanStderr(run.stderr, what);
}

export function expectCleanStderr(stderr: string, what: string): void {
  expect(stderr, `${what}: a stack trace on stderr`).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
  expect(stderr, `${what}: an internal error`).not.toMatch(/internal error|Error:|Warning:|\(node:\d+\)/);
}

export interface ReportFinding {
  ruleId: string;
  area: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
}

export interface ReportResult {
  file: string;
  kind: string;
  name?: string;
  language?: string;
  findings: ReportFinding[];
}

export interface JsonReport {
  version: number;
  results: ReportResult[];
  summary: { files: number; documents: number; errors: number; warnings: number };
}

/** Parses the JSON report and checks the contract every result must keep, whatever the input. */
export function parseJsonReport(stdout: string, what: string): JsonReport {
  let report: JsonReport;
  try {
    report = JSON.parse(stdout) as JsonReport;
  } catch (error) {
    throw new Error(`${what}: --format json printed something that is not JSON (${String(error)}): ${stdout.slice(0, 300)}`);
  }
  expect(report.version).toBe(1);
  for (const r of report.results) {
    for (const f of r.findings) {
      expect(f.line, `${what}: ${f.ruleId} line`).toBeGreaterThanOrEqual(1);
      expect(f.column, `${what}: ${f.ruleId} column`).toBeGreaterThanOrEqual(1);
      expect(f.endLine * 1e9 + f.endColumn, `${what}: ${f.ruleId} ends before it starts`).toBeGreaterThanOrEqual(f.line * 1e9 + f.column);
      expect(typeof f.message === 'string' && f.message.length > 0, `${what}: ${f.ruleId} has no message`).toBe(true);
    }
  }
  return report;
}

// XML 1.0 forbids these characters even when escaped (JUnit consumers reject the whole file).
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b/;

/**
 * Checks that `stdout` is a valid report in `format` that names every one of `files`. Formats this test does
 * not know yet get the checks every format must pass (not empty, the files named, no terminal escapes).
 */
export function expectValidReport(format: string, stdout: string, files: readonly string[], what: string): void {
  const label = `${what} --format ${format}`;
  expect(stdout.length, `${label}: empty output`).toBeGreaterThan(0);
  expect(stdout, `${label}: a terminal escape sequence in uncoloured output`).not.toMatch(ESCAPE);
  switch (format) {
    case 'json': {
      const report = parseJsonReport(stdout, label);
      const reported = new Set(report.results.map((r) => r.file));
      for (const f of files) expect(reported, `${label}: ${f} missing`).toContain(f);
      return;
    }
    case 'sarif': {
      const log = JSON.parse(stdout) as { version: string; runs: { results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }[] }[] }[] };
      expect(log.version).toBe('2.1.0');
      const uris = new Set<string>();
      for (const r of log.runs[0].results) {
        expect(typeof r.ruleId).toBe('string');
        for (const loc of r.locations ?? []) {
          uris.add(decodeURIComponent(loc.physicalLocation.artifactLocation.uri));
          if (loc.physicalLocation.region) expect(loc.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        }
      }
      for (const f of files) expect([...uris].some((u) => u.endsWith(f)), `${label}: ${f} missing`).toBe(true);
      return;
    }
    case 'junit':
      expect(XMLValidator.validate(stdout), `${label}: not well-formed XML`).toBe(true);
      expect(stdout, `${label}: a character XML 1.0 forbids`).not.toMatch(XML_FORBIDDEN);
      // A character XML cannot carry (a control character in a file name) is replaced, not dropped.
      for (const f of files) expect(stdout.includes(escapeXml(f.replace(new RegExp(XML_FORBIDDEN.source, 'g'), '\uFFFD'))), `${label}: ${f} missing`).toBe(true);
      return;
    case 'github':
      for (const line of stdout.split('\n').filter((l) => l !== '')) expect(line, `${label}: a line that is not a workflow command`).toMatch(/^::(error|warning|notice)[ :]/);
      for (const f of files) expect(stdout.includes(`file=${f.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C')}`), `${label}: ${f} missing`).toBe(true);
      return;
    case 'html':
      expect(stdout, `${label}: not an HTML document`).toMatch(/^<!doctype html>/i);
      expect(stdout.trimEnd(), `${label}: not a complete HTML document`).toMatch(/<\/html>$/i);
      for (const f of files) expect(stdout.includes(escapeXml(f)), `${label}: ${f} missing`).toBe(true);
      return;
    case 'stylish':
      for (const f of files) expect(stdout.includes(f), `${label}: ${f} missing`).toBe(true);
      return;
    default:
      // markdown (a summary: totals and the top findings, not every file) and any format added later:
      // not empty and no terminal escapes, checked above.
      return;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
