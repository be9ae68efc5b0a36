import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { allPhraseGroups, lowerCaseSameLength } from '../../../src/facts/category/lexicon.js';
import { requiredLiteral } from '../../../src/facts/category/phrase-guards.js';

/** Every match of a global regex, as [index, text] pairs (the way collectEvidence walks them). */
function matches(re: RegExp | undefined, text: string): [number, string][] {
  if (!re) return [];
  const out: [number, string][] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push([m.index, m[0]]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

// Words that macro-led phrases need (or nearly need), values, codes and filler, in several languages.
const WORDS = ['off', 'of', 'o', '20%', '%', '$5', '€10', '{{1}}', '{{ code }}', '482913', 'abc123', 'save20', 'is', 'your', 'the', 'login', 'code', 'pin', 'es', 'tu', 'código', 'é', 'seu', 'est', 'votre', 'ist', 'ihr', 'adalah', 'kode', 'to', 'verify', 'account', 'para', 'validar', 'cuenta', 'menos', 'de', 'volta', 'full', 'da', 'capacidade', 'order', 'hello', '\u0000'];

describe('phrase guards', () => {
  it('finds the mandatory word of a phrase led by a value or a number, and nothing when there is none', () => {
    expect(requiredLiteral('{V} off')).toBe('off');
    expect(requiredLiteral('{N} ?% (?:off|de descuento)')).toBe('%');
    expect(requiredLiteral('{V} {G6} to (?:verify|confirm) your (?:account|identity)')).toBe('your');
    expect(requiredLiteral('{V} [eé] {G4} (?:c[oó]digo|senha)')).toBeUndefined();
    expect(requiredLiteral('{D} (?:off|rabatt)')).toBeUndefined();
    expect(requiredLiteral('{C} est votre code')).toBeUndefined();
    expect(requiredLiteral('{V} offers?')).toBe('offer');
    expect(requiredLiteral('{V} off|deals')).toBeUndefined();
    expect(requiredLiteral('save {V}')).toBeUndefined();
  });

  it('scans every text to the same matches as the full regex of each group', () => {
    const groups = allPhraseGroups().filter((g) => g.regexFor('') !== g.re);
    expect(groups.length).toBeGreaterThanOrEqual(5);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }), fc.array(fc.constantFrom(' ', '  ', ', ', '\n'), { minLength: 14, maxLength: 14 }), (words, seps) => {
        const lower = lowerCaseSameLength(words.map((w, i) => w + seps[i]).join(''));
        for (const g of groups) expect(matches(g.regexFor(lower), lower)).toEqual(matches(g.re, lower));
      }),
      { numRuns: 300 },
    );
  });
});
