#!/usr/bin/env node
// Lints N generated templates with all built-in packs through the built CLI and prints
// documents/s, wall time and peak RSS. Usage: node bench/lint.mjs [count...]   (default: 1000 10000)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const counts = process.argv.slice(2).map(Number).filter(Boolean);
if (!existsSync(path.join(root, 'dist', 'index.js')) && !existsSync(path.join(root, 'dist', 'lint.js'))) {
  console.error('run "npm run build" first');
  process.exit(2);
}

export function timeCli(args, cwd = root) {
  // GNU time reports the child's peak RSS; fall back to wall time only when it is missing.
  const hasTime = existsSync('/usr/bin/time');
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const argv = hasTime ? ['-f', '__RSS_KB=%M', process.execPath, path.join(root, 'bin/run.js'), ...args] : [path.join(root, 'bin/run.js'), ...args];
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = /__RSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, stdout: r.stdout, stderr: (r.stderr ?? '').replace(/__RSS_KB=\d+\n?/, '') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of counts.length ? counts : [1000, 10000]) {
    const dir = path.join(root, 'bench', 'out', `templates-${n}`);
    if (!isCurrent(dir)) generate(n, dir);
    const r = timeCli(['lint', dir, '--format', 'json', '--fail-on', 'never']);
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const docs = JSON.parse(r.stdout).summary.documents;
    console.log(`lint ${n} templates: ${(r.ms / 1000).toFixed(2)} s wall, ${Math.round(docs / (r.ms / 1000))} documents/s, peak RSS ${r.rssMb.toFixed(0)} MB (${docs} documents)`);
  }
}
