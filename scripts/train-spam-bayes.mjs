#!/usr/bin/env node
// Trains the token spam model (rules/phrasing/spam-bayes.json, read by src/facts/text/spam-bayes.ts) on the FIT
// split of the SMS Spam Collection only (seed and share in scripts/spam-bayes-data.mjs, the split
// bench/calibrate-phrasing.mjs uses; its held-out 30% is never read here), with legitimate English business
// templates as a second ham set. Runs in `npm run build` (it uses the compiled dist/). Deterministic.
//
//   node scripts/train-spam-bayes.mjs            train and write the model
//   node scripts/train-spam-bayes.mjs --check    exit 1 if the committed model is not what the data gives
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { businessTemplateTexts, HAM_SETS, readSmsCorpus, SMS_CORPUS, SPLIT_SEED, stratifiedSplit, TEST_SHARE, trainingExamples } from './spam-bayes-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelFile = path.join(root, 'rules', 'phrasing', 'spam-bayes.json');
const trainModule = path.join(root, 'dist', 'facts', 'text', 'spam-bayes-train.js');
if (!existsSync(trainModule)) {
  console.error(`train-spam-bayes: ${path.relative(root, trainModule)} is missing; run tsc first (npm run build does).`);
  process.exit(2);
}
const { trainSpamBayes, serializeSpamBayes } = await import(pathToFileURL(trainModule).href);

const started = Date.now();
const { fit } = stratifiedSplit(readSmsCorpus(root), TEST_SHARE, SPLIT_SEED);
const templates = businessTemplateTexts(root);
const model = trainSpamBayes(trainingExamples(fit, templates), HAM_SETS, {
  sms: `${SMS_CORPUS}: the fit split only (seed ${SPLIT_SEED}, ${Math.round((1 - TEST_SHARE) * 100)}% stratified)`,
  templates: 'rules/category/corpus/*.yaml (language en), rules/phrasing/bayes-ham-templates.yaml and fixtures/meta-examples/*.json (English texts)',
});
const text = serializeSpamBayes(model);
const previous = existsSync(modelFile) ? readFileSync(modelFile, 'utf8') : '';
const summary = `${model.spamMessages} spam, ${model.hamSets.map((h) => `${h.messages} ${h.name}`).join(' + ')} ham, ${model.tokens.length} features (${Date.now() - started} ms)`;
if (process.argv.includes('--check')) {
  if (previous !== text) {
    console.error(`train-spam-bayes: ${path.relative(root, modelFile)} is out of date; run npm run build and commit it`);
    process.exit(1);
  }
  console.error(`train-spam-bayes: model up to date (${summary})`);
} else {
  if (previous !== text) writeFileSync(modelFile, text);
  console.error(`train-spam-bayes: ${previous === text ? 'unchanged' : 'wrote'} ${path.relative(root, modelFile)}: ${summary}`);
}
