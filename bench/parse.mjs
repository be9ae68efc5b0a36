#!/usr/bin/env node
// Parsing cost per template file: yaml's Parser + Composer (what parse.ts did) against the fast path
// (src/documents/fast-yaml.ts), on the generated benchmark set. Usage (after "npm run build"):
//   node bench/parse.mjs [count]   (default 3000; generates bench/out/templates-<count> when missing)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Composer, Parser } from 'yaml';
import { generate, isCurrent } from './gen-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fastModule = path.join(root, 'dist/documents/fast-yaml.js');
if (!existsSync(fastModule)) {
  console.error('run "npm run build" first');
  process.exit(2);
}
const { parseSimpleDocument, FAST_PARSE_DEFAULTS } = await import(fastModule);

const count = Number(process.argv[2] ?? 3000);
const dir = path.join(root, `bench/out/templates-${count}`);
if (!isCurrent(dir)) generate(count, dir);
const files = [];
const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.yaml') && files.push(path.join(d, e.name))));
walk(dir);
const texts = files.sort().map((f) => readFileSync(f, 'utf8'));

function composeYaml(text) {
  const composer = new Composer(FAST_PARSE_DEFAULTS);
  return [...composer.compose(new Parser().parse(text), true, text.length)][0];
}

/** Median µs per file over `rounds` passes (after two warm-up passes). */
function time(label, fn, rounds = 7) {
  for (let r = 0; r < 2; r++) texts.forEach(fn);
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    texts.forEach(fn);
    samples.push(((performance.now() - t) / texts.length) * 1000);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(28)} ${median.toFixed(1).padStart(7)} µs/file`);
  return median;
}

const accepted = texts.filter((t) => parseSimpleDocument(t) !== undefined).length;
console.log(`${texts.length} files (${(texts.reduce((s, t) => s + t.length, 0) / texts.length).toFixed(0)} chars on average); fast path accepts ${accepted}`);
const slow = time('yaml Parser + Composer', composeYaml);
const fast = time('fast path (parseSimpleDocument)', (t) => parseSimpleDocument(t) ?? composeYaml(t));
console.log(`speed-up: ${(slow / fast).toFixed(1)}x`);
