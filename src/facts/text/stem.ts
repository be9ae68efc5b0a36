/**
 * Stemmers from `natural`, one per language, loaded on first use and memoized per word.
 * Never `import 'natural'`: its index loads database clients and prints to stdout.
 */
import { createRequire } from 'node:module';

import { registerStringCache } from './string-caches.js';

interface NaturalStemmer {
  stem(word: string): string;
}

const require = createRequire(import.meta.url);

/** The `natural` module of each supported language's stemmer (Snowball/Porter; Sastrawi for Indonesian). */
const STEMMER_MODULES: Record<string, string> = {
  en: 'natural/lib/natural/stemmers/porter_stemmer.js',
  es: 'natural/lib/natural/stemmers/porter_stemmer_es.js',
  pt: 'natural/lib/natural/stemmers/porter_stemmer_pt.js',
  fr: 'natural/lib/natural/stemmers/porter_stemmer_fr.js',
  de: 'natural/lib/natural/stemmers/porter_stemmer_de.js',
  id: 'natural/lib/natural/stemmers/indonesian/stemmer_id.js',
  it: 'natural/lib/natural/stemmers/porter_stemmer_it.js',
  nl: 'natural/lib/natural/stemmers/porter_stemmer_nl.js',
};

export const STEMMED_LANGUAGES: readonly string[] = Object.keys(STEMMER_MODULES);

export type StemFn = (word: string) => string;

const stemmers = new Map<string, StemFn>();
/** Per-language memo; bounded so a huge run cannot grow it without limit. */
const MEMO_LIMIT = 20_000;

/** A memoized stemmer for a two-letter language code (identity for languages without one). */
export function stemmerFor(language: string): StemFn {
  const existing = stemmers.get(language);
  if (existing) return existing;
  const modulePath = STEMMER_MODULES[language];
  let fn: StemFn;
  if (!modulePath) {
    fn = (w) => w;
  } else {
    const stemmer = require(modulePath) as NaturalStemmer;
    const memo = new Map<string, string>();
    registerStringCache(() => memo.clear());
    fn = (word) => {
      let s = memo.get(word);
      if (s !== undefined) return s;
      s = safeStem(stemmer, word);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(word, s);
      return s;
    };
  }
  stemmers.set(language, fn);
  return fn;
}

function safeStem(stemmer: NaturalStemmer, word: string): string {
  // Numbers and one-letter words have no inflection; stemmers can mangle them.
  if (word.length < 3 || !/\p{L}/u.test(word)) return word;
  try {
    const s = stemmer.stem(word);
    return typeof s === 'string' && s.length > 0 ? s.toLowerCase() : word;
  } catch {
    return word;
  }
}
