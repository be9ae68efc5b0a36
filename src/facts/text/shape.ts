/**
 * The shape of the copy, measured per component: capitals, runs of ! and ?, emoji, stacked currency
 * symbols, and bodies that are mostly parameters. Thresholds have defaults below and can be changed
 * in msglint.config.yaml under `thresholds` (names in THRESHOLDS).
 */
import emojiRegex from 'emoji-regex';

import { analyze, copyTexts, memo, relocate, type AnalyzedText } from './analysis.js';
import { lexiconLanguage } from './language.js';
import { originalRange } from './normalize.js';
import { lexiconMatcher } from './lexicon.js';
import { isShouted, lexiconMatches } from './spam-phrases.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';

/** Config threshold names and defaults (SpamAssassin-style: 3+ capitalised words, 50 % capitals, "!!"). */
export const THRESHOLDS = {
  /** Words in capitals in a row that make a run (each with 2+ letters). */
  'phrasing.capsRunWords': 3,
  /** Share of capital letters that makes a whole component shouting … */
  'phrasing.capsShare': 0.5,
  /** … when it has at least this many letters. */
  'phrasing.capsMinLetters': 20,
  /** Emoji in a row (spaces allowed between). */
  'phrasing.emojiRun': 3,
  /** Emoji in one component that make it crowded … */
  'phrasing.emojiCrowded': 6,
  /** … or this share of its words and emoji, with at least 4 emoji. */
  'phrasing.emojiShare': 0.3,
  /** Share of parameters among a body's words and parameters that makes it "too generic". */
  'phrasing.parameterShare': 0.5,
  /** Fewer literal words than this, beside a parameter, make a body "too generic". */
  'phrasing.minLiteralWords': 3,
} as const;

type ThresholdName = keyof typeof THRESHOLDS;

function threshold(values: Readonly<Record<string, number>>, name: ThresholdName): number {
  const v = values[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : THRESHOLDS[name];
}

/** Upper- and lower-case letters in s[start, end) (letters without case, like CJK, are not counted). */
function caseCounts(s: string, start = 0, end = s.length): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (let i = start; i < end; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) {
      if (code >= 65 && code <= 90) upper++;
      else if (code >= 97 && code <= 122) lower++;
      continue;
    }
    const ch = s[i];
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue;
    if (ch === lo) lower++;
    else upper++;
  }
  return { upper, lower };
}

function located(a: AnalyzedText, start: number, end: number, extra: Record<string, unknown>): TextMatch {
  return { path: a.source.path, start, end, text: a.source.text.slice(start, end), role: a.source.role, ...extra };
}

/** Runs of words in capitals, or the whole component when most of its letters are capitals. */
function shoutingIn(a: AnalyzedText, runWords: number, share: number, minLetters: number): { items: TextMatch[]; share: number; letters: number } {
  const plain = a.norm.plain;
  const { upper, lower } = caseCounts(plain);
  const letters = upper + lower;
  const capsShare = letters > 0 ? upper / letters : 0;
  const items: TextMatch[] = [];
  const words = a.tokens.filter((t) => t.kind === 'word');
  if (letters >= minLetters && capsShare >= share && words.length > 0) {
    // Point at the words, from the first to the last.
    const [start, end] = originalRange(a.norm, words[0].start, words[words.length - 1].end);
    items.push(located(a, start, end, { kind: 'component', detail: `${Math.round(capsShare * 100)}% of the ${letters} letters in the ${a.source.role} are capitals` }));
    return { items, share: capsShare, letters };
  }
  let runStart = -1;
  let runEnd = -1;
  let counted = 0;
  const flush = () => {
    if (counted >= runWords) {
      const [start, end] = originalRange(a.norm, a.tokens[runStart].start, a.tokens[runEnd].end);
      items.push(located(a, start, end, { kind: 'run', words: counted, detail: `${counted} words in a row in capitals` }));
    }
    runStart = -1;
    runEnd = -1;
    counted = 0;
  };
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i];
    if (t.kind !== 'word') continue; // numbers, symbols and parameters neither start nor break a run
    const c = caseCounts(plain, t.start, t.end);
    if (c.lower > 0 || c.upper === 0) {
      flush();
      continue;
    }
    if (c.upper >= 2) {
      if (runStart < 0) runStart = i;
      runEnd = i;
      counted++;
    } else if (runStart >= 0) {
      runEnd = i; // "WIN A FREE TRIP": one-letter capitals continue a run without counting
    }
  }
  flush();
  return { items, share: capsShare, letters };
}

const PUNCT = new Set(['!', '?', '¡', '¿']);
/** Spanish opening marks start a new sentence after a space ("¿Ya viste? ¡Ven!"). */
const OPENING = new Set(['¡', '¿']);
/** Whether a text has any of PUNCT (one pass, no string per character). */
const ANY_PUNCT = /[!?¡¿]/;

/** !!, ?!, !!!, ? ? ? (spaces allowed between): two or more in a row. */
function punctuationIn(a: AnalyzedText): TextMatch[] {
  const plain = a.norm.plain;
  const items: TextMatch[] = [];
  if (!ANY_PUNCT.test(plain)) return items;
  for (let i = 0; i < plain.length; ) {
    if (!PUNCT.has(plain[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    let last = i;
    let marks = 1;
    while (j < plain.length) {
      if (PUNCT.has(plain[j])) {
        marks++;
        last = j;
        j++;
      } else if (plain[j] === ' ' && j + 1 < plain.length && PUNCT.has(plain[j + 1]) && !OPENING.has(plain[j + 1])) j++;
      else break;
    }
    if (marks >= 2) {
      const [start, end] = originalRange(a.norm, i, last + 1);
      items.push(located(a, start, end, { marks }));
    }
    i = last + 1;
  }
  return items;
}

const EMOJI = emojiRegex();
const MAYBE_EMOJI = /[\u00a9\u00ae\u203c-\u3299\ud83c-\ud83e]/;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;

/** Emoji as [start, end) in the original; text-style symbols (©, ™, ↔) without VS16 are not counted. */
function emojiSpans(text: string): [number, number][] {
  if (!MAYBE_EMOJI.test(text)) return [];
  const out: [number, number][] = [];
  EMOJI.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMOJI.exec(text)) !== null) {
    const e = m[0];
    const single = e.length === 1 || (e.length === 2 && e.codePointAt(0)! > 0xffff);
    if (single && !EMOJI_PRESENTATION.test(e)) continue;
    out.push([m.index, m.index + e.length]);
  }
  return out;
}

const MONEY_EMOJI = new Set(['💰', '💵', '💴', '💶', '💷', '💸', '🤑', '💲', '🪙']);
const CURRENCY = /\p{Sc}/u;

function emojiIn(a: AnalyzedText, run: number, crowded: number, share: number): { items: TextMatch[]; count: number; share: number } {
  const text = a.source.text;
  const spans = emojiSpans(text);
  if (spans.length === 0) return { items: [], count: 0, share: 0 };
  const words = a.tokens.filter((t) => t.kind === 'word').length;
  const emojiShare = spans.length / (spans.length + words);
  const items: TextMatch[] = [];
  if (spans.length >= crowded || (spans.length >= 4 && emojiShare >= share)) {
    const start = spans[0][0];
    const end = spans[spans.length - 1][1];
    items.push(
      located(a, start, end, { kind: 'crowded', count: spans.length, detail: `${spans.length} emoji in the ${a.source.role} (${Math.round(emojiShare * 100)}% of its words and emoji)` }),
    );
    return { items, count: spans.length, share: emojiShare };
  }
  let i = 0;
  while (i < spans.length) {
    let j = i;
    while (j + 1 < spans.length && /^\s*$/.test(text.slice(spans[j][1], spans[j + 1][0]))) j++;
    const n = j - i + 1;
    if (n >= run) items.push(located(a, spans[i][0], spans[j][1], { kind: 'run', count: n, detail: `${n} emoji in a row` }));
    i = j + 1;
  }
  return { items, count: spans.length, share: emojiShare };
}

/** $$$, £ £ £, 💰💰: two or more currency symbols or money emoji in a row. */
function currencyIn(a: AnalyzedText): TextMatch[] {
  const text = a.source.text;
  const items: TextMatch[] = [];
  const isMoney = (i: number): number => {
    const cp = text.codePointAt(i)!;
    // "$" is the only currency symbol in ASCII (and money emoji are astral): no string per character.
    if (cp < 0x80) return cp === 36 ? 1 : 0;
    const ch = String.fromCodePoint(cp);
    if (CURRENCY.test(ch) || MONEY_EMOJI.has(ch)) return ch.length;
    return 0;
  };
  for (let i = 0; i < text.length; ) {
    const w = isMoney(i);
    if (w === 0) {
      i++;
      continue;
    }
    let end = i + w;
    let count = 1;
    for (;;) {
      let k = end;
      while (k < text.length && (text[k] === ' ' || text[k] === '\ufe0f')) k++;
      const w2 = k < text.length ? isMoney(k) : 0;
      if (w2 === 0) break;
      end = k + w2;
      count++;
    }
    if (count >= 2) items.push(located(a, i, end, { count }));
    i = end;
  }
  return items;
}

export const shapeFacts: FactProvider = {
  id: 'text-shape',
  kinds: ['template'],
  facts: {
    shouting: 'copy in capitals: runs of 3+ words in capitals, components mostly in capitals, spam words in capitals',
    capsShare: 'the highest share of capital letters in a component with at least 12 letters (0..1)',
    punctuationRuns: 'runs of two or more ! or ? (!!, ?!, !!!)',
    emojiRuns: 'runs of 3+ emoji, and components crowded with emoji',
    emojiCount: 'emoji in all components together',
    emojiShare: 'the highest share of emoji among the words and emoji of a component (0..1)',
    currencyStacks: 'two or more currency symbols or money emoji in a row ($$$, 💰💰)',
    tooGeneric: 'bodies that are mostly parameters (share of parameters ≥ phrasing.parameterShare, or fewer than phrasing.minLiteralWords words beside them)',
    bodyParameterShare: 'parameters / (parameters + words) in the body (0..1)',
  },
  compute(doc, ctx) {
    const t = ctx.thresholds;
    const language = lexiconLanguage(doc.data.language);
    const shouting: TextMatch[] = [];
    const punctuationRuns: TextMatch[] = [];
    const emojiRuns: TextMatch[] = [];
    const currencyStacks: TextMatch[] = [];
    const tooGeneric: TextMatch[] = [];
    let capsShare = 0;
    let emojiCount = 0;
    let emojiShare = 0;
    let body = { params: 0, words: 0 };
    const capsArgs = [threshold(t, 'phrasing.capsRunWords'), threshold(t, 'phrasing.capsShare'), threshold(t, 'phrasing.capsMinLetters')] as const;
    const emojiArgs = [threshold(t, 'phrasing.emojiRun'), threshold(t, 'phrasing.emojiCrowded'), threshold(t, 'phrasing.emojiShare')] as const;
    const shoutingKey = `shouting:${capsArgs.join(',')}`;
    const emojiKey = `emoji:${emojiArgs.join(',')}`;
    for (const text of copyTexts(doc)) {
      const a = analyze(text, language);
      const s = memo(a, shoutingKey, () => shoutingIn(a, ...capsArgs));
      shouting.push(...relocate(a, s.items));
      if (s.letters >= 12) capsShare = Math.max(capsShare, s.share);
      punctuationRuns.push(...relocate(a, memo(a, 'punctuation', () => punctuationIn(a))));
      const e = memo(a, emojiKey, () => emojiIn(a, ...emojiArgs));
      emojiRuns.push(...relocate(a, e.items));
      emojiCount += e.count;
      emojiShare = Math.max(emojiShare, e.share);
      currencyStacks.push(...relocate(a, memo(a, 'currency', () => currencyIn(a))));
      if (text.role === 'body' || text.role === 'card-body') {
        const params = a.params.length;
        const words = a.tokens.filter((k) => k.kind === 'word').length;
        if (text.role === 'body') body = { params, words };
        const share = params / Math.max(1, params + words);
        if (params > 0 && (share >= threshold(t, 'phrasing.parameterShare') || words < threshold(t, 'phrasing.minLiteralWords'))) {
          tooGeneric.push(
            located(a, 0, text.text.length, { params, words, share: Math.round(share * 100) / 100, detail: `${params} parameter(s) and ${words} word(s) of its own` }),
          );
        }
      }
    }
    // Spam words and phrases written in capitals ("FREE", "CLICK HERE") outside the runs already reported.
    const shouted: TextMatch[] = lexiconMatches(doc).filter((m) => m.shouted);
    const matcher = lexiconMatcher(language);
    for (const text of copyTexts(doc)) {
      const a = analyze(text, language);
      const words = memo(a, 'shouted-words', () => {
        const found: TextMatch[] = [];
        a.tokens.forEach((tok, i) => {
          if (tok.kind !== 'word' || !isShouted(a.norm.plain.slice(tok.start, tok.end))) return;
          if (!a.stems[i].some((st) => matcher.wordEntry(st) >= 0)) return;
          const [start, end] = originalRange(a.norm, tok.start, tok.end);
          found.push({ path: text.path, start, end, text: text.text.slice(start, end), role: text.role });
        });
        return found;
      });
      shouted.push(...relocate(a, words));
    }
    for (const m of shouted) {
      if (shouting.some((s) => s.path === m.path && s.start <= m.start && s.end >= m.end)) continue;
      shouting.push({ path: m.path, start: m.start, end: m.end, text: m.text, role: m.role, kind: 'word', detail: 'a spam word in capitals' });
    }
    shouting.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : x.start - y.start));
    return {
      shouting,
      capsShare: Math.round(capsShare * 100) / 100,
      punctuationRuns,
      emojiRuns,
      emojiCount,
      emojiShare: Math.round(emojiShare * 100) / 100,
      currencyStacks,
      tooGeneric,
      bodyParameterShare: Math.round((body.params / Math.max(1, body.params + body.words)) * 100) / 100,
    };
  },
};
