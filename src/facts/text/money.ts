/**
 * Money signals of scam copy that keyword lists miss: a sum dangled next to prize words ("won £5000",
 * "R$ 5.000 de prêmio"), premium-rate phone numbers (callback scams that bill the caller), and
 * "text KEYWORD to 87121" short-code calls to action (premium SMS subscription traps).
 * Premium-rate ranges come from libphonenumber's numbering-plan metadata (premium_rate type per
 * country), read once as JSON; the national prefix is taken from the same data.
 */
import { createRequire } from 'node:module';

import { analyze, copyTexts, memo, relocate, type AnalyzedText } from './analysis.js';
import { lexiconLanguage, regionOf } from './language.js';
import { originalRange } from './normalize.js';
import { stemmerFor } from './stem.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';
import { ObjectCache } from '../../documents/object-cache.js';

/** Words that turn a sum of money into a prize, per language (matched on stems). */
const BAIT_WORDS: Record<string, string[]> = {
  en: ['win', 'wins', 'won', 'winner', 'winning', 'prize', 'award', 'awarded', 'jackpot', 'lottery', 'sweepstake', 'claim', 'unclaimed'],
  es: ['gana', 'ganar', 'ganado', 'ganaste', 'ganador', 'premio', 'sorteo', 'lotería', 'reclama', 'reclamar', 'adjudicado'],
  pt: ['ganhe', 'ganhar', 'ganhou', 'ganhador', 'prêmio', 'premio', 'sorteio', 'loteria', 'resgate', 'resgatar'],
  fr: ['gagnez', 'gagner', 'gagné', 'gagnant', 'gain', 'gains', 'loterie', 'tirage', 'réclamez', 'cagnotte'],
  de: ['gewinnen', 'gewonnen', 'gewinner', 'gewinn', 'hauptgewinn', 'lotterie', 'verlosung', 'preisgeld', 'jackpot'],
  id: ['menang', 'menangkan', 'memenangkan', 'pemenang', 'hadiah', 'undian', 'klaim', 'jackpot'],
};

const CURRENCY_BEFORE = new Set(['usd', 'eur', 'gbp', 'inr', 'idr', 'brl', 'mxn', 'rs', 'rp', 'us', 'ngn', 'kes', 'zar', 'php', 'aud', 'cad']);
const CURRENCY_AFTER = new Set([
  'usd', 'eur', 'gbp', 'pound', 'pounds', 'quid', 'dollar', 'dollars', 'euro', 'euros', 'reais', 'real', 'peso', 'pesos', 'rupiah', 'juta', 'ribu',
  'jt', 'rb', 'rupees', 'naira', 'rand', 'cedis', 'shillings', 'idr', 'brl', 'mxn', 'inr',
]);

/** Currency written onto the number: Rp1.000.000, rs500, 50rb, 5jt, 100k. */
const GLUED_AMOUNT = /^(?:rp|rs|usd|eur|gbp|inr|idr|brl)\d[\d.,]*$|^\d[\d.,]*(?:rb|jt|juta|ribu|k|eur|usd|gbp|euros?|pounds?|dollars?)$/;

/** Verbs that tell people to text a keyword, and the words that introduce the number. */
const TEXT_VERBS = new Set(['text', 'txt', 'send', 'sms', 'reply', 'msg', 'envia', 'envie', 'manda', 'mande', 'responde', 'responda', 'escribe', 'envoyez', 'envoie', 'tapez', 'repondez', 'sende', 'senden', 'schicke', 'schicken', 'simse', 'ketik', 'kirim', 'balas']);
const TO_WORDS = new Set(['to', 'al', 'a', 'para', 'pro', 'au', 'an', 'ke']);
const NUMBER_WORDS = new Set(['no', 'nr', 'number', 'numero', 'nomor', 'nummer', 'num']);
/** Opt-out instructions are not traps ("Reply STOP to 12345"). */
const OPT_OUT = new Set(['stop', 'end', 'unsubscribe', 'cancel', 'quit', 'baja', 'sair', 'parar', 'arret', 'stopp', 'berhenti', 'unreg', 'out']);

const baitStems = new Map<string, ReadonlySet<string>>();
function baitFor(language: string): ReadonlySet<string> {
  let set = baitStems.get(language);
  if (!set) {
    const stem = stemmerFor(language);
    const words = [...(BAIT_WORDS[language] ?? []), ...(language === 'en' ? [] : BAIT_WORDS.en)];
    set = new Set(words.map((w) => stem(w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())));
    baitStems.set(language, set);
  }
  return set;
}

/** Token indexes of sums of money: a number beside a currency symbol or word (£1000, R$ 5.000, 500 euros, 5 juta). */
function amounts(a: AnalyzedText): number[] {
  const out: number[] = [];
  const t = a.tokens;
  for (let i = 0; i < t.length; i++) {
    // A glued amount has a digit, and so a word reading with a digit.
    if (t[i].kind === 'word' && hasDigits(t[i].text, 1) && GLUED_AMOUNT.test(t[i].text)) {
      out.push(i);
      continue;
    }
    if (t[i].kind !== 'number') continue;
    const prev = i > 0 && !t[i].breakBefore ? t[i - 1] : undefined;
    const next = i + 1 < t.length && !t[i + 1].breakBefore ? t[i + 1] : undefined;
    const before = prev && ((prev.kind === 'symbol' && /\p{Sc}/u.test(prev.text)) || (prev.kind === 'word' && CURRENCY_BEFORE.has(prev.text)));
    // "R$ 5.000": the R is a word before the $ symbol.
    const after = next && ((next.kind === 'symbol' && /\p{Sc}/u.test(next.text)) || (next.kind === 'word' && CURRENCY_AFTER.has(next.text)));
    if (before || after) out.push(i);
  }
  return out;
}

/** A sum of money within a few words of a prize word, in the same sentence. */
function moneyBaitIn(a: AnalyzedText, language: string): TextMatch[] {
  const sums = amounts(a);
  if (sums.length === 0) return [];
  const bait = baitFor(language);
  const out: TextMatch[] = [];
  const WINDOW = 5;
  for (const i of sums) {
    let best = -1;
    for (let d = 1; d <= WINDOW && best < 0; d++) {
      for (const j of [i - d, i + d]) {
        if (j < 0 || j >= a.tokens.length || a.tokens[j].kind !== 'word') continue;
        const lo = Math.min(i, j);
        const hi = Math.max(i, j);
        let broken = false;
        for (let k = lo + 1; k <= hi; k++) if (a.tokens[k].breakBefore) broken = true;
        if (!broken && a.stems[j].some((s) => bait.has(s))) {
          best = j;
          break;
        }
      }
    }
    if (best < 0) continue;
    // The sum with its currency ("£1000", "R$ 5.000", "500 euros"), and the prize word.
    let sumFirst = i;
    let sumLast = i;
    const t = a.tokens;
    if (i > 0 && !t[i].breakBefore && (t[i - 1].kind === 'symbol' || CURRENCY_BEFORE.has(t[i - 1].text))) {
      sumFirst = i - 1;
      // R$, US$, A$, C$, NZ$, HK$, S$: the letters belong to the dollar sign when written together.
      if (i > 1 && t[i - 1].text === '$' && t[i - 2].end === t[i - 1].start && /^(?:r|us|nt|hk|nz|s|a|c)$/.test(t[i - 2].text)) sumFirst = i - 2;
    }
    if (i + 1 < t.length && !t[i + 1].breakBefore && ((t[i + 1].kind === 'symbol' && /\p{Sc}/u.test(t[i + 1].text)) || CURRENCY_AFTER.has(t[i + 1].text))) sumLast = i + 1;
    const first = Math.min(sumFirst, best);
    const last = Math.max(sumLast, best);
    const [start, end] = originalRange(a.norm, a.tokens[first].start, a.tokens[last].end);
    if (out.some((m) => start < m.end && end > m.start)) continue;
    out.push({ path: a.source.path, start, end, text: a.source.text.slice(start, end), role: a.source.role });
  }
  return out;
}

// ── Premium-rate numbers ─────────────────────────────────────────────────────────────────────────

interface PhoneMetadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown[]>;
}

const require = createRequire(import.meta.url);
let metadata: PhoneMetadata | null | undefined;

function phoneMetadata(): PhoneMetadata | null {
  if (metadata !== undefined) return metadata;
  try {
    const m = require('libphonenumber-js/metadata.max.json') as PhoneMetadata;
    metadata = m && m.version === 4 && m.countries && m.country_calling_codes ? m : null;
  } catch {
    metadata = null;
  }
  return metadata;
}

interface Plan {
  callingCode: string;
  nationalPrefix: string;
  /** Premium-rate numbers, and personal numbers (070 in the UK), which are charged like them and used the same way. */
  premium: RegExp | null;
}

const plans = new Map<string, Plan | null>();

/** The numbering plan of a region: calling code, national prefix and premium-rate pattern. */
function planOf(region: string): Plan | null {
  if (plans.has(region)) return plans.get(region)!;
  let plan: Plan | null = null;
  const m = phoneMetadata();
  const c = m?.countries[region];
  if (Array.isArray(c) && typeof c[0] === 'string') {
    const types = Array.isArray(c[11]) ? (c[11] as unknown[]) : [];
    // types: fixed line, mobile, toll free, premium rate (3), personal number (4), …
    const pattern = (i: number) => (Array.isArray(types[i]) && typeof (types[i] as unknown[])[0] === 'string' ? ((types[i] as unknown[])[0] as string) : undefined);
    const premium = [pattern(3), pattern(4)].filter((p): p is string => p !== undefined);
    plan = { callingCode: c[0], nationalPrefix: typeof c[5] === 'string' ? c[5] : '', premium: premium.length > 0 ? new RegExp(`^(?:${premium.join('|')})$`) : null };
  }
  plans.set(region, plan);
  return plan;
}

/** Whether `text` has at least `n` ASCII digits (what \d matches). */
function hasDigits(text: string, n: number): boolean {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++found >= n) return true;
  }
  return false;
}

const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+|00)?\d(?:[ .\-()]{0,2}\d){6,16}(?![\p{N}])/gu;

/** Premium-rate numbers in a text, for the template's region (and any number written with +country code). */
function premiumNumbersIn(a: AnalyzedText, region: string | undefined): TextMatch[] {
  const text = a.source.text;
  // A candidate has seven digits or more.
  if (!hasDigits(text, 7)) return [];
  const out: TextMatch[] = [];
  PHONE_CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE_CANDIDATE.exec(text)) !== null) {
    const raw = m[0];
    const at = m.index;
    if (a.links.some((l) => at < l.end && at + raw.length > l.start) || a.params.some(([s, e]) => at < e && at + raw.length > s)) continue;
    const digits = raw.replace(/\D/g, '');
    let nsn: string | undefined;
    let plan: Plan | null = null;
    let country: string | undefined;
    if (raw.startsWith('+') || raw.startsWith('00')) {
      const intl = raw.startsWith('00') ? digits.slice(2) : digits;
      const meta = phoneMetadata();
      for (let len = 1; len <= 3 && !plan; len++) {
        const regions = meta?.country_calling_codes[intl.slice(0, len)];
        if (regions && regions.length > 0) {
          country = regions[0];
          plan = planOf(country);
          nsn = intl.slice(len);
        }
      }
    } else if (region) {
      plan = planOf(region);
      country = region;
      nsn = plan && plan.nationalPrefix && digits.startsWith(plan.nationalPrefix) ? digits.slice(plan.nationalPrefix.length) : digits;
    }
    if (!plan?.premium || !nsn || !plan.premium.test(nsn)) continue;
    out.push({
      path: a.source.path,
      start: m.index,
      end: m.index + raw.length,
      text: raw,
      role: a.source.role,
      kind: 'premium-rate',
      country,
      detail: `a premium-rate or personal number (${country}) that bills the caller`,
    });
  }
  return out;
}

/** "Text WIN to 87121", "ketik REG kirim ke 9090": a keyword to text to an SMS short code. */
function shortCodesIn(a: AnalyzedText): TextMatch[] {
  const t = a.tokens;
  const out: TextMatch[] = [];
  for (let i = 2; i < t.length; i++) {
    const code = t[i];
    if (code.kind !== 'number' || !/^\d{3,6}$/.test(code.text) || code.breakBefore) continue;
    // "to 87121", "to No: 89545"
    const to = t[i - 1].kind === 'word' && NUMBER_WORDS.has(t[i - 1].text) && i >= 3 ? i - 2 : i - 1;
    if (t[to].kind !== 'word' || !TO_WORDS.has(t[to].text) || t[to].breakBefore || (to < i - 1 && t[i - 1].breakBefore)) continue;
    // Verbs within six words before "to", in the same sentence ("text WIN to", "ketik REG kirim ke").
    let verb = -1;
    for (let k = to - 1; k >= Math.max(0, to - 6); k--) {
      if (t[k].kind === 'word' && TEXT_VERBS.has(t[k].text)) verb = k;
      if (t[k].breakBefore) break;
    }
    if (verb < 0) continue;
    const keyword = t.slice(verb + 1, to).filter((k) => !(k.kind === 'word' && TEXT_VERBS.has(k.text))).map((k) => k.text);
    if (keyword.length === 0 || keyword.some((w) => OPT_OUT.has(w))) continue;
    const [start, end] = originalRange(a.norm, t[verb].start, code.end);
    out.push({ path: a.source.path, start, end, text: a.source.text.slice(start, end), role: a.source.role, kind: 'short-code', detail: 'a keyword to text to an SMS short code, the way premium subscriptions trap people' });
  }
  return out;
}

/**
 * Prices per message or per minute ("150p/msg", "£1.50 per msg", "calls cost 10p per minute", "R$ 4,99 por SMS"):
 * premium SMS and call services state them because they bill the person who replies or calls.
 */
const PER_MESSAGE_CHARGE =
  /(?:[\p{Sc}]\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:p|pence|cents?|c|centavos|centimes|cts|rp)\b|\bRp\.?\s?\d[\d.,]*)\s?(?:\/|per|a|por|par|pro|\bx\b)?\s?(?:msg|message|sms|txt|text|min|minute|mensaje|mensagem|mensagens|pesan)s?\b|\b\d+\s?ppm\b|\b\d+p\/(?:msg|min|wk|week|mt)\b/giu;

/** What every match of PER_MESSAGE_CHARGE contains (same flags): its unit, "ppm" or "p/". */
const CHARGE_HINT = /msg|message|sms|txt|text|min|mensaje|mensagem|pesan|ppm|p\//iu;

function chargesIn(a: AnalyzedText): TextMatch[] {
  const text = a.source.text;
  if (!hasDigits(text, 1) || !CHARGE_HINT.test(text)) return [];
  const out: TextMatch[] = [];
  PER_MESSAGE_CHARGE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PER_MESSAGE_CHARGE.exec(text)) !== null) {
    if (m[0].length === 0) {
      PER_MESSAGE_CHARGE.lastIndex++;
      continue;
    }
    out.push({ path: a.source.path, start: m.index, end: m.index + m[0].length, text: m[0], role: a.source.role, kind: 'charge', detail: 'a price per message or per minute, the mark of premium SMS and call services' });
  }
  return out;
}

export const moneyFacts: FactProvider = {
  id: 'text-money',
  kinds: ['template'],
  facts: {
    moneyBait: 'sums of money next to prize words ("won £5000", "£350 award", "R$ 5.000 de prêmio")',
    premiumNumbers: "premium-rate phone numbers (libphonenumber's numbering plans, for the template's region or a +country code), keyword-to-short-code calls to action, and prices per message or minute",
  },
  compute(doc) {
    return moneySignals(doc);
  },
};

const cache = new ObjectCache<object, { moneyBait: TextMatch[]; premiumNumbers: TextMatch[] }>();

/** The money facts of a template, computed once per document. */
export function moneySignals(doc: LintDocument): { moneyBait: TextMatch[]; premiumNumbers: TextMatch[] } {
  const cached = cache.get(doc.data);
  if (cached) return cached;
  {
    const language = lexiconLanguage(doc.data.language);
    const region = regionOf(doc.data.language);
    const moneyBait: TextMatch[] = [];
    const premiumNumbers: TextMatch[] = [];
    for (const text of copyTexts(doc)) {
      const a = analyze(text, language);
      moneyBait.push(...relocate(a, memo(a, 'money-bait', () => moneyBaitIn(a, language))));
      premiumNumbers.push(...relocate(a, memo(a, `premium:${region ?? ''}`, () => [...premiumNumbersIn(a, region), ...shortCodesIn(a), ...chargesIn(a)])));
    }
    const result = { moneyBait, premiumNumbers };
    cache.set(doc.data, result);
    return result;
  }
}
