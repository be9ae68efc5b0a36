#!/usr/bin/env node
// Times the template fact providers on one thread, without the engine: µs per template per provider, plus the
// workspace preparers and the JSON-schema validation, the median of several repetitions.
// Usage: node bench/facts.mjs [count=1000] [repetitions=7] [--dist=<folder>]     (needs `npm run build`)
//
// Each repetition parses the templates again (not timed): providers cache per document, so a second pass over the
// same documents would measure cache hits. Providers run in registration order, each over every template before the
// next one, so work shared between providers (the template's shape, its texts) is charged to the first that needs it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--dist='));
// --dist=<folder>: time another build (a copy of dist/ kept inside the package, e.g. bench/out/base-dist) against this one.
const distDir = path.resolve(process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? path.join(root, 'dist'));
const count = Number(args[0] ?? 1000) || 1000;
const repetitions = Number(args[1] ?? 7) || 7;
if (!existsSync(path.join(distDir, 'lint.js'))) {
  console.error('run "npm run build" first');
  process.exit(2);
}
const dist = (p) => import(path.join(distDir, p));
const { discoverFiles } = await dist('documents/discover.js');
const { readParsedFiles } = await dist('documents/parse.js');
const { validateAgainstSchema } = await dist('documents/validate.js');
const { schemaKindOf } = await dist('documents/schema-kinds.js');
const { builtinFacts, builtinPreparers } = await dist('facts/index.js');
const { buildWorkspace } = await dist('workspace.js');
const { createLinter, lintParsed } = await dist('lint.js');

const dir = path.join(root, 'bench', 'out', `templates-${count}`);
if (!isCurrent(dir)) generate(count, dir);
const { files } = await discoverFiles([dir], root);
const registry = builtinFacts();
const providers = [...new Set(registry.providersFor('template').values())];
const now = new Date('2026-11-01T00:00:00Z');
const thresholds = {};

// CPU time, not wall time: the numbers hold on a machine shared with other jobs (GC helper threads count too).
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const time = (fn) => {
  const t = cpu();
  fn();
  return cpu() - t;
};

/** One repetition: µs spent per row, summed over all templates. */
async function repetition() {
  const parsed = await readParsedFiles(files, root);
  const docs = parsed.flatMap((p) => p.documents).filter((d) => d.kind === 'template');
  const workspace = buildWorkspace(root, docs);
  const ctx = { workspace, now, thresholds };
  const row = new Map();
  let t = cpu();
  for (const preparer of builtinPreparers()) {
    await preparer.prepare(workspace, now, thresholds);
    const t2 = cpu();
    row.set(`prepare:${preparer.id}`, t2 - t);
    t = t2;
  }
  row.set('schema-validation', time(() => docs.forEach((d) => validateAgainstSchema(schemaKindOf(d.kind), d.data))));
  for (const p of providers) row.set(p.id, time(() => docs.forEach((d) => p.compute(d, ctx))));
  return { row, docs: docs.length };
}

// The first pass is cold (loads models, compiles regular expressions, fills per-process caches), as a CLI run is.
const cold = (await repetition()).row;
const runs = [];
let docs = 0;
for (let i = 0; i < repetitions; i++) {
  const r = await repetition();
  runs.push(r.row);
  docs = r.docs;
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const names = [...runs[0].keys()];
const perDoc = new Map(names.map((n) => [n, median(runs.map((r) => r.get(n))) / docs]));
const total = median(runs.map((r) => [...r.values()].reduce((a, b) => a + b, 0))) / docs;
// How many templates a real lint (all built-in packs, lazy facts) asks each provider for: the rest is never computed.
const linter = createLinter(root, { packs: ['all'] });
const used = new Map();
for (const p of new Set(linter.registry.providersFor('template').values())) {
  const compute = p.compute;
  p.compute = (doc, ctx) => (used.set(p.id, (used.get(p.id) ?? 0) + 1), compute.call(p, doc, ctx));
}
await lintParsed(linter, await readParsedFiles(files, root), { cwd: root, now });

const coldTotal = [...cold.values()].reduce((a, b) => a + b, 0) / docs;
const cell = (v) => v.toFixed(1).padStart(9);
console.log(`${docs} templates, CPU µs per template: warm = median of ${repetitions} repetitions, cold = first pass`);
console.log(`${'warm'.padStart(9)}${'cold'.padStart(9)}${'lint asks'.padStart(11)}  row`);
for (const n of names) console.log(`${cell(perDoc.get(n))}${cell(cold.get(n) / docs)}${(used.has(n) ? `${Math.round((100 * used.get(n)) / docs)}%` : '').padStart(11)}  ${n}`);
console.log(`${cell(total)}${cell(coldTotal)}  TOTAL`);
