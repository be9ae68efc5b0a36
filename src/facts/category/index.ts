import { classifyWithEvidence, type Classification } from './classify.js';
import { collectEvidence, collectOtpEvidence, type CategoryEvidence, type EvidenceMatch, type ScannedText, type UnclearReason } from './evidence.js';
import { KIND_LABELS } from './lexicon.js';
import { baseLanguage, detectableText, detectLanguage, detectWithoutTrigrams, isLanguageMismatch, loadLanguageDetector, MISMATCH_MAX_DECLARED_SCORE, type LanguageDetection } from './language.js';
import { builtinModel } from './model.js';
import { locate } from '../../documents/locate.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import { normalizeCategory, templateShape } from '../template/components.js';
import type { WorkspacePreparer } from '../../workspace.js';
import type { FactContext, FactProvider } from '../registry.js';
import { ObjectCache } from '../../documents/object-cache.js';

/**
 * The category facts: what a template reads as (MARKETING, UTILITY or AUTHENTICATION), how sure msglint is,
 * and the located words that made it so. Three providers, so that a rule pays only for what it reads:
 * evidence phrases (regular expressions), the prediction (classifier), and quotes with line and column.
 */

interface DocCache {
  texts?: ScannedText[];
  language?: string;
  /** The one-time-code evidence, when it was needed before the rest (see `otpEvidenceOf`). */
  otp?: EvidenceMatch[];
  evidence?: CategoryEvidence;
  classification?: Classification | null;
  detection?: LanguageDetection;
  detectable?: string;
}

const caches = new ObjectCache<object, DocCache>();

function cacheOf(doc: LintDocument): DocCache {
  let c = caches.get(doc.data);
  if (!c) caches.set(doc.data, (c = {}));
  return c;
}

/** Every text of the template a reviewer reads: header, body, footer, button labels, carousel cards, offer text (not URLs). */
function textsOf(doc: LintDocument): ScannedText[] {
  const c = cacheOf(doc);
  if (!c.texts) c.texts = templateShape(doc).texts.filter((t) => t.role !== 'button-url');
  return c.texts;
}

function languageOf(doc: LintDocument): string {
  const c = cacheOf(doc);
  if (c.language === undefined) c.language = baseLanguage(doc.data.language);
  return c.language;
}

/** Marketing-only components: a limited-time offer, catalog and product-list buttons. */
const MARKETING_COMPONENTS = new Set(['LIMITED_TIME_OFFER']);
const MARKETING_BUTTONS = new Set(['CATALOG', 'MPM', 'SPM']);

function structureMarks(doc: LintDocument): EvidenceMatch[] {
  const shape = templateShape(doc);
  const out: EvidenceMatch[] = [];
  const mark = (path: string, value: unknown, what: string) => {
    if (typeof value !== 'string') return;
    out.push({ path, start: 0, end: value.length, text: value, role: 'structure', kind: 'structure', kinds: ['structure'], category: 'MARKETING', label: what });
  };
  for (const c of shape.components) if (MARKETING_COMPONENTS.has(c.type)) mark(`${c.path}/type`, c.raw.type, 'limited-time offer component');
  for (const b of shape.buttons) if (MARKETING_BUTTONS.has(b.type)) mark(`${b.path}/type`, b.raw.type, `${b.type.toLowerCase()} button`);
  return out;
}

function evidenceOf(doc: LintDocument): CategoryEvidence {
  const c = cacheOf(doc);
  if (!c.evidence) {
    const evidence = collectEvidence(textsOf(doc), languageOf(doc), c.otp);
    const structure = structureMarks(doc);
    if (structure.length > 0) evidence.marketing = [...evidence.marketing, ...structure];
    c.evidence = evidence;
  }
  return c.evidence;
}

/** The one-time-code phrases: the OTP groups alone, unless the whole evidence is already there (same matches either way). */
function otpEvidenceOf(doc: LintDocument): EvidenceMatch[] {
  const c = cacheOf(doc);
  if (c.evidence) return c.evidence.otp;
  c.otp ??= collectOtpEvidence(textsOf(doc), languageOf(doc));
  return c.otp;
}

/** The classification, or null when the template has no text to read. */
function classificationOf(doc: LintDocument): Classification | null {
  const c = cacheOf(doc);
  if (c.classification === undefined) {
    const texts = textsOf(doc);
    if (texts.every((t) => t.text.trim() === '')) c.classification = null;
    else c.classification = classifyWithEvidence(texts, languageOf(doc), builtinModel(), evidenceOf(doc));
  }
  return c.classification;
}

const UNCLEAR_TEXT: Readonly<Record<UnclearReason, string>> = {
  '': '',
  'only-parameters': 'the body is only parameters, with no words of its own',
  'only-greeting': 'the body is only a greeting or congratulation',
  'vague-teaser': 'the body only teases ("an update for you") without saying what it is about',
};

export const categoryEvidenceFacts: FactProvider = {
  id: 'category-evidence',
  kinds: ['template'],
  facts: {
    otpMatches: 'phrases that deliver a one-time code (verification code, "{{1}} is your code", "do not share this code", …), located',
    marketingEvidence: 'located marketing marks: offers, discounts, coupon codes, prices, new products, upsell, renewal nudges, cart reminders, app promotion, greetings, generic surveys, …',
    utilityEvidence: "located utility marks: this user's order, booking, account, payment or case; service and safety notices; opt-in/opt-out confirmations",
    marketingKinds: 'the kinds of marketing marks found (discount, coupon code, …)',
    unclearContent: 'the body is too unclear to be utility (only parameters, only a greeting, or only a teaser); Meta treats it as MARKETING',
    unclearReason: 'why the body is unclear, in words',
    unclearMatches: 'where the unclear content is (the body, or the teaser phrases)',
  },
  compute(doc) {
    const ev = evidenceOf(doc);
    return {
      otpMatches: ev.otp,
      marketingEvidence: ev.marketing,
      utilityEvidence: ev.utility,
      marketingKinds: [...new Set(ev.marketing.flatMap((e) => e.kinds.map((k) => KIND_LABELS[k])))],
      unclearContent: ev.unclear !== '',
      unclearReason: UNCLEAR_TEXT[ev.unclear],
      unclearMatches: ev.unclearMatches,
    };
  },
};

function thresholdsOf(ctx: FactContext): { marketing: number; authentication: number } {
  const model = builtinModel().file.thresholds;
  const t = ctx.thresholds;
  return {
    marketing: typeof t.categoryMarketingConfidence === 'number' ? t.categoryMarketingConfidence : model.marketing,
    authentication: typeof t.categoryAuthenticationConfidence === 'number' ? t.categoryAuthenticationConfidence : model.authentication,
  };
}

export const categoryPredictionFacts: FactProvider = {
  id: 'category-prediction',
  kinds: ['template'],
  facts: {
    predictedCategory: 'the category the text reads as (MARKETING, UTILITY or AUTHENTICATION), or empty when there is no text',
    categoryConfidence: 'calibrated probability of the predicted category (0–1)',
    categoryConfidenceText: 'the confidence with two decimals, for messages',
    marketingProbability: 'calibrated probability that the text reads as MARKETING',
    utilityProbability: 'calibrated probability that the text reads as UTILITY',
    authenticationProbability: 'calibrated probability that the text reads as AUTHENTICATION',
    marketingConfidenceThreshold: 'confidence at which a UTILITY template is reported as marketing (calibrated at build time; config threshold categoryMarketingConfidence)',
    authenticationConfidenceThreshold: 'confidence at which a template is reported as a one-time code without OTP wording (config threshold categoryAuthenticationConfidence)',
    hasCategoryText: 'whether the template has any text to classify',
  },
  compute(doc, ctx) {
    const result = classificationOf(doc);
    const thresholds = thresholdsOf(ctx);
    const p = result?.prediction;
    const r2 = (v: number) => Math.round(v * 10_000) / 10_000;
    return {
      predictedCategory: p ? p.predicted : '',
      categoryConfidence: p ? r2(p.confidence) : 0,
      categoryConfidenceText: p ? p.confidence.toFixed(2) : '0.00',
      marketingProbability: p ? r2(p.probabilities.MARKETING) : 0,
      utilityProbability: p ? r2(p.probabilities.UTILITY) : 0,
      authenticationProbability: p ? r2(p.probabilities.AUTHENTICATION) : 0,
      marketingConfidenceThreshold: thresholds.marketing,
      authenticationConfidenceThreshold: thresholds.authentication,
      hasCategoryText: result !== null,
    };
  },
};

/**
 * One boolean for the one-time-code rule, so its gate stays synchronous and cheap: OTP wording decides alone; without
 * it, a UTILITY template is read by the classifier (which it needs anyway) and a MARKETING one is not.
 */
export const categoryOtpFacts: FactProvider = {
  id: 'category-otp',
  kinds: ['template'],
  facts: {
    deliversOneTimeCode: 'the template delivers a one-time code: OTP wording, or (for UTILITY) it reads as AUTHENTICATION with at least authenticationConfidenceThreshold',
  },
  compute(doc, ctx) {
    if (otpEvidenceOf(doc).length > 0) return { deliversOneTimeCode: true };
    if (normalizeCategory(doc.data.category) !== 'UTILITY') return { deliversOneTimeCode: false };
    const p = classificationOf(doc)?.prediction;
    return { deliversOneTimeCode: p !== undefined && p.predicted === 'AUTHENTICATION' && p.confidence >= thresholdsOf(ctx).authentication };
  },
};

/** `'20% off' (line 7, col 31), 'use code' (line 7, col 50)`: each match with its exact position. */
export function quoteMatches(doc: LintDocument, matches: readonly TextMatch[], max = 4): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const m of matches) {
    const key = `${m.path}:${m.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const span = locate(doc, m.path, { start: m.start, end: m.end });
    const text = m.text.length > 60 ? `${m.text.slice(0, 57)}...` : m.text;
    parts.push(`'${text.replace(/\s+/g, ' ')}' (line ${span.line}, col ${span.column})`);
  }
  return parts.length > max ? `${parts.slice(0, max).join(', ')} and ${parts.length - max} more` : parts.join(', ');
}

function anchor(matches: readonly TextMatch[], doc: LintDocument): TextMatch[] | string {
  if (matches.length > 0) return [matches[0]];
  const body = templateShape(doc).body;
  return body && typeof body.raw.text === 'string' ? `${body.path}/text` : '/category';
}

export const categoryQuoteFacts: FactProvider = {
  id: 'category-quotes',
  kinds: ['template'],
  facts: {
    marketingQuotes: "the marketing evidence quoted with line and column ('20% off' (line 7, col 31), …), or what else made the text read as marketing",
    otpQuotes: 'the one-time-code wording quoted with line and column',
    unclearQuotes: 'the unclear content quoted with line and column',
    marketingAnchor: 'where a marketing finding points: the first marketing mark, else the body',
    otpAnchor: 'where a one-time-code finding points: the first OTP phrase, else the body',
    unclearAnchor: 'where an unclear-content finding points',
    nonOtpQuotes: 'for an AUTHENTICATION template, what is not a one-time code: marketing marks, else utility marks, else the body',
    nonOtpAnchor: 'where an authentication-not-otp finding points',
  },
  compute(doc) {
    const ev = evidenceOf(doc);
    const nonOtp = ev.marketing.length > 0 ? ev.marketing : ev.utility;
    const marketing = ev.marketing.length > 0 ? `${quoteMatches(doc, ev.marketing)} (${[...new Set(ev.marketing.flatMap((e) => e.kinds.map((k) => (e.kind === 'structure' ? e.label : KIND_LABELS[k]))))].slice(0, 4).join(', ')})` : 'no single phrase: the wording as a whole reads as promotional';
    return {
      marketingQuotes: marketing,
      otpQuotes: ev.otp.length > 0 ? quoteMatches(doc, ev.otp) : 'the wording as a whole reads as a one-time code',
      unclearQuotes: quoteMatches(doc, ev.unclearMatches, 2),
      marketingAnchor: anchor(ev.marketing, doc),
      otpAnchor: anchor(ev.otp, doc),
      unclearAnchor: anchor(ev.unclearMatches, doc),
      nonOtpQuotes: nonOtp.length > 0 ? quoteMatches(doc, nonOtp) : 'the body',
      nonOtpAnchor: anchor(nonOtp, doc),
    };
  },
};

/** English names of the languages msglint reports most, for messages; other codes are shown as codes. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English', es: 'Spanish', pt: 'Portuguese', fr: 'French', de: 'German', id: 'Indonesian', it: 'Italian', nl: 'Dutch',
  tr: 'Turkish', ru: 'Russian', uk: 'Ukrainian', pl: 'Polish', ro: 'Romanian', hu: 'Hungarian', cs: 'Czech', sv: 'Swedish',
  ar: 'Arabic', hi: 'Hindi', bn: 'Bengali', ur: 'Urdu', fa: 'Persian', ms: 'Malay', vi: 'Vietnamese', fil: 'Filipino',
  sw: 'Swahili', zh: 'Chinese', ja: 'Japanese', ko: 'Korean', th: 'Thai', he: 'Hebrew', el: 'Greek', ta: 'Tamil', te: 'Telugu',
};

function detectableOf(doc: LintDocument): string {
  const c = cacheOf(doc);
  if (c.detectable === undefined) c.detectable = detectableText(textsOf(doc).map((t) => t.text));
  return c.detectable;
}

function detectionOf(doc: LintDocument): LanguageDetection {
  const c = cacheOf(doc);
  if (!c.detection) c.detection = detectLanguage(detectableOf(doc), languageOf(doc));
  return c.detection;
}

/**
 * From this many templates on, franc-min is loaded without checking each one first: some template of a run this
 * large always needs it, and checking every template up front, keeping each answer until it is linted, cost
 * more time than loading franc (about 15 ms).
 */
const LOAD_DETECTOR_FROM_TEMPLATES = 200;

/** Loads franc-min before the rules run, when some template's language cannot be confirmed by its function words. */
export const languageDetectorPreparer: WorkspacePreparer = {
  id: 'category-language-detector',
  async prepare(workspace) {
    let needed = false;
    let templates = 0;
    for (const doc of workspace.documents) if (doc.kind === 'template' && !doc.external) templates++;
    if (templates >= LOAD_DETECTOR_FROM_TEMPLATES) return loadLanguageDetector();
    for (const doc of workspace.documents) {
      // Templates linted by another thread get their language facts there.
      if (doc.kind !== 'template' || doc.external) continue;
      const c = cacheOf(doc);
      if (c.detection) continue;
      // Final for most templates (confirmed by function words, or too short): kept for the facts.
      const quick = detectWithoutTrigrams(detectableOf(doc), languageOf(doc));
      if (quick) c.detection = quick;
      else needed = true;
    }
    if (needed) await loadLanguageDetector();
  },
};

export const categoryLanguageFacts: FactProvider = {
  id: 'category-language',
  kinds: ['template'],
  facts: {
    declaredLanguage: "the base of the declared language code (pt_BR → pt)",
    declaredLanguageName: 'the declared language in words',
    detectedLanguage: 'the language the text is written in (function words, then franc-min), as a Meta base code; empty when the text is too short',
    detectedLanguageName: 'the detected language in words',
    languageDetectionMethod: 'function-words, franc, too-short or undetermined',
    detectableLetters: 'letters of text available to language detection (parameters and links removed)',
    languageMismatch: 'the text is decisively in another language than the declared one',
  },
  compute(doc) {
    const declared = languageOf(doc);
    const d = detectionOf(doc);
    return {
      declaredLanguage: declared,
      declaredLanguageName: LANGUAGE_NAMES[declared] ?? declared,
      detectedLanguage: d.detected,
      detectedLanguageName: LANGUAGE_NAMES[d.detected] ?? d.detected,
      languageDetectionMethod: d.method,
      detectableLetters: d.letters,
      languageMismatch: isLanguageMismatch(d, declared, MISMATCH_MAX_DECLARED_SCORE),
    };
  },
};

export const CATEGORY_PROVIDERS: readonly FactProvider[] = [categoryEvidenceFacts, categoryPredictionFacts, categoryOtpFacts, categoryQuoteFacts, categoryLanguageFacts];
