import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { normalizeText, originalRange } from '../../../src/facts/text/normalize.js';
import { tokenize } from '../../../src/facts/text/tokenize.js';

/** Ways to write one ASCII letter so that it still reads as that letter. */
const BOLD_a = 0x1d41a; // MATHEMATICAL BOLD SMALL A
const FULLWIDTH_a = 0xff41;
const CYRILLIC: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і' };
const disguises: ((c: string) => string)[] = [
  (c) => c,
  (c) => c.toUpperCase(),
  (c) => String.fromCodePoint(BOLD_a + c.charCodeAt(0) - 97),
  (c) => String.fromCodePoint(FULLWIDTH_a + c.charCodeAt(0) - 97),
  (c) => `${c}\u0301`, // combining acute accent
  (c) => `${c}\u0336`, // combining strike-through overlay
  (c) => `\u200b${c}`, // zero-width space before
  (c) => `${c}\u00ad`, // soft hyphen after
  (c) => CYRILLIC[c] ?? c,
];

describe('normalizeText', () => {
  it('keeps plain ASCII as it is and lower-cases the folded form', () => {
    const n = normalizeText('Act NOW!');
    expect(n.plain).toBe('Act NOW!');
    expect(n.folded).toBe('act now!');
    expect(originalRange(n, 4, 7)).toEqual([4, 7]);
  });

  it('undoes fancy letters, accents, invisible characters and look-alikes', () => {
    const text = '𝐟𝐫𝐞𝐞 ｃａｓｈ fr\u200bee gara\u0301ntía frее';
    const n = normalizeText(text);
    expect(n.folded).toBe('free cash free garantia free');
  });

  it('maps every normalized character back to the characters that produced it', () => {
    const text = 'x 𝐟𝐫𝐞𝐞';
    const n = normalizeText(text);
    const at = n.folded.indexOf('free');
    const [start, end] = originalRange(n, at, at + 4);
    expect(text.slice(start, end)).toBe('𝐟𝐫𝐞𝐞');
  });

  it('attaches combining marks to the letter before them', () => {
    const text = 'f\u0336r\u0336e\u0336e\u0336 now';
    const n = normalizeText(text);
    expect(n.folded).toBe('free now');
    expect(originalRange(n, 0, 4)).toEqual([0, 8]);
  });

  it('leaves real Cyrillic and Greek words alone', () => {
    expect(normalizeText('Привет мир').plain).toBe('Привет мир');
    expect(normalizeText('καλημέρα').plain).toBe('καλημερα');
    // A Latin word with one Cyrillic look-alike is de-obfuscated.
    expect(normalizeText('Pаypal').plain).toBe('Paypal');
  });

  it('folds apostrophe, dash and space variants', () => {
    expect(normalizeText('don’t\u00a0miss—out').plain).toBe("don't miss-out");
  });

  it('reads any disguised word as the word, with exact original ranges (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.integer({ min: 0, max: disguises.length - 1 })), { minLength: 1, maxLength: 12 }), (letters) => {
        const word = letters.map(([c]) => c).join('');
        const pieces = letters.map(([c, d]) => disguises[d](c));
        const text = `» ${pieces.join('')} «`;
        const n = normalizeText(text);
        const at = n.folded.indexOf(word);
        expect(at).toBeGreaterThanOrEqual(0);
        // Each letter maps back into the piece that disguised it.
        let offset = 2;
        letters.forEach((_, i) => {
          const [s, e] = originalRange(n, at + i, at + i + 1);
          expect(s).toBeGreaterThanOrEqual(offset);
          expect(e).toBeLessThanOrEqual(offset + pieces[i].length);
          offset += pieces[i].length;
        });
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every range inside the original, in order (property)', () => {
    const tricky = fc.constantFrom('a', 'Z', ' ', '\u200b', '\u0301', '𝐀', 'ﬁ', '½', 'İ', 'ß', 'а', 'ο', '!', '\ud83c', '\udf89', '🎉', '\u00ad', '\n', 'é', '𝟘');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(tricky, { maxLength: 30 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (s) => {
        const n = normalizeText(s);
        expect(n.folded.length).toBe(n.plain.length);
        expect(n.starts.length).toBe(n.plain.length);
        for (let i = 0; i < n.plain.length; i++) {
          expect(n.starts[i]).toBeGreaterThanOrEqual(0);
          expect(n.ends[i]).toBeGreaterThan(n.starts[i]);
          expect(n.ends[i]).toBeLessThanOrEqual(s.length);
          if (i > 0) expect(n.starts[i]).toBeGreaterThanOrEqual(n.starts[i - 1]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('maps every token back to original characters that produce it (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom('fr33', 'f r e e', 'f.r.e.e', 'c\u200bash', '𝐖𝐈𝐍', 'ｗｉｎ', 'gara\u0301ntía', "l'argent", 'Pаypal', '½', '!!', ' ', '\n', '{{1}}'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('en', 'fr', 'de'), (parts, language) => {
        const s = parts.join(' ');
        const n = normalizeText(s);
        for (const t of tokenize(n, { language })) {
          const [start, end] = originalRange(n, t.start, t.end);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(s.length);
          expect(end).toBeGreaterThan(start);
          // Normalizing the reported original characters alone gives back the token's characters.
          expect(normalizeText(s.slice(start, end)).folded).toContain(n.folded.slice(t.start, t.end));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is linear on long inputs', () => {
    const long = 'ｆｒｅｅ 𝐜𝐚𝐬𝐡 '.repeat(20_000);
    const started = performance.now();
    const n = normalizeText(long);
    expect(n.folded.startsWith('free cash')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('tokenize', () => {
  const words = (s: string, language = 'en') => tokenize(normalizeText(s), { language }).map((t) => [t.text, ...(t.variants ?? [])].join('|'));

  it('joins spaced and dotted letters', () => {
    expect(words('F R E E cash and f.r.e.e money, F-R-E-E')).toEqual(['free', 'cash', 'and', 'free', 'money', 'free']);
  });

  it('does not join ordinary one-letter words', () => {
    expect(words('a b are letters, e.g. this')).toEqual(['a', 'b', 'are', 'letters', 'e', 'g', 'this']);
  });

  it('offers l33t and de-stretched readings', () => {
    expect(words('fr33 c4sh w1n freeeee')).toEqual(['fr33|free', 'c4sh|cash', 'w1n|win|wln', 'freeeee|free|fre']);
  });

  it('keeps numbers whole and does not decode them', () => {
    expect(words('only 2 left: 1,000.50 off 100%')).toEqual(['only', '2', 'left', '1,000.50', 'off', '100', '%']);
  });

  it('splits French elisions and drops English apostrophes', () => {
    expect(words("l'argent facile", 'fr')).toEqual(['l', 'argent', 'facile']);
    expect(words("don't miss out", 'en')).toEqual(['dont', 'miss', 'out']);
  });

  it('marks sentence breaks and keeps blocked ranges opaque', () => {
    const s = 'Act. Now {{1}} here';
    const n = normalizeText(s);
    const tokens = tokenize(n, { language: 'en', blocked: [[9, 14]] });
    expect(tokens.map((t) => [t.kind, t.text, t.breakBefore])).toEqual([
      ['word', 'act', false],
      ['word', 'now', true],
      ['blocked', '', false],
      ['word', 'here', false],
    ]);
  });

  it('keeps "Hurry!now" two words but reads w!n as win', () => {
    expect(words('Hurry!Now w!n')).toEqual(['hurry', 'now', 'w!n|win|wln']);
  });
});
