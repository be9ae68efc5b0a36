import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { CategoryEvidence } from './evidence.js';
import type { CategoryName, EvidenceKind } from './lexicon.js';
import { PAIR_SEPARATOR } from './tokens.js';
import { packageRoot } from '../../package-root.js';

/**
 * The category classifier: natural's naive Bayes (trained at build time by scripts/train-category.mjs, stored in
 * rules/category/model.json) scores the words; a small logistic regression, fitted on out-of-fold naive Bayes scores
 * and the evidence phrases, turns both into calibrated probabilities of MARKETING, UTILITY and AUTHENTICATION.
 */

export const CLASSES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const satisfies readonly CategoryName[];

export interface CategoryModelFile {
  format: 'msglint-category-model';
  version: 1;
  classes: CategoryName[];
  corpus: { files: string[]; documents: number; perLabel: Record<string, number>; perLanguage: Record<string, number>; sha256: string };
  naiveBayes: {
    /** What produced the counts: natural's BayesClassifier (apparatus), binary word-presence features. */
    library: string;
    smoothing: number;
    totalExamples: number;
    /** Per class, as natural stores it: 1 + documents of the class. */
    classTotals: number[];
    /** The features (stems and stem pairs), sorted. */
    vocabulary: string[];
    /**
     * natural's stored counts, flat: for feature i and class c, counts[i * classes + c] (documents of the class with the
     * feature + smoothing; 0 when the class never saw it). Flat arrays parse and load several times faster than objects.
     */
    counts: number[];
  };
  stacker: { features: string[]; weights: Record<string, number[]>; l2: number; iterations: number; learningRate: number };
  thresholds: { marketing: number; authentication: number };
  crossValidation: Record<string, unknown>;
}

export interface LoadedModel {
  file: CategoryModelFile;
  /** log P(class) per class. */
  logPrior: Float64Array;
  /** Feature → row in `logLikelihood`. */
  featureIndex: Map<string, number>;
  /** Pair features by first token, then second token → row (scoring needs no `a~b` string per pair). */
  pairIndex: Map<string, Map<string, number>>;
  /** log(stored count / class total), row-major: logLikelihood[row * classes + c]. */
  logLikelihood: Float64Array;
  /** log(smoothing / class total) per class, for a feature a class never saw. */
  logUnseen: Float64Array;
  stackerIndex: Map<string, number>;
  stackerWeights: Float64Array[];
  /** Scratch for `naiveBayesLogScores`: the call that last added each row. */
  seen: Uint32Array;
  stamp: number;
}

/** Reads and prepares a model (the JSON text of rules/category/model.json). */
export function prepareModel(file: CategoryModelFile): LoadedModel {
  const nb = file.naiveBayes;
  const k = file.classes.length;
  const logPrior = new Float64Array(k);
  const logUnseen = new Float64Array(k);
  const logTotal = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    logTotal[c] = Math.log(nb.classTotals[c]);
    logPrior[c] = Math.log(nb.classTotals[c] / nb.totalExamples);
    logUnseen[c] = Math.log(nb.smoothing) - logTotal[c];
  }
  const featureIndex = new Map<string, number>();
  const pairIndex = new Map<string, Map<string, number>>();
  const logLikelihood = new Float64Array(nb.vocabulary.length * k);
  for (let i = 0; i < nb.vocabulary.length; i++) {
    const feature = nb.vocabulary[i];
    featureIndex.set(feature, i);
    const cut = feature.indexOf(PAIR_SEPARATOR);
    if (cut > 0) {
      const first = feature.slice(0, cut);
      let seconds = pairIndex.get(first);
      if (!seconds) pairIndex.set(first, (seconds = new Map()));
      seconds.set(feature.slice(cut + 1), i);
    }
    for (let c = 0; c < k; c++) logLikelihood[i * k + c] = Math.log(nb.counts[i * k + c] || nb.smoothing) - logTotal[c];
  }
  // Weights are stored by feature name and aligned to this code's features (a feature the model lacks weighs 0).
  const stackerIndex = new Map(file.stacker.features.map((f, i) => [f, i]));
  const stackerWeights = file.classes.map((c) => {
    const stored = file.stacker.weights[c] ?? [];
    return Float64Array.from(STACKER_FEATURES, (f) => {
      const i = stackerIndex.get(f);
      return i === undefined ? 0 : (stored[i] ?? 0);
    });
  });
  return { file, logPrior, featureIndex, pairIndex, logLikelihood, logUnseen, stackerIndex, stackerWeights, seen: new Uint32Array(nb.vocabulary.length), stamp: 0 };
}

let loaded: LoadedModel | undefined;

export function modelPath(): string {
  return path.join(packageRoot(), 'rules', 'category', 'model.json');
}

/** The built-in model, read once, the first time a template is classified. */
export function builtinModel(): LoadedModel {
  if (!loaded) loaded = prepareModel(JSON.parse(readFileSync(modelPath(), 'utf8')) as CategoryModelFile);
  return loaded;
}

/**
 * natural's naive Bayes score of each class, in log space: log P(c) + Σ log P(feature | c) over the distinct known
 * features present (natural's BayesClassifier computes the same sum, then exponentiates it, which underflows on long texts).
 */
export function naiveBayesLogScores(model: LoadedModel, features: readonly string[]): Float64Array {
  const scores = Float64Array.from(model.logPrior);
  const k = scores.length;
  // Each feature counts once (natural uses presence): rows already added carry this call's stamp.
  const stamp = ++model.stamp;
  for (const f of features) {
    const row = model.featureIndex.get(f);
    if (row === undefined || model.seen[row] === stamp) continue;
    model.seen[row] = stamp;
    for (let c = 0; c < k; c++) scores[c] += model.logLikelihood[row * k + c];
  }
  return scores;
}

/**
 * `naiveBayesLogScores(model, classifierFeatures(texts))` from the texts' tokens, without building a string per pair:
 * the same features, added in the same order (unigram, then its pair with the previous token), so the same sums.
 */
export function naiveBayesLogScoresOfTokens(model: LoadedModel, tokenLists: readonly (readonly string[])[]): Float64Array {
  const scores = Float64Array.from(model.logPrior);
  const k = scores.length;
  const stamp = ++model.stamp;
  const add = (row: number | undefined): void => {
    if (row === undefined || model.seen[row] === stamp) return;
    model.seen[row] = stamp;
    for (let c = 0; c < k; c++) scores[c] += model.logLikelihood[row * k + c];
  };
  for (const tokens of tokenLists) {
    let pairsOfPrevious: Map<string, number> | undefined;
    for (let i = 0; i < tokens.length; i++) {
      add(model.featureIndex.get(tokens[i]));
      if (i > 0) add(pairsOfPrevious?.get(tokens[i]));
      pairsOfPrevious = model.pairIndex.get(tokens[i]);
    }
  }
  return scores;
}

/** Evidence kinds the stacker weighs (everything but structural marks, which are not in the text corpus). */
export const STACKED_KINDS: readonly EvidenceKind[] = [
  'discount', 'coupon', 'price-pitch', 'freebie', 'next-purchase', 'new-product', 'upsell', 'cross-sell', 'renewal-nudge',
  'cart-reminder', 'apology-credit', 'app-promotion', 'birthday', 'loyalty-thanks', 'welcome', 'survey', 'credit-offer',
  'event', 'win-back', 'call-to-action', 'urgency', 'awareness', 'vague',
  'identifier', 'transaction', 'account-alert', 'service-notice', 'safety', 'opt-in-out', 'appointment', 'interaction', 'legal',
  'otp',
];

export const STACKER_FEATURES: readonly string[] = [
  'bias',
  'nb:MARKETING-UTILITY',
  'nb:AUTHENTICATION-UTILITY',
  ...STACKED_KINDS.map((k) => `evidence:${k}`),
  'marketing-kinds',
  'utility-kinds',
  'mixed-promotion',
  'unclear',
];

/** Promotional marks that Meta names as making an otherwise useful message marketing ("an order update carrying a promo"). */
const PROMOTION_KINDS = new Set<EvidenceKind>(['discount', 'coupon', 'price-pitch', 'next-purchase', 'upsell', 'cross-sell', 'credit-offer', 'cart-reminder', 'app-promotion', 'renewal-nudge', 'apology-credit', 'new-product']);

/** Naive Bayes log-odds are clipped: a long text can reach hundreds, which says little more than 40. */
const NB_CLIP = 40;
const NB_SCALE = 10;

const KIND_INDEX = new Map<EvidenceKind, number>(STACKED_KINDS.map((k, i) => [k, i]));

/** The stacker's inputs for one template. */
export function stackerInputs(nb: Float64Array, evidence: CategoryEvidence): Float64Array {
  const x = new Float64Array(STACKER_FEATURES.length);
  const clip = (v: number) => Math.max(-NB_CLIP, Math.min(NB_CLIP, v)) / NB_SCALE;
  x[0] = 1;
  x[1] = clip(nb[0] - nb[1]);
  x[2] = clip(nb[2] - nb[1]);
  const base = 3 + STACKED_KINDS.length;
  // Counts per kind (capped at 2), and how many different marketing and utility kinds there are.
  let marketingKinds = 0;
  let utilityKinds = 0;
  let promotion = false;
  for (const list of [evidence.marketing, evidence.utility, evidence.otp]) {
    for (const e of list) {
      for (const k of e.kinds) {
        if (PROMOTION_KINDS.has(k)) promotion = true;
        const i = KIND_INDEX.get(k);
        if (i === undefined) continue;
        if (x[3 + i] === 0) {
          if (e.category === 'MARKETING') marketingKinds++;
          else if (e.category === 'UTILITY') utilityKinds++;
        }
        if (x[3 + i] < 2) x[3 + i]++;
      }
    }
  }
  x[base] = Math.min(marketingKinds, 4) / 2;
  x[base + 1] = Math.min(utilityKinds, 4) / 2;
  x[base + 2] = evidence.utility.length > 0 && promotion ? 1 : 0;
  x[base + 3] = evidence.unclear === '' ? 0 : 1;
  return x;
}

/**
 * Marketing components (limited-time offer, catalog or product buttons, a coupon copy-code button) are not in the
 * text corpus, so the stacker never learned them; each adds this much to the MARKETING logit (e^3 ≈ 20× the odds).
 */
export const STRUCTURE_LOGIT = 3;

export interface Prediction {
  probabilities: Record<CategoryName, number>;
  predicted: CategoryName;
  confidence: number;
}

export function softmaxPredict(model: LoadedModel, x: Float64Array, structureMarks = 0): Prediction {
  const k = model.stackerWeights.length;
  const logits = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const w = model.stackerWeights[c];
    let z = 0;
    for (let j = 0; j < x.length; j++) z += w[j] * x[j];
    logits[c] = z;
  }
  const m = model.file.classes.indexOf('MARKETING');
  if (structureMarks > 0 && m >= 0) logits[m] += STRUCTURE_LOGIT * Math.min(structureMarks, 2);
  const p = softmax(logits);
  let best = 0;
  for (let c = 1; c < k; c++) if (p[c] > p[best]) best = c;
  const probabilities = Object.fromEntries(model.file.classes.map((c, i) => [c, p[i]])) as Record<CategoryName, number>;
  return { probabilities, predicted: model.file.classes[best], confidence: p[best] };
}

export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}
