import { collectEvidence, type CategoryEvidence, type EvidenceMatch, type ScannedText } from './evidence.js';
import { naiveBayesLogScoresOfTokens, softmaxPredict, stackerInputs, type LoadedModel, type Prediction } from './model.js';
import { classifierTokens } from './tokens.js';

export interface Classification {
  evidence: CategoryEvidence;
  /** natural naive Bayes log scores per class (model order). */
  naiveBayes: Float64Array;
  prediction: Prediction;
}

/** Classifies texts whose evidence is already collected (structural marks included, as kind `structure`). */
export function classifyWithEvidence(texts: readonly ScannedText[], language: string, model: LoadedModel, evidence: CategoryEvidence): Classification {
  const naiveBayes = naiveBayesLogScoresOfTokens(model, classifierTokens(texts.map((t) => t.text), language));
  const structure = evidence.marketing.filter((e) => e.kind === 'structure').length;
  const prediction = softmaxPredict(model, stackerInputs(naiveBayes, evidence), structure);
  return { evidence, naiveBayes, prediction };
}

/**
 * Reads a template's texts the way the category pack does: evidence phrases, naive Bayes over stemmed words,
 * and the stacker that combines them. `structure` holds marketing components found outside the text.
 */
export function classifyTexts(texts: readonly ScannedText[], language: string, model: LoadedModel, structure: readonly EvidenceMatch[] = []): Classification {
  const evidence = collectEvidence(texts, language);
  if (structure.length > 0) evidence.marketing = [...evidence.marketing, ...structure];
  return classifyWithEvidence(texts, language, model, evidence);
}
