#!/usr/bin/env node
// Per-template cost of the token spam model and the scam-mechanics facts (run `npm run build` first):
//
//   node bench/phrasing-signal-cost.mjs [--rounds 5]
//
// Parses every distinct SMS of the SMS Spam Collection and every English category-corpus text as an en_GB template,
// warms the text analysis that all phrasing facts share (tokens, stems, links: already paid for by the phrase
// lexicons), then times, per template, what the new facts add on top: spamLikelihood (features, model lookup,
// chi-squared combining, the located message) and scamMechanics (code requests, deadline threats, new-number
// stories, lure-link domains). Each round uses fresh documents and fresh strings, so no cache answers for it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

import { businessTemplateTexts, readSmsCorpus } from '../scripts/spam-bayes-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { parseSource } = await dist('documents/parse.js');
const { sourceFromText } = await dist('documents/source.js');
const { analyze, copyTexts } = await dist('facts/text/analysis.js');
const { spamLikelihood } = await dist('facts/text/spam-bayes.js');
const { scamMechanics } = await dist('facts/text/scam-mechanics.js');
const { lexiconMatches } = await dist('facts/text/spam-phrases.js');
const { linkSignals } = await dist('facts/text/link-facts.js');

const i = process.argv.indexOf('--rounds');
const ROUNDS = i > 0 ? Number(process.argv[i + 1]) : 5;
const texts = [...readSmsCorpus(root).map((m) => m.text), ...businessTemplateTexts(root)];

function documents(round) {
  const templates = texts.map((text, k) => ({ name: `t${k}`, language: 'en_GB', category: 'MARKETING', components: [{ type: 'BODY', text: `${text} (${round})` }] }));
  return parseSource(sourceFromText(JSON.stringify(templates), path.join(root, 'bench/out/cost.json'), root)).documents;
}

const rows = [];
for (let round = 0; round < ROUNDS; round++) {
  const docs = documents(round);
  // The shared analysis, the phrase lexicon and the links, which lint computes anyway.
  for (const d of docs) {
    for (const t of copyTexts(d)) analyze(t, 'en');
    lexiconMatches(d);
    linkSignals(d);
  }
  let t0 = performance.now();
  for (const d of docs) spamLikelihood(d);
  const bayes = (performance.now() - t0) / docs.length;
  t0 = performance.now();
  for (const d of docs) scamMechanics(d);
  const mechanics = (performance.now() - t0) / docs.length;
  rows.push({ bayes, mechanics });
  console.log(`round ${round + 1}: ${docs.length} templates; token model ${(bayes * 1000).toFixed(1)} µs, scam mechanics ${(mechanics * 1000).toFixed(1)} µs per template`);
}
// The machine is shared, so the fastest round after the first (which loads the model and compiles the code) is
// the cost itself and the median says how much the others disturbed it.
const steady = rows.slice(1);
const stat = (k) => {
  const v = steady.map((r) => r[k] * 1000).sort((x, y) => x - y);
  return `${v[0].toFixed(1)} µs (median ${v[Math.floor(v.length / 2)].toFixed(1)})`;
};
console.log(`per template, rounds 2–${ROUNDS}, fastest: token model ${stat('bayes')}, scam mechanics ${stat('mechanics')}`);
