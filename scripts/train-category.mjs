#!/usr/bin/env node
// Trains the category classifier on the labelled corpus in rules/category/corpus/ and writes
// rules/category/model.json. Runs at the end of `npm run build` (it uses the compiled dist/).
// Deterministic: the same corpus gives a byte-identical model. The held-out evaluation set
// (bench/data/category-eval.yaml) is never read here.
//
//   node scripts/train-category.mjs            train and write the model
//   node scripts/train-category.mjs --check    exit 1 if the committed model is not what the corpus gives
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { performance } from 'node:perf_hooks';

import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(root, 'rules', 'category', 'corpus');
const modelFile = path.join(root, 'rules', 'category', 'model.json');
const trainModule = path.join(root, 'dist', 'facts', 'category', 'train.js');

if (!existsSync(trainModule)) {
  console.error(`train-category: ${path.relative(root, trainModule)} is missing; run tsc first (npm run build does).`);
  process.exit(2);
}
const { trainCategoryModel, serializeModel } = await import(new URL(`file://${trainModule}`).href);

const files = readdirSync(corpusDir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const entries = [];
for (const file of files) {
  const data = parse(readFileSync(path.join(corpusDir, file), 'utf8'));
  if (!Array.isArray(data)) {
    console.error(`train-category: ${file} must be a list of {text, label, objective, language}`);
    process.exit(2);
  }
  data.forEach((e, i) => {
    if (!e || typeof e.text !== 'string' || typeof e.label !== 'string' || typeof e.language !== 'string') {
      console.error(`train-category: ${file} entry ${i + 1} needs text, label and language`);
      process.exit(2);
    }
    entries.push({ text: e.text, label: e.label.toUpperCase(), language: e.language, objective: e.objective });
  });
}

const started = performance.now();
const model = trainCategoryModel(entries, files.map((f) => `rules/category/corpus/${f}`));
const text = serializeModel(model);
const previous = existsSync(modelFile) ? readFileSync(modelFile, 'utf8') : '';
const cv = model.crossValidation.overall;
const summary = `${entries.length} texts, ${model.naiveBayes.vocabulary.length} features, marketing threshold ${model.thresholds.marketing}; cross-validated accuracy ${cv.accuracy}, misuse recall ${cv.misuseRecall}, utility false positives ${cv.utilityFalsePositiveRate} (${Math.round(performance.now() - started)} ms)`;

if (process.argv.includes('--check')) {
  if (previous !== text) {
    console.error(`train-category: ${path.relative(root, modelFile)} is out of date; run npm run build and commit it`);
    process.exit(1);
  }
  console.error(`train-category: model up to date (${summary})`);
} else {
  if (previous !== text) writeFileSync(modelFile, text);
  console.error(`train-category: ${previous === text ? 'unchanged' : 'wrote'} ${path.relative(root, modelFile)}: ${summary}`);
}
