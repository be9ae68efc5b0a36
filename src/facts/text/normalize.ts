/**
 * Undo the tricks spammers use to get words past filters, while remembering, for every character of
 * the result, which characters of the original produced it, so that a match found in the clean text
 * is reported at the exact original characters.
 *
 * Character level (this module): invisible characters (zero-width spaces and joiners, soft hyphens,
 * bidi controls, variation selectors) are dropped; "fancy" letters (mathematical bold/italic/script,
 * fullwidth, circled, small capitals via NFKD) become plain letters; combining marks are dropped
 * (accents, and strike-through or underline overlays), so matching is accent-insensitive; apostrophe,
 * quote, dash and space variants become their ASCII forms; Cyrillic and Greek look-alikes become Latin
 * letters inside words that are Latin or could be (homoglyphs). Word-level tricks (l33t digits,
 * s p a c e d and d.o.t.t.e.d letters, stretched letters) are undone by the tokenizer.
 */

export interface NormalizedText {
  readonly original: string;
  /** The de-obfuscated text, case kept. */
  readonly plain: string;
  /** `plain` in lower case, code unit for code unit (same length, same offsets). */
  readonly folded: string;
  /** For each code unit i of `plain`: the original characters [starts[i], ends[i]) that produced it. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** Original range [start, end) of the normalized range [a, b) (b > a). */
export function originalRange(n: NormalizedText, a: number, b: number): [number, number] {
  if (b <= a) {
    const at = a < n.starts.length ? n.starts[a] : n.original.length;
    return [at, at];
  }
  return [n.starts[a], n.ends[b - 1]];
}

/** Characters that render as nothing and are used to split words invisibly. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x061c || // Arabic letter mark
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    cp === 0x180e || // Mongolian vowel separator
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/non-joiner/joiner, LRM, RLM
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    (cp >= 0x2066 && cp <= 0x206f) || // bidi isolates, deprecated format characters
    cp === 0x3164 || // Hangul filler
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    cp === 0xfeff || // BOM / zero-width no-break space
    cp === 0xffa0 ||
    (cp >= 0x1d173 && cp <= 0x1d17a) || // musical formatting characters
    (cp >= 0xe0000 && cp <= 0xe007f) || // tag characters
    (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors supplement
  );
}

const COMBINING_MARK = /\p{M}/gu;

/** Punctuation and space variants that mean the same as an ASCII character to a reader. */
const PUNCTUATION_FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u02bc': "'", '\u02b9': "'", '\u00b4': "'", '\u0060': "'", '\uff07': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\ufe63': '-',
  '\u00a0': ' ', '\u1680': ' ', '\u2000': ' ', '\u2001': ' ', '\u2002': ' ', '\u2003': ' ', '\u2004': ' ', '\u2005': ' ',
  '\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u205f': ' ', '\u3000': ' ',
  '\u2028': '\n', '\u2029': '\n', '\u0085': '\n',
  '\u0131': 'i', // dotless i
  '\u0251': 'a', '\u0261': 'g', '\u026a': 'I', '\u0274': 'N', '\u0280': 'R', '\u028f': 'Y', '\u1d00': 'A', '\u1d04': 'C', '\u1d05': 'D', '\u1d07': 'E',
  '\u1d0a': 'J', '\u1d0b': 'K', '\u1d0d': 'M', '\u1d0f': 'O', '\u1d18': 'P', '\u1d1b': 'T', '\u1d1c': 'U', '\u1d20': 'V', '\u1d21': 'W', '\u1d22': 'Z',
  '\u0299': 'B', '\u029c': 'H', '\u029f': 'L', '\ua730': 'F', '\ua731': 'S', '\u0262': 'G',
  '\u00f8': 'o', '\u00d8': 'O', '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D', '\u0127': 'h', '\u0167': 't',
};

/**
 * Cyrillic, Greek and other letters that look like Latin ones. Applied only inside words that already
 * contain a Latin letter or consist of look-alikes only, so real Russian or Greek words stay as they are.
 */
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
  'ь': 'b', 'і': 'i', 'ї': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'ɡ': 'g', 'џ': 'u', 'п': 'n',
  'А': 'A', 'В': 'B', 'Е': 'E', 'Ё': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X',
  'І': 'I', 'Ї': 'I', 'Ј': 'J', 'Ѕ': 'S', 'Ԁ': 'D', 'Ԛ': 'Q', 'Ԝ': 'W', 'Һ': 'H', 'Ӏ': 'I', 'Ь': 'b',
  // Greek
  'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w', 'ς': 's',
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
  // Armenian and others often used in look-alike domains and words
  'օ': 'o', 'ս': 'u', 'ց': 'g', 'հ': 'h', 'ո': 'n', 'ա': 'w', 'Ꭺ': 'A', 'Ꭼ': 'E', 'Ꮋ': 'H', 'Ꭵ': 'i', 'Ꮃ': 'W', 'Ꮪ': 'S', 'Ꭲ': 'T',
};

const LATIN_LETTER = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

const COMBINING_MARK_ONE = /^\p{M}$/u;

/**
 * Plain form of one non-ASCII code point (cached): NFKD, marks dropped, punctuation folded;
 * null for a combining mark (it belongs to the character before it).
 */
const foldCache = new Map<number, string | null>();

function foldCodePoint(cp: number, ch: string): string | null {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out: string | null;
  const direct = PUNCTUATION_FOLD[ch];
  if (direct !== undefined) out = direct;
  else if ((cp >= 0x300 && cp <= 0x36f) || COMBINING_MARK_ONE.test(ch)) out = null;
  else if (cp >= 0x1f150 && cp <= 0x1f169) out = String.fromCharCode(65 + cp - 0x1f150); // negative circled capitals
  else if (cp >= 0x1f170 && cp <= 0x1f189) out = String.fromCharCode(65 + cp - 0x1f170); // negative squared capitals
  else {
    const decomposed = ch.normalize('NFKD').replace(COMBINING_MARK, '');
    // NFKD may produce characters that themselves fold (e.g. a compatibility quote).
    let folded = '';
    for (const c of decomposed) folded += PUNCTUATION_FOLD[c] ?? c;
    out = folded;
  }
  if (foldCache.size < 50_000) foldCache.set(cp, out);
  return out;
}

function lowerUnit(c: string): string {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

/** Normalizes `original`; linear in its length. */
export function normalizeText(original: string): NormalizedText {
  // Fast path: printable ASCII needs no character-level work (the tokenizer still handles l33t and spacing).
  let ascii = true;
  for (let i = 0; i < original.length; i++) {
    if (original.charCodeAt(i) > 0x7e) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const n = original.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    return { original, plain: original, folded: original.toLowerCase(), starts, ends };
  }

  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let sawNonLatinLetter = false;
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const end = i + width;
    if (cp < 0x80) {
      out.push(original[i]);
      starts.push(i);
      ends.push(end);
    } else if (isInvisible(cp)) {
      // dropped: it produced no visible character
    } else {
      const ch = width === 2 ? original.slice(i, end) : original[i];
      const folded = foldCodePoint(cp, ch);
      if (folded === null) {
        // An accent or overlay belongs to the letter before it.
        if (ends.length > 0) ends[ends.length - 1] = end;
      } else {
        for (let k = 0; k < folded.length; k++) {
          out.push(folded[k]);
          starts.push(i);
          ends.push(end);
          if (!sawNonLatinLetter && folded.charCodeAt(k) >= 0x370 && HOMOGLYPHS[folded[k]] !== undefined) sawNonLatinLetter = true;
        }
      }
    }
    i = end;
  }
  if (sawNonLatinLetter) replaceHomoglyphs(out);
  const plainUnits = out.join('');
  const foldedParts: string[] = new Array(plainUnits.length);
  for (let i = 0; i < plainUnits.length; i++) {
    const c = plainUnits[i];
    const code = c.charCodeAt(0);
    foldedParts[i] = code < 0x80 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c) : lowerUnit(c);
  }
  return { original, plain: plainUnits, folded: foldedParts.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Inside each run of letters: if the run has a Latin letter, or every letter in it has a Latin
 * look-alike, replace the look-alikes (one code unit for one, so offsets do not move).
 */
function replaceHomoglyphs(units: string[]): void {
  let i = 0;
  while (i < units.length) {
    if (!isLetterUnit(units[i])) {
      i++;
      continue;
    }
    let j = i;
    let latin = false;
    let allMappable = true;
    let anyMappable = false;
    while (j < units.length && isLetterUnit(units[j])) {
      const u = units[j];
      if (HOMOGLYPHS[u] !== undefined) anyMappable = true;
      else if (u.charCodeAt(0) < 0x250 || LATIN_LETTER.test(u)) latin = true;
      else allMappable = false;
      j++;
    }
    if (anyMappable && (latin || allMappable)) {
      for (let k = i; k < j; k++) {
        const m = HOMOGLYPHS[units[k]];
        if (m !== undefined) units[k] = m;
      }
    }
    i = j;
  }
}

function isLetterUnit(u: string): boolean {
  const c = u.charCodeAt(0);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // Lone surrogates (astral letters that did not fold) are treated as non-letters.
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER.test(u);
}
