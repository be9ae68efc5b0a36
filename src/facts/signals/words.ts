// The signals pack's word lists (rules/signals/words.yaml), compiled once: opt-out instructions in a
// template, STOP/START replies in a webhook log, and marketing words in an opt-in wording.

import { readDataFile } from '../../data.js';
import { isRecord } from '../../documents/kinds.js';

export const WORD_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'id'] as const;
export type WordLanguage = (typeof WORD_LANGUAGES)[number];

interface LanguageMatchers {
  /** A phrase anywhere (on normalized text). */
  phrase: RegExp;
  /** A keyword in capitals (on the original text, accents folded). */
  keyword: RegExp;
  /** A keyword in capitals right after a reply verb ("Reply STOP", "Responda SAIR"). */
  verbKeyword: RegExp;
  /** A quick-reply label that is a keyword. */
  keywordLabel: RegExp;
  suggestion: string;
}

interface Words {
  /** One language's matchers; undefined: all languages at once, for templates in other languages. Built on first use. */
  matchers(language: WordLanguage | undefined): LanguageMatchers;
  stopReply: Set<string>;
  startReply: Set<string>;
  marketingConsent: RegExp;
}

let loaded: Words | undefined;

const WORDS_FILE = 'rules/signals/words.yaml';

const MARKS = /\p{M}+/gu;
const SPACES = /\s+/g;
/** ASCII has no accents to remove (NFD leaves it unchanged, it has no marks): most texts skip both steps. */
const NON_ASCII = /[\u0080-\uffff]/;

/** Lower case, accents removed, runs of spaces collapsed: the form every list is matched in. */
export function foldText(text: string): string {
  return foldAccents(text).toLowerCase().replace(SPACES, ' ');
}

/** Accents removed, case kept (for keywords that must be written in capitals). */
function foldAccents(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFD').replace(MARKS, '') : text;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
/** Whole words: not inside a longer word, a number or a hyphenated compound ("non-stop"). */
const whole = (alternatives: string[], flags: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}-])`, flags);

function list(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${WORDS_FILE}: ${where} must be a list of words`);
  return value as string[];
}

function load(): Words {
  if (loaded) return loaded;
  const data = readDataFile<unknown>(WORDS_FILE);
  if (!isRecord(data) || !isRecord(data.optOut) || !isRecord(data.replies) || !isRecord(data.marketingConsent)) {
    throw new Error(`${WORDS_FILE}: expected optOut, replies and marketingConsent`);
  }
  const optOut = data.optOut;
  const section = (name: string): Record<string, unknown> => {
    const s = optOut[name];
    if (!isRecord(s)) throw new Error(`${WORDS_FILE}: optOut.${name} must map languages to lists`);
    return s;
  };
  const [keywords, verbs, phrases, suggestions] = [section('keywords'), section('replyVerbs'), section('phrases'), section('suggestions')];
  const build = (langs: readonly WordLanguage[]): LanguageMatchers => {
    const kw = [...new Set(langs.flatMap((l) => list(keywords[l], `optOut.keywords.${l}`)).map((k) => foldAccents(k)))];
    const vb = [...new Set(langs.flatMap((l) => list(verbs[l], `optOut.replyVerbs.${l}`)).map(foldText))];
    const ph = [...new Set(langs.flatMap((l) => list(phrases[l], `optOut.phrases.${l}`)).map(foldText))];
    return {
      phrase: whole(ph.map(escape), 'iu'),
      keyword: whole(kw.map(escape), 'u'),
      // "Reply STOP", "Reply with STOP", "Responda \"SAIR\"": the verb, at most two short words, the keyword.
      verbKeyword: new RegExp(`(?<![\\p{L}])(?:${vb.map(escape).join('|')})\\s+(?:\\p{L}{1,5}\\s+){0,2}["'“«„]?(?:${kw.map(escape).join('|')})(?![\\p{L}\\p{N}-])`, 'iu'),
      keywordLabel: new RegExp(`^(?:${kw.map((k) => escape(k.toLowerCase())).join('|')})$`, 'u'),
      suggestion: langs.length === 1 ? String(suggestions[langs[0]] ?? suggestions.en ?? '') : String(suggestions.en ?? ''),
    };
  };
  // Compiled on first use: a run of English templates needs the English lists only.
  const built = new Map<WordLanguage | undefined, LanguageMatchers>();
  const matchers = (language: WordLanguage | undefined): LanguageMatchers => {
    let m = built.get(language);
    if (!m) built.set(language, (m = build(language ? [language] : WORD_LANGUAGES)));
    return m;
  };
  const consentLists = data.marketingConsent;
  const consent = WORD_LANGUAGES.flatMap((l) => list(consentLists[l], `marketingConsent.${l}`)).map(foldText);
  loaded = {
    matchers,
    stopReply: new Set(list(data.replies.stop, 'replies.stop').map(foldText)),
    startReply: new Set(list(data.replies.start, 'replies.start').map(foldText)),
    marketingConsent: whole([...new Set(consent)].map(escape), 'iu'),
  };
  return loaded;
}

/** en_US → en; a language without word lists → undefined (all lists apply). */
export function wordLanguage(language: unknown): WordLanguage | undefined {
  const base = typeof language === 'string' ? language.trim().toLowerCase().split(/[-_]/)[0] : '';
  return (WORD_LANGUAGES as readonly string[]).includes(base) ? (base as WordLanguage) : undefined;
}

/** Matchers per declared language code as written (`en_US`, `pt_BR`): a run sees a few codes many times. */
const matchersByCode = new Map<unknown, LanguageMatchers>();

function matchersFor(language: unknown): LanguageMatchers {
  let m = matchersByCode.get(language);
  if (!m) {
    const words = load();
    const lang = wordLanguage(language);
    m = words.matchers(lang);
    if (typeof language === 'string' && matchersByCode.size < 1_000) matchersByCode.set(language, m);
  }
  return m;
}

/** Where an opt-out instruction can be: footer, body (or another text), or a quick-reply button label. */
export type OptOutPlace = 'footer' | 'body' | 'button';

/** Whether a text of a template tells people how to stop receiving it, in the template's language. */
export function isOptOutInstruction(text: string, place: OptOutPlace, language: unknown): boolean {
  const m = matchersFor(language);
  const folded = foldText(text);
  if (m.phrase.test(folded)) return true;
  if (place === 'button') return m.keywordLabel.test(folded.trim().replace(/[.!?¡¿]+$/u, ''));
  const accentless = foldAccents(text);
  // A footer is where the instruction goes: a keyword in capitals is enough ("Reply STOP", "SAIR para sair").
  // In a body, capitals are often shouting ("STOP WAITING"): it must follow a reply verb.
  if (place === 'footer' && m.keyword.test(accentless)) return true;
  return m.verbKeyword.test(accentless);
}

/** The opt-out wording to suggest for a template's language. */
export function optOutSuggestion(language: unknown): string {
  return matchersFor(language).suggestion;
}

/** A whole-message reply that means "stop" or "start again", or undefined. */
export function replyKeyword(text: string): 'stop' | 'start' | undefined {
  const words = load();
  const bare = foldText(text)
    .replace(/[^\p{L}\p{N}\s-]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  if (words.stopReply.has(bare)) return 'stop';
  if (words.startReply.has(bare)) return 'start';
  return undefined;
}

/** Whether an opt-in wording covers marketing: it mentions offers, promotions, news, discounts… */
export function mentionsMarketing(wording: string): boolean {
  return load().marketingConsent.test(foldText(wording));
}
