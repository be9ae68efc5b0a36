/**
 * Splits normalized text into tokens for phrase matching, undoing the word-level tricks: s p a c e d
 * and d.o.t.t.e.d letters are joined, l33t digits (fr33, c4sh, w1n) and stretched letters (freeeee)
 * get alternative readings. Every token keeps its range in the normalized text, which maps back to
 * the original characters (see normalize.ts).
 */
import type { NormalizedText } from './normalize.js';

export type TokenKind = 'word' | 'number' | 'symbol' | 'blocked';

export interface Token {
  kind: TokenKind;
  /** [start, end) in the normalized text. */
  start: number;
  end: number;
  /** The folded form used for matching (apostrophes removed, spaced letters joined). */
  text: string;
  /** Other readings of the same characters: l33t digits decoded, stretched letters shortened. */
  variants?: string[];
  /** A sentence end or a blank line comes before this token: phrases do not run across it. */
  breakBefore: boolean;
  /** Built by joining s p a c e d or d.o.t.t.e.d letters. */
  joined?: boolean;
}

export interface TokenizeOptions {
  /** Two-letter language code; decides how apostrophes split words (French elision). */
  language: string;
  /** Ranges of the original text that are opaque (links, parameters): one `blocked` token each. */
  blocked?: readonly (readonly [number, number])[];
}

const C_OTHER = 1;
const C_LETTER = 2;
const C_DIGIT = 3;
const C_APOS = 4;
const C_BREAK = 5;
const C_SYMBOL = 6;
const C_NEWLINE = 7;

const classes = new Uint8Array(0x10000);
const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{Nd}/u;
const CURRENCY_RE = /\p{Sc}/u;

function classOf(code: number): number {
  let c = classes[code];
  if (c !== 0) return c;
  const ch = String.fromCharCode(code);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) c = C_LETTER;
  else if (code >= 48 && code <= 57) c = C_DIGIT;
  else if (code === 39) c = C_APOS;
  else if (code === 46 || code === 33 || code === 63 || code === 59 || code === 0x2026 || code === 0xa1 || code === 0xbf) c = C_BREAK;
  else if (code === 10) c = C_NEWLINE;
  else if (code === 37 || code === 43 || code === 38) c = C_SYMBOL;
  else if (code >= 0xd800 && code <= 0xdfff) c = C_OTHER;
  else if (code > 0x7f && LETTER_RE.test(ch)) c = C_LETTER;
  else if (code > 0x7f && DIGIT_RE.test(ch)) c = C_DIGIT;
  else if (CURRENCY_RE.test(ch)) c = C_SYMBOL;
  else c = C_OTHER;
  classes[code] = c;
  return c;
}

/** Separators spammers put between single letters. */
const SPACING = new Set([' ', '.', '-', '_', '*', '·', '•', '/', '~', '+', '|']);

/** French (and Catalan/Italian-style) elided articles and pronouns written with an apostrophe. */
const ELISIONS: Record<string, ReadonlySet<string>> = {
  fr: new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']),
  it: new Set(['l', 'd', 'un', 'dell', 'all', 'dall', 'nell', 'sull', 'c', 'quest', 'quell']),
  pt: new Set(['d']),
};

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i', '|': 'l', '€': 'e' };

/**
 * Which tokenization of `n` a language gets, as a key: the tokens differ between languages only where an
 * apostrophe meets a language's elisions (l'offre), so most texts share one tokenization ('').
 */
export function tokenizationKey(n: NormalizedText, language: string): string {
  return ELISIONS[language] !== undefined && n.folded.includes("'") ? language : '';
}

export function tokenize(n: NormalizedText, options: TokenizeOptions): Token[] {
  const s = n.folded;
  const len = s.length;
  const blockedUnits = blockedMask(n, options.blocked);
  const elisions = ELISIONS[options.language];
  const tokens: Token[] = [];
  let pendingBreak = false;
  let i = 0;
  while (i < len) {
    if (blockedUnits !== null && blockedUnits[i] !== 0) {
      const id = blockedUnits[i];
      let j = i + 1;
      while (j < len && blockedUnits[j] === id) j++;
      tokens.push({ kind: 'blocked', start: i, end: j, text: '', breakBefore: pendingBreak });
      pendingBreak = false;
      i = j;
      continue;
    }
    const code = s.charCodeAt(i);
    const cls = classOf(code);
    if (cls === C_LETTER || cls === C_DIGIT || (code === 36 /* $ */ && isLetterAt(s, i + 1) && isLetterAt(s, i + 2))) {
      const joined = joinSpacedLetters(s, i, blockedUnits);
      if (joined !== null) {
        tokens.push({ kind: 'word', start: i, end: joined.end, text: joined.text, breakBefore: pendingBreak, joined: true, ...variantsOf(joined.text) });
        pendingBreak = false;
        i = joined.end;
        continue;
      }
      const end = scanWord(s, n.plain, i, blockedUnits);
      pushWord(tokens, s, i, end, pendingBreak, elisions);
      pendingBreak = false;
      i = end;
      continue;
    }
    if (cls === C_SYMBOL) {
      tokens.push({ kind: 'symbol', start: i, end: i + 1, text: s[i], breakBefore: pendingBreak });
      pendingBreak = false;
    } else if (cls === C_BREAK) {
      pendingBreak = true;
    } else if (cls === C_NEWLINE) {
      // A wrapped line continues the sentence; a blank line ends it.
      let k = i + 1;
      while (k < len && (s[k] === ' ' || s[k] === '\t' || s[k] === '\r')) k++;
      if (k < len && s[k] === '\n') pendingBreak = true;
    }
    i++;
  }
  return tokens;
}

function isLetterAt(s: string, i: number): boolean {
  return i < s.length && classOf(s.charCodeAt(i)) === C_LETTER;
}

function isWordCharAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const c = classOf(s.charCodeAt(i));
  return c === C_LETTER || c === C_DIGIT;
}

/** End of the word starting at `start`: letters and digits, with apostrophes, l33t symbols and number separators inside. */
function scanWord(s: string, plain: string, start: number, blocked: Uint16Array | null): number {
  let j = start;
  let lettersBefore = 0;
  while (j < s.length) {
    if (blocked !== null && blocked[j] !== 0) break;
    const code = s.charCodeAt(j);
    const cls = classOf(code);
    if (cls === C_LETTER) {
      lettersBefore++;
      j++;
      continue;
    }
    if (cls === C_DIGIT) {
      j++;
      continue;
    }
    if (j === start && code === 36) {
      j++;
      continue;
    }
    const prevLetter = j > start && classOf(s.charCodeAt(j - 1)) === C_LETTER;
    const prevDigit = j > start && classOf(s.charCodeAt(j - 1)) === C_DIGIT;
    if (cls === C_APOS && prevLetter && isLetterAt(s, j + 1)) {
      j++;
      continue;
    }
    // 1,000.50 and Rp1.000.000: separators between digits stay inside the token.
    if ((code === 44 || code === 46) && prevDigit && j + 1 < s.length && classOf(s.charCodeAt(j + 1)) === C_DIGIT) {
      j++;
      continue;
    }
    // c@sh, ca$h: l33t symbols between letters.
    if ((code === 64 || code === 36) && (prevLetter || prevDigit) && isLetterAt(s, j + 1)) {
      j++;
      continue;
    }
    // w!n, cl|ck: only early in a short word and before a lower-case letter, so "Hurry!now" stays two words.
    if ((code === 33 || code === 124) && prevLetter && lettersBefore <= 3 && isLetterAt(s, j + 1) && plain[j + 1] === s[j + 1]) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

function pushWord(tokens: Token[], s: string, start: number, end: number, breakBefore: boolean, elisions: ReadonlySet<string> | undefined): void {
  const raw = s.slice(start, end);
  if (raw.includes("'")) {
    if (elisions) {
      const apos = raw.indexOf("'");
      const head = raw.slice(0, apos);
      if (elisions.has(head)) {
        tokens.push({ kind: 'word', start, end: start + apos, text: head, breakBefore });
        pushWord(tokens, s, start + apos + 1, end, false, elisions);
        return;
      }
    }
    const text = raw.replace(/'/g, '');
    tokens.push({ kind: 'word', start, end, text, breakBefore, ...variantsOf(text) });
    return;
  }
  let letters = false;
  for (let k = 0; k < raw.length && !letters; k++) if (classOf(raw.charCodeAt(k)) === C_LETTER) letters = true;
  tokens.push({ kind: letters ? 'word' : 'number', start, end, text: raw, breakBefore, ...(letters ? variantsOf(raw) : {}) });
}

/** f r e e, f.r.e.e, F-R-E-E: three or more single letters with the same one-character separator. */
function joinSpacedLetters(s: string, start: number, blocked: Uint16Array | null): { end: number; text: string } | null {
  if (start > 0 && isWordCharAt(s, start - 1)) return null;
  if (isWordCharAt(s, start + 1)) return null;
  const sep = s[start + 1];
  if (sep === undefined || !SPACING.has(sep)) return null;
  let text = s[start];
  let letters = classOf(s.charCodeAt(start)) === C_LETTER ? 1 : 0;
  let last = start;
  while (last + 2 < s.length && s[last + 1] === sep && isWordCharAt(s, last + 2) && !isWordCharAt(s, last + 3)) {
    if (blocked !== null && (blocked[last + 1] !== 0 || blocked[last + 2] !== 0)) break;
    last += 2;
    text += s[last];
    if (classOf(s.charCodeAt(last)) === C_LETTER) letters++;
  }
  if (text.length < 3 || letters < 2) return null;
  return { end: last + 1, text };
}

const NO_VARIANTS: { variants?: string[] } = Object.freeze({});

/** Alternative readings of a word: l33t digits and symbols decoded, stretched letters shortened. */
function variantsOf(text: string): { variants?: string[] } {
  let leet = 0;
  let letters = 0;
  // A letter three times in a row is a code unit three times in a row, or an astral letter (surrogates).
  let maybeStretched = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    const code = text.charCodeAt(k);
    if (LEET[c] !== undefined) leet++;
    else if (classOf(code) === C_LETTER) letters++;
    if ((k >= 2 && c === text[k - 1] && c === text[k - 2]) || (code >= 0xd800 && code <= 0xdfff)) maybeStretched = true;
  }
  // Most words: nothing to decode, nothing stretched (no set, no regular expressions).
  if (!maybeStretched && !(leet > 0 && letters >= 2)) return NO_VARIANTS;
  const out = new Set<string>();
  const bases = [text];
  if (leet > 0 && letters >= 2) {
    const asI = decodeLeet(text, 'i');
    out.add(asI);
    bases.push(asI);
    if (/[1|!]/.test(text)) {
      const asL = decodeLeet(text, 'l');
      out.add(asL);
      bases.push(asL);
    }
  }
  for (const b of bases) {
    if (!/(\p{L})\1\1/u.test(b)) continue;
    out.add(b.replace(/(\p{L})\1{2,}/gu, '$1$1'));
    out.add(b.replace(/(\p{L})\1{2,}/gu, '$1'));
  }
  out.delete(text);
  return out.size > 0 ? { variants: [...out] } : {};
}

function decodeLeet(text: string, one: 'i' | 'l'): string {
  let r = '';
  for (const c of text) {
    if (c === '1' || c === '|' || c === '!') r += one;
    else r += LEET[c] ?? c;
  }
  return r;
}

/** Marks normalized units whose original characters fall inside a blocked range (ids start at 1). */
function blockedMask(n: NormalizedText, ranges: readonly (readonly [number, number])[] | undefined): Uint16Array | null {
  if (!ranges || ranges.length === 0) return null;
  const mask = new Uint16Array(n.folded.length);
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let r = 0;
  for (let i = 0; i < mask.length && r < sorted.length; i++) {
    const at = n.starts[i];
    while (r < sorted.length && sorted[r][1] <= at) r++;
    if (r < sorted.length && at >= sorted[r][0] && at < sorted[r][1]) mask[i] = (r % 0xfffe) + 1;
  }
  return mask;
}
