/**
 * The word lists behind the phrasing and content packs (data in rules/), read and compiled once per
 * language and process: spam-phrase lexicons (rules/phrasing/lexicon/<lang>.yaml) and policy term
 * lists (rules/content/terms/<lang>.yaml).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { DEFAULT_NEAR_MISS, PhraseMatcher } from './phrase-matcher.js';
import { readLexiconText, readTermsText } from './wordlist-reader.js';
import { isRecord } from '../../documents/kinds.js';
import { packageRoot } from '../../package-root.js';

export const SPAM_CATEGORIES = ['urgency', 'prize', 'free-money', 'guarantee', 'miracle', 'clickbait', 'fake-familiarity', 'money-pressure', 'shouting-words'] as const;
export type SpamCategory = (typeof SPAM_CATEGORIES)[number];

export interface LexiconEntry {
  phrase: string;
  category: SpamCategory;
  weight: number;
}

export type TermPolicy = 'prohibited' | 'regulated';

export interface TermCategory {
  id: string;
  policy: TermPolicy;
  title: string;
  source: string;
}

export interface TermEntry {
  phrase: string;
  category: TermCategory;
}

/** Problems found while reading a word list (shown by tests; a bad entry is skipped, never fatal). */
export interface WordListProblem {
  file: string;
  message: string;
}

const problems: WordListProblem[] = [];

export function wordListProblems(): readonly WordListProblem[] {
  return problems;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseYaml(file: string, text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 0 });
  } catch (error) {
    problems.push({ file, message: `not valid YAML: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

export function lexiconFile(language: string): string {
  return path.join(packageRoot(), 'rules', 'phrasing', 'lexicon', `${language}.yaml`);
}

export function termsFile(language: string): string {
  return path.join(packageRoot(), 'rules', 'content', 'terms', `${language}.yaml`);
}

/** The entries of a language's spam-phrase lexicon ([] when there is none). */
export function readLexicon(language: string): LexiconEntry[] {
  const file = lexiconFile(language);
  const text = readText(file);
  if (text === undefined) return [];
  const data = readLexiconText(text) ?? parseYaml(file, text);
  if (data === undefined) return [];
  const list = isRecord(data) && Array.isArray(data.entries) ? data.entries : [];
  const out: LexiconEntry[] = [];
  list.forEach((e, i) => {
    const ok =
      isRecord(e) &&
      typeof e.phrase === 'string' &&
      e.phrase.trim() !== '' &&
      typeof e.category === 'string' &&
      (SPAM_CATEGORIES as readonly string[]).includes(e.category) &&
      typeof e.weight === 'number' &&
      e.weight >= 1 &&
      e.weight <= 5;
    if (!ok) {
      problems.push({ file, message: `entries[${i}] needs phrase, a known category and weight 1..5` });
      return;
    }
    out.push({ phrase: e.phrase as string, category: e.category as SpamCategory, weight: e.weight as number });
  });
  return out;
}

/** The term categories of a language's content term list ([] when there is none). */
export function readTerms(language: string): TermEntry[] {
  const file = termsFile(language);
  const text = readText(file);
  if (text === undefined) return [];
  const data = readTermsText(text) ?? parseYaml(file, text);
  if (data === undefined) return [];
  const cats = isRecord(data) && Array.isArray(data.categories) ? data.categories : [];
  const out: TermEntry[] = [];
  cats.forEach((c, i) => {
    if (!isRecord(c) || typeof c.id !== 'string' || (c.policy !== 'prohibited' && c.policy !== 'regulated') || !Array.isArray(c.terms)) {
      problems.push({ file, message: `categories[${i}] needs id, policy (prohibited|regulated) and terms` });
      return;
    }
    const category: TermCategory = {
      id: c.id,
      policy: c.policy,
      title: typeof c.title === 'string' ? c.title : c.id,
      source: typeof c.source === 'string' ? c.source : 'https://business.whatsapp.com/policy',
    };
    for (const t of c.terms) {
      if (typeof t === 'string' && t.trim() !== '') out.push({ phrase: t, category });
      else problems.push({ file, message: `categories[${i}] (${c.id}) has a term that is not text` });
    }
  });
  return out;
}

const lexiconMatchers = new Map<string, PhraseMatcher<LexiconEntry>>();
const termMatchers = new Map<string, PhraseMatcher<TermEntry>>();

/** The compiled spam-phrase lexicon of a language (near misses on for long single words). */
export function lexiconMatcher(language: string): PhraseMatcher<LexiconEntry> {
  let m = lexiconMatchers.get(language);
  if (!m) {
    // Hype words yield to any phrase that overlaps them: "free shipping" is read as that, not as "free".
    const entries = readLexicon(language).map((e) => ({ phrase: e.phrase, weight: e.category === 'shouting-words' ? e.weight / 10 : e.weight, payload: e }));
    m = new PhraseMatcher(entries, language, DEFAULT_NEAR_MISS);
    lexiconMatchers.set(language, m);
  }
  return m;
}

/** The compiled policy term list of a language (exact stems only: policy terms must not fire on look-alikes). */
export function termMatcher(language: string): PhraseMatcher<TermEntry> {
  let m = termMatchers.get(language);
  if (!m) {
    const entries = readTerms(language).map((e) => ({ phrase: e.phrase, weight: e.category.policy === 'prohibited' ? 3 : 2, payload: e }));
    m = new PhraseMatcher(entries, language);
    termMatchers.set(language, m);
  }
  return m;
}
