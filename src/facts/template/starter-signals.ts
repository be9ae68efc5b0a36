import { templateShape } from './components.js';
import { findAll } from '../text/matches.js';
import type { FactProvider } from '../registry.js';

// Starter signals that prove the path from text to located finding; the area packs grow from here.
const OTP_WORDING = /\b(?:verification code|one[- ]time (?:pass(?:word|code)|code)|OTP|security code|c[oó]digo de verifica(?:ci[oó]n|[cç][aã]o))\b/giu;
const SHOUTING_RUN = /\b[A-Z][A-Z'’]+(?:[ \t]+[A-Z][A-Z'’]+){2,}\b/gu;
const CARD_NUMBER_REQUEST =
  /\b(?:(?:full|complete|entire|whole)\s+(?:credit\s+|debit\s+|bank\s+)?card\s+number|card\s+(?:PIN|CVV|CVC)|CVV|CVC|security\s+code\s+on\s+the\s+back)\b/giu;

export const starterSignals: FactProvider = {
  id: 'starter-signals',
  kinds: ['template'],
  facts: {
    otpWordingMatches: 'phrases that announce a one-time code (verification code, OTP, …)',
    shoutingRuns: 'runs of three or more words in capitals',
    cardNumberRequests: 'requests for a full card number, CVV or PIN',
  },
  compute(doc) {
    const texts = templateShape(doc).texts.filter((t) => t.role !== 'button-url');
    return {
      otpWordingMatches: findAll(texts, OTP_WORDING),
      shoutingRuns: findAll(texts, SHOUTING_RUN),
      cardNumberRequests: findAll(texts, CARD_NUMBER_REQUEST),
    };
  },
};
