/**
 * Spam phrases from the language's lexicon (rules/phrasing/lexicon/<lang>.yaml) in every template
 * text, as located matches in the original characters, grouped by category.
 */
import { analyze, copyTexts, matchOf, memo, readsAs, relocate, type AnalyzedText } from './analysis.js';
import { lexiconLanguage } from './language.js';
import { lexiconMatcher, type LexiconEntry, type SpamCategory } from './lexicon.js';
import { linkSignals } from './link-facts.js';
import { moneySignals } from './money.js';
import { selectHits, type PhraseMatcher } from './phrase-matcher.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';
import { ObjectCache } from '../../documents/object-cache.js';

export interface SpamPhraseMatch extends TextMatch {
  category: SpamCategory;
  /** The lexicon entry that matched ("guarantee" for "Guaranteed"). */
  phrase: string;
  /** Lexicon weight 1..5. */
  weight: number;
  /** " (free cash)" when the written form is obfuscated, else ''. */
  readsAs: string;
  /** Every letter written in capitals. */
  shouted: boolean;
  /** Jaro-Winkler similarity for a near miss ("guarrantee"). */
  similarity?: number;
}

const cache = new ObjectCache<object, SpamPhraseMatch[]>();

/** All lexicon matches of a template (before the mild-entry gating), computed once per document. */
export function lexiconMatches(doc: LintDocument): SpamPhraseMatch[] {
  const cached = cache.get(doc.data);
  if (cached) return cached;
  const language = lexiconLanguage(doc.data.language);
  const matcher = lexiconMatcher(language);
  const out: SpamPhraseMatch[] = [];
  for (const t of copyTexts(doc)) {
    const a = analyze(t, language);
    if (a.tokens.length === 0) continue;
    out.push(...relocate(a, memo(a, 'spam-phrases', () => phrasesIn(a, matcher))));
  }
  cache.set(doc.data, out);
  return out;
}

function phrasesIn(a: AnalyzedText, matcher: PhraseMatcher<LexiconEntry>): SpamPhraseMatch[] {
  const out: SpamPhraseMatch[] = [];
  {
    for (const hit of selectHits(matcher, matcher.findAll(a), a.tokens.length)) {
      const entry = matcher.entries[hit.entry].payload;
      const m = matchOf(a, hit.first, hit.last);
      const near = hit.similarity !== undefined;
      out.push({
        ...m,
        category: entry.category,
        phrase: entry.phrase,
        weight: entry.weight,
        readsAs: near ? ` (close to '${entry.phrase}')` : readsAs(a, hit, m.text),
        shouted: isShouted(a.norm.plain.slice(a.tokens[hit.first].start, a.tokens[hit.last].end)),
        ...(near ? { similarity: hit.similarity } : {}),
      });
    }
  }
  return out;
}

/** Two or more cased letters, none of them lower case. */
export function isShouted(s: string): boolean {
  let upper = 0;
  for (let i = 0; i < s.length; i++) {
    // ASCII without allocating a string per character.
    const code = s.charCodeAt(i);
    if (code >= 0x80) return isShoutedFrom(s, i, upper);
    if (code >= 97 && code <= 122) return false;
    if (code >= 65 && code <= 90) upper++;
  }
  return upper >= 2;
}

/** isShouted from the code unit `from` on, `upper` capitals counted before it. */
function isShoutedFrom(s: string, from: number, upper: number): boolean {
  for (const ch of s.slice(from)) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue;
    if (ch === lo) return false;
    upper++;
  }
  return upper >= 2;
}

/**
 * Mild entries (weight 1) and hype words ("free", "win", "amazing") are everyday marketing words on
 * their own; they are reported only beside other spam evidence: a real spam phrase (weight ≥ 2, not a
 * hype word), a sum dangled as a prize, a premium-rate number, or a link that hides where it goes.
 */
export function reportedSpamPhrases(doc: LintDocument): SpamPhraseMatch[] {
  const all = lexiconMatches(doc);
  if (all.length === 0) return all;
  const strong = all.filter((m) => m.weight >= 2 && m.category !== 'shouting-words');
  if (strong.length === all.length) return all;
  if (strong.length > 0) return all;
  const money = moneySignals(doc);
  const links = linkSignals(doc);
  const evidence = money.moneyBait.length + money.premiumNumbers.length + links.shortenerLinks.length + links.ipLinks.length + links.hiddenLinkDomains.length > 0;
  return evidence ? all : [];
}

const FACT_OF: Record<SpamCategory, string> = {
  urgency: 'urgencyPhrases',
  prize: 'prizePhrases',
  'free-money': 'freeMoneyPhrases',
  guarantee: 'guaranteePhrases',
  miracle: 'miraclePhrases',
  clickbait: 'clickbaitPhrases',
  'fake-familiarity': 'fakeFamiliarityPhrases',
  'money-pressure': 'moneyPressurePhrases',
  'shouting-words': 'hypeWords',
};

export const spamPhraseFacts: FactProvider = {
  id: 'text-spam-phrases',
  kinds: ['template'],
  facts: {
    spamPhrases: "spam phrases found in the template's language (every category), with category, lexicon weight and de-obfuscated reading",
    urgencyPhrases: 'pressure and false urgency ("act now", "last warning")',
    prizePhrases: 'prizes and winnings ("you have won", "claim your prize")',
    freeMoneyPhrases: 'free or easy money ("free cash", "earn money fast")',
    guaranteePhrases: 'too-good-to-be-true guarantees ("100% guaranteed", "risk-free")',
    miraclePhrases: 'miracle claims ("lose weight fast", "miracle cure")',
    clickbaitPhrases: 'click-bait calls to action ("click here", "you won\'t believe")',
    fakeFamiliarityPhrases: 'fake familiarity ("dear friend", "hi mum, this is my new number")',
    moneyPressurePhrases: 'loan, debt and investment pressure ("instant loan", "double your money")',
    hypeWords: 'hype words ("free", "win", "urgent") beside other spam phrases',
    spamPhraseWeight: 'sum of the lexicon weights (1..5) of the spam phrases found',
    spamPhraseCategories: 'number of different spam-phrase categories found',
  },
  compute(doc) {
    const reported = reportedSpamPhrases(doc);
    const values: Record<string, unknown> = {};
    for (const fact of Object.values(FACT_OF)) values[fact] = [];
    for (const m of reported) (values[FACT_OF[m.category]] as SpamPhraseMatch[]).push(m);
    values.spamPhrases = reported;
    values.spamPhraseWeight = reported.reduce((n, m) => n + m.weight, 0);
    values.spamPhraseCategories = new Set(reported.map((m) => m.category)).size;
    return values;
  },
};
