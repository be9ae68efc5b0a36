#!/usr/bin/env node
// Times the text fact providers (src/facts/text/) in one thread, without the rest of the linter:
//
//   npm run build && node bench/text-facts.mjs [paths...] [--reps 7] [--dump facts.json]
//
// Default path: bench/out/templates-1000 (generated when missing or stale). Every repetition parses the
// files again (not timed) and empties the per-string and per-word caches (clearStringCaches: analyses,
// links, stems, near misses), so each one starts from the state of a fresh run, where every template is
// seen once; the compiled word lists and the JIT stay warm. A first, untimed repetition warms them up
// (its cost, what every worker thread pays once, is printed apart).
// Steps are timed one after the other over all templates, in this order, each reusing what the earlier
// ones cached (so the shared analysis is counted once, in "analysis"):
//   analysis      analyze() of every copy text in the lexicon language (and English, which content also reads)
//   spam-phrases, shape, links, money, content: each provider's compute()
// Prints the median (and minimum) CPU µs per template of each step. --dump writes every text fact of every template as JSON
// (to check that a change keeps the facts identical). Set MSGLINT_DIST to time another build (e.g. of an
// earlier commit, to compare).
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.MSGLINT_DIST ? path.resolve(process.env.MSGLINT_DIST) : path.join(root, 'dist');
if (!existsSync(path.join(dist, 'lint.js'))) {
  console.error(`no build in ${dist}: run "npm run build" first`);
  process.exit(2);
}
const load = (p) => import(pathToFileURL(path.join(dist, p)).href);
const { parseSource } = await load('documents/parse.js');
const { sourceFromText } = await load('documents/source.js');
const { analyze, copyTexts } = await load('facts/text/analysis.js');
const { lexiconLanguage } = await load('facts/text/language.js');
const { clearStringCaches } = await load('facts/text/string-caches.js');
const { spamPhraseFacts } = await load('facts/text/spam-phrases.js');
const { shapeFacts } = await load('facts/text/shape.js');
const { linkFacts } = await load('facts/text/link-facts.js');
const { moneyFacts } = await load('facts/text/money.js');
const { contentFacts } = await load('facts/text/content.js');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const REPS = Number(option('--reps', '7'));
const DUMP = option('--dump', undefined);
const valued = new Set(['--reps', '--dump']);
const paths = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
if (paths.length === 0) {
  const dir = path.join(root, 'bench', 'out', 'templates-1000');
  if (!isCurrent(dir)) generate(1000, dir);
  paths.push(dir);
}

function filesUnder(p) {
  const abs = path.resolve(p);
  if (statSync(abs).isFile()) return [abs];
  return readdirSync(abs, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(abs, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(abs, e.name)] : []));
}

const sources = paths.flatMap(filesUnder).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/** Fresh documents (new objects, so per-document caches start empty). */
function templates() {
  return sources.flatMap(({ file, text }) => parseSource(sourceFromText(text, file, root)).documents.filter((d) => d.kind === 'template'));
}

const ctx = { workspace: undefined, now: new Date('2026-01-01T00:00:00Z'), thresholds: {} };
const PROVIDERS = [
  ['spam-phrases', spamPhraseFacts],
  ['shape', shapeFacts],
  ['links', linkFacts],
  ['money', moneyFacts],
  ['content', contentFacts],
];

function analyseAll(docs) {
  for (const doc of docs) {
    const own = lexiconLanguage(doc.data.language);
    for (const t of copyTexts(doc)) {
      analyze(t, own);
      if (own !== 'en') analyze(t, 'en');
    }
  }
}

/**
 * CPU time of this process (all its threads: GC and JIT included) in ms: on a shared machine, wall time
 * also counts the time other processes run.
 */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One repetition: CPU ms per step. */
function repetition() {
  const docs = templates();
  clearStringCaches();
  const times = {};
  let started = cpuMs();
  analyseAll(docs);
  times.analysis = cpuMs() - started;
  for (const [name, provider] of PROVIDERS) {
    started = cpuMs();
    for (const doc of docs) provider.compute(doc, ctx);
    times[name] = cpuMs() - started;
  }
  return { count: docs.length, times };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const warmUp = repetition(); // word lists, stemmers, JIT: what every worker thread pays once
const runs = Array.from({ length: REPS }, repetition);
const count = runs[0].count;
const steps = ['analysis', ...PROVIDERS.map(([n]) => n)];
// The minimum is shown beside the median: on a shared machine, other processes only ever add time.
console.log(`${count} templates from ${paths.map((p) => path.relative(process.cwd(), path.resolve(p)) || '.').join(', ')}; ${REPS} repetitions, CPU µs per template`);
console.log(`  ${'step'.padEnd(14)} ${'median'.padStart(8)} ${'min'.padStart(8)}`);
let total = 0;
let totalMin = 0;
for (const step of steps) {
  const us = (median(runs.map((r) => r.times[step])) * 1000) / count;
  const min = (Math.min(...runs.map((r) => r.times[step])) * 1000) / count;
  total += us;
  totalMin += min;
  console.log(`  ${step.padEnd(14)} ${us.toFixed(1).padStart(8)} ${min.toFixed(1).padStart(8)}`);
}
console.log(`  ${'total'.padEnd(14)} ${total.toFixed(1).padStart(8)} ${totalMin.toFixed(1).padStart(8)}   (sums)`);
const warmTotal = Object.values(warmUp.times).reduce((a, b) => a + b, 0);
console.log(`  warm-up repetition (not in the medians): ${warmTotal.toFixed(0)} ms CPU (${steps.map((s) => `${s} ${warmUp.times[s].toFixed(0)}`).join(', ')})`);
const totals = runs.map((r) => Object.values(r.times).reduce((a, b) => a + b, 0));
console.log(`  total per repetition: ${totals.map((t) => ((t * 1000) / count).toFixed(0)).join(' ')} µs`);

if (DUMP) {
  clearStringCaches();
  const out = {};
  for (const doc of templates()) {
    const facts = {};
    for (const [name, provider] of PROVIDERS) facts[name] = provider.compute(doc, ctx);
    out[`${doc.source.relPath}#${doc.index}`] = facts;
  }
  writeFileSync(DUMP, JSON.stringify(out));
  console.log(`wrote the text facts of ${Object.keys(out).length} templates to ${DUMP}`);
}
