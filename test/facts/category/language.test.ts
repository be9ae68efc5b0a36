import { beforeAll, describe, expect, it } from 'vitest';

import { baseLanguage, detectableText, detectLanguage, isLanguageMismatch, loadLanguageDetector, MIN_LETTERS_FOR_DETECTION, needsTrigrams, sameLanguage } from '../../../src/facts/category/language.js';

const EN = 'Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}. You can track the parcel from your account page.';
const ES = 'Hola {{1}}, tu pedido {{2}} ya fue enviado y llegará el {{3}}. Puedes seguir el envío desde tu cuenta en la web.';
const PT = 'Olá {{1}}, seu pedido {{2}} foi enviado e deve chegar em {{3}}. Você pode acompanhar a entrega pela sua conta.';
const FR = 'Bonjour {{1}}, votre commande {{2}} a été expédiée et arrivera le {{3}}. Vous pouvez suivre le colis depuis votre compte.';
const ID = 'Halo {{1}}, pesanan Anda {{2}} sudah dikirim dan akan tiba pada {{3}}. Anda dapat melacak paket dari akun Anda.';

describe('language codes', () => {
  it('reduces Meta codes to their base', () => {
    expect(baseLanguage('pt_BR')).toBe('pt');
    expect(baseLanguage('en-US')).toBe('en');
    expect(baseLanguage('fil')).toBe('fil');
    expect(baseLanguage(undefined)).toBe('');
  });

  it('treats languages detection cannot separate as the same', () => {
    expect(sameLanguage('id', 'ms')).toBe(true);
    expect(sameLanguage('es', 'pt')).toBe(false);
  });

  it('removes parameters, links and e-mail addresses before detection', () => {
    expect(detectableText(['Track {{1}} at https://acme.example/t/{{2}} or write to help@acme.example', 'Thanks'])).toBe('Track at or write to\nThanks');
  });
});

describe('detection without franc loaded', () => {
  it('confirms the declared language from function words alone', () => {
    expect(detectLanguage(detectableText([EN]), 'en')).toMatchObject({ detected: 'en', method: 'function-words' });
    expect(detectLanguage(detectableText([ES]), 'es')).toMatchObject({ detected: 'es', method: 'function-words' });
    expect(detectLanguage(detectableText([PT]), 'pt')).toMatchObject({ detected: 'pt', method: 'function-words' });
  });

  it('does not judge a short text', () => {
    const d = detectLanguage('Your order shipped', 'es');
    expect(d.method).toBe('too-short');
    expect(d.letters).toBeLessThan(MIN_LETTERS_FOR_DETECTION);
    expect(isLanguageMismatch(d, 'es')).toBe(false);
  });

  it('says which texts need trigram statistics', () => {
    expect(needsTrigrams(detectableText([EN]), 'en')).toBe(false);
    expect(needsTrigrams(detectableText([EN]), 'es')).toBe(true);
    expect(needsTrigrams('Short one', 'es')).toBe(false);
  });
});

describe('detection with franc-min', () => {
  beforeAll(async () => {
    await loadLanguageDetector();
  });

  it.each([
    [EN, 'es', 'en'],
    [ES, 'pt', 'es'],
    [PT, 'en', 'pt'],
    [FR, 'en', 'fr'],
    [ID, 'en', 'id'],
  ])('detects a mismatch when the declared language is wrong (%#)', (text, declared, detected) => {
    const d = detectLanguage(detectableText([text]), declared);
    expect(d.method).toBe('franc');
    expect(sameLanguage(d.detected, detected), d.detected).toBe(true);
    expect(isLanguageMismatch(d, declared)).toBe(true);
  });

  it.each([
    [FR, 'fr'],
    [ID, 'id'],
    [ID, 'ms'],
  ])('accepts the right language (%#)', (text, declared) => {
    expect(isLanguageMismatch(detectLanguage(detectableText([text]), declared), declared)).toBe(false);
  });

  it('never reports a language franc cannot detect', () => {
    const d = detectLanguage(detectableText([EN]), 'xx');
    expect(isLanguageMismatch(d, 'xx')).toBe(false);
  });
});
