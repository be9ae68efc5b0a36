import { describe, expect, it } from 'vitest';

import { regionOf } from '../../../src/facts/text/language.js';
import { moneyFacts } from '../../../src/facts/text/money.js';
import { bodyTemplate, compute, list } from './helpers.js';

const facts = (body: string, language = 'en_GB') => compute(moneyFacts, bodyTemplate(body, language));
const texts = (value: unknown) => list(value).map((m) => m.text);

describe('money bait', () => {
  it('finds sums of money next to prize words, in six languages', () => {
    expect(texts(facts('Your number has won £5000 in our draw.').moneyBait)).toEqual(['won £5000']);
    expect(texts(facts('A £350 award is waiting.').moneyBait)).toEqual(['£350 award']);
    expect(texts(facts('Ganaste $10,000 en el sorteo.', 'es_MX').moneyBait)).toEqual(['Ganaste $10,000']);
    expect(texts(facts('Você tem R$ 5.000 de prêmio.', 'pt_BR').moneyBait)).toEqual(['R$ 5.000 de prêmio']);
    expect(texts(facts('Un gain de 2500 € vous attend.', 'fr').moneyBait)).toEqual(['gain de 2500 €']);
    expect(texts(facts('Hauptgewinn: 1.000 Euro in bar.', 'de').moneyBait)).toEqual(['Hauptgewinn: 1.000 Euro']);
    expect(texts(facts('Selamat, hadiah Rp10.000.000 untuk Anda.', 'id').moneyBait)).toEqual(['hadiah Rp10.000.000']);
  });

  it('leaves prices, invoices and cashback alone', () => {
    expect(facts('Your invoice of £48.00 is due on 1 December.').moneyBait).toEqual([]);
    expect(facts('Ganhe 5% de cashback em compras acima de R$ 100.', 'pt_BR').moneyBait).toEqual([]);
    expect(facts('We won the award for best bakery. Cakes from £5.').moneyBait).toEqual([]);
  });
});

describe('premium numbers', () => {
  it("finds premium-rate numbers in the template's region and in international format", () => {
    const cases: [string, string, string][] = [
      ['en_GB', 'To claim, call 09061 701461 before midnight.', '09061 701461'],
      ['en_GB', 'Call 0871 2300220 quoting your code.', '0871 2300220'],
      ['en_US', 'Call 1-900-555-0199 now.', '1-900-555-0199'],
      ['es_ES', 'Llama al 806 123 456 para participar.', '806 123 456'],
      ['fr', 'Appelez le 08 99 12 34 56 pour jouer.', '08 99 12 34 56'],
      ['de', 'Rufen Sie jetzt +49 900 1 234567 an.', '+49 900 1 234567'],
      ['id', 'Hubungi 0809 1234 567 sekarang.', '0809 1234 567'],
    ];
    for (const [language, body, expected] of cases) expect(texts(facts(body, language).premiumNumbers), language).toEqual([expected]);
  });

  it('leaves ordinary, mobile and free-phone numbers alone', () => {
    expect(facts('Questions? Call us free on 0800 542 0825.').premiumNumbers).toEqual([]);
    expect(facts('Call us on +44 20 7946 0000 or 07700 900123.').premiumNumbers).toEqual([]);
    // A number inside a link is part of the link.
    expect(facts('Your parcel has shipped: https://acme.example/t/09061701461').premiumNumbers).toEqual([]);
    expect(facts('Rufen Sie uns an: +49 30 123456789.', 'de').premiumNumbers).toEqual([]);
  });

  it('finds keyword-to-short-code calls to action, but not opt-out instructions', () => {
    expect(list(facts('Text WIN to 87121 for your chance.').premiumNumbers).map((m) => [m.text, m.kind])).toEqual([['Text WIN to 87121', 'short-code']]);
    expect(texts(facts('Txt: NOKIA to No: 89545 & collect yours').premiumNumbers)).toEqual(['Txt: NOKIA to No: 89545']);
    expect(texts(facts('Ketik REG HOKI kirim ke 9090 sekarang.', 'id').premiumNumbers)).toEqual(['Ketik REG HOKI kirim ke 9090']);
    expect(facts('Reply STOP to 12345 to opt out.').premiumNumbers).toEqual([]);
  });

  it('finds prices per message or minute', () => {
    expect(texts(facts('Msgs 150p/msg, calls cost 10p per minute.').premiumNumbers)).toEqual(['150p/msg', '10p per minute']);
    expect(facts('Your plan costs £5 a month.').premiumNumbers).toEqual([]);
  });

  it('reads the region from the language code', () => {
    expect([regionOf('en_GB'), regionOf('pt-BR'), regionOf('de'), regionOf('en'), regionOf(7)]).toEqual(['GB', 'BR', 'DE', undefined, undefined]);
  });
});
