#!/usr/bin/env node
// Every performance figure of PRODUCT.md in one command: `npm run bench` (after `npm run build`).
// Prints each figure with its target. Timings are medians of several runs; RSS is the child's peak.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { timeCli } from './lint.mjs';
import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
const report = (workload, value, target, ok) => {
  rows.push({ workload, value, target, ok });
  console.log(`${ok ? 'ok  ' : 'MISS'}  ${workload.padEnd(44)} ${value.padEnd(34)} target ${target}`);
};

function ensureTemplates(n) {
  const dir = path.join(root, 'bench', 'out', `templates-${n}`);
  if (!isCurrent(dir)) generate(n, dir);
  return dir;
}

// 1. start-up
const version = median(Array.from({ length: 7 }, () => timeCli(['--version']).ms));
report('msglint --version', `${version.toFixed(0)} ms`, '≤ 150 ms', version <= 150);

// 2. one template, all built-in packs
const one = path.join(root, 'fixtures', 'templates', 'order_update.yaml');
const single = median(Array.from({ length: 5 }, () => timeCli(['lint', one, '--fail-on', 'never']).ms));
report('msglint lint one template (all packs)', `${single.toFixed(0)} ms`, '≤ 400 ms', single <= 400);

// 3. 1,000 and 10,000 template files; 4. growth
const runs = {};
for (const n of [1000, 10000]) {
  const dir = ensureTemplates(n);
  const samples = Array.from({ length: n === 10000 ? 3 : 3 }, () => timeCli(['lint', dir, '--format', 'json', '--fail-on', 'never']));
  const ms = median(samples.map((s) => s.ms));
  const rss = Math.max(...samples.map((s) => s.rssMb));
  runs[n] = ms;
  const docs = n;
  if (n === 10000) {
    report(`lint ${n.toLocaleString('en-US')} template files`, `${(ms / 1000).toFixed(2)} s, ${Math.round(docs / (ms / 1000))} docs/s, ${rss.toFixed(0)} MB`, '≤ 3 s, ≤ 300 MB RSS', ms <= 3000 && rss <= 300);
  } else {
    console.log(`      lint ${n.toLocaleString('en-US')} template files`.padEnd(50) + `${(ms / 1000).toFixed(2)} s, ${Math.round(docs / (ms / 1000))} docs/s, ${rss.toFixed(0)} MB`);
  }
}
const growth = runs[10000] / runs[1000];
report('growth: 10× the templates', `${growth.toFixed(2)}× the time`, '≤ 11×', growth <= 11);

// Re-run with --cache after one of the 10,000 files changed (a pull request's second push).
{
  const dir = path.join(root, 'bench', 'out', 'templates-10000-cache');
  rmSync(dir, { recursive: true, force: true });
  cpSync(ensureTemplates(10000), dir, { recursive: true });
  const cacheArgs = ['lint', dir, '--format', 'json', '--fail-on', 'never', '--cache', '--cache-location', path.join(dir, '.msglintcache')];
  const first = timeCli(cacheArgs);
  const changed = path.join(dir, '000', 'template_000001.yaml');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('Reply STOP to opt out', 'Reply STOP to stop these messages'));
  const again = timeCli(cacheArgs);
  const plain = timeCli(['lint', dir, '--format', 'json', '--fail-on', 'never']);
  const same = again.stdout === plain.stdout;
  console.log(`      lint --cache, 10,000 files, 1 changed`.padEnd(50) + `${(again.ms / 1000).toFixed(2)} s (first run ${(first.ms / 1000).toFixed(2)} s); report ${same ? 'identical to' : 'DIFFERENT from'} an uncached run`);
}

// 5. 1,000,000-row audience: the opt-in pass, then the whole CLI on a campaign that uses the file
const audienceFile = path.join(root, 'bench', 'out', 'audience-1m.csv');
if (!existsSync(audienceFile)) spawnSync(process.execPath, [path.join(root, 'bench/gen-audience.mjs'), '--rows', '1000000'], { cwd: root, stdio: 'inherit' });
for (const extra of [[], ['--cli']]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'audience.mjs'), audienceFile, ...extra], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout.split('\n').map((l) => (l ? `      ${l}` : l)).join('\n'));
}
process.exitCode = 0;
