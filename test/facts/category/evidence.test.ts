import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { locate } from '../../../src/documents/locate.js';
import { parseSource, type LintDocument } from '../../../src/documents/parse.js';
import { sourceFromText } from '../../../src/documents/source.js';
import { collectEvidence, collectOtpEvidence, type CategoryEvidence } from '../../../src/facts/category/evidence.js';
import { allPhraseGroups, isWordBoundaryMatch, lowerCaseSameLength, phraseRegex } from '../../../src/facts/category/lexicon.js';
import { builtinFacts } from '../../../src/facts/index.js';
import { readAndParse } from '../../../src/lint.js';
import type { TextMatch } from '../../../src/types.js';
import { buildWorkspace } from '../../../src/workspace.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const registry = builtinFacts();

function factsOf(doc: LintDocument) {
  return registry.factsFor(doc, { workspace: buildWorkspace(ROOT, [doc]), now: new Date('2026-11-26T12:00:00Z'), thresholds: {} });
}

function evidence(text: string, language = 'en'): CategoryEvidence {
  return collectEvidence([{ role: 'body', path: '/components/0/text', text }], language);
}

const texts = (ms: readonly { text: string }[]) => ms.map((m) => m.text);

describe('evidence positions', () => {
  let doc: LintDocument;
  beforeAll(async () => {
    const parsed = await readAndParse(path.join(ROOT, 'fixtures/templates/shipping_with_coupon.yaml'), ROOT);
    doc = parsed.documents[0];
  });

  it("finds '20% off' and the coupon code at their exact line and column inside a block scalar", () => {
    const marketing = factsOf(doc).get('marketingEvidence') as TextMatch[];
    const located = marketing.map((m) => ({ text: m.text, ...locate(doc, m.path, { start: m.start, end: m.end }) }));
    // Line 10 of the fixture is "      Thanks for shopping with us! Take 20% off your next order: use code SAVE20 at checkout."
    expect(located).toEqual([
      { text: 'Thanks for shopping', line: 10, column: 7, endLine: 10, endColumn: 26 },
      { text: '20% off your next order', line: 10, column: 41, endLine: 10, endColumn: 64 },
      { text: 'use code SAVE20', line: 10, column: 66, endLine: 10, endColumn: 81 },
    ]);
  });

  it('quotes the evidence with line and column in the marketing message fact', () => {
    expect(factsOf(doc).get('marketingQuotes')).toBe(
      "'Thanks for shopping' (line 10, col 7), '20% off your next order' (line 10, col 41), 'use code SAVE20' (line 10, col 66) (thank-you note, discount, next-purchase incentive, coupon code)",
    );
  });

  it('locates evidence inside a JSON string with escapes', () => {
    const json = '{"name":"t","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Order \\"{{1}}\\" shipped.\\nUse code SAVE20 for 20% off!"}]}';
    const parsed = parseSource(sourceFromText(json, path.join(ROOT, 'virtual/t.json'), ROOT));
    const d = parsed.documents[0];
    const marketing = factsOf(d).get('marketingEvidence') as TextMatch[];
    const coupon = marketing.find((m) => m.text.startsWith('Use code'))!;
    const span = locate(d, coupon.path, { start: coupon.start, end: coupon.end });
    expect(json.slice(span.column - 1, span.endColumn - 1)).toBe('Use code SAVE20');
  });

  it('points at a marketing component (limited-time offer) when the text itself is plain', () => {
    const yaml = [
      'name: offer',
      'language: en_US',
      'category: UTILITY',
      'components:',
      '  - type: LIMITED_TIME_OFFER',
      '    limited_time_offer: { text: "Your order", has_expiration: true }',
      '  - type: BODY',
      '    text: "Your order {{1}} is ready."',
    ].join('\n');
    const d = parseSource(sourceFromText(yaml, path.join(ROOT, 'virtual/o.yaml'), ROOT)).documents[0];
    const marketing = factsOf(d).get('marketingEvidence') as TextMatch[];
    expect(marketing.map((m) => [m.text, m.path])).toContainEqual(['LIMITED_TIME_OFFER', '/components/0/type']);
  });
});

describe('evidence phrases', () => {
  it('finds offers, prices and coupon codes in Spanish and Portuguese', () => {
    expect(texts(evidence('Tu pedido {{1}} ya va en camino. Con el código VUELVE15 tienes un 15 % de descuento en tu próxima compra.', 'es').marketing)).toEqual([
      'Con el código VUELVE15',
      '15 % de descuento',
      'en tu próxima compra',
    ]);
    expect(texts(evidence('Sua fatura está disponível. Ganhe R$ 10 de desconto pagando pelo app!', 'pt').marketing)).toEqual(['Ganhe', 'R$ 10 de desconto']);
  });

  it('reads "use code 123456 to sign in" as a one-time code, not a coupon', () => {
    const ev = evidence('Use code {{1}} to sign in. Do not share this code.');
    expect(texts(ev.otp)).toEqual(['Use code {{1}} to sign', 'Do not share this code']);
    expect(ev.marketing).toEqual([]);
  });

  it('does not take tracking numbers, barcodes or fraud warnings for one-time codes', () => {
    expect(evidence('Seu pedido {{1}} foi postado. Código de rastreio: {{2}}.', 'pt').otp).toEqual([]);
    expect(evidence('Tracking code: {{1}}. Your parcel arrives on {{2}}.').otp).toEqual([]);
    expect(evidence('Beware of scams: we will never ask for your PIN or password by message.').otp).toEqual([]);
  });

  it('treats a survey about this order as utility and a generic survey as marketing', () => {
    expect(evidence('You chatted with us about order {{1}}. How did we do? Short survey: {{2}}').marketing).toEqual([]);
    expect(evidence('How do you feel about online banking? Take our quick survey: {{1}}').marketing.map((m) => m.kind)).toContain('survey');
  });

  it('matches whole words only', () => {
    expect(evidence('The wholesale price list for account {{1}} is attached.').marketing.map((m) => m.text)).not.toContain('sale');
    expect(evidence('Salesforce case {{1}} was updated.').marketing).toEqual([]);
  });

  it('does not run English lists on Spanish text, where "sale" is a verb', () => {
    expect(evidence('Tu vuelo sale a las {{1}} desde la puerta {{2}}.', 'es').marketing).toEqual([]);
  });

  it('merges overlapping phrases into one span that keeps every kind', () => {
    const [m] = evidence('Enjoy 10% off your next purchase.').marketing;
    expect(m.text).toBe('10% off your next purchase');
    expect(m.kinds).toEqual(['discount', 'next-purchase']);
  });
});

describe('unclear content', () => {
  it.each([
    ['{{1}}', 'only-parameters'],
    ['  {{1}} {{2}} 🎉  ', 'only-parameters'],
    ['Congratulations!', 'only-greeting'],
    ['¡Felicidades, {{1}}!', 'only-greeting'],
    ['Parabéns, {{1}}!', 'only-greeting'],
    ['Hi {{1}}, we have an update for you. Click here: {{2}}', 'vague-teaser'],
  ])('%j is unclear (%s)', (text, reason) => {
    expect(evidence(text, 'en').unclear).toBe(reason);
  });

  it.each(['Hi {{1}}, your order {{2}} has shipped.', '{{1}} is your verification code.', 'We have an update for you about order {{1}}: it ships tomorrow.'])('%j is clear', (text) => {
    expect(evidence(text).unclear).toBe('');
  });

  it('points at the whole body without its surrounding whitespace', () => {
    const ev = evidence('  {{1}}  ');
    expect(ev.unclearMatches).toEqual([{ path: '/components/0/text', start: 2, end: 7, text: '{{1}}', role: 'body' }]);
  });
});

describe('lexicon', () => {
  it('compiles every phrase group, all written in lower case', () => {
    const groups = allPhraseGroups();
    expect(groups.length).toBeGreaterThan(150);
    for (const g of groups) expect(g.re.flags).toBe('g');
  });

  it('refuses a phrase with an upper-case letter (it could never match lower-cased text)', () => {
    expect(() => phraseRegex(['Black Friday'])).toThrow(/upper-case/);
  });

  it('lower-cases without changing the length, so offsets still point into the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const lower = lowerCaseSameLength(s);
        expect(lower.length).toBe(s.length);
      }),
    );
    expect(lowerCaseSameLength('İSTANBUL %20 OFF')).toBe('İstanbul %20 off');
  });

  it('checks word boundaries around a match, including letters outside ASCII', () => {
    expect(isWordBoundaryMatch('promoção', 0, 5)).toBe(false);
    expect(isWordBoundaryMatch('a promo!', 2, 7)).toBe(true);
    expect(isWordBoundaryMatch('épromo', 1, 6)).toBe(false);
  });

  it.each([
    ['digits', '7'.repeat(8_000)],
    ['letters and hyphens', 'a-'.repeat(4_000)],
    ['spaces after a number', '20' + ' '.repeat(8_000) + '%'],
    ['open braces', '{{'.repeat(4_000)],
  ])('scans a pathological run of %s without backtracking blow-up', (_, text) => {
    const started = performance.now();
    evidence(text);
    evidence(text, 'pt');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('scans a long text in linear time', () => {
    const long = 'your order {{1}} '.repeat(2000) + 'use code SAVE20';
    const started = performance.now();
    const ev = evidence(long);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ev.utility.length).toBeGreaterThan(0);
  });
});

describe('one-time-code evidence alone', () => {
  const texts = (['rules/category/corpus/en.yaml', 'rules/category/corpus/es.yaml', 'rules/category/corpus/pt.yaml', 'test/facts/category/dev-set.yaml'] as const).flatMap((f) =>
    (parseYaml(readFileSync(path.join(ROOT, f), 'utf8')) as { text: string; language: string }[]).map((e) => ({ text: e.text, language: e.language })),
  );
  const scanned = (text: string) => [
    { role: 'body' as const, path: '/components/0/text', text },
    { role: 'footer' as const, path: '/components/1/text', text: 'Never share this code. Reply STOP to opt out' },
  ];

  it('finds what the whole evidence finds, and the whole evidence is the same when it reuses it', () => {
    expect(texts.length).toBeGreaterThan(500);
    let withOtp = 0;
    for (const { text, language } of texts) {
      const full = collectEvidence(scanned(text), language);
      const otp = collectOtpEvidence(scanned(text), language);
      expect(otp).toEqual(full.otp);
      expect(collectEvidence(scanned(text), language, otp)).toEqual(full);
      if (otp.length > 0) withOtp++;
    }
    expect(withOtp).toBeGreaterThan(50);
  });
});
