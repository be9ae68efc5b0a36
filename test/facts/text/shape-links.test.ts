import { describe, expect, it } from 'vitest';

import { linkFacts } from '../../../src/facts/text/link-facts.js';
import { findLinks, isIpHost, registrableDomain, shortenerDomains, shortenerOf } from '../../../src/facts/text/links.js';
import { shapeFacts } from '../../../src/facts/text/shape.js';
import { bodyTemplate, compute, list } from './helpers.js';

const shape = (body: string, thresholds: Record<string, number> = {}, extra = '') => compute(shapeFacts, bodyTemplate(body, 'en_US', extra), thresholds);
const links = (body: string, extra = '') => compute(linkFacts, bodyTemplate(body, 'en_US', extra));
const texts = (value: unknown) => list(value).map((m) => m.text);

describe('shouting', () => {
  it('finds runs of three or more words in capitals, one-letter words continuing them', () => {
    expect(texts(shape('Hurry up and WIN A FREE TRIP to Bali with your family, or THE BIG prize').shouting)).toEqual(['WIN A FREE TRIP']);
    expect(list(shape('WIN A FREE TRIP to Bali').shouting)[0].detail).toBe('3 words in a row in capitals');
  });

  it('flags a component mostly in capitals as a whole', () => {
    const f = shape('YOUR ORDER HAS SHIPPED AND WILL ARRIVE friday');
    expect(list(f.shouting).map((m) => [m.text, m.kind])).toEqual([['YOUR ORDER HAS SHIPPED AND WILL ARRIVE friday', 'component']]);
    expect(f.capsShare).toBe(0.84);
  });

  it('flags spam words in capitals, fancy capitals included', () => {
    expect(list(shape('Get a FREE gift, act now').shouting).map((m) => [m.text, m.kind])).toEqual([['FREE', 'word']]);
    expect(list(shape('Offer inside, CLICK HERE to see it').shouting).map((m) => [m.text, m.kind])).toEqual([['CLICK HERE', 'word']]);
    expect(texts(shape('𝐁𝐈𝐆 𝐒𝐀𝐋𝐄 𝐓𝐎𝐃𝐀𝐘 in store').shouting)).toEqual(['𝐁𝐈𝐆 𝐒𝐀𝐋𝐄 𝐓𝐎𝐃𝐀𝐘']);
  });

  it('leaves acronyms and sentence case alone, and follows configured thresholds', () => {
    expect(shape('Your PIN for the ATM was changed by SMS.').shouting).toEqual([]);
    expect(texts(shape('Your PIN ATM card was sent', { 'phrasing.capsRunWords': 2 }).shouting)).toEqual(['PIN ATM']);
  });
});

describe('punctuation, emoji and currency', () => {
  it('finds runs of ! and ?, fullwidth and combined marks included', () => {
    const f = shape('Sale!!! Really?! Yes! Now ！！ and ‼ ¿Qué? ¡Ven!');
    expect(list(f.punctuationRuns).map((m) => [m.text, m.marks])).toEqual([
      ['!!!', 3],
      ['?!', 2],
      ['！！', 2],
      ['‼', 2],
    ]);
  });

  it('finds emoji runs and crowded components, but not text symbols', () => {
    expect(list(shape('Our summer party starts 🎉🔥 💸 tonight at the beach bar next to the old harbour 🎉').emojiRuns).map((m) => [m.text, m.count])).toEqual([['🎉🔥 💸', 3]]);
    expect(list(shape('🔥 a 🔥 b 🔥 c 🔥 d 🔥 e 🔥').emojiRuns).map((m) => m.kind)).toEqual(['crowded']);
    expect(shape('Acme™ © ® 2025').emojiCount).toBe(0);
    expect(shape('Flag 🇬🇧 and family 👨‍👩‍👧 and thumbs 👍🏽').emojiCount).toBe(3);
  });

  it('finds stacked currency symbols and money emoji', () => {
    expect(texts(shape('Save $$$ now, € € € and 💰💸, but $20 is fine').currencyStacks)).toEqual(['$$$', '€ € €', '💰💸']);
  });
});

describe('too generic', () => {
  it('flags bodies that are mostly parameters', () => {
    const f = shape('Hi {{1}}, {{2}}');
    expect(list(f.tooGeneric).map((m) => [m.text, m.params, m.words])).toEqual([['Hi {{1}}, {{2}}', 2, 1]]);
    expect(f.bodyParameterShare).toBe(0.67);
    expect(shape('Your order {{1}} is confirmed; expect delivery on {{2}}.').tooGeneric).toEqual([]);
    expect(shape('Congratulations!').tooGeneric).toEqual([]);
  });
});

describe('links', () => {
  it('finds links with and without a scheme, and trims sentence punctuation', () => {
    expect(findLinks('See https://acme.example/a?b=1. Or www.acme.com, bit.ly/x! Or acme.com.').map((l) => [l.url, l.host, l.scheme])).toEqual([
      ['https://acme.example/a?b=1', 'acme.example', 'https'],
      ['www.acme.com', 'www.acme.com', ''],
      ['bit.ly/x', 'bit.ly', ''],
      ['acme.com', 'acme.com', ''],
    ]);
    expect(findLinks('e.g. this, file.pdf, Mr.Smith and v1.2.3.4')).toEqual([]);
  });

  it('knows about 200 shortener domains, subdomains included', () => {
    expect(shortenerDomains().size).toBeGreaterThan(180);
    expect(shortenerOf('go.bit.ly')).toBe('bit.ly');
    expect(shortenerOf('acme.example')).toBeUndefined();
    expect(texts(links('Deals: https://bit.ly/x and tinyurl.com/y and https://acme.example').shortenerLinks)).toEqual(['https://bit.ly/x', 'tinyurl.com/y']);
  });

  it('finds http links and raw IP addresses in all their forms', () => {
    const f = links('http://acme.example/a https://203.0.113.7/x 198.51.100.2/login http://[2001:db8::1]/ http://3405803783/ https://0xC0A80001/');
    expect(texts(f.insecureLinks)).toEqual(['http://acme.example/a', 'http://[2001:db8::1]/', 'http://3405803783/']);
    expect(list(f.ipLinks).map((m) => m.host)).toEqual(['203.0.113.7', '198.51.100.2', '[2001:db8::1]', '3405803783', '0xc0a80001']);
    expect(isIpHost('999.1.1.1')).toBe(false);
  });

  it('finds links whose shown domain is not where they go', () => {
    const f = links(
      'A [acme.com](https://evil.example/pay) B https://acme.com@evil.example/x C https://acme.com.login.evil.example/ D https://аcme.com/ E acme.com (https://evil.example/) F [acme.com](https://www.acme.com/ok)',
    );
    expect(list(f.hiddenLinkDomains).map((m) => [m.text, m.shown, m.host])).toEqual([
      ['[acme.com](https://evil.example/pay)', 'acme.com', 'evil.example'],
      ['https://acme.com@evil.example/x', 'acme.com', 'evil.example'],
      ['https://acme.com.login.evil.example/', 'acme.com', 'acme.com.login.evil.example'],
      ['https://аcme.com/', 'acme.com', 'аcme.com'],
      ['acme.com (https://evil.example/)', 'acme.com', 'evil.example'],
    ]);
  });

  it('checks URL button labels against their URL', () => {
    const buttons = '  - type: BUTTONS\n    buttons:\n      - { type: URL, text: "acme.com", url: "https://pay-acme.example/{{1}}" }\n      - { type: URL, text: "shop.acme.com", url: "https://www.acme.com/shop" }\n';
    const f = links('Pay your bill', buttons);
    expect(list(f.hiddenLinkDomains).map((m) => [m.path, m.text, m.host])).toEqual([['/components/1/buttons/0/text', 'acme.com', 'pay-acme.example']]);
    expect(texts(f.links)).toEqual(['acme.com', 'https://pay-acme.example/', 'shop.acme.com', 'https://www.acme.com/shop']);
  });

  it('knows registrable domains of common two-level suffixes', () => {
    expect(registrableDomain('news.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('a.b.acme.com')).toBe('acme.com');
    expect(registrableDomain('shop.acme.co.id')).toBe('acme.co.id');
  });
});
