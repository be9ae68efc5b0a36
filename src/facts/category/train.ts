import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

import { collectEvidence, type CategoryEvidence } from './evidence.js';
import type { CategoryName } from './lexicon.js';
import { CLASSES, naiveBayesLogScores, prepareModel, softmax, stackerInputs, STACKER_FEATURES, type CategoryModelFile } from './model.js';
import { classifierFeatures } from './tokens.js';

/**
 * Build-time training of the category model (run by scripts/train-category.mjs after `tsc`).
 * Deterministic: no randomness, folds by position, fixed iterations; the same corpus gives a byte-identical model.
 */

export interface CorpusEntry {
  text: string;
  label: CategoryName;
  language: string;
  objective?: string;
}

export interface TrainOptions {
  folds: number;
  /** L2 penalty of the stacker's weights (not its bias). */
  l2: number;
  iterations: number;
  learningRate: number;
  /** Highest share of UTILITY training texts the pack may flag in cross-validation; sets the marketing threshold. */
  maxFalsePositiveRate: number;
  /** Highest share of UTILITY training texts that may be read as a one-time code without OTP wording; sets the authentication threshold. */
  maxAuthenticationFalsePositiveRate: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { folds: 5, l2: 0.002, iterations: 600, learningRate: 2, maxFalsePositiveRate: 0.05, maxAuthenticationFalsePositiveRate: 0.005 };

interface PreparedDoc {
  entry: CorpusEntry;
  features: string[];
  evidence: CategoryEvidence;
  y: number;
}

const require = createRequire(import.meta.url);

interface NaturalBayes {
  features: Record<string, number>;
  classifier: { classFeatures: Record<string, Record<string, number>>; classTotals: Record<string, number>; totalExamples: number; smoothing: number };
  addDocument(text: string[], label: string): void;
  train(): void;
  textToFeatures(observation: string[]): number[];
}

/** natural's naive Bayes classifier, loaded directly (never through natural's index). */
export function naturalBayes(): NaturalBayes {
  const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as new () => NaturalBayes;
  return new BayesClassifier();
}

/** Trains natural's BayesClassifier on token lists and returns its learned counts in the model's shape. */
export function trainNaiveBayes(docs: readonly { features: string[]; label: CategoryName }[]): CategoryModelFile['naiveBayes'] {
  const classifier = naturalBayes();
  for (const d of docs) classifier.addDocument(d.features, d.label);
  // natural's textToFeatures scans every known feature with indexOf for every document (quadratic in practice);
  // this gives the same binary vector in key order, through an index.
  const keys = Object.keys(classifier.features);
  const index = new Map(keys.map((k, i) => [k, i]));
  classifier.textToFeatures = (observation: string[]) => {
    const vector: number[] = new Array<number>(keys.length).fill(0);
    for (const token of observation) {
      const i = index.get(token);
      if (i !== undefined) vector[i] = 1;
    }
    return vector;
  };
  classifier.train();
  const abc = classifier.classifier;
  const order = keys.map((k, i) => [k, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const vocabulary: string[] = [];
  const counts: number[] = [];
  for (const [key, i] of order) {
    vocabulary.push(key);
    for (const c of CLASSES) counts.push(abc.classFeatures[c]?.[i] ?? 0);
  }
  return {
    library: 'natural BayesClassifier (apparatus), binary presence of stems and stem pairs',
    smoothing: abc.smoothing,
    totalExamples: abc.totalExamples,
    classTotals: CLASSES.map((c) => abc.classTotals[c] ?? 1),
    vocabulary,
    counts,
  };
}

/** Multinomial logistic regression by full-batch gradient descent (deterministic). */
export function trainStacker(xs: readonly Float64Array[], ys: readonly number[], options: Pick<TrainOptions, 'l2' | 'iterations' | 'learningRate'>): number[][] {
  const k = CLASSES.length;
  const d = STACKER_FEATURES.length;
  const w = Array.from({ length: k }, () => new Float64Array(d));
  const grad = Array.from({ length: k }, () => new Float64Array(d));
  const logits = new Float64Array(k);
  const n = xs.length;
  for (let it = 0; it < options.iterations; it++) {
    for (const g of grad) g.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      for (let c = 0; c < k; c++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += w[c][j] * x[j];
        logits[c] = z;
      }
      const p = softmax(logits);
      for (let c = 0; c < k; c++) {
        const err = p[c] - (ys[i] === c ? 1 : 0);
        if (err === 0) continue;
        for (let j = 0; j < d; j++) grad[c][j] += err * x[j];
      }
    }
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const penalty = j === 0 ? 0 : options.l2 * w[c][j];
        w[c][j] -= options.learningRate * (grad[c][j] / n + penalty);
      }
    }
  }
  return w.map((row) => Array.from(row));
}

function predictWith(weights: number[][], x: Float64Array): Float64Array {
  const logits = weights.map((row) => row.reduce((z, wj, j) => z + wj * x[j], 0));
  return softmax(logits);
}

/** What the category pack flags when a template is declared UTILITY (mirrors rules/category/pack.yaml). */
export function flaggedAsUtility(p: ArrayLike<number>, evidence: CategoryEvidence, thresholds: { marketing: number; authentication: number }): boolean {
  if (evidence.unclear !== '' || evidence.otp.length > 0) return true;
  const best = argmax(p);
  if (CLASSES[best] === 'MARKETING' && p[best] >= thresholds.marketing) return true;
  if (CLASSES[best] === 'AUTHENTICATION' && p[best] >= thresholds.authentication) return true;
  return false;
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

export function prepareDocs(entries: readonly CorpusEntry[]): PreparedDoc[] {
  return entries.map((entry) => {
    const language = entry.language.split(/[_-]/)[0].toLowerCase();
    const texts = [{ role: 'body' as const, path: '/text', text: entry.text }];
    return { entry, features: classifierFeatures([entry.text], language), evidence: collectEvidence(texts, language), y: CLASSES.indexOf(entry.label) };
  });
}

/** Trains the model on a labelled corpus: out-of-fold naive Bayes scores feed the stacker; thresholds come from cross-validation. */
export function trainCategoryModel(entries: readonly CorpusEntry[], files: readonly string[], opts: Partial<TrainOptions> = {}): CategoryModelFile {
  const options = { ...DEFAULT_TRAIN_OPTIONS, ...opts };
  for (const e of entries) if (!CLASSES.includes(e.label as (typeof CLASSES)[number])) throw new Error(`unknown label "${e.label}" in the corpus`);
  const docs = prepareDocs(entries);
  const folds = options.folds;
  const foldOf = (i: number) => i % folds;

  // 1. Out-of-fold naive Bayes scores: every text scored by a model that never saw it.
  const oofNb: Float64Array[] = new Array<Float64Array>(docs.length);
  for (let f = 0; f < folds; f++) {
    const train = docs.filter((_, i) => foldOf(i) !== f).map((d) => ({ features: d.features, label: d.entry.label }));
    const model = prepareModel(shell(trainNaiveBayes(train)));
    docs.forEach((d, i) => {
      if (foldOf(i) === f) oofNb[i] = naiveBayesLogScores(model, d.features);
    });
  }
  const xs = docs.map((d, i) => stackerInputs(oofNb[i], d.evidence));
  const ys = docs.map((d) => d.y);

  // 2. Out-of-fold stacker probabilities, for thresholds and honest cross-validated metrics.
  const oofP: Float64Array[] = new Array<Float64Array>(docs.length);
  for (let f = 0; f < folds; f++) {
    const idx = docs.map((_, i) => i).filter((i) => foldOf(i) !== f);
    const w = trainStacker(idx.map((i) => xs[i]), idx.map((i) => ys[i]), options);
    docs.forEach((_, i) => {
      if (foldOf(i) === f) oofP[i] = predictWith(w, xs[i]);
    });
  }
  const thresholds = calibrateThresholds(docs, oofP, options);

  // 3. The shipped model: naive Bayes on everything, stacker on all out-of-fold scores.
  const naiveBayes = trainNaiveBayes(docs.map((d) => ({ features: d.features, label: d.entry.label })));
  const weights = trainStacker(xs, ys, options);
  const model: CategoryModelFile = {
    format: 'msglint-category-model',
    version: 1,
    classes: [...CLASSES],
    corpus: {
      files: [...files],
      documents: docs.length,
      perLabel: countBy(entries, (e) => e.label),
      perLanguage: countBy(entries, (e) => e.language),
      sha256: createHash('sha256').update(JSON.stringify(entries.map((e) => [e.text, e.label, e.language]))).digest('hex'),
    },
    naiveBayes,
    stacker: {
      features: [...STACKER_FEATURES],
      weights: Object.fromEntries(CLASSES.map((c, i) => [c, weights[i]])),
      l2: options.l2,
      iterations: options.iterations,
      learningRate: options.learningRate,
    },
    thresholds,
    crossValidation: crossValidationReport(docs, oofP, thresholds, folds),
  };
  return model;
}

/** A model around naive Bayes counts only (for scoring folds). */
function shell(naiveBayes: CategoryModelFile['naiveBayes']): CategoryModelFile {
  return {
    format: 'msglint-category-model',
    version: 1,
    classes: [...CLASSES],
    corpus: { files: [], documents: 0, perLabel: {}, perLanguage: {}, sha256: '' },
    naiveBayes,
    stacker: { features: [], weights: {}, l2: 0, iterations: 0, learningRate: 0 },
    thresholds: { marketing: 1, authentication: 1 },
    crossValidation: {},
  };
}

/**
 * Thresholds from the out-of-fold probabilities: first the AUTHENTICATION confidence at which almost no UTILITY text is
 * taken for a one-time code without OTP wording, then the lowest MARKETING confidence at which the share of flagged
 * UTILITY texts stays within the target (higher recall, bounded false positives).
 */
function calibrateThresholds(docs: readonly PreparedDoc[], oofP: readonly Float64Array[], options: TrainOptions): { marketing: number; authentication: number } {
  const utility = docs.map((d, i) => [d, i] as const).filter(([d]) => d.entry.label === 'UTILITY');
  const rate = (flagged: (d: PreparedDoc, i: number) => boolean) => utility.filter(([d, i]) => flagged(d, i)).length / Math.max(utility.length, 1);
  const grid = Array.from({ length: 66 }, (_, k) => Math.round((0.34 + k * 0.01) * 100) / 100);
  // A code without OTP wording is only called at 0.5 or more: it must be the most likely reading by a margin.
  const authentication =
    grid.filter((t) => t >= 0.5).find((t) => rate((d, i) => d.evidence.otp.length === 0 && argmax(oofP[i]) === 2 && oofP[i][2] >= t) <= options.maxAuthenticationFalsePositiveRate) ?? 0.99;
  const marketing = grid.find((t) => rate((d, i) => flaggedAsUtility(oofP[i], d.evidence, { marketing: t, authentication })) <= options.maxFalsePositiveRate) ?? 0.99;
  return { marketing, authentication };
}

function crossValidationReport(docs: readonly PreparedDoc[], oofP: readonly Float64Array[], thresholds: { marketing: number; authentication: number }, folds: number): Record<string, unknown> {
  const languages = [...new Set(docs.map((d) => d.entry.language))].sort();
  const slice = (lang?: string) => {
    const rows = docs.map((d, i) => ({ d, p: oofP[i] })).filter((r) => !lang || r.d.entry.language === lang);
    const misuse = rows.filter((r) => r.d.entry.label !== 'UTILITY');
    const genuine = rows.filter((r) => r.d.entry.label === 'UTILITY');
    const tp = misuse.filter((r) => flaggedAsUtility(r.p, r.d.evidence, thresholds)).length;
    const fp = genuine.filter((r) => flaggedAsUtility(r.p, r.d.evidence, thresholds)).length;
    const correct = rows.filter((r) => argmax(r.p) === r.d.y).length;
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = misuse.length === 0 ? 0 : tp / misuse.length;
    return {
      documents: rows.length,
      accuracy: round(correct / Math.max(rows.length, 1)),
      misuseRecall: round(recall),
      utilityFalsePositiveRate: round(fp / Math.max(genuine.length, 1)),
      precision: round(precision),
      f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    };
  };
  // Expected calibration error over 10 confidence bins: how far stated confidence is from observed accuracy.
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, correct: 0 }));
  docs.forEach((d, i) => {
    const best = argmax(oofP[i]);
    const b = bins[Math.min(9, Math.floor(oofP[i][best] * 10))];
    b.n++;
    b.conf += oofP[i][best];
    if (best === d.y) b.correct++;
  });
  const ece = bins.reduce((s, b) => s + (b.n === 0 ? 0 : (b.n / docs.length) * Math.abs(b.conf / b.n - b.correct / b.n)), 0);
  return {
    method: `${folds}-fold cross-validation on the training corpus (fold = position mod ${folds}); flagged = what the pack reports for a text declared UTILITY`,
    overall: slice(),
    perLanguage: Object.fromEntries(languages.map((l) => [l, slice(l)])),
    expectedCalibrationError: round(ece),
  };
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of items.map(key).sort()) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function round(v: number, digits = 4): number {
  return Number(v.toFixed(digits));
}

/** Stable JSON: numbers rounded to 6 decimals, short number arrays on one line, so the same corpus gives the same bytes. */
export function serializeModel(model: CategoryModelFile): string {
  const text = JSON.stringify(model, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(6)) : value), 2);
  return text.replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s+/).join(', ')}]`) + '\n';
}
