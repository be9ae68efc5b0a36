#!/usr/bin/env node
// Measures the audience reader on a generated file: rows per second, wall time, peak RSS, and whether the counts
// match the generator's `.expected.json`. Run `npm run build` first.
//
//   node bench/gen-audience.mjs --rows 1000000            # writes bench/out/audience-1m.csv (+ .expected.json)
//   node bench/audience.mjs bench/out/audience-1m.csv     # the opt-in pass alone, as the lint preparer runs it
//   node bench/audience.mjs bench/out/audience-1m.csv --cli   # end to end: `msglint lint` on a campaign using it
//
// Peak RSS is the process's maximum resident set size (getrusage), so run one measurement per process.
// MSGLINT_DIST=<folder> measures another build of the library than ./dist.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(root, 'bench/out/audience-1m.csv'));
if (!existsSync(file)) {
  console.error(`no ${path.relative(process.cwd(), file)}; generate it with: node bench/gen-audience.mjs --rows 1000000`);
  process.exit(2);
}
const expectedFile = `${file}.expected.json`;
const expected = existsSync(expectedFile) ? JSON.parse(readFileSync(expectedFile, 'utf8')) : undefined;
const now = expected ? Date.parse(expected.now) : Date.UTC(2026, 10, 26);
const sendAt = expected ? Date.parse(expected.sendAt) : Date.UTC(2026, 10, 27, 9);
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

if (process.argv.includes('--cli')) {
  // A campaign next to the audience, linted by the built CLI in a fresh process.
  const dir = path.join(path.dirname(file), 'campaign-bench');
  mkdirSync(dir, { recursive: true });
  const campaign = path.join(dir, 'bench.yaml');
  writeFileSync(
    campaign,
    [
      'kind: campaign',
      'name: bench',
      'account: { kind: account, name: bench, business: Acme Retail Ltd, messagingLimit: TIER_UNLIMITED }',
      'templates: [{ name: missing_in_bench }]',
      `audience: { file: ${JSON.stringify(path.relative(dir, file))} }`,
      `optIn: { method: web-form, wording: ${JSON.stringify(expected?.claim ?? 'Yes, send me offers from Acme Retail Ltd on WhatsApp')} }`,
      `schedule: { start: ${JSON.stringify(expected?.sendAt ?? '2026-11-27T09:00:00Z')}, ratePerSecond: 80 }`,
      '',
    ].join('\n'),
  );
  const t = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin/run.js'), 'lint', campaign, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = performance.now() - t;
  const peakKb = Number(run.stderr.trim().split('\n').pop());
  const report = JSON.parse(run.stdout);
  const rows = statSync(file).size > 0 && expected ? expected.rows : NaN;
  console.log(`msglint lint (campaign + ${rows.toLocaleString('en-US')}-row audience): ${(wall / 1000).toFixed(2)} s wall, peak RSS ${mb(peakKb * 1024)}, ${report.summary.errors} errors, ${report.summary.warnings} warnings`);
  process.exit(0);
}

const dist = path.resolve(process.env.MSGLINT_DIST ?? path.join(root, 'dist'));
const { analyzeAudience } = await import(pathToFileURL(path.join(dist, 'audience/index.js')).href);
const t = performance.now();
const cpu0 = process.cpuUsage();
const stats = await analyzeAudience(file, { now, sendAt, claimWording: expected?.claim, ratePerSecond: 80 });
const wall = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const peak = process.resourceUsage().maxRSS * 1024;
const rows = stats.contacts;
console.log(`${path.relative(process.cwd(), file)}: ${rows.toLocaleString('en-US')} rows, ${mb(statSync(file).size)}`);
console.log(`  ${Math.round(rows / (wall / 1000)).toLocaleString('en-US')} rows/s, ${(wall / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (all threads), ${stats.readers} reader thread${stats.readers > 1 ? 's' : ''}, peak RSS ${mb(peak)}, number index ${mb(stats.numbers.bytes)}`);
console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (wall time is only meaningful on an idle machine; CPU time is what one core spends)`);
if (expected) {
  const got = {
    contacts: stats.contacts,
    invalidNumber: stats.invalidNumber.count,
    duplicate: stats.duplicate.count,
    missingOptIn: stats.missingOptIn.count,
    optedOut: stats.optedOut.count,
    futureOptIn: stats.futureOptIn.count,
    staleConsent: stats.staleConsent.count,
    wordingMismatch: stats.wordingMismatch.count,
    usNumbers: stats.usNumbers,
    uniqueNumbers: stats.uniqueNumbers,
    validEvidence: stats.validEvidence,
  };
  const wrong = Object.entries(got).filter(([k, v]) => expected[k] !== v);
  console.log(wrong.length === 0 ? '  counts: all match the generator' : `  counts DIFFER: ${wrong.map(([k, v]) => `${k} ${v} (expected ${expected[k]})`).join(', ')}`);
  if (wrong.length > 0) process.exitCode = 1;
}
