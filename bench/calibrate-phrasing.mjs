#!/usr/bin/env node
// Calibrates the weights of the phrasing rules on labelled data, reproducibly:
//
//   npm run build && node bench/calibrate-phrasing.mjs [--write] [--json] [--seed 20251031] [--test-share 0.3]
//
// 1. Reads the SMS Spam Collection v.1 (bench/data/sms-spam-collection/, see SOURCE.md there), skips the header,
//    dedupes the texts (5,171 distinct) and splits them 70/30 into fit and test sets, stratified by label, with a
//    seeded shuffle (mulberry32), so every run makes the same split.
//    The token spam model (rules/phrasing/spam-bayes.json, trained by scripts/train-spam-bayes.mjs on the same fit
//    split, never on the held-out 30%) would rate the fit set too well, having learned it: so for fitting, each
//    fit message is linted with a model trained on the other four fifths of the fit set (5-fold, seeded), and
//    the held-out set with the built-in model, as a user gets it.
// 2. Wraps each SMS as the BODY of a MARKETING template in British English ("en_GB": the corpus is UK SMS, and the
//    region tells the premium-number check which numbering plan applies) and runs the real linter (phrasing and content
//    packs) once, to get every finding of every message.
// 3. Fits one weight per phrasing rule on the fit set by maximum likelihood under the risk formula itself:
//    src/scoring/risk.ts combines weights as a noisy-OR (risk = 1 − Π(1 − wᵢ), repeats of a rule damped by
//    0.5^(k−1)), which is a probability model of "this message gets reported", so the weights are fitted as its
//    parameters (plus a leak term for spam that no rule sees), with an L2 pull towards the hand-set priors below
//    and a cap by kind of evidence (CAPS: style 20, phrases 40, deceptive mechanics 60). Rules with fewer than
//    MIN_SUPPORT hits in the fit set keep their prior: the corpus says nothing about them (it has no parameters,
//    no emoji and few links), and those signals come from policy, not from this data.
// 4. Reports, on the held-out test set, the ROC AUC, precision and recall of the risk score the real linter
//    computes with the fitted weights (phrasing + content packs, and all built-in packs), and the same on the
//    fit set, plus what each rule does and how often Jaro-Winkler near misses fire in ham vs spam.
// 5. Reports the same on bench/data/modern-messages.yaml (scam and phishing texts of today, and legitimate
//    business templates on the same topics, written for msglint): a generalisation check, never fitted on.
// --write puts the fitted weights into rules/phrasing/pack.yaml (only the numbers change).
//
// Set MSGLINT_DIST to use a build other than dist/ (e.g. while dist/ is being rebuilt).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { parse as parseYaml, parseDocument } from 'yaml';

import { businessTemplateTexts, HAM_SETS, SPLIT_SEED, TEST_SHARE as MODEL_TEST_SHARE, mulberry32, readSmsCorpus, shuffle, stratifiedSplit, trainingExamples } from '../scripts/spam-bayes-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.MSGLINT_DIST ? path.resolve(process.env.MSGLINT_DIST) : path.join(root, 'dist');
if (!existsSync(path.join(distDir, 'lint.js'))) {
  console.error(`no build in ${distDir}: run "npm run build" first`);
  process.exit(2);
}
const load = (p) => import(pathToFileURL(path.join(distDir, p)).href);
const { createLinter, lintParsed } = await load('lint.js');
const { parseSource } = await load('documents/parse.js');
const { sourceFromText } = await load('documents/source.js');
const { scoreFindings } = await load('scoring/risk.js');
const { useSpamBayesModel } = await load('facts/text/spam-bayes.js');
const { trainSpamBayes } = await load('facts/text/spam-bayes-train.js');

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const SEED = Number(option('--seed', '20251031'));
const TEST_SHARE = Number(option('--test-share', '0.3'));
const MODERN = path.join(root, 'bench/data/modern-messages.yaml');
/** Folds of the fit set for the out-of-fold token model. */
const FOLDS = 5;
const PACK_FILE = path.join(root, 'rules/phrasing/pack.yaml');
const NOW = new Date('2026-01-01T00:00:00Z');
/** Hits in the fit set a rule needs before the data may move its weight. */
const MIN_SUPPORT = 8;
/**
 * Largest weight a rule may get, in points (0–100), by the kind of evidence it is: the style of the copy alone
 * never makes a template high-risk, a spam phrase alone reaches "medium" at most (keyword evidence is a warning,
 * not a verdict), and only mechanics that deceive or bill people (premium numbers, hidden or raw-IP links,
 * shorteners) may reach "high" on their own.
 */
const CAPS = {
  style: 20,
  phrase: 40,
  mechanics: 60,
};
const CAP_OF = (id) =>
  /spam-likelihood-(?:50|80)/.test(id) ? CAPS.style : /shouting|punctuation|emoji|currency|hype|insecure-link|too-generic/.test(id) ? CAPS.style : /premium|hidden-link|ip-link|shortener|code-request|lure-link/.test(id) ? CAPS.mechanics : CAPS.phrase;
const FLOOR = 1;
/** Strength of the pull towards the priors (per squared unit of weight/100). */
const LAMBDA = 4;

/**
 * Hand-set priors (risk points) that the fit starts from and is pulled towards; the pack's current weights are
 * not used, so that the result does not depend on an earlier --write.
 */
const PRIORS = {
  'phrasing/spam-phrase-urgency': 12,
  'phrasing/spam-phrase-prize': 18,
  'phrasing/spam-phrase-free-money': 18,
  'phrasing/spam-phrase-guarantee': 10,
  'phrasing/spam-phrase-miracle': 12,
  'phrasing/spam-phrase-clickbait': 12,
  'phrasing/spam-phrase-fake-familiarity': 12,
  'phrasing/spam-phrase-money-pressure': 14,
  'phrasing/spam-phrase-hype': 4,
  'phrasing/shouting': 10,
  'phrasing/punctuation-run': 6,
  'phrasing/emoji-run': 5,
  'phrasing/currency-stacking': 8,
  'phrasing/too-generic': 10,
  'phrasing/money-bait': 20,
  'phrasing/premium-number': 25,
  'phrasing/link-shortener': 15,
  'phrasing/insecure-link': 8,
  'phrasing/ip-link': 30,
  'phrasing/hidden-link-domain': 45,
  'phrasing/code-request': 30,
  'phrasing/deadline-threat': 20,
  'phrasing/new-number-story': 25,
  'phrasing/lure-link-domain': 25,
  'phrasing/spam-likelihood-50': 5,
  'phrasing/spam-likelihood-80': 10,
  'phrasing/spam-likelihood-95': 15,
  'phrasing/spam-likelihood-99': 25,
};

// ── Linting ──────────────────────────────────────────────────────────────────────────────────────
function makeLinter(packs) {
  return createLinter(root, { packs });
}

/** The body component of a message, with example values for its parameters (so the format pack has nothing to say). */
function bodyOf(text) {
  const params = [...new Set(text.match(/\{\{\s*\d+\s*\}\}/g) ?? [])];
  return params.length > 0 ? { type: 'BODY', text, example: { body_text: [params.map((_, i) => `value${i + 1}`)] } } : { type: 'BODY', text };
}

/** Lints the messages as MARKETING template bodies (en_GB unless a message says); one result (findings, risk) per message, in order. */
async function lintMessages(linter, messages) {
  const out = [];
  const CHUNK = 500;
  for (let i = 0; i < messages.length; i += CHUNK) {
    const chunk = messages.slice(i, i + CHUNK);
    const templates = chunk.map((m) => ({ name: `sms_${m.id}`, language: m.language ?? 'en_GB', category: 'MARKETING', components: [bodyOf(m.text)] }));
    const parsed = parseSource(sourceFromText(JSON.stringify(templates), path.join(root, 'bench/out/sms.json'), root));
    const report = await lintParsed(linter, [parsed], { cwd: root, now: NOW });
    const byName = new Map(report.results.map((r) => [r.name, r]));
    for (const m of chunk) out.push(byName.get(`sms_${m.id}`) ?? { findings: [], risk: { score: 0 } });
  }
  return out;
}

function setWeights(linter, weights) {
  for (const [id, w] of Object.entries(weights)) {
    const compiled = linter.compiled.rulesById.get(id);
    if (compiled) compiled.rule.weight = w;
  }
}

// ── Fitting (noisy-OR maximum likelihood, projected Adam) ─────────────────────────────────────────
function fitWeights(rows, ruleIds, priors, fixedWeight) {
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  // Per message: [rule index, count] of fitted rules, and the log-probability that fixed rules leave it alone.
  const data = rows.map(({ findings, spam }) => {
    const counts = new Map();
    let fixedLog = 0;
    const seenFixed = new Map();
    for (const f of findings) {
      if (f.severity === 'info') continue;
      if (index.has(f.ruleId)) counts.set(index.get(f.ruleId), (counts.get(index.get(f.ruleId)) ?? 0) + 1);
      else {
        const k = seenFixed.get(f.ruleId) ?? 0;
        seenFixed.set(f.ruleId, k + 1);
        const w = Math.min(0.99, (fixedWeight(f) / 100) * 0.5 ** k);
        fixedLog += Math.log(1 - w);
      }
    }
    return { spam, counts: [...counts], fixedLog };
  });
  const n = ruleIds.length;
  const w = Float64Array.from(ruleIds.map((id) => priors[id] / 100));
  const w0 = Float64Array.from(w);
  const cap = Float64Array.from(ruleIds.map((id) => CAP_OF(id) / 100));
  let leak = 0.1;
  const m = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const lr = 0.01;
  const grad = new Float64Array(n + 1);
  let loss = 0;
  for (let step = 1; step <= 4000; step++) {
    grad.fill(0);
    loss = 0;
    for (const d of data) {
      let logHam = Math.log(1 - leak) + d.fixedLog;
      for (const [r, c] of d.counts) for (let k = 0; k < c; k++) logHam += Math.log(1 - w[r] * 0.5 ** k);
      const pHam = Math.exp(logHam);
      // d(loss)/d(logHam): ham → −1; spam → pHam / (1 − pHam)
      const g = d.spam ? pHam / Math.max(1e-12, 1 - pHam) : -1;
      loss += d.spam ? -Math.log(Math.max(1e-12, 1 - pHam)) : -logHam;
      for (const [r, c] of d.counts) {
        let dl = 0;
        for (let k = 0; k < c; k++) {
          const dk = 0.5 ** k;
          dl += -dk / (1 - w[r] * dk);
        }
        grad[r] += g * dl;
      }
      grad[n] += g * (-1 / (1 - leak));
    }
    for (let r = 0; r < n; r++) {
      grad[r] += 2 * LAMBDA * (w[r] - w0[r]);
      loss += LAMBDA * (w[r] - w0[r]) ** 2;
    }
    for (let p = 0; p <= n; p++) {
      m[p] = 0.9 * m[p] + 0.1 * grad[p];
      v[p] = 0.999 * v[p] + 0.001 * grad[p] * grad[p];
      const mh = m[p] / (1 - 0.9 ** step);
      const vh = v[p] / (1 - 0.999 ** step);
      const delta = (lr * mh) / (Math.sqrt(vh) + 1e-8);
      if (p < n) w[p] = Math.min(cap[p], Math.max(FLOOR / 100, w[p] - delta));
      else leak = Math.min(0.9, Math.max(1e-4, leak - delta));
    }
  }
  const fitted = {};
  ruleIds.forEach((id, i) => (fitted[id] = Math.round(w[i] * 100)));
  return { fitted, leak, loss };
}

// ── Metrics ──────────────────────────────────────────────────────────────────────────────────────
function rocAuc(scores, labels) {
  const items = scores.map((s, i) => ({ s, y: labels[i] })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j + 1 < items.length && items[j + 1].s === items[i].s) j++;
    const avgRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (items[k].y) rankSum += avgRank;
    i = j + 1;
  }
  for (const it of items) if (it.y) pos++;
  const neg = items.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function atThreshold(scores, labels, t) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= t && labels[i]) tp++;
    else if (s >= t) fp++;
    else if (labels[i]) fn++;
  });
  return { threshold: t, precision: tp + fp > 0 ? tp / (tp + fp) : 0, recall: tp + fn > 0 ? tp / (tp + fn) : 0, flagged: tp + fp };
}

function metrics(scores, labels) {
  return { auc: rocAuc(scores, labels), medium: atThreshold(scores, labels, 25), high: atThreshold(scores, labels, 50) };
}

// ── Writing the pack ─────────────────────────────────────────────────────────────────────────────
function writeWeights(file, weights) {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  const rules = doc.get('rules');
  const edits = [];
  for (const item of rules.items) {
    const id = item.get('id');
    if (!(id in weights)) continue;
    const node = item.get('weight', true);
    if (!node?.range) throw new Error(`no weight for ${id} in ${file}`);
    edits.push([node.range[0], node.range[1], String(weights[id])]);
  }
  edits.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [a, b, s] of edits) out = out.slice(0, a) + s + out.slice(b);
  writeFileSync(file, out);
  return edits.length;
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────────
const started = Date.now();
const messages = readSmsCorpus(root);
const { fit, test } = stratifiedSplit(messages, TEST_SHARE, SEED);
const count = (list) => `${list.length} (${list.filter((m) => m.spam).length} spam)`;
const modern = parseYaml(readFileSync(MODERN, 'utf8')).map((e, id) => ({ id, text: e.text, spam: e.label === 'scam', language: e.language, topic: e.topic }));

const linter = makeLinter(['phrasing', 'content']);
const packWeights = Object.fromEntries([...linter.compiled.rulesById].map(([id, c]) => [id, c.rule.weight]));

/** Lints the fit set fold by fold, each fold with a token model trained on the other folds (and the templates). */
async function lintOutOfFold(list) {
  const templateTexts = businessTemplateTexts(root);
  const order = shuffle(
    list.map((_, i) => i),
    mulberry32(SEED + 1),
  );
  const results = new Array(list.length);
  for (let k = 0; k < FOLDS; k++) {
    const inFold = new Set(order.filter((_, j) => j % FOLDS === k));
    const model = trainSpamBayes(
      trainingExamples(
        list.filter((_, i) => !inFold.has(i)),
        templateTexts,
      ),
      HAM_SETS,
      { fold: k },
    );
    useSpamBayesModel(model);
    const idx = [...inFold].sort((a, b) => a - b);
    const out = await lintMessages(
      linter,
      idx.map((i) => list[i]),
    );
    idx.forEach((i, j) => (results[i] = out[j]));
  }
  useSpamBayesModel(null);
  return results;
}
const fitResults = await lintOutOfFold(fit);
// The built-in model was trained on the default split's fit set; another split must not be scored with it.
const ownSplit = SEED !== SPLIT_SEED || TEST_SHARE !== MODEL_TEST_SHARE;
if (ownSplit) useSpamBayesModel(trainSpamBayes(trainingExamples(fit, businessTemplateTexts(root)), HAM_SETS, { seed: SEED }));
const rows = fit.map((m, i) => ({ spam: m.spam, findings: fitResults[i].findings }));

// Support of each phrasing rule on the fit set.
const phrasingIds = Object.keys(PRIORS).filter((id) => linter.compiled.rulesById.has(id));
const support = Object.fromEntries(phrasingIds.map((id) => [id, { ham: 0, spam: 0 }]));
for (const r of rows) for (const id of new Set(r.findings.map((f) => f.ruleId))) if (support[id]) support[id][r.spam ? 'spam' : 'ham']++;
const fittable = phrasingIds.filter((id) => support[id].ham + support[id].spam >= MIN_SUPPORT);
const { fitted, leak } = fitWeights(rows, fittable, PRIORS, (f) => packWeights[f.ruleId] ?? f.weight);
const weights = Object.fromEntries(phrasingIds.map((id) => [id, fitted[id] ?? PRIORS[id]]));

// Held-out evaluation with the real linter and the fitted weights.
setWeights(linter, weights);
const testResults = await lintMessages(linter, test);
const fitScored = await lintMessages(linter, fit);
const labelsTest = test.map((m) => m.spam);
const labelsFit = fit.map((m) => m.spam);
const modernResults = await lintMessages(linter, modern);
const modernMetrics = metrics(
  modernResults.map((r) => r.risk.score),
  modern.map((m) => m.spam),
);
const heldOut = metrics(
  testResults.map((r) => r.risk.score),
  labelsTest,
);
const onFit = metrics(
  fitScored.map((r) => r.risk.score),
  labelsFit,
);
// The formula applied to the findings directly must give the linter's own numbers.
const formulaCheck = testResults.every((r) => scoreFindings(r.findings.map((f) => ({ ...f, weight: weights[f.ruleId] ?? f.weight }))).score === r.risk.score);

// All built-in packs (format, category, … as a user runs them): the copy is what tells spam from ham here.
let allPacks = null;
let modernAllPacks = null;
try {
  const full = createLinter(root);
  setWeights(full, weights);
  const results = await lintMessages(full, test);
  allPacks = metrics(
    results.map((r) => r.risk.score),
    labelsTest,
  );
  const modernFull = await lintMessages(full, modern);
  modernAllPacks = metrics(
    modernFull.map((r) => r.risk.score),
    modern.map((m) => m.spam),
  );
} catch (error) {
  allPacks = { error: error instanceof Error ? error.message : String(error) };
  modernAllPacks = allPacks;
}

// Near misses (Jaro-Winkler) on the whole corpus: how many fire in ham and in spam.
const near = { ham: 0, spam: 0 };
[...fit.map((m, i) => [m, fitScored[i]]), ...test.map((m, i) => [m, testResults[i]])].forEach(([m, r]) => {
  if (r.findings.some((f) => f.message.includes("(close to '"))) near[m.spam ? 'spam' : 'ham']++;
});

let written = 0;
if (flag('--write')) written = writeWeights(PACK_FILE, Object.fromEntries(fittable.map((id) => [id, weights[id]])));

const summary = {
  corpus: { distinct: messages.length, fit: fit.length, fitSpam: fit.filter((m) => m.spam).length, test: test.length, testSpam: test.filter((m) => m.spam).length },
  seed: SEED,
  testShare: TEST_SHARE,
  leak: Math.round(leak * 1000) / 1000,
  rules: phrasingIds.map((id) => ({ id, prior: PRIORS[id], weight: weights[id], fitted: fittable.includes(id), hamHits: support[id].ham, spamHits: support[id].spam })),
  heldOut,
  fitSet: onFit,
  allPacksHeldOut: allPacks,
  modern: { texts: modern.length, scam: modern.filter((m) => m.spam).length, phrasingContent: modernMetrics, allPacks: modernAllPacks },
  nearMisses: near,
  formulaMatchesLinter: formulaCheck,
  written,
  seconds: Math.round((Date.now() - started) / 100) / 10,
};

if (flag('--json')) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const line = (name, m) =>
    m.error
      ? `  ${name}: not available (${m.error})`
      : `  ${name.padEnd(34)} AUC ${m.auc.toFixed(3)}   ≥25: precision ${pct(m.medium.precision)} recall ${pct(m.medium.recall)}   ≥50: precision ${pct(m.high.precision)} recall ${pct(m.high.recall)}`;
  console.log(`SMS Spam Collection v.1: ${messages.length} distinct texts; fit ${count(fit)}, held out ${count(test)} (seed ${SEED}, stratified ${Math.round((1 - TEST_SHARE) * 100)}/${Math.round(TEST_SHARE * 100)})`);
  console.log('');
  console.log('  rule                                      prior  weight  cap  fit-set hits (ham / spam)');
  for (const r of summary.rules) console.log(`  ${r.id.padEnd(40)} ${String(r.prior).padStart(5)}  ${String(r.weight).padStart(6)}${r.fitted ? ' ' : '*'} ${String(CAP_OF(r.id)).padStart(3)}  ${r.hamHits} / ${r.spamHits}`);
  console.log(`  (* too few hits to fit: prior kept; leak ${summary.leak})`);
  console.log('');
  console.log('Risk score of the real linter with these weights:');
  console.log(line('held out, phrasing + content packs', heldOut));
  console.log(line('held out, all built-in packs', allPacks));
  console.log(line('fit set, phrasing + content packs', onFit));
  console.log(`Generalisation check, never fitted on: ${path.relative(root, MODERN)} (${modern.length} texts, ${modern.filter((m) => m.spam).length} scam)`);
  console.log(line('modern, phrasing + content packs', modernMetrics));
  console.log(line('modern, all built-in packs', modernAllPacks));
  if (flag('--missed-fit')) {
    // The fit set only (out-of-fold token model, fitted weights): what the rules miss, to design general signals.
    fit.forEach((m, i) => {
      const r = scoreFindings(fitResults[i].findings.map((f) => ({ ...f, weight: weights[f.ruleId] ?? f.weight })));
      if (m.spam ? r.score < 25 : r.score >= 25) console.log(`  fit ${m.spam ? 'spam' : 'ham '} ${String(r.score).padStart(3)} ${[...new Set(fitResults[i].findings.map((f) => f.ruleId.replace('phrasing/', '')))].join(',')}: ${m.text}`);
    });
  }
  if (flag('--missed')) {
    modern.forEach((m, i) => {
      const r = modernResults[i];
      if (m.spam ? r.risk.score < 25 : r.risk.score > 0) console.log(`  ${m.spam ? 'scam ' : 'legit'} ${String(r.risk.score).padStart(3)} ${[...new Set(r.findings.map((f) => f.ruleId.replace('phrasing/', '')))].join(',')}: ${m.text}`);
    });
  }
  console.log('');
  console.log(`Near misses (Jaro-Winkler ≥ 0.94): ${near.ham} ham and ${near.spam} spam messages of ${messages.length}`);
  console.log(`Formula on the findings = linter's score: ${formulaCheck ? 'yes' : 'NO'}`);
  if (flag('--write')) console.log(`Wrote ${written} weights to ${path.relative(process.cwd(), PACK_FILE)}`);
  console.log(`(${summary.seconds} s)`);
}
