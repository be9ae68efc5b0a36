/**
 * A token-likelihood spam signal in the manner of SpamAssassin's BAYES rules: a naive-Bayes token model
 * (trained at build time by scripts/train-spam-bayes.mjs on the fit split of the SMS Spam Collection, with
 * legitimate business templates as extra ham; stored in rules/phrasing/spam-bayes.json) rates each token
 * of the copy, and Robinson's chi-squared combining turns the rated tokens into one spam probability, which
 * the rules read in bins (BAYES_50, _80, _95, _99). The features are the same de-obfuscated, stemmed tokens
 * the phrase matcher uses, so "fr33" and "free" are one token and every token points at original characters.
 * English only: the labelled data is English, and an English model says nothing about other languages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { analyze, copyTexts, memo, type AnalyzedText } from './analysis.js';
import { baseLanguage } from './language.js';
import { originalRange } from './normalize.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { TemplateText } from '../template/components.js';
import type { FactProvider } from '../registry.js';
import { packageRoot } from '../../package-root.js';
import { ObjectCache } from '../../documents/object-cache.js';

export interface SpamBayesModelFile {
  format: 'msglint-spam-bayes';
  version: 1;
  language: 'en';
  /** What the counts were learned from (files, split, sizes). */
  corpus: Record<string, unknown>;
  /** Robinson's constants: strength s of the prior x, tokens nearer than minStrength to 0.5 are ignored. */
  robinson: { s: number; x: number; minStrength: number; maxTokens: number };
  spamMessages: number;
  /**
   * The kinds of legitimate text (person-to-person SMS, business templates) and how many of each were counted.
   * A feature's ham frequency is its highest frequency in any of them, so words that are ordinary in business
   * templates ("order", "code", "offer") do not read as spam just because chat messages rarely use them.
   */
  hamSets: { name: string; messages: number }[];
  /** Features (sorted); in how many spam messages each occurs; and in how many messages of each ham set. */
  tokens: string[];
  spam: number[];
  ham: number[][];
}

/** One distinct feature of a text and the token that first shows it. */
export interface BayesFeature {
  feature: string;
  token: number;
}

/**
 * Opt-out words ("Reply STOP to opt out", "unsubscribe") are left out: old SMS spam used them, and compliant
 * marketing must carry them, so the model must not count them against a template.
 */
const COMPLIANCE_STEMS = ['stop', 'unsubscrib', 'optout', 'opt'];

/**
 * The distinct features of an analysed text: the stem of each word's main reading, and two number shapes that
 * mark premium SMS: "#5" (a five-digit short code) and "#7+" (a phone number written in one run). Other
 * numbers, currency signs, links and parameters are left out: the SMS ham is chat, which rarely has them, so
 * the model would learn that business templates with prices, links or order numbers are spam.
 */
export function bayesFeatures(a: AnalyzedText): BayesFeature[] {
  const seen = new Set<string>(COMPLIANCE_STEMS);
  const out: BayesFeature[] = [];
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i];
    let feature: string | undefined;
    if (t.kind === 'word') feature = a.stems[i][0] ?? t.text;
    else if (t.kind === 'number') {
      const digits = t.text.length;
      feature = digits === 5 ? '#5' : digits >= 7 ? '#7+' : undefined;
    }
    if (feature === undefined || seen.has(feature)) continue;
    seen.add(feature);
    out.push({ feature, token: i });
  }
  return out;
}

/** The features of a plain string, as the linter would see it in an English template body (for training). */
export function bayesFeaturesOfText(text: string): string[] {
  const source: TemplateText = { role: 'body', path: '/components/0/text', text };
  return bayesFeatures(analyze(source, 'en')).map((f) => f.feature);
}

export interface LoadedSpamBayes {
  /** Tells models apart in memoized results (a bench may swap models in one process). */
  memoKey: string;
  file: SpamBayesModelFile;
  /** Robinson's f(w) of each known feature, already pulled towards x. */
  rating: Map<string, number>;
}

export function prepareSpamBayes(file: SpamBayesModelFile): LoadedSpamBayes {
  const { s, x } = file.robinson;
  const rating = new Map<string, number>();
  for (let i = 0; i < file.tokens.length; i++) {
    const ns = file.spam[i];
    const ps = ns / Math.max(1, file.spamMessages);
    let ph = 0;
    let n = ns;
    file.hamSets.forEach((set, k) => {
      const nh = file.ham[k][i];
      n += nh;
      ph = Math.max(ph, nh / Math.max(1, set.messages));
    });
    const p = ps + ph > 0 ? ps / (ps + ph) : x;
    rating.set(file.tokens[i], (s * x + n * p) / (s + n));
  }
  return { memoKey: `spam-bayes:${++models}`, file, rating };
}

let models = 0;

/** Reads the committed form (one [feature, spam, ham per set…] row per feature) back into arrays. */
export function parseSpamBayes(text: string): SpamBayesModelFile {
  const raw = JSON.parse(text) as Omit<SpamBayesModelFile, 'tokens' | 'spam' | 'ham'> & { table: [string, number, ...number[]][] };
  const { table, ...head } = raw;
  return {
    ...head,
    tokens: table.map((r) => r[0]),
    spam: table.map((r) => r[1]),
    ham: head.hamSets.map((_, k) => table.map((r) => Number(r[2 + k] ?? 0))),
  };
}

let override: LoadedSpamBayes | null | undefined;
let builtin: LoadedSpamBayes | undefined;

export function spamBayesModelPath(): string {
  return path.join(packageRoot(), 'rules', 'phrasing', 'spam-bayes.json');
}

/** The model in use: the built-in one, read once, unless a bench has put another in its place. */
export function spamBayesModel(): LoadedSpamBayes {
  if (override) return override;
  if (!builtin) builtin = prepareSpamBayes(parseSpamBayes(readFileSync(spamBayesModelPath(), 'utf8')));
  return builtin;
}

/** Uses another model (bench/calibrate-phrasing.mjs scores each fold with a model that never saw it); null restores. */
export function useSpamBayesModel(file: SpamBayesModelFile | null): void {
  override = file ? prepareSpamBayes(file) : null;
}

/** P(χ² with v degrees of freedom ≥ x2), v even: the tail series, exact for even v. */
function chi2Q(x2: number, v: number): number {
  const m = x2 / 2;
  let term = Math.exp(-m);
  let sum = term;
  for (let i = 1; i < v / 2; i++) {
    term *= m / i;
    sum += term;
  }
  return Math.min(sum, 1);
}

export interface RatedToken {
  feature: string;
  rating: number;
  /** Which text and token it came from. */
  text: number;
  token: number;
}

/**
 * Robinson–Fisher combining (as SpamBayes and SpamAssassin do): the chance that the spam-leaning ratings and
 * the ham-leaning ratings are not random, folded into one probability; 0.5 when no token says anything.
 */
export function combine(ratings: readonly number[]): number {
  const n = ratings.length;
  if (n === 0) return 0.5;
  let lnSpam = 0;
  let lnHam = 0;
  for (const f of ratings) {
    lnSpam += Math.log(1 - f);
    lnHam += Math.log(f);
  }
  const s = 1 - chi2Q(-2 * lnSpam, 2 * n);
  const h = 1 - chi2Q(-2 * lnHam, 2 * n);
  return (1 + s - h) / 2;
}

/** The features of one text that say something (rated at least minStrength away from 0.5), as tokens of text 0. */
export function tellingTokens(model: LoadedSpamBayes, features: readonly BayesFeature[]): RatedToken[] {
  const { minStrength } = model.file.robinson;
  const out: RatedToken[] = [];
  for (const { feature, token } of features) {
    const rating = model.rating.get(feature);
    if (rating !== undefined && Math.abs(rating - 0.5) >= minStrength) out.push({ feature, rating, text: 0, token });
  }
  return out;
}

/** The most telling tokens of a template's texts (by distance from 0.5, each feature once) and the probability they give. */
export function rateTexts(model: LoadedSpamBayes, tellingPerText: readonly RatedToken[][]): { probability: number; tokens: RatedToken[] } {
  let rated: RatedToken[];
  if (tellingPerText.length === 1) rated = [...tellingPerText[0]];
  else {
    const seen = new Set<string>();
    rated = [];
    tellingPerText.forEach((list, text) => {
      for (const t of list) {
        if (seen.has(t.feature)) continue;
        seen.add(t.feature);
        rated.push({ ...t, text });
      }
    });
  }
  rated.sort((x, y) => Math.abs(y.rating - 0.5) - Math.abs(x.rating - 0.5) || (x.feature < y.feature ? -1 : 1));
  const used = rated.length > model.file.robinson.maxTokens ? rated.slice(0, model.file.robinson.maxTokens) : rated;
  return { probability: combine(used.map((t) => t.rating)), tokens: used };
}

/** The bins of SpamAssassin's BAYES rules that msglint reports, lowest first: [fact, from, to). */
export const BAYES_BINS: readonly [string, number, number][] = [
  ['spamLikelihood50', 0.6, 0.8],
  ['spamLikelihood80', 0.8, 0.95],
  ['spamLikelihood95', 0.95, 0.99],
  ['spamLikelihood99', 0.99, 1.0000001],
];

const MIN_SPAM_TOKENS = 2;

export interface SpamLikelihood {
  probability: number;
  match: TextMatch | undefined;
}

const cache = new ObjectCache<object, SpamLikelihood>();

/** The spam probability of a template's copy, and a match at its most spam-like token naming the strongest ones. */
export function spamLikelihood(doc: LintDocument): SpamLikelihood {
  const cached = cache.get(doc.data);
  if (cached) return cached;
  let result: SpamLikelihood = { probability: 0.5, match: undefined };
  if (baseLanguage(doc.data.language) === 'en') {
    const analyses: AnalyzedText[] = [];
    for (const t of copyTexts(doc)) {
      const a = analyze(t, 'en');
      if (a.tokens.length > 0) analyses.push(a);
    }
    if (analyses.length > 0) {
      const model = spamBayesModel();
      const { probability, tokens } = rateTexts(
        model,
        analyses.map((a) => memo(a, model.memoKey, () => tellingTokens(model, bayesFeatures(a)))),
      );
      // Quoted only when a bin reports it. One telling word alone ("call") is not enough: it takes two that lean towards spam.
      const spammy = probability >= BAYES_BINS[0][1] ? tokens.filter((t) => t.rating > 0.5) : [];
      result = { probability, match: spammy.length >= MIN_SPAM_TOKENS ? matchAt(analyses, spammy, probability) : undefined };
    }
  }
  cache.set(doc.data, result);
  return result;
}

/** A match at the most spam-like token, quoting the (up to) three most spam-like tokens as written. */
function matchAt(analyses: AnalyzedText[], spammy: RatedToken[], probability: number): TextMatch {
  const written = (t: RatedToken) => {
    const a = analyses[t.text];
    const [start, end] = originalRange(a.norm, a.tokens[t.token].start, a.tokens[t.token].end);
    return { a, start, end, text: a.source.text.slice(start, end) };
  };
  const top = written(spammy[0]);
  const quoted = [...new Set(spammy.slice(0, 3).map((t) => `'${written(t).text}'`))].join(', ');
  return {
    path: top.a.source.path,
    role: top.a.source.role,
    start: top.start,
    end: top.end,
    text: top.text,
    tokens: quoted,
    probability: `${Math.min(99.9, Math.floor(probability * 1000) / 10)}%`,
  };
}

export const spamBayesFacts: FactProvider = {
  id: 'text-spam-bayes',
  kinds: ['template'],
  facts: {
    spamProbability: 'spam probability (0..1) of English copy by the token model in rules/phrasing/spam-bayes.json; 0.5 when it knows no token',
    spamLikelihood50: 'English copy the token model rates 60–80% spam (at its most spam-like token)',
    spamLikelihood80: 'English copy the token model rates 80–95% spam',
    spamLikelihood95: 'English copy the token model rates 95–99% spam',
    spamLikelihood99: 'English copy the token model rates 99% spam or more',
  },
  compute(doc) {
    const { probability, match } = spamLikelihood(doc);
    const values: Record<string, unknown> = { spamProbability: probability };
    for (const [fact, from, to] of BAYES_BINS) values[fact] = match && probability >= from && probability < to ? [match] : [];
    return values;
  },
};
