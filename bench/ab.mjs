#!/usr/bin/env node
// A/B timing of two builds on the same machine: runs `lint` of each build in fresh processes, alternating, and
// prints the median wall time, CPU time and peak RSS of each. Alternating makes a machine whose speed drifts (other
// jobs, a shared host) slow both builds alike, so a difference of a few percent can be trusted.
//   node bench/ab.mjs <distA> <distB> [runs=4] [folder=bench/out/templates-10000]
// A build is a copy of dist/ kept inside the package (for example bench/out/base-dist: `cp -r dist bench/out/base-dist`
// before a change, `npm run build` after it), so that it finds rules/ and package.json above it. One thread
// (MSGLINT_WORKERS=0) and the JSON format with explanations, as `msglint lint --format json` does; start-up of the
// CLI (oclif) is not included.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[2] === '--child') {
  const [, , , dist, folder] = process.argv;
  const { lint } = await import(pathToFileURL(path.join(dist, 'lint.js')).href);
  const { formatReport } = await import(pathToFileURL(path.join(dist, 'report', 'index.js')).href);
  const started = performance.now();
  const report = await lint({ cwd: root, paths: [folder], explain: true });
  const text = formatReport(report, 'json', { color: false });
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rssMb: usage.maxRSS / 1024, bytes: text.length }));
  process.exit(0);
}

const [distA, distB] = process.argv.slice(2, 4).map((d) => d && path.resolve(d));
const runs = Number(process.argv[4] ?? 4) || 4;
const folder = path.resolve(process.argv[5] ?? path.join(root, 'bench', 'out', 'templates-10000'));
for (const d of [distA, distB]) {
  if (!d || !existsSync(path.join(d, 'lint.js'))) {
    console.error('usage: node bench/ab.mjs <distA> <distB> [runs] [folder]   (each a build: a copy of dist/ inside the package)');
    process.exit(2);
  }
}
if (!existsSync(folder)) {
  console.error(`${folder}: no such folder (node bench/lint.mjs 10000 generates bench/out/templates-10000)`);
  process.exit(2);
}
const samples = { A: [], B: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, dist] of [['A', distA], ['B', distB]]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dist, folder], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, MSGLINT_WORKERS: '0' } });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    samples[name].push(JSON.parse(r.stdout));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, dist] of [['A', distA], ['B', distB]]) {
  const s = samples[name];
  console.log(`${name} ${path.relative(root, dist).padEnd(24)} wall ${(median(s.map((x) => x.ms)) / 1000).toFixed(2)} s  CPU ${(median(s.map((x) => x.cpuMs)) / 1000).toFixed(2)} s  peak RSS ${median(s.map((x) => x.rssMb)).toFixed(0)} MB  report ${s[0].bytes} chars`);
}
if (samples.A[0].bytes !== samples.B[0].bytes) console.log('the two builds wrote reports of different lengths');
