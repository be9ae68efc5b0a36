import { describe, expect, it } from 'vitest';

import { contentFacts } from '../../../src/facts/text/content.js';
import { readTerms, termMatcher, wordListProblems } from '../../../src/facts/text/lexicon.js';
import { bodyTemplate, compute, list } from './helpers.js';

const facts = (body: string, language = 'en_US') => compute(contentFacts, bodyTemplate(body, language));
const texts = (value: unknown) => list(value).map((m) => m.text);

describe('content term lists', () => {
  it('every term list of the six languages loads, with prohibited and regulated categories', () => {
    for (const language of ['en', 'es', 'pt', 'fr', 'de', 'id']) {
      const terms = readTerms(language);
      expect(terms.length, language).toBeGreaterThan(150);
      expect(termMatcher(language).entries.length).toBe(terms.length);
      expect(terms.some((t) => t.category.policy === 'prohibited')).toBe(true);
      expect(terms.some((t) => t.category.policy === 'regulated')).toBe(true);
    }
    expect(wordListProblems()).toEqual([]);
  });
});

describe('content facts', () => {
  it('separates prohibited from regulated goods, with the policy source', () => {
    const f = facts('Cocaine and weed delivery, plus cold beer and an online casino bonus.');
    expect(texts(f.prohibitedGoods)).toEqual(['Cocaine', 'weed delivery']);
    expect(texts(f.regulatedGoods)).toEqual(['cold beer', 'online casino']);
    expect(list(f.prohibitedGoods)[0]).toMatchObject({ category: 'drugs', policy: 'prohibited', source: 'https://business.whatsapp.com/policy' });
  });

  it('checks English terms in other languages too', () => {
    expect(texts(facts('Oferta: vape y e-liquid con 20% de descuento', 'es_MX').regulatedGoods)).toEqual(['vape', 'e-liquid']);
  });

  it('finds requests for full card and bank details in six languages', () => {
    const cases: [string, string, string][] = [
      ['en_US', 'Reply with your full card number and the CVV, {{1}}.', 'Reply with your full card number'],
      ['es_MX', 'Envíanos el número de tu tarjeta y el CVV.', 'Envíanos el número de tu tarjeta'],
      ['pt_BR', 'Informe sua senha do cartão agora.', 'Informe sua senha do cartão'],
      ['fr', 'Envoyez votre numéro de carte bancaire.', 'Envoyez votre numéro de carte bancaire'],
      ['de', 'Bitte Ihre IBAN per WhatsApp senden.', 'IBAN per WhatsApp senden'],
      ['id', 'Kirimkan nomor rekening dan PIN Anda.', 'Kirimkan nomor rekening'],
    ];
    for (const [language, body, expected] of cases) expect(texts(facts(body, language).financialDataRequests), language).toEqual([expected]);
  });

  it('accepts the last four digits, negations and the business sending', () => {
    for (const body of [
      'Your card ending in {{1}} was charged.',
      'Please confirm the last 4 digits of your card number.',
      'We will never ask you to send your PIN or OTP.',
      "Don't share your CVV with anyone.",
      "We'll send your new PIN by post.",
    ]) {
      expect(facts(body).financialDataRequests, body).toEqual([]);
    }
    expect(facts('Nunca te pediremos tu clave ni el CVV.', 'es_MX').financialDataRequests).toEqual([]);
    expect(facts('Confirma los últimos 4 dígitos de tu tarjeta.', 'es_MX').financialDataRequests).toEqual([]);
    expect(facts('Jangan berikan PIN Anda kepada siapa pun.', 'id').financialDataRequests).toEqual([]);
    expect(facts('Nous ne vous demanderons jamais votre code secret.', 'fr').financialDataRequests).toEqual([]);
  });

  it('finds requests for national ID numbers, but not for their last digits', () => {
    expect(texts(facts('Send us your SSN and date of birth.').nationalIdRequests)).toEqual(['Send us your SSN']);
    expect(texts(facts('Kirim foto KTP dan NIK Anda.', 'id').nationalIdRequests)).toEqual(['Kirim foto KTP']);
    expect(facts('Have the last 4 digits of your SSN ready.').nationalIdRequests).toEqual([]);
  });

  it('finds threats, shaming and impersonation', () => {
    const f = facts("This is the WhatsApp Security Team. If you don't pay, we will inform your employer.");
    expect(texts(f.impersonation)).toEqual(['WhatsApp Security Team']);
    expect(texts(f.threats)).toEqual(['we will inform your employer']);
    expect(texts(facts('Tomaremos acciones legales si no pagas.', 'es_MX').threats)).toEqual(['Tomaremos acciones legales']);
  });

  it('reads through obfuscation in policy terms too', () => {
    const f = facts('c0caine and w.e.e.d delivery');
    expect(list(f.prohibitedGoods).map((m) => [m.text, m.readsAs])).toEqual([
      ['c0caine', ' (cocaine)'],
      ['w.e.e.d delivery', ' (weed delivery)'],
    ]);
  });
});

describe('word-list readers', () => {
  it('read every built-in list exactly as the YAML parser does', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const { lexiconFile, termsFile } = await import('../../../src/facts/text/lexicon.js');
    const { readLexiconText, readTermsText } = await import('../../../src/facts/text/wordlist-reader.js');
    for (const language of ['en', 'es', 'pt', 'fr', 'de', 'id']) {
      const lexicon = readFileSync(lexiconFile(language), 'utf8');
      expect(readLexiconText(lexicon), language).toEqual(parse(lexicon));
      const terms = readFileSync(termsFile(language), 'utf8');
      const fast = readTermsText(terms);
      const full = parse(terms) as { language: string; categories: Record<string, unknown>[] };
      expect(fast, language).toEqual({ language: full.language, categories: full.categories.map(({ note: _note, ...c }) => c) });
    }
  });

  it('give up on layouts they do not know, so the YAML parser reads them', async () => {
    const { readLexiconText, readTermsText } = await import('../../../src/facts/text/wordlist-reader.js');
    expect(readLexiconText('language: en\nentries:\n  - phrase: act now\n    category: urgency\n    weight: 3\n')).toBeUndefined();
    expect(readTermsText('language: en\ncategories:\n  - id: x\n    policy: prohibited\n    terms:\n      - a\n')).toBeUndefined();
  });
});
