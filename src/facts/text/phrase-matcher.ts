/**
 * Phrase matching on stemmed tokens: each word list is compiled once into a trie of stems, so
 * "guaranteed", "guarantees" and "GUARANTEE" all match the entry "guarantee", and a text is matched
 * in one pass over its tokens (times the longest phrase). Near misses of long single words
 * ("guarrantee", "congratulaitons") are found with Jaro-Winkler, only where they help.
 */
import { createRequire } from 'node:module';

import { normalizeText } from './normalize.js';
import { stemmerFor, type StemFn } from './stem.js';
import { registerStringCache } from './string-caches.js';
import { tokenize, type Token } from './tokenize.js';

export interface PhraseEntry<P> {
  phrase: string;
  /** 1..5: how strongly the phrase signals its category; chooses between overlapping matches. */
  weight: number;
  payload: P;
}

export interface PhraseHit {
  /** Index of the entry in the matcher's `entries`. */
  entry: number;
  /** Token range [first, last] (inclusive). */
  first: number;
  last: number;
  /** The reading of each token that matched (after l33t decoding, joining, …). */
  forms: string[];
  /** The index of each token that matched (a link or number stepped over between words is not one). */
  at: number[];
  /** Jaro-Winkler similarity when the match is a near miss, not an exact stem match. */
  similarity?: number;
}

/** Token streams to match against: candidate readings per token and their stems. */
export interface TokenStream {
  tokens: readonly Token[];
  /** Per token: surface readings (token text first, then variants). */
  forms: readonly (readonly string[])[];
  /** Per token: the stems of `forms`, same order. */
  stems: readonly (readonly string[])[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entry: number;
}

export interface MatcherOptions {
  /** Find near misses of single-word entries of at least this many letters (0 = off). */
  nearMissMinLength?: number;
  /** Jaro-Winkler similarity a near miss needs. */
  nearMissThreshold?: number;
}

const require = createRequire(import.meta.url);
type JaroWinkler = (a: string, b: string, options?: { ignoreCase?: boolean }) => number;
let jaroWinkler: JaroWinkler | undefined;
function jw(a: string, b: string): number {
  jaroWinkler ??= require('natural/lib/natural/distance/jaro-winkler_distance.js') as JaroWinkler;
  return jaroWinkler(a, b);
}

/**
 * End of a "slot" starting at token j (a link, parameter or e-mail address, or a run of number tokens with
 * six or more digits: a phone number), or -1 when token j is an ordinary word.
 */
function slotEnd(tokens: readonly Token[], j: number): number {
  const t = tokens[j];
  if (t.kind === 'blocked') return j + 1;
  if (t.kind !== 'number') return -1;
  let k = j;
  let digits = 0;
  while (k < tokens.length && tokens[k].kind === 'number' && (k === j || !tokens[k].breakBefore)) {
    digits += tokens[k].text.replace(/\D/g, '').length;
    k++;
  }
  return digits >= 6 ? k : -1;
}

export const DEFAULT_NEAR_MISS = { nearMissMinLength: 6, nearMissThreshold: 0.94 } as const;

export class PhraseMatcher<P> {
  readonly entries: PhraseEntry<P>[] = [];
  /** Every folded word of every phrase (for splitting joined letters like "freecash"). */
  readonly vocabulary = new Set<string>();
  private readonly root: TrieNode = { next: new Map(), entry: -1 };
  private readonly stem: StemFn;
  private readonly nearMiss: { word: string; stem: string; entry: number }[] = [];
  private readonly nearMissCache = new Map<string, number>();
  private readonly nearMissThreshold: number;
  private readonly nearMissMinLength: number;

  constructor(
    entries: readonly PhraseEntry<P>[],
    readonly language: string,
    options: MatcherOptions = {},
  ) {
    this.stem = stemmerFor(language);
    this.nearMissMinLength = options.nearMissMinLength ?? 0;
    this.nearMissThreshold = options.nearMissThreshold ?? DEFAULT_NEAR_MISS.nearMissThreshold;
    for (const e of entries) this.add(e);
    registerStringCache(() => this.nearMissCache.clear());
  }

  /** The stems of a phrase, tokenized exactly like template text. */
  phraseStems(phrase: string): { words: string[]; stems: string[] } {
    const tokens = tokenize(normalizeText(phrase), { language: this.language }).filter((t) => t.kind !== 'blocked');
    const words = tokens.map((t) => t.text);
    return { words, stems: words.map((w) => this.stem(w)) };
  }

  private add(entry: PhraseEntry<P>): void {
    const variants = [entry.phrase];
    // "risk-free" is also written "riskfree"; "e-cigarette" also "ecigarette".
    if (/\p{L}-\p{L}/u.test(entry.phrase)) variants.push(entry.phrase.replace(/(\p{L})-(?=\p{L})/gu, '$1'));
    let index = -1;
    for (const phrase of variants) {
      const { words, stems } = this.phraseStems(phrase);
      if (stems.length === 0) continue;
      let node = this.root;
      for (const s of stems) {
        let child = node.next.get(s);
        if (!child) node.next.set(s, (child = { next: new Map(), entry: -1 }));
        node = child;
      }
      if (index < 0) {
        index = this.entries.length;
        this.entries.push(entry);
      }
      // Two entries with the same stems: the stronger one wins.
      if (node.entry < 0 || this.entries[node.entry].weight < entry.weight) node.entry = index;
      for (const w of words) this.vocabulary.add(w);
      const word = words[0];
      if (words.length === 1 && this.nearMissMinLength > 0 && /^\p{L}+$/u.test(word) && word.length >= this.nearMissMinLength) {
        this.nearMiss.push({ word, stem: stems[0], entry: node.entry });
      }
    }
  }

  /** The entry of a one-word phrase with this stem, or -1. */
  wordEntry(stem: string): number {
    const node = this.root.next.get(stem);
    return node ? node.entry : -1;
  }

  /** Every match in a token stream, overlapping ones included (see `selectHits`). */
  findAll(stream: TokenStream): PhraseHit[] {
    const { tokens, stems, forms } = stream;
    const hits: PhraseHit[] = [];
    const path: string[] = [];
    const at: number[] = [];
    const walk = (node: TrieNode, first: number, j: number): void => {
      const cands = stems[j];
      for (let k = 0; k < cands.length; k++) {
        if (k > 0 && cands.indexOf(cands[k]) < k) continue;
        const child = node.next.get(cands[k]);
        if (!child) continue;
        path.push(forms[j][k]);
        at.push(j);
        if (child.entry >= 0) hits.push({ entry: child.entry, first, last: j, forms: [...path], at: [...at] });
        if (child.next.size > 0 && j + 1 < tokens.length && !tokens[j + 1].breakBefore) {
          // One link, parameter or phone number between words is stepped over: "call 0800 542 0578 now".
          let nj = j + 1;
          const slot = slotEnd(tokens, nj);
          if (slot > 0 && slot < tokens.length && !tokens[slot].breakBefore && slotEnd(tokens, slot) < 0) nj = slot;
          if (tokens[nj].kind !== 'blocked') walk(child, first, nj);
        }
        path.pop();
        at.pop();
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'blocked') continue;
      walk(this.root, i, i);
      if (this.nearMiss.length > 0 && t.kind === 'word') {
        const near = this.nearMissAt(forms[i], stems[i]);
        if (near) hits.push({ entry: near.entry, first: i, last: i, forms: [near.form], at: [i], similarity: near.similarity });
      }
    }
    return hits;
  }

  private nearMissAt(forms: readonly string[], stems: readonly string[]): { entry: number; form: string; similarity: number } | undefined {
    for (let k = 0; k < forms.length; k++) {
      const word = forms[k];
      if (word.length < this.nearMissMinLength) continue;
      let found = this.nearMissCache.get(word);
      if (found === undefined) {
        found = this.bestNearMiss(word, stems[k]);
        if (this.nearMissCache.size > 100_000) this.nearMissCache.clear();
        this.nearMissCache.set(word, found);
      }
      if (found >= 0) {
        const target = this.nearMiss[found];
        return { entry: target.entry, form: word, similarity: Math.round(jw(word, target.word) * 1000) / 1000 };
      }
    }
    return undefined;
  }

  private bestNearMiss(word: string, stem: string): number {
    if (!/^\p{L}+$/u.test(word)) return -1;
    let best = -1;
    let bestScore = this.nearMissThreshold;
    for (let i = 0; i < this.nearMiss.length; i++) {
      const t = this.nearMiss[i];
      // Exact stem matches are found by the trie; Jaro-Winkler weighs the first letters, so they must agree.
      if (t.stem === stem || t.word[0] !== word[0] || Math.abs(t.word.length - word.length) > 2) continue;
      const score = jw(word, t.word);
      if (score >= bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }
}

/**
 * Non-overlapping hits with the largest total weight (weighted interval scheduling, linear in the
 * number of tokens and hits). Longer phrases win ties; near misses lose to exact matches.
 */
export function selectHits<P>(matcher: PhraseMatcher<P>, hits: readonly PhraseHit[], tokenCount: number): PhraseHit[] {
  if (hits.length <= 1) return [...hits];
  const score = (h: PhraseHit) => matcher.entries[h.entry].weight * 100 + (h.last - h.first + 1) * 10 - (h.similarity !== undefined ? 5 : 0);
  const byEnd: PhraseHit[][] = Array.from({ length: tokenCount + 1 }, () => []);
  for (const h of hits) byEnd[h.last + 1].push(h);
  const best = new Float64Array(tokenCount + 1);
  const choice: (PhraseHit | null)[] = new Array(tokenCount + 1).fill(null);
  for (let p = 1; p <= tokenCount; p++) {
    best[p] = best[p - 1];
    for (const h of byEnd[p]) {
      const v = best[h.first] + score(h);
      if (v > best[p]) {
        best[p] = v;
        choice[p] = h;
      }
    }
  }
  const out: PhraseHit[] = [];
  for (let p = tokenCount; p > 0; ) {
    const h = choice[p];
    if (h && best[p] !== best[p - 1]) {
      out.push(h);
      p = h.first;
    } else p--;
  }
  return out.reverse();
}
