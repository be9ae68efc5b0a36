#!/usr/bin/env node
// Bytes allocated by one lint (garbage included), by function: V8's sampling heap profiler with collected
// objects kept. Allocation is what the garbage collector pays for, so this finds what `--cpu-prof` shows only
// as "(garbage collector)".
//   npm run build && node bench/alloc.mjs [folder]   (default: bench/out/templates-1000; one thread)
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? path.join(root, 'bench', 'out', 'templates-1000'));
if (!process.argv[2] && !isCurrent(target)) generate(1000, target);
process.env.MSGLINT_WORKERS = '0';
const { lint } = await import(pathToFileURL(path.join(root, 'dist', 'lint.js')).href);

const session = new inspector.Session();
session.connect();
await lint({ cwd: root, paths: [path.join(root, 'fixtures', 'templates')] }); // warm: code loaded and compiled
await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const report = await lint({ cwd: root, paths: [target] });
const { profile } = await session.post('HeapProfiler.stopSampling');

const nodes = new Map();
(function walk(n) {
  nodes.set(n.id, n);
  n.children.forEach(walk);
})(profile.head);
const bySelf = new Map();
let total = 0;
for (const s of profile.samples) {
  const n = nodes.get(s.nodeId);
  if (!n) continue;
  total += s.size;
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${f.lineNumber + 1}`;
  bySelf.set(key, (bySelf.get(key) ?? 0) + s.size);
}
const docs = report.summary.documents;
console.log(`${(total / 1048576).toFixed(0)} MB allocated linting ${docs} documents (${((total / docs) / 1024).toFixed(0)} KB each)`);
for (const [key, size] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(size / 1048576).toFixed(1).padStart(7)} MB  ${key}`);
