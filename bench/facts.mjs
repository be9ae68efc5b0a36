#!/usr/bin/env node
// Times the template fact providers on one thread, without the engine: CPU µs per template per provider, plus the
// workspace preparers and the JSON-schema validation, the median of several repetitions.
// Usage: node bench/facts.mjs [count=1000] [repetitions=7] [--dist=<folder>]...     (needs `npm run build`)
//
// --dist=<folder> (repeatable) times other builds: copies of dist/ kept inside the package (e.g. bench/out/base-dist,
// so that rules/ is found above them). With two or more, their repetitions alternate in one process, so a machine
// shared with other jobs slows them alike; the first pass of each build is then not reported (the later builds share
// V8's compiled regular expressions with the first).
//
// Each repetition parses the templates again (not timed): providers cache per document, so a second pass over the
// same documents would measure cache hits. Providers run in registration order, each over every template before
// the next one, so work shared between providers (the template's shape, its texts) is charged to the first that needs it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--dist='));
const distDirs = process.argv.filter((a) => a.startsWith('--dist=')).map((a) => path.resolve(a.slice(7)));
if (distDirs.length === 0) distDirs.push(path.join(root, 'dist'));
const count = Number(args[0] ?? 1000) || 1000;
const repetitions = Number(args[1] ?? 7) || 7;
for (const dir of distDirs) {
  if (!existsSync(path.join(dir, 'lint.js'))) {
    console.error(`${dir}: no build there (run "npm run build" first)`);
    process.exit(2);
  }
}

const templatesDir = path.join(root, 'bench', 'out', `templates-${count}`);
if (!isCurrent(templatesDir)) generate(count, templatesDir);
const now = new Date('2026-11-01T00:00:00Z');
const thresholds = {};

// CPU time, not wall time: the numbers hold better on a machine shared with other jobs (GC helper threads count too).
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
// A full collection after parsing, so that the parser's garbage is not collected (and charged) inside a provider's loop.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');
const time = (fn) => {
  const t = cpu();
  fn();
  return cpu() - t;
};

async function loadBuild(dir) {
  const load = (p) => import(path.join(dir, p));
  const [{ discoverFiles }, { readParsedFiles }, { validateAgainstSchema }, { schemaKindOf }, { builtinFacts, builtinPreparers }, { buildWorkspace }, { createLinter, lintParsed }] = await Promise.all(
    ['documents/discover.js', 'documents/parse.js', 'documents/validate.js', 'documents/schema-kinds.js', 'facts/index.js', 'workspace.js', 'lint.js'].map(load),
  );
  const { files } = await discoverFiles([templatesDir], root);
  const parse = async () => (await readParsedFiles(files, root)).flatMap((p) => p.documents).filter((d) => d.kind === 'template');
  const providers = [...new Set(builtinFacts().providersFor('template').values())];

  /** One repetition: CPU µs spent per row, summed over all templates. */
  async function repetition() {
    const docs = await parse();
    collectGarbage();
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
    return row;
  }

  /** How many templates a real lint (all built-in packs, lazy facts) asks each provider for: the rest is never computed. */
  async function askedByLint() {
    const linter = createLinter(root, { packs: ['all'] });
    const used = new Map();
    for (const p of new Set(linter.registry.providersFor('template').values())) {
      const compute = p.compute;
      p.compute = (doc, ctx) => (used.set(p.id, (used.get(p.id) ?? 0) + 1), compute.call(p, doc, ctx));
    }
    await lintParsed(linter, await readParsedFiles(files, root), { cwd: root, now });
    return used;
  }
  return { dir, docs: (await parse()).length, repetition, askedByLint };
}

const builds = [];
for (const dir of distDirs) builds.push(await loadBuild(dir));
const colds = [];
for (const b of builds) colds.push(await b.repetition()); // the first pass is cold: models load, regular expressions compile
const runs = builds.map(() => []);
for (let i = 0; i < repetitions; i++) for (let j = 0; j < builds.length; j++) runs[j].push(await builds[j].repetition());
const used = await builds[builds.length - 1].askedByLint();

const docs = builds[0].docs;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sum = (row) => [...row.values()].reduce((a, b) => a + b, 0);
const cell = (v) => (v / docs).toFixed(1).padStart(9);
const names = [...runs[0][0].keys()];
const label = (dir) => path.relative(root, dir) || '.';
const single = builds.length === 1;
console.log(`${docs} templates, CPU µs per template, median of ${repetitions} repetitions${single ? '; cold = first pass' : ', builds alternating'}`);
console.log(`${builds.map((b) => label(b.dir).padStart(9)).join('')}${single ? 'cold'.padStart(9) : ''}${'lint asks'.padStart(11)}  row`);
for (const n of names) {
  const asked = used.has(n) ? `${Math.round((100 * used.get(n)) / docs)}%` : '';
  console.log(`${runs.map((r) => cell(median(r.map((row) => row.get(n))))).join('')}${single ? cell(colds[0].get(n)) : ''}${asked.padStart(11)}  ${n}`);
}
console.log(`${runs.map((r) => cell(median(r.map(sum)))).join('')}${single ? cell(sum(colds[0])) : ''}${''.padStart(11)}  TOTAL`);
