import { describe, expect, it } from 'vitest';

import { lexiconMatcher, readLexicon, wordListProblems, SPAM_CATEGORIES } from '../../../src/facts/text/lexicon.js';
import { PhraseMatcher, selectHits } from '../../../src/facts/text/phrase-matcher.js';
import { spamPhraseFacts } from '../../../src/facts/text/spam-phrases.js';
import { analyze } from '../../../src/facts/text/analysis.js';
import { bodyTemplate, compute, list } from './helpers.js';

const phrases = (body: string, language = 'en_US') => list(compute(spamPhraseFacts, bodyTemplate(body, language)).spamPhrases);
const found = (body: string, language = 'en_US') => phrases(body, language).map((m) => `${m.text}=${m.phrase}${m.readsAs}`);

describe('lexicons', () => {
  it('every lexicon entry of the six languages is valid and compiles', () => {
    for (const language of ['en', 'es', 'pt', 'fr', 'de', 'id']) {
      const entries = readLexicon(language);
      expect(entries.length, language).toBeGreaterThan(100);
      expect(lexiconMatcher(language).entries.length).toBe(entries.length);
      for (const category of SPAM_CATEGORIES) expect(entries.some((e) => e.category === category), `${language} ${category}`).toBe(true);
    }
    expect(wordListProblems()).toEqual([]);
  });
});

describe('spam phrases', () => {
  it('matches inflected forms through the stemmer', () => {
    expect(found('Guaranteed results, and our guarantees hold. GUARANTEE!')).toEqual([
      'Guaranteed results=guaranteed results',
      'guarantees=guarantee',
      'GUARANTEE=guarantee',
    ]);
    expect(found('Ganancias garantizadas cada mes', 'es_MX')).toEqual(['Ganancias garantizadas=ganancias garantizadas']);
    expect(found('Vous avez gagné un voyage', 'fr')).toEqual(['Vous avez gagné=vous avez gagné']);
  });

  it('reads through l33t digits, spacing, dots, invisible characters, look-alikes and fancy letters', () => {
    expect(found('Get fr33 c4sh now')).toEqual(['fr33 c4sh=free cash (free cash)']);
    expect(found('F R E E  C A S H today')).toEqual(['F R E E  C A S H=free cash (free cash)']);
    expect(found('Get F R E E C A S H today')).toEqual(['F R E E C A S H=free cash (free cash)']);
    expect(found('f.r.e.e money')).toEqual(['f.r.e.e money=free money (free money)']);
    expect(found('fr\u200bee cash')).toEqual(['fr\u200bee cash=free cash (free cash)']);
    expect(found('frее cаsh')).toEqual(['frее cаsh=free cash (free cash)']);
    expect(found('𝐟𝐫𝐞𝐞 𝐜𝐚𝐬𝐡 inside')).toEqual(['𝐟𝐫𝐞𝐞 𝐜𝐚𝐬𝐡=free cash (free cash)']);
    expect(found('c1ick h3re')).toEqual(['c1ick h3re=click here (click here)']);
    expect(found('claim your prizeeeee')).toEqual(['claim your prizeeeee=claim your prize (claim your prize)']);
  });

  it('reports the exact original characters', () => {
    const body = 'Hi! Act\u00a0NOW: 𝐟𝐫𝐞𝐞 𝐜𝐚𝐬𝐡.';
    for (const m of phrases(body)) expect(body.slice(m.start, m.end)).toBe(m.text);
    const [first, second] = phrases(body);
    expect(first.text).toBe('Act\u00a0NOW');
    expect(second.start).toBe(body.indexOf('𝐟'));
    expect(second.end).toBe(body.indexOf('.'));
  });

  it('finds near misses of long words with Jaro-Winkler, and not of look-alike real words', () => {
    const near = phrases('Congratulaitons on your order');
    expect(near.map((m) => [m.text, m.phrase, m.similarity])).toEqual([['Congratulaitons', 'congratulations', 0.987]]);
    expect(near[0].readsAs).toBe(" (close to 'congratulations')");
    expect(phrases('Our winter collection is in store')).toEqual([]);
    expect(phrases('Our wonderful discounts')).toEqual([]);
  });

  it('does not run phrases across sentences or blank lines, but does across a wrapped line', () => {
    expect(found('Act. Now you can order.')).toEqual([]);
    expect(found('Please act\n\nnow we open')).toEqual([]);
    expect(found('Please act\nnow, doors open')).toEqual(['act\nnow=act now']);
  });

  it('keeps parameters and links out of phrases, but steps over one between words', () => {
    expect(found('See https://acme.example/act-now and act-now.example.com')).toEqual([]);
    expect(found('Act {{1}} now')).toEqual(['Act {{1}} now=act now']);
    expect(found('Call 0800 542 0578 now!')).toEqual(['Call 0800 542 0578 now=call now']);
    expect(found('Call 0800 542 0578 or 0800 1 now')).toEqual([]);
  });

  it('reports mild phrases and hype words only beside a real spam phrase', () => {
    expect(found('Free shipping on all orders')).toEqual([]);
    expect(found('FREE delivery this weekend')).toEqual([]);
    expect(found('Free shipping, and you have won a prize')).toEqual(['Free shipping=free shipping', 'you have won=you have won', 'prize=prize']);
  });

  it('groups matches by category', () => {
    const facts = compute(spamPhraseFacts, bodyTemplate('Dear friend, act now: claim your prize!'));
    expect(list(facts.fakeFamiliarityPhrases).map((m) => m.text)).toEqual(['Dear friend']);
    expect(list(facts.urgencyPhrases).map((m) => m.text)).toEqual(['act now']);
    expect(list(facts.prizePhrases).map((m) => m.text)).toEqual(['claim your prize']);
    expect(facts.spamPhraseCategories).toBe(3);
  });

  it('matches each language with its own lexicon and stemmer', () => {
    expect(found('Herzlichen Glückwunsch, Sie haben gewonnen', 'de_DE')).toEqual(['Herzlichen Glückwunsch=herzlichen glückwunsch', 'Sie haben gewonnen=sie haben gewonnen']);
    expect(found('Parabéns, você ganhou', 'pt_BR')).toEqual(['Parabéns=parabéns', 'você ganhou=você ganhou']);
    expect(found('Klaim hadiah sekarang juga', 'id')).toEqual(['Klaim hadiah=klaim hadiah']);
    expect(found("De l'argent facile", 'fr_FR')).toEqual(['argent facile=argent facile']);
  });
});

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher(
    [
      { phrase: 'free cash', weight: 5, payload: 'a' },
      { phrase: 'cash', weight: 1, payload: 'b' },
      { phrase: '100% free', weight: 3, payload: 'c' },
      { phrase: 'risk-free', weight: 3, payload: 'd' },
    ],
    'en',
  );
  const run = (text: string) => {
    const a = analyze({ role: 'body', path: '/x', text }, 'en');
    return selectHits(matcher, matcher.findAll(a), a.tokens.length).map((h) => matcher.entries[h.entry].payload);
  };

  it('chooses the non-overlapping matches with the largest total weight', () => {
    expect(run('100% free cash')).toEqual(['a']);
    expect(run('100% free money and cash')).toEqual(['c', 'b']);
  });

  it('also matches hyphenated entries written as one word', () => {
    expect(run('riskfree and risk free and risk-free')).toEqual(['d', 'd', 'd']);
  });
});
