import { createRequire } from 'node:module';

/**
 * Turns template text into the tokens the category classifier counts: stems of words in the
 * template's language (natural's Porter stemmers), plus placeholder tokens for what the words
 * around them mean more than their exact value — parameters, links, amounts, percentages, codes.
 */

interface Stemmer {
  stem(word: string): string;
}

// natural's stemmers are CommonJS modules; each is loaded the first time a template in its language is seen.
// Never `import 'natural'`: its index loads database clients and prints to stdout.
const require = createRequire(import.meta.url);
const STEMMER_MODULES: Readonly<Record<string, string>> = {
  en: 'natural/lib/natural/stemmers/porter_stemmer.js',
  es: 'natural/lib/natural/stemmers/porter_stemmer_es.js',
  pt: 'natural/lib/natural/stemmers/porter_stemmer_pt.js',
  fr: 'natural/lib/natural/stemmers/porter_stemmer_fr.js',
  de: 'natural/lib/natural/stemmers/porter_stemmer_de.js',
  it: 'natural/lib/natural/stemmers/porter_stemmer_it.js',
  nl: 'natural/lib/natural/stemmers/porter_stemmer_nl.js',
  sv: 'natural/lib/natural/stemmers/porter_stemmer_sv.js',
  nb: 'natural/lib/natural/stemmers/porter_stemmer_no.js',
  ru: 'natural/lib/natural/stemmers/porter_stemmer_ru.js',
  uk: 'natural/lib/natural/stemmers/porter_stemmer_uk.js',
  fa: 'natural/lib/natural/stemmers/porter_stemmer_fa.js',
  id: 'natural/lib/natural/stemmers/indonesian/stemmer_id.js',
};

const stemmers = new Map<string, Stemmer | null>();

function stemmerFor(language: string): Stemmer | null {
  let s = stemmers.get(language);
  if (s === undefined) {
    const module = STEMMER_MODULES[language];
    s = module ? (require(module) as Stemmer) : null;
    stemmers.set(language, s);
  }
  return s;
}

/** Stemming costs 5–15 µs a word; templates repeat their words, so each (language, word) is stemmed once. */
const STEM_CACHE_LIMIT = 20_000;
const stemCache = new Map<string, Map<string, string>>();

export function stem(word: string, language: string): string {
  const stemmer = stemmerFor(language);
  if (!stemmer) return word;
  let cache = stemCache.get(language);
  if (!cache) stemCache.set(language, (cache = new Map()));
  let out = cache.get(word);
  if (out === undefined) {
    try {
      out = stemmer.stem(word) || word;
    } catch {
      out = word;
    }
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, out);
  }
  return out;
}

/** Placeholder tokens; they cannot collide with stems (stems never start with `_`). */
export const TOKEN = {
  param: '_param',
  url: '_url',
  money: '_money',
  percent: '_pct',
  number: '_num',
  code: '_codeword',
  emoji: '_emoji',
  bang: '_bang',
  question: '_question',
} as const;

// One scan, alternatives in priority order; capture group n is the n-th placeholder (numbered groups: no object per match).
const SCAN = new RegExp(
  [
    String.raw`(\{\{[^{}]{0,60}\}\})`,
    String.raw`((?:https?:\/\/|www\.)[^\s]{1,500})`,
    String.raw`((?:R\$|US\$|\$|€|£|¥|₹)\s?\d[\d.,]{0,20}|\d[\d.,]{0,20}\s?(?:€|euros?|pesos|reais|dólares|dollars)(?![\p{L}]))`,
    String.raw`(\d[\d.,]{0,20}\s?%)`,
    // Codes such as SAVE20, HOLA20 or A-10023: letters and digits together (checked for case below).
    // Bounded lookaheads: a 100,000-letter run must not be rescanned from every position.
    String.raw`((?=[\p{L}-]{0,40}\d)(?=[\p{N}-]{0,40}\p{L})[\p{L}\p{N}]{1,40}(?:-[\p{L}\p{N}]{1,40}){0,4}(?![\p{L}\p{N}]))`,
    String.raw`(\d+(?:[.,:]\d+)*)`,
    String.raw`(\p{Extended_Pictographic})`,
    String.raw`(!+)`,
    String.raw`([?¿]+)`,
    String.raw`([\p{L}\p{M}]+(?:['’]\p{L}+)?)`,
  ].join('|'),
  'gu',
);
const PLACEHOLDER_BY_GROUP = [TOKEN.param, TOKEN.url, TOKEN.money, TOKEN.percent, TOKEN.code, TOKEN.number, TOKEN.emoji, TOKEN.bang, TOKEN.question];
const LOWERCASE = /\p{Ll}/u;

/** The token of each word as written (before lower-casing), per language: most words of a run repeat. */
const wordTokens = new Map<string, Map<string, string>>();

function wordTokensOf(language: string): Map<string, string> {
  let words = wordTokens.get(language);
  if (!words) wordTokens.set(language, (words = new Map()));
  return words;
}

/**
 * The classifier's tokens for a text, in order (duplicates kept; the classifier counts presence).
 * `language` is a base code (`en`, `pt`); unknown languages are lower-cased without stemming.
 */
export function tokenize(text: string, language: string): string[] {
  const out: string[] = [];
  const words = wordTokensOf(language);
  SCAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SCAN.exec(text)) !== null) {
    const word = m[10];
    if (word !== undefined) {
      if (word.length > 40) continue;
      let token = words.get(word);
      if (token === undefined) {
        token = stem(word.toLowerCase().replace(/’/g, "'"), language);
        if (words.size >= STEM_CACHE_LIMIT) words.clear();
        words.set(word, token);
      }
      out.push(token);
      continue;
    }
    for (let g = 1; g <= 9; g++) {
      if (m[g] === undefined) continue;
      // A "code" with lower-case letters is a time or a unit (2pm, 5kg), not a coupon code.
      out.push(g === 5 && LOWERCASE.test(m[g]) ? TOKEN.number : PLACEHOLDER_BY_GROUP[g - 1]);
      break;
    }
  }
  return out;
}

/** A template's texts are short (the body is at most 1,024 characters); longer input is read up to here. */
const MAX_TOKENIZED_CHARS = 8_192;

/** The tokens of each text (read up to MAX_TOKENIZED_CHARS). */
export function classifierTokens(texts: readonly string[], language: string): string[][] {
  return texts.map((text) => tokenize(text.length > MAX_TOKENIZED_CHARS ? text.slice(0, MAX_TOKENIZED_CHARS) : text, language));
}

/** Joins two adjacent tokens into a pair feature. Tokens never contain `~`. */
export const PAIR_SEPARATOR = '~';

/** Unigrams plus adjacent pairs ("your next", "use code"): pairs carry much of what a phrase means. */
export function classifierFeatures(texts: readonly string[], language: string): string[] {
  const features: string[] = [];
  for (const tokens of classifierTokens(texts, language)) {
    for (let i = 0; i < tokens.length; i++) {
      features.push(tokens[i]);
      if (i > 0) features.push(`${tokens[i - 1]}${PAIR_SEPARATOR}${tokens[i]}`);
    }
  }
  return features;
}
