import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { classifyTexts } from '../../../src/facts/category/classify.js';
import { builtinModel, CLASSES, naiveBayesLogScores, naiveBayesLogScoresOfTokens, prepareModel, STACKER_FEATURES, type CategoryModelFile } from '../../../src/facts/category/model.js';
import { classifierFeatures, classifierTokens, tokenize } from '../../../src/facts/category/tokens.js';
import { flaggedAsUtility, naturalBayes, serializeModel, trainCategoryModel, trainNaiveBayes, type CorpusEntry } from '../../../src/facts/category/train.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS_DIR = path.join(ROOT, 'rules/category/corpus');

function corpus(): { entries: CorpusEntry[]; files: string[] } {
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const entries = files.flatMap((f) =>
    (parse(readFileSync(path.join(CORPUS_DIR, f), 'utf8')) as CorpusEntry[]).map((e) => ({ text: e.text, label: e.label, language: e.language, objective: e.objective })),
  );
  return { entries, files: files.map((f) => `rules/category/corpus/${f}`) };
}

/** Every 5th text of the corpus: small enough to train in a test, with all labels and languages. */
function sample(): CorpusEntry[] {
  return corpus().entries.filter((_, i) => i % 5 === 0);
}

describe('tokens', () => {
  it('stems words in the template language and replaces values with placeholders', () => {
    expect(tokenize('Your orders {{1}} shipped! Use code SAVE20 for 20% off $15 at https://x.example/a', 'en')).toEqual([
      'your', 'order', '_param', 'ship', '_bang', 'us', 'code', '_codeword', 'for', '_pct', 'off', '_money', 'at', '_url',
    ]);
    expect(tokenize('Renovação do seu plano', 'pt')).toEqual(['renov', 'do', 'seu', 'plan']);
    expect(tokenize('Renovación de tu plan', 'es')).toEqual(['renov', 'de', 'tu', 'plan']);
  });

  it('adds adjacent pairs within a text, never across texts', () => {
    expect(classifierFeatures(['use code', 'now'], 'en')).toEqual(['us', 'code', 'us~code', 'now']);
  });
});

describe('naive Bayes from natural', () => {
  it("scores exactly as natural's own BayesClassifier", () => {
    const docs = sample().map((e) => ({ features: classifierFeatures([e.text], e.language.slice(0, 2)), label: e.label }));
    // natural, untouched (its own quadratic textToFeatures), as the reference.
    const reference = naturalBayes();
    for (const d of docs) reference.addDocument(d.features, d.label);
    reference.train();
    const model = prepareModel({ ...shellModel(), naiveBayes: trainNaiveBayes(docs) });
    const probes = ['Your order {{1}} has shipped.', 'Use code SAVE20 for 20% off.', '{{1}} is your verification code.', 'Tu pedido {{1}} llegó.'];
    for (const text of probes) {
      const features = classifierFeatures([text], 'en');
      const ours = naiveBayesLogScores(model, features);
      const theirs = (reference as unknown as { getClassifications(f: string[]): { label: string; value: number }[] }).getClassifications(features);
      for (const { label, value } of theirs) expect(ours[CLASSES.indexOf(label as (typeof CLASSES)[number])]).toBeCloseTo(Math.log(value), 9);
    }
  });
});

describe('scoring from tokens', () => {
  it('gives exactly the sums of the feature strings, for every corpus text and pairs of texts', () => {
    const model = builtinModel();
    const entries = corpus().entries;
    entries.forEach((e, i) => {
      const texts = [e.text, entries[(i + 1) % entries.length].text];
      const language = e.language.slice(0, 2);
      expect(naiveBayesLogScoresOfTokens(model, classifierTokens(texts, language))).toEqual(naiveBayesLogScores(model, classifierFeatures(texts, language)));
    });
  });
});

describe('training', () => {
  it('is deterministic: the same corpus gives a byte-identical model', () => {
    const entries = sample();
    const a = serializeModel(trainCategoryModel(entries, ['sample']));
    const b = serializeModel(trainCategoryModel(entries, ['sample']));
    expect(a).toBe(b);
    const model = JSON.parse(a) as CategoryModelFile;
    expect(model.stacker.features).toEqual(STACKER_FEATURES);
    expect(model.naiveBayes.counts.length).toBe(model.naiveBayes.vocabulary.length * CLASSES.length);
  });

  it('changes when the corpus changes', () => {
    const entries = sample();
    const a = serializeModel(trainCategoryModel(entries, ['sample']));
    const b = serializeModel(trainCategoryModel(entries.slice(1), ['sample']));
    expect(a).not.toBe(b);
  });

  it('rejects an unknown label', () => {
    expect(() => trainCategoryModel([{ text: 'x', label: 'PROMO' as never, language: 'en' }], [])).toThrow(/unknown label/);
  });

  it('the committed rules/category/model.json is what the corpus gives (run npm run build and commit it)', () => {
    const { entries, files } = corpus();
    const expected = serializeModel(trainCategoryModel(entries, files));
    expect(readFileSync(path.join(ROOT, 'rules/category/model.json'), 'utf8')).toBe(expected);
  }, 180_000);
});

describe('the built-in model', () => {
  it('records its corpus, calibration and cross-validation', () => {
    const { file } = builtinModel();
    expect(file.classes).toEqual([...CLASSES]);
    expect(file.corpus.documents).toBeGreaterThan(600);
    expect(Object.keys(file.corpus.perLanguage).sort()).toEqual(['en', 'es', 'pt']);
    expect(file.thresholds.marketing).toBeGreaterThanOrEqual(0.34);
    expect(file.thresholds.marketing).toBeLessThanOrEqual(0.99);
    expect((file.crossValidation.overall as { misuseRecall: number }).misuseRecall).toBeGreaterThan(0.9);
  });

  it('gives probabilities that sum to 1 and the same answer every time', () => {
    const texts = [{ role: 'body' as const, path: '/t', text: 'Your order {{1}} has shipped. Enjoy 10% off your next order!' }];
    const a = classifyTexts(texts, 'en', builtinModel()).prediction;
    const b = classifyTexts(texts, 'en', builtinModel()).prediction;
    expect(a).toEqual(b);
    expect(a.predicted).toBe('MARKETING');
    const sum = Object.values(a.probabilities).reduce((s, p) => s + p, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it('reads the development set (texts written apart from the corpus and the eval set) as Meta would', () => {
    const dev = parse(readFileSync(path.join(ROOT, 'test/facts/category/dev-set.yaml'), 'utf8')) as CorpusEntry[];
    const model = builtinModel();
    let tp = 0;
    let fp = 0;
    let misuse = 0;
    let utility = 0;
    let correct = 0;
    for (const e of dev) {
      const c = classifyTexts([{ role: 'body', path: '/t', text: e.text }], e.language, model);
      const p = CLASSES.map((k) => c.prediction.probabilities[k]);
      const flagged = flaggedAsUtility(p, c.evidence, model.file.thresholds);
      if (e.label === 'UTILITY') {
        utility++;
        if (flagged) fp++;
      } else {
        misuse++;
        if (flagged) tp++;
      }
      if (c.prediction.predicted === e.label) correct++;
    }
    expect(tp / misuse).toBeGreaterThanOrEqual(0.9);
    expect(fp / utility).toBeLessThanOrEqual(0.1);
    expect(correct / dev.length).toBeGreaterThanOrEqual(0.85);
  });
});

function shellModel(): CategoryModelFile {
  return {
    format: 'msglint-category-model',
    version: 1,
    classes: [...CLASSES],
    corpus: { files: [], documents: 0, perLabel: {}, perLanguage: {}, sha256: '' },
    naiveBayes: { library: '', smoothing: 1, totalExamples: 1, classTotals: [1, 1, 1], vocabulary: [], counts: [] },
    stacker: { features: [], weights: {}, l2: 0, iterations: 0, learningRate: 0 },
    thresholds: { marketing: 1, authentication: 1 },
    crossValidation: {},
  };
}
