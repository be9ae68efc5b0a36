import { describe, expect, it } from 'vitest';

import { isOptOutInstruction, mentionsMarketing, optOutSuggestion, replyKeyword } from '../../../src/facts/signals/words.js';

describe('opt-out instructions, in the template language', () => {
  it.each([
    ['Reply STOP to opt out', 'en_US'],
    ['Text STOP to stop these offers', 'en_GB'],
    ['Responde BAJA para no recibir más ofertas', 'es_MX'],
    ['Para darte de baja, responde a este mensaje', 'es'],
    ['Responda SAIR para não receber mais ofertas', 'pt_BR'],
    ['Envie PARAR', 'pt_PT'],
    ['Répondez STOP pour ne plus recevoir nos offres', 'fr'],
    ['Antworte STOPP, um dich abzumelden', 'de'],
    ['Balas BERHENTI untuk berhenti berlangganan', 'id'],
  ])('finds the footer %j (%s)', (text, language) => {
    expect(isOptOutInstruction(text, 'footer', language)).toBe(true);
  });

  it('finds opt-out quick replies', () => {
    expect(isOptOutInstruction('Stop promotions', 'button', 'en_US')).toBe(true);
    expect(isOptOutInstruction('STOP', 'button', 'en_US')).toBe(true);
    expect(isOptOutInstruction('Detener promociones', 'button', 'es')).toBe(true);
    expect(isOptOutInstruction('Parar promoções', 'button', 'pt_BR')).toBe(true);
    expect(isOptOutInstruction('Shop now', 'button', 'en_US')).toBe(false);
  });

  it('needs a reply verb before a capitalised keyword in a body (capitals are often shouting)', () => {
    expect(isOptOutInstruction("Don't STOP now: 50% off!", 'body', 'en_US')).toBe(false);
    expect(isOptOutInstruction('New offers every week. Reply STOP to end them.', 'body', 'en_US')).toBe(true);
    expect(isOptOutInstruction('NON-STOP DEALS all weekend', 'footer', 'en_US')).toBe(false);
  });

  it('wants the instruction in the template language (a Portuguese template with an English sentence is not understood)', () => {
    expect(isOptOutInstruction('Click below to unsubscribe', 'footer', 'pt_BR')).toBe(false);
    expect(isOptOutInstruction('Click below to unsubscribe', 'footer', 'en_US')).toBe(true);
    // A language without word lists is checked against all of them.
    expect(isOptOutInstruction('Reply STOP to unsubscribe', 'footer', 'he')).toBe(true);
  });

  it('suggests wording in the template language', () => {
    expect(optOutSuggestion('pt_BR')).toMatch(/Responda SAIR/);
    expect(optOutSuggestion('ja')).toMatch(/Reply STOP/);
  });
});

describe('STOP and START replies', () => {
  it('counts only a bare keyword, not a sentence that contains one', () => {
    expect(replyKeyword('STOP')).toBe('stop');
    expect(replyKeyword(' Stop. ')).toBe('stop');
    expect(replyKeyword('Parar')).toBe('stop');
    expect(replyKeyword('arrêt')).toBe('stop');
    expect(replyKeyword('Stop promotions')).toBe('stop');
    expect(replyKeyword('please stop sending me this')).toBeUndefined();
    expect(replyKeyword('START')).toBe('start');
    expect(replyKeyword('Thanks, got it')).toBeUndefined();
  });
});

describe('marketing consent in an opt-in wording', () => {
  it('recognises offers, promotions and news in six languages', () => {
    expect(mentionsMarketing('Yes, send me offers from Acme on WhatsApp')).toBe(true);
    expect(mentionsMarketing('Quiero recibir promociones de Acme por WhatsApp')).toBe(true);
    expect(mentionsMarketing('Quero receber novidades e promoções da Acme')).toBe(true);
    expect(mentionsMarketing("J'accepte de recevoir les offres d'Acme")).toBe(true);
    expect(mentionsMarketing('Ich möchte Angebote von Acme erhalten')).toBe(true);
    expect(mentionsMarketing('Saya ingin menerima promo dari Acme')).toBe(true);
  });

  it('does not read service consent as marketing consent', () => {
    expect(mentionsMarketing('Send me order updates from Acme Retail Ltd on WhatsApp')).toBe(false);
    expect(mentionsMarketing('Send me membership and billing notices from Acme Retail Ltd on WhatsApp')).toBe(false);
  });
});
