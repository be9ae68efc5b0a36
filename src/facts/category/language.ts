/**
 * Language of a template's text against the language it declares.
 *
 * Detection runs in two stages so that linting 10,000 templates stays fast: a cheap count of
 * distinctive function words confirms the declared language for most texts; only texts it cannot
 * confirm go to franc-min (trigram statistics, ~100 µs per text). franc-min is an ES module that takes
 * tens of milliseconds to load, so it is imported by a workspace preparer (`loadLanguageDetector`), and
 * only when some template needs it.
 */

type FrancAll = (value: string, options?: { only?: string[]; minLength?: number }) => [string, number][];
let francAll: FrancAll | undefined;

/** Loads franc-min (once). Facts are synchronous; this runs before them, in a workspace preparer. */
export async function loadLanguageDetector(): Promise<void> {
  if (!francAll) francAll = ((await import('franc-min')) as { francAll: FrancAll }).francAll;
}

/** Meta's language code (`en_US`, `pt_BR`, `fil`) reduced to its base (`en`, `pt`, `fil`). */
export function baseLanguage(code: unknown): string {
  if (typeof code !== 'string') return '';
  return code.trim().replace(/-/g, '_').split('_')[0].toLowerCase();
}

/** franc-min's ISO 639-3 codes mapped to the base of Meta's template language codes (only languages Meta supports). */
export const FRANC_TO_META: Readonly<Record<string, string>> = {
  eng: 'en', spa: 'es', por: 'pt', fra: 'fr', deu: 'de', ind: 'id', ita: 'it', nld: 'nl', tur: 'tr', rus: 'ru',
  ukr: 'uk', pol: 'pl', ron: 'ro', hun: 'hu', ces: 'cs', swe: 'sv', hrv: 'hr', srp: 'sr', bul: 'bg', kaz: 'kk',
  uzn: 'uz', azj: 'az', zlm: 'ms', vie: 'vi', tgl: 'fil', swh: 'sw', hau: 'ha', zul: 'zu', kin: 'rw', arb: 'ar',
  urd: 'ur', pes: 'fa', hin: 'hi', mar: 'mr', ben: 'bn', tam: 'ta', tel: 'te', kan: 'kn', mal: 'ml', guj: 'gu',
  pan: 'pa', tha: 'th', jpn: 'ja', kor: 'ko', cmn: 'zh', ell: 'el', heb: 'he', slk: 'sk', slv: 'sl', lit: 'lt',
  lav: 'lv', est: 'et', fin: 'fi', dan: 'da', nob: 'nb', cat: 'ca', afr: 'af', sqi: 'sq', mkd: 'mk', kat: 'ka',
  lao: 'lo', kir: 'ky', gle: 'ga', pbu: 'ps', npi: 'ne',
};

const FRANC_ONLY = Object.keys(FRANC_TO_META);
/** Declared languages detection can judge (the others are never reported as a mismatch). */
const DETECTABLE = new Set(Object.values(FRANC_TO_META));

/** Languages that detection cannot tell apart reliably, or that Meta's list treats as one. */
const SAME_LANGUAGE: readonly (readonly string[])[] = [
  ['id', 'ms'],
  ['hr', 'sr', 'bs'],
  ['nb', 'no', 'da'],
  ['fil', 'tl'],
];

export function sameLanguage(a: string, b: string): boolean {
  if (a === b) return true;
  return SAME_LANGUAGE.some((group) => group.includes(a) && group.includes(b));
}

/**
 * Distinctive function words per language: each word belongs to one list only, so a count of them
 * separates Spanish from Portuguese (which share `de`, `que`, `para`, …) without trigrams.
 */
const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'your', 'you', 'is', 'are', 'to', 'of', 'for', 'with', 'on', 'this', 'will', 'has', 'have', 'be', 'we', 'our', 'it', 'at', 'from', 'by', 'an', 'can', 'please', 'if', 'not', 'was', 'been', 'it\'s', 'you\'re', 'we\'ll', 'here', 'now', 'any', 'or', 'get', 'all', 'us', 'my', 'that', 'when'],
  es: ['el', 'los', 'las', 'tu', 'tus', 'es', 'está', 'están', 'por', 'con', 'una', 'del', 'al', 'hoy', 'ya', 'y', 'su', 'sus', 'esta', 'nuestro', 'nuestra', 'nuestros', 'puedes', 'te', 'tienes', 'hemos', 'ha', 'aquí', 'cuando', 'gracias', 'muy', 'pero', 'también', 'mañana', 'tiene', 'hasta', 'desde', 'usted', 'le', 'lo'],
  pt: ['o', 'os', 'seu', 'sua', 'seus', 'suas', 'você', 'é', 'com', 'um', 'uma', 'do', 'dos', 'das', 'no', 'na', 'nos', 'em', 'hoje', 'já', 'e', 'nosso', 'nossa', 'pode', 'não', 'foi', 'aqui', 'quando', 'obrigado', 'obrigada', 'muito', 'mas', 'também', 'amanhã', 'até', 'pelo', 'pela', 'ao', 'à', 'está', 'são'],
  fr: ['le', 'les', 'votre', 'vos', 'vous', 'est', 'et', 'pour', 'avec', 'une', 'des', 'du', 'au', 'aux', 'sur', 'nous', 'notre', 'nos', 'ce', 'cette', 'dans', 'pas', 'sont', 'ici', 'merci', 'aujourd\'hui', 'être', 'été', 'il', 'qui'],
  de: ['der', 'die', 'das', 'und', 'ihr', 'ihre', 'ihren', 'ihrem', 'ist', 'sind', 'für', 'mit', 'auf', 'wir', 'unser', 'unsere', 'nicht', 'ein', 'eine', 'einen', 'zu', 'von', 'bei', 'wurde', 'wird', 'sie', 'dem', 'den', 'heute', 'hier', 'bitte', 'auch'],
  id: ['anda', 'yang', 'dan', 'untuk', 'dengan', 'ini', 'itu', 'kami', 'sudah', 'akan', 'dari', 'di', 'ke', 'pada', 'tidak', 'telah', 'bisa', 'dapat', 'silakan', 'terima', 'kasih', 'hari', 'sebelum', 'atau', 'jika'],
  it: ['il', 'gli', 'della', 'delle', 'tuo', 'tua', 'tuoi', 'sono', 'stato', 'stata', 'per', 'con', 'una', 'nel', 'nella', 'ci', 'grazie', 'oggi', 'già', 'puoi', 'nostro', 'nostra', 'ecco', 'che', 'di'],
  nl: ['het', 'een', 'jouw', 'uw', 'je', 'jij', 'u', 'is', 'zijn', 'voor', 'met', 'op', 'wij', 'we', 'onze', 'ons', 'niet', 'van', 'bij', 'naar', 'wordt', 'werd', 'vandaag', 'hier', 'bedankt', 'dank'],
};

const FUNCTION_WORD_LANG = new Map<string, string>();
{
  const seen = new Map<string, number>();
  for (const words of Object.values(FUNCTION_WORDS)) for (const w of new Set(words)) seen.set(w, (seen.get(w) ?? 0) + 1);
  for (const [lang, words] of Object.entries(FUNCTION_WORDS)) for (const w of words) if (seen.get(w) === 1) FUNCTION_WORD_LANG.set(w, lang);
}

// Bounded quantifiers: a long run without spaces must not make these scans quadratic.
const PARAMETER = /\{\{[^{}]{0,60}\}\}/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S{1,2000}/giu;
const EMAIL_LIKE = /[^\s@]{1,64}@[^\s@.]{1,63}(?:\.[^\s@.]{1,63}){1,8}/gu;
const WORD = /[\p{L}\p{M}'’]+/gu;
const SPACES = /[ \t]{2,}|\t/g;
const LETTER = /\p{L}/u;

/** Detection reads at most this much (franc-min itself stops at 2,048 characters). */
const MAX_DETECTED_CHARS = 4_096;

/** The text detection should look at: parameters, links and e-mail addresses removed. */
export function detectableText(texts: readonly string[]): string {
  const parts: string[] = [];
  let length = 0;
  for (const text of texts) {
    if (length >= MAX_DETECTED_CHARS) break;
    let t = text.length > MAX_DETECTED_CHARS ? text.slice(0, MAX_DETECTED_CHARS) : text;
    // Each pattern only where it can match: most texts have no link or e-mail address.
    if (t.includes('{{')) t = t.replace(PARAMETER, ' ');
    if (t.includes('http') || t.includes('www.')) t = t.replace(URL_LIKE, ' ');
    if (t.includes('@')) t = t.replace(EMAIL_LIKE, ' ');
    t = t.replace(SPACES, ' ').trim();
    if (t === '') continue;
    parts.push(t);
    length += t.length + 1;
  }
  const joined = parts.join('\n');
  return joined.length > MAX_DETECTED_CHARS ? joined.slice(0, MAX_DETECTED_CHARS) : joined;
}

export function letterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
    else if (c > 127) {
      // Outside ASCII: a letter is one code point, possibly two code units.
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (LETTER.test(ch)) n++;
      if (cp > 0xffff) i++;
    }
  }
  return n;
}

export interface LanguageDetection {
  /** Base of a Meta language code (`en`, `pt`), or '' when undetermined. */
  detected: string;
  /** How the result was reached: function words confirmed the declared language, franc decided, or the text is too short. */
  method: 'function-words' | 'franc' | 'too-short' | 'undetermined';
  /** franc's relative score of the declared language (1 = as likely as the best), when franc ran. */
  declaredScore: number;
  letters: number;
  /** Distinctive function words of the detected and of the declared language in the text (franc stage only). */
  detectedWords?: number;
  declaredWords?: number;
}

/** Texts with fewer letters than this are not judged: trigram statistics on a sentence fragment are noise. */
export const MIN_LETTERS_FOR_DETECTION = 40;

/** Counts distinctive function words per language. */
function functionWordVotes(text: string): Map<string, number> {
  const votes = new Map<string, number>();
  let lower = text.toLowerCase();
  if (lower.includes('’')) lower = lower.replace(/’/g, "'");
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(lower)) !== null) {
    const lang = FUNCTION_WORD_LANG.get(m[0]);
    if (lang) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  return votes;
}

/** Whether function words alone confirm the declared language. */
function confirmedByFunctionWords(text: string, declared: string): boolean {
  if (!FUNCTION_WORDS[declared]) return false;
  const votes = functionWordVotes(text);
  const own = votes.get(declared) ?? 0;
  let other = 0;
  for (const [lang, n] of votes) if (lang !== declared && n > other) other = n;
  return own >= 3 && own >= 3 * other;
}

/** Whether detecting this text needs franc (long enough, and not confirmed by function words). */
export function needsTrigrams(text: string, declared: string): boolean {
  return detectWithoutTrigrams(text, declared) === undefined;
}

/** The detection when it needs no trigrams (too short, or confirmed by function words); undefined when it does. */
export function detectWithoutTrigrams(text: string, declared: string): LanguageDetection | undefined {
  const letters = letterCount(text);
  if (letters < MIN_LETTERS_FOR_DETECTION) return { detected: '', method: 'too-short', declaredScore: 0, letters };
  if (confirmedByFunctionWords(text, declared)) return { detected: declared, method: 'function-words', declaredScore: 1, letters };
  return undefined;
}

/**
 * Detects the language of a text, given the declared one. `declared` is a base code (`es`).
 * The function-word stage only ever confirms the declared language; it never accuses.
 * Without franc loaded (`loadLanguageDetector`), a text that needs it is `undetermined`.
 */
export function detectLanguage(text: string, declared: string): LanguageDetection {
  const quick = detectWithoutTrigrams(text, declared);
  if (quick) return quick;
  const letters = letterCount(text);
  if (!francAll) return { detected: '', method: 'undetermined', declaredScore: 0, letters };
  const ranked = francAll(text, { only: FRANC_ONLY, minLength: 10 });
  const top = ranked[0];
  if (!top || top[0] === 'und') return { detected: '', method: 'undetermined', declaredScore: 0, letters };
  let declaredScore = 0;
  for (const [code, score] of ranked) {
    if (sameLanguage(FRANC_TO_META[code] ?? '', declared)) {
      declaredScore = score;
      break;
    }
  }
  const detected = FRANC_TO_META[top[0]] ?? '';
  const votes = functionWordVotes(text);
  return { detected, method: 'franc', declaredScore, letters, detectedWords: votes.get(detected) ?? 0, declaredWords: votes.get(declared) ?? 0 };
}

/**
 * Whether detection contradicts the declaration decisively: a different language won, and either the declared one
 * scored clearly below it, or — for close relatives such as Spanish and Portuguese, whose trigrams overlap — the
 * text's function words side with the detected language (at least 2, and none of the declared one's).
 */
export function isLanguageMismatch(d: LanguageDetection, declared: string, maxDeclaredScore = MISMATCH_MAX_DECLARED_SCORE): boolean {
  if (d.method !== 'franc' || d.detected === '' || !DETECTABLE.has(declared)) return false;
  if (sameLanguage(d.detected, declared)) return false;
  if (d.declaredScore < maxDeclaredScore) return true;
  return (d.detectedWords ?? 0) >= 2 && (d.declaredWords ?? 0) === 0;
}

/**
 * franc's relative score of the declared language must be below this to call a mismatch without function words.
 * Calibrated on the training corpus (`node bench/category-eval.mjs --calibrate-language`): at 0.85, no false alarm on
 * 716 texts declared correctly, and 80–100% of texts declared in the wrong language caught.
 */
export const MISMATCH_MAX_DECLARED_SCORE = 0.85;
