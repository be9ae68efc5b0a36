/**
 * One analysis per template text and language, shared by every fact provider that reads text:
 * the normalized text with its offset map, links and parameters (kept out of phrase matching),
 * tokens with their readings and stems. Computed once per distinct string and language (template
 * repositories repeat footers, buttons and whole bodies; what does not depend on the language, once per
 * string), and what providers derive from it is memoized with it (see `memo`).
 */
import { findLinks, type FoundLink } from './links.js';
import { lexiconMatcher, termMatcher } from './lexicon.js';
import { normalizeText, originalRange, type NormalizedText } from './normalize.js';
import type { PhraseHit, TokenStream } from './phrase-matcher.js';
import { stemmerFor } from './stem.js';
import { registerStringCache } from './string-caches.js';
import { tokenizationKey, tokenize, type Token } from './tokenize.js';
import type { TextMatch } from '../../types.js';
import type { LintDocument } from '../../documents/parse.js';
import { templateShape, type TemplateText } from '../template/components.js';
import { ObjectCache } from '../../documents/object-cache.js';

/** What the analysis of a string is, whoever's text it is (a new field must also be copied in `analyze`). */
export interface TextAnalysis extends TokenStream {
  language: string;
  norm: NormalizedText;
  links: FoundLink[];
  /** Original ranges of parameters ({{1}}, {{first_name}}). */
  params: [number, number][];
  /** Original ranges of e-mail addresses. */
  emails: [number, number][];
  tokens: Token[];
  /** Results derived from this analysis by fact providers, by key (see `memo`). */
  memo: Map<string, unknown>;
}

/** An analysis, and the template text it was made for (JSON pointer and role). */
export interface AnalyzedText extends TextAnalysis {
  source: TemplateText;
}

/** Which texts of a template carry copy (URL button targets are checked by the link facts). */
export function copyTexts(doc: LintDocument): TemplateText[] {
  return templateShape(doc).texts.filter((t) => t.role !== 'button-url');
}

const PARAMETER = /\{\{\s*[^{}\s]{0,64}\s*\}\}/g;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;

const cache = new ObjectCache<TemplateText, Map<string, AnalyzedText>>();
const vocabularies = new Map<string, (word: string) => boolean>();

function vocabularyFor(language: string): (word: string) => boolean {
  let v = vocabularies.get(language);
  if (!v) {
    const a = lexiconMatcher(language).vocabulary;
    const b = termMatcher(language).vocabulary;
    v = (w) => a.has(w) || b.has(w);
    vocabularies.set(language, v);
  }
  return v;
}

export function ranges(text: string, re: RegExp): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/**
 * What the analysis of a string has whatever its language: the normalized text and the ranges kept out
 * of phrase matching. A non-English template is read in its language and in English (content terms).
 */
interface StringScan {
  norm: NormalizedText;
  links: FoundLink[];
  params: [number, number][];
  emails: [number, number][];
  /** The analyses of the string, by language. */
  byLanguage: Map<string, TextAnalysis>;
  /** Its tokens before joined letters are split, by tokenizationKey (usually one for all languages). */
  rawTokens: Map<string, Token[]>;
}

/**
 * Scans of the short strings that templates repeat (footers, headers, button labels), shared across
 * templates; emptied when full. Bodies (which seldom repeat, even short ones) and longer texts are kept
 * with their template text only: entries of a long-lived map outlive the young generation, and 10,000
 * bodies passing through it cost a large run more in garbage collection than the rare repeat saves.
 */
const scans = new Map<string, StringScan>();
const SCAN_LIMIT = 2_000;
const SHARED_MAX_CHARS = 160;
const ownScans = new ObjectCache<TemplateText, StringScan>();
registerStringCache(() => scans.clear());

function scanOf(text: string, source: TemplateText): StringScan {
  const shared = text.length <= SHARED_MAX_CHARS && source.role !== 'body' && source.role !== 'card-body';
  let scan = shared ? scans.get(text) : ownScans.get(source);
  if (!scan) {
    scan = {
      norm: normalizeText(text),
      links: findLinks(text),
      params: text.includes('{{') ? ranges(text, PARAMETER) : [],
      emails: text.includes('@') ? ranges(text, EMAIL) : [],
      byLanguage: new Map(),
      rawTokens: new Map(),
    };
    if (!shared) ownScans.set(source, scan);
    else {
      if (scans.size >= SCAN_LIMIT) scans.clear();
      scans.set(text, scan);
    }
  }
  return scan;
}

/** The analysis of one template text in one language (cached per text object and per distinct string). */
export function analyze(source: TemplateText, language: string): AnalyzedText {
  let byLanguage = cache.get(source);
  if (!byLanguage) cache.set(source, (byLanguage = new Map()));
  const cached = byLanguage.get(language);
  if (cached) return cached;
  const scan = scanOf(source.text, source);
  let core = scan.byLanguage.get(language);
  if (!core) {
    core = analyzeString(scan, language);
    scan.byLanguage.set(language, core);
  }
  // Every field copied into one object literal, so that all analyses share one hidden class and the
  // providers' reads of them stay monomorphic (Object.create(core) gave each text its own; a spread is slower).
  const analyzed: AnalyzedText = {
    language: core.language,
    norm: core.norm,
    links: core.links,
    params: core.params,
    emails: core.emails,
    tokens: core.tokens,
    forms: core.forms,
    stems: core.stems,
    memo: core.memo,
    source,
  };
  byLanguage.set(language, analyzed);
  return analyzed;
}

/**
 * A result derived from an analysis, computed once per distinct string: `compute` must depend on the
 * analysis only (not on the template text's path; see `relocate`).
 */
export function memo<T>(a: AnalyzedText, key: string, compute: () => T): T {
  const found = a.memo.get(key);
  if (found !== undefined) return found as T;
  const value = compute();
  a.memo.set(key, value);
  return value;
}

/** Matches memoized for a string, placed at this text's JSON pointer and role. */
export function relocate<M extends TextMatch>(a: AnalyzedText, items: readonly M[]): M[] {
  return items.map((m) => (m.path === a.source.path && m.role === a.source.role ? m : { ...m, path: a.source.path, role: a.source.role }));
}

/** The readings of a link, parameter or e-mail address: none (one shared, read-only array). */
const NO_READINGS: readonly string[] = Object.freeze([]);

function analyzeString(scan: StringScan, language: string): TextAnalysis {
  const { norm, links, params, emails } = scan;
  const tokenization = tokenizationKey(norm, language);
  let raw = scan.rawTokens.get(tokenization);
  if (!raw) {
    const blocked: [number, number][] = [...params, ...emails, ...links.map((l): [number, number] => [l.start, l.end])];
    raw = tokenize(norm, { language, blocked });
    scan.rawTokens.set(tokenization, raw);
  }
  // The word lists are needed only to split joined letters (compiling them for a language costs more than a template).
  const tokens = raw.some((t) => t.joined) ? splitJoined(raw, vocabularyFor(language)) : raw;
  const stem = stemmerFor(language);
  const forms: (readonly string[])[] = new Array(tokens.length);
  const stems: (readonly string[])[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'blocked') {
      forms[i] = NO_READINGS;
      stems[i] = NO_READINGS;
    } else if (t.kind === 'word') {
      if (t.variants) {
        // One reading per stem; of readings with the same stem, the shortest ("prize" over "prizee").
        const byStem = new Map<string, string>();
        for (const f of [t.text, ...t.variants]) {
          const s = stem(f);
          const seen = byStem.get(s);
          if (seen === undefined || (f.length < seen.length && seen !== t.text)) byStem.set(s, f);
        }
        forms[i] = [...byStem.values()];
        stems[i] = [...byStem.keys()];
      } else {
        forms[i] = [t.text];
        stems[i] = [stem(t.text)];
      }
    } else {
      // Numbers and symbols are their own stem: one array serves as both (they are read-only).
      forms[i] = stems[i] = [t.text];
    }
  }
  return { language, norm, links, params, emails, tokens, forms, stems, memo: new Map() };
}

/**
 * "F R E E C A S H" joins to one token "freecash"; split it into known words ("free", "cash") when
 * it is not a word itself. Each part keeps the exact letters it came from.
 */
function splitJoined(tokens: Token[], known: (w: string) => boolean): Token[] {
  if (!tokens.some((t) => t.joined)) return tokens;
  const out: Token[] = [];
  for (const t of tokens) {
    if (!t.joined) {
      out.push(t);
      continue;
    }
    const readings = [t.text, ...(t.variants ?? [])];
    if (readings.some(known)) {
      out.push(t);
      continue;
    }
    let parts: number[] | null = null;
    let reading = '';
    for (const r of readings) {
      parts = segment(r, known);
      if (parts) {
        reading = r;
        break;
      }
    }
    if (!parts) {
      out.push(t);
      continue;
    }
    // Joined letters sit at every other normalized unit: letter k is at t.start + 2k.
    let from = 0;
    parts.forEach((to, p) => {
      out.push({
        kind: 'word',
        start: t.start + 2 * from,
        end: t.start + 2 * (to - 1) + 1,
        text: reading.slice(from, to),
        breakBefore: p === 0 ? t.breakBefore : false,
        joined: true,
      });
      from = to;
    });
  }
  return out;
}

/**
 * Split points of `s` into known words of two or more letters, fewest parts first; a stray single
 * letter may stand alone ("a F R E E" joins to "afree" → "a" + "free"). Null when nothing fits.
 */
function segment(s: string, known: (w: string) => boolean): number[] | null {
  const n = s.length;
  if (n > 64) return null;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const back = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - 24); start < end; start++) {
      if (!Number.isFinite(cost[start])) continue;
      const len = end - start;
      const c = len >= 2 && known(s.slice(start, end)) ? 1 : len === 1 ? 2 : Infinity;
      if (cost[start] + c < cost[end]) {
        cost[end] = cost[start] + c;
        back[end] = start;
      }
    }
  }
  if (!Number.isFinite(cost[n])) return null;
  const cuts: number[] = [];
  for (let p = n; p > 0; p = back[p]) cuts.push(p);
  cuts.reverse();
  // Worth splitting only when it finds a real word and more than one part.
  let words = 0;
  for (let i = 0, from = 0; i < cuts.length; from = cuts[i], i++) if (cuts[i] - from >= 2) words++;
  return cuts.length >= 2 && words >= 1 ? cuts : null;
}

/** The original characters of tokens [first, last] as a located text match. */
export function matchOf(a: AnalyzedText, first: number, last: number, extra: Record<string, unknown> = {}): TextMatch {
  const [start, end] = originalRange(a.norm, a.tokens[first].start, a.tokens[last].end);
  return { path: a.source.path, start, end, text: a.source.text.slice(start, end), role: a.source.role, ...extra };
}

/**
 * How a hit reads once de-obfuscated, when a reader would not see that from the quote: " (free cash)"
 * for 'fr33 c4sh', 'f r e e', 'frее' (Cyrillic e) or '𝐟𝐫𝐞𝐞'; '' for 'Guaranteed' or "don't miss out".
 */
export function readsAs(a: AnalyzedText, hit: PhraseHit, written: string): string {
  const reading = hit.forms.join(' ');
  // Invisible characters (\p{Cf}) are kept, so a word split by a zero-width space shows its reading.
  const squash = (s: string) => s.replace(/[\s\p{P}\p{S}]+/gu, '');
  // Only the characters of the matched words count (not a link or number stepped over between them).
  let words = '';
  let joined = false;
  for (const i of hit.at) {
    const [s, e] = originalRange(a.norm, a.tokens[i].start, a.tokens[i].end);
    words += ` ${a.source.text.slice(s, e)}`;
    if (a.tokens[i].joined) joined = true;
  }
  const plainWritten = (hit.at.length > 0 ? words : written).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (!joined && squash(plainWritten) === squash(reading)) return '';
  return ` (${reading})`;
}
