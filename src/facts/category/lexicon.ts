import { GuardedPhrases } from './phrase-guards.js';

/**
 * The evidence msglint looks for when it reads a template the way Meta's reviewers do
 * (template-categorization, Apr 17 2026): marketing objectives (awareness, sales, retargeting,
 * app promotion, relationship building), the marks of utility (this user's order, account, booking,
 * payment or case; safety and service notices; opt-in/opt-out confirmations) and one-time codes.
 *
 * Patterns are grouped by evidence kind and language and compiled once, here. They are plain
 * alternations of phrases with bounded gaps, so every scan is linear in the text.
 */

export type CategoryName = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

export type MarketingKind =
  | 'discount'
  | 'coupon'
  | 'price-pitch'
  | 'freebie'
  | 'next-purchase'
  | 'new-product'
  | 'upsell'
  | 'cross-sell'
  | 'renewal-nudge'
  | 'cart-reminder'
  | 'apology-credit'
  | 'app-promotion'
  | 'birthday'
  | 'loyalty-thanks'
  | 'welcome'
  | 'survey'
  | 'credit-offer'
  | 'event'
  | 'win-back'
  | 'call-to-action'
  | 'urgency'
  | 'awareness'
  | 'vague'
  | 'structure';

export type UtilityKind =
  | 'identifier'
  | 'transaction'
  | 'account-alert'
  | 'service-notice'
  | 'safety'
  | 'opt-in-out'
  | 'appointment'
  | 'interaction'
  | 'legal';

export type EvidenceKind = MarketingKind | UtilityKind | 'otp';

/** Languages with their own phrase lists ('*': universal phrases, scanned in every template). */
export const LEXICON_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'id'] as const;
export type LexiconLanguage = (typeof LEXICON_LANGUAGES)[number] | '*';

/** What a matched phrase says, in words a finding can show. */
export const KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  discount: 'discount',
  coupon: 'coupon code',
  'price-pitch': 'price pitch',
  freebie: 'free gift',
  'next-purchase': 'next-purchase incentive',
  'new-product': 'new product',
  upsell: 'upsell',
  'cross-sell': 'cross-sell',
  'renewal-nudge': 'renewal nudge',
  'cart-reminder': 'cart reminder',
  'apology-credit': 'apology credit',
  'app-promotion': 'app promotion',
  birthday: 'birthday greeting',
  'loyalty-thanks': 'thank-you note',
  welcome: 'welcome / assistant intro',
  survey: 'survey',
  'credit-offer': 'credit offer',
  event: 'event promotion',
  'win-back': 'win-back',
  'call-to-action': 'sales call to action',
  urgency: 'urgency',
  awareness: 'brand awareness',
  vague: 'vague teaser',
  structure: 'marketing component',
  identifier: 'specific identifier',
  transaction: 'transaction status',
  'account-alert': 'account alert',
  'service-notice': 'service notice',
  safety: 'safety notice',
  'opt-in-out': 'opt-in/opt-out confirmation',
  appointment: 'appointment or booking',
  interaction: 'specific interaction',
  legal: 'legal or regulatory notice',
  otp: 'one-time code',
};

export interface PhraseGroup {
  kind: EvidenceKind;
  category: CategoryName;
  lang: LexiconLanguage;
  /** Global, for lower-cased text; whole-word boundaries are checked by the caller (see `isWordBoundaryMatch`). */
  re: RegExp;
  /** `re`, or a cheaper regex that finds the same matches in this lower-cased text; undefined when nothing can match. */
  regexFor(lower: string): RegExp | undefined;
}

// Building blocks, expanded in every phrase. Phrases are matched against lower-cased text without the `i` and `u`
// flags (V8 compiles such patterns several times faster, which matters when one template is linted cold), so they
// are written in lower case and letters are spelled as ranges: Latin, Latin-1, Latin Extended-A/B, combining marks.
const LETTER = String.raw`a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u024f\u0300-\u036f`;
// Every quantifier is bounded, so no phrase can cost more than a few dozen steps at any position of a text
// (a run of 100,000 digits or letters must not turn a scan quadratic).
const PARAM = String.raw`\{\{\s{0,4}[${LETTER}0-9_.]{1,60}\s{0,4}\}\}`;
const NUM = String.raw`\d{1,12}(?:[.,]\d{1,12}){0,4}`;
const CURRENCY = String.raw`(?:r\$|us\$|mx\$|cop\$|\$|€|£|¥|₹|rp\.?|s\/)`;
const MONEY = String.raw`(?:${CURRENCY}\s?(?:${NUM}|${PARAM})|(?:${NUM}|${PARAM})\s?(?:€|euros?|pesos|reais|dólares|dollars|usd|eur|brl|mxn|rupiah))`;
const VALUE = String.raw`(?:${PARAM}|${MONEY}|${NUM}\s?%?|[${LETTER}0-9]{0,20}\d[${LETTER}0-9-]{0,20})`;
const WORD = String.raw`[${LETTER}0-9'’-]{1,40}`;
/** A one-time code: a parameter, or digits (482913, 123-456, G-482913). */
const CODE = String.raw`(?:${PARAM}|\*?(?:[${LETTER}]{1,3}-)?\d[\d -]{2,10}\d\*?)`;
/** Up to n words (for "your {{1}} order", "renew your annual plan today"). */
const gap = (n: number) => String.raw`(?:\s{1,8}${WORD}){0,${n}}`;

/**
 * Phrase syntax: regex, plus `'` for either apostrophe, a space for whitespace (up to 8 characters), ` ?` for optional
 * whitespace, ` {Gn}` for up to n further words, and the macros {P} (parameter), {N} (number),
 * {D} (digits), {T} (a token without spaces), {MONEY}, {V} (a value: parameter, amount, number or
 * code), {C} (a one-time code) and {W} (a word). One pass, so nothing inserted is expanded again.
 */
const MACROS: Readonly<Record<string, string>> = { P: PARAM, N: NUM, D: String.raw`\d{1,12}`, T: String.raw`\S{1,40}`, MONEY, V: VALUE, W: WORD, C: CODE };

function expand(phrase: string): string {
  if (/\[[^\]]* [^\]]*\]/.test(phrase)) throw new Error(`a space inside [...] in phrase "${phrase}": write (?:a| b) instead`);
  return phrase.replace(/ \{G(\d)\}| \?| +|'|\{([A-Z]+)\}/g, (whole, n: string | undefined, macro: string | undefined) => {
    if (n !== undefined) return gap(Number(n));
    if (whole === ' ?') return String.raw`\s{0,8}`;
    if (whole === "'") return "['’]";
    if (macro !== undefined) {
      const m = MACROS[macro];
      if (m === undefined) throw new Error(`unknown macro {${macro}} in phrase "${phrase}"`);
      return m;
    }
    return String.raw`\s{1,8}`;
  });
}

/**
 * One regex for a list of phrases, to run on lower-cased text (see `lowerCaseSameLength`). Whole-word boundaries
 * are not in the regex: a trailing lookahead doubles the cost of every scan, so `isWordBoundaryMatch` checks the two
 * characters around a match.
 */
export function phraseRegex(phrases: readonly string[]): RegExp {
  const source = `(?:${phrases.map(expand).join('|')})`;
  // Upper-case letters could never match lower-cased text: a phrase written with one is a bug in this file.
  const literal = source.replace(/\\p\{[^}]*\}|\\./g, '');
  if (/[A-Z]/.test(literal)) throw new Error(`phrase with an upper-case letter (phrases are matched in lower case): ${phrases.find((p) => /[A-Z]/.test(expand(p).replace(/\\p\{[^}]*\}|\\./g, '')))}`);
  return new RegExp(source, 'g');
}

/** Lower case with the same UTF-16 length (so offsets still point into the original); a character whose lower case is longer is kept. */
export function lowerCaseSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether a match starts and ends on word boundaries (the characters around it are not letters, digits or `_`). */
export function isWordBoundaryMatch(text: string, start: number, end: number): boolean {
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    // A low surrogate: look at the whole code point.
    const ch = before >= 0xdc00 && before <= 0xdfff && start > 1 ? text.slice(start - 2, start) : text[start - 1];
    if (WORD_CHAR.test(ch)) return false;
  }
  if (end < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(end)!);
    if (WORD_CHAR.test(ch)) return false;
  }
  return true;
}

type PhraseTable = Partial<Record<LexiconLanguage, readonly string[]>>;

const MARKETING_PHRASES: Readonly<Record<Exclude<MarketingKind, 'structure'>, PhraseTable>> = {
  discount: {
    '*': [String.raw`{N} ?% (?:off|de descuento|de desconto|descuento|desconto|de réduction|de remise|rabatt|diskon|potongan|menos|de dto\.?)`, '{MONEY} (?:off|de descuento|de desconto|de réduction|de remise|rabatt|diskon|potongan)', '2x1', '3x2', 'black friday', 'cyber monday', 'hot sale', 'cashback'],
    en: ['up to {N} ?%', 'half price', 'half-price', 'half (?:the )?(?:usual |normal |regular )?price', '{V} off', 'on sale', 'sale', 'flash sale', 'clearance', 'discounts?', 'discounted', 'deals?', 'special offers?', 'offers?', 'promotions?', 'promo', 'save {V}', 'save up to', 'save on', 'buy one,? get one', 'bogo', 'for the price of one', 'price drop', 'lowest prices?', 'double points', 'bonus points', 'earns? twice', 'points are worth double', 'for less', 'members-only deals', 'member-only deals', 'exclusive (?:deals?|offers?|prices?)'],
    es: ['hasta (?:un |el )?{N} ?%', 'descuentos?', 'rebajas', 'rebajado', 'ofertas?', 'promoci[oó]n(?:es)?', 'promo', 'a mitad de precio', 'mitad de precio', 'ahorra', 'ahórrate', 'ahorrar', 'liquidaci[oó]n', 'precios? (?:bajos|que no se repiten|incre[ií]bles)', 'meses sin intereses', 'puntos (?:valen el doble|dobles|extra)', 'valen el doble', '{N} ?% menos', 'te devolvemos (?:un|el) {N} ?%'],
    pt: ['até {N} ?%', 'descontos?', 'promo[cç][aã]o', 'promo[cç][oõ]es', 'promo', 'ofertas?', 'liquida[cç][aã]o', 'queima de estoque', 'pela metade do pre[cç]o', 'metade do pre[cç]o', 'economize', 'economizar', 'pre[cç]os? (?:baixos|imperd[ií]veis|especiais)', 'pontos em dobro', 'pontos (?:extras?|b[oô]nus)', 'sem juros', '{N} ?% (?:a menos|de volta)', 'de volta em cashback'],
    fr: ['jusqu\'à {N} ?%', 'soldes', 'promotions?', 'promo', 'offres?', 'réductions?', 'remises?', 'économisez', 'à moitié prix', 'prix (?:cassés|réduits)', 'bons plans?'],
    de: ['bis zu {N} ?%', 'rabatte?', 'angebote?', 'sonderangebote?', 'aktion', 'sale', 'ausverkauf', 'sparen sie', 'spare', 'zum halben preis', 'schnäppchen'],
    id: ['hingga {N} ?%', 'diskon', 'promo', 'penawaran', 'potongan harga', 'hemat', 'harga spesial', 'obral', 'cashback'],
  },
  coupon: {
    en: [
      String.raw`(?:use|apply|enter|redeem|with|quote) (?:the |your |promo |discount |coupon |voucher )*code(?: {V})?(?! (?:to|and) (?:log|sign|verify|confirm|access|reset|complete|finish|activate|authori[sz]e|unlock))`,
      'promo codes?', 'discount codes?', 'coupon codes?', 'coupons?', 'vouchers?', 'gift cards?', 'redeem(?:ed|able)?',
    ],
    es: [
      String.raw`(?:usa|utiliza|aplica|ingresa|introduce|canjea|con) (?:el |tu )?c[oó]digo(?: (?:promocional|de descuento))?(?: {V})?(?! para (?:entrar|acceder|iniciar|verificar|confirmar|validar|ingresar|autorizar|completar|finalizar|activar|restablecer))`,
      'c[oó]digos? promocional(?:es)?', 'c[oó]digos? de descuento', 'cup[oó]n(?:es)?', 'bono de {V}', 'un bono', 'vales? de (?:descuento|compra)', 'tarjeta regalo', 'canj[eé]alo', 'canjear',
    ],
    pt: [
      String.raw`(?:use|usando|utilize|aplique|insira|digite|resgate|com) (?:o |seu )?(?:cupom|c[oó]digo)(?: (?:promocional|de desconto))?(?: {V})?(?! para (?:acessar|entrar|confirmar|validar|verificar|autorizar|concluir|finalizar|ativar|redefinir|liberar))`,
      'cupom', 'cupons', 'c[oó]digos? promocional', 'c[oó]digos? promocionais', 'c[oó]digos? de desconto', 'vale-compras?', 'vale-presente', 'vouchers?', 'cart[aã]o-presente', 'resgate j[aá]',
    ],
    fr: ['code promo', 'code de réduction', 'bons? de réduction', 'coupons?', 'avec le code', 'utilisez le code', 'carte cadeau'],
    de: ['gutschein(?:code)?', 'rabattcode', 'mit dem code', 'aktionscode', 'gutscheine'],
    id: ['kode promo', 'kode voucher', 'voucher', 'kupon', 'gunakan kode'],
  },
  'price-pitch': {
    en: ['for (?:just|only) {V}', 'just {V} (?:more|a month|per month|per night)', 'from (?:just |only )?{MONEY}', 'starting (?:at|from) {V}', 'rates? starting at', 'special (?:price|rate|offer|fare)', 'at a special price', 'special comeback rate', 'introductory price', 'no annual fee', 'only {MONEY}', 'price of one', 'lock in this year\'s price', 'keep this rate'],
    es: ['por (?:solo|sólo|s[oó]lo|apenas) {V}', 'desde (?:solo )?{MONEY}', 'a partir de {MONEY}', 'precio especial', 'tarifa especial', 'a precio especial', 'sin cuota anual', 'sin comisiones', 'solo {MONEY}', 'paga solo {V}', 'conserva tu (?:tarifa|precio)', 'mant[eé]n la tarifa'],
    pt: ['por (?:apenas|s[oó]) {V}', 'a partir de {MONEY}', 'pre[cç]o especial', 'tarifa especial', 'condi[cç][aã]o especial', 'sem anuidade', 'sem tarifas', 'apenas {MONEY}', 'pague s[oó] {V}', 'mantenha o (?:pre[cç]o|valor)', 'garanta o pre[cç]o'],
    fr: ['pour seulement {V}', 'à partir de {MONEY}', 'prix spécial', 'tarif spécial'],
    de: ['für nur {V}', 'ab {MONEY}', 'sonderpreis', 'vorzugspreis'],
    id: ['hanya {V}', 'mulai dari {MONEY}', 'harga khusus'],
  },
  freebie: {
    en: ['(?:is|are) on us', 'on the house', 'free (?:shipping|delivery|dessert|coffee|gift|drink|month|trial|session|night|upgrade|tastings?|guest ticket|personal training)', 'get (?:a |one |your )?free', 'for free', 'complimentary', 'free {G1} (?:with|when)', 'a gift', 'gift for', 'birthday gift', 'surprise gift', 'giveaways?', 'free bonus', 'enter a draw', 'chance to win', 'win (?:a|an|one|prizes?)', 'first month free', '(?:one|two|{D}) months? free', 'shipping is on us'],
    es: ['gratis', 'de regalo', 'te regalamos', 'regalo sorpresa', 'un regalo', 'va por nuestra cuenta', 'van por nuestra cuenta', 'corre por nuestra cuenta', 'por nuestra cuenta', 'sorteos?', 'participa en el sorteo', 'env[ií]o gratis', 'mes gratis', 'te sale gratis', 'sale gratis', 'cortes[ií]a de la casa'],
    pt: ['gr[aá]tis', 'de presente', 'brindes?', 'ganhe', 'ganha', 'por nossa conta', 'sorteios?', 'concorra', 'frete gr[aá]tis', 'm[eê]s gr[aá]tis', 'sai de gra[cç]a', 'de gra[cç]a', 'presente especial', 'um presente', 'mimo'],
    fr: ['gratuit(?:e|s)?', 'offert(?:e|s)?', 'cadeau', 'livraison gratuite', 'jeu concours'],
    de: ['gratis', 'kostenlos(?:e|er|en)?', 'geschenkt', 'versandkostenfrei', 'gewinnspiel'],
    id: ['gratis', 'hadiah', 'bonus', 'cuma-cuma', 'ongkir gratis', 'undian'],
  },
  'next-purchase': {
    en: ['(?:on|for|towards|off|with) your next (?:order|purchase|booking|visit|meal|trip|stay|delivery|bill|ride|box|shop|flight|order with us)', 'your next {G1} (?:purchase|order) (?:is|will be)', 'next time,? (?:add|try|get|order|book)', 'on your next {D} (?:orders|trips|rides|deliveries)'],
    es: ['(?:en|para) (?:tu|su) pr[oó]xim[oa] (?:compra|pedido|visita|viaje|reserva|factura|env[ií]o|mes)', 'tus pr[oó]ximos {D} pedidos', 'en la siguiente(?: compra| factura)?', 'tu siguiente pedido', 'la pr[oó]xima vez,? (?:a[nñ]ade|prueba|pide)'],
    pt: ['(?:na|no|para a|para o|em sua|em seu) (?:sua |seu )?pr[oó]xim[oa] (?:compra|pedido|visita|viagem|reserva|fatura|entrega|m[eê]s|corrida)', 'seus pr[oó]ximos {D} pedidos', 'na pr[oó]xima,? (?:adicione|experimente|pe[cç]a)'],
    fr: ['sur votre prochaine? (?:commande|achat|visite|séjour)'],
    de: ['auf ihre nächste (?:bestellung|buchung)', 'bei ihrem nächsten einkauf'],
    id: ['pembelian berikutnya', 'pesanan berikutnya'],
  },
  'new-product': {
    en: ['new arrivals?', 'new collection', 'new season', 'just launched', 'we\'ve (?:just )?launched', 'we (?:just )?launched', 'meet the new', 'introducing', 'now available', 'new in', 'new on the menu', 'new menu', 'has landed', 'pre-?order', 'be (?:one of )?the first to', 'see what\'s new', 'brand(?:-| )new', 'latest (?:collection|models?|range)', 'our new (?:{T} )?(?:plan|line|range|product|menu|collection|app|service|feature|store)', 'new (?:features?|plans?|products?|styles?|flavou?rs?)'],
    es: ['novedad(?:es)?', 'nueva colecci[oó]n', 'lanzamos', 'lanzamiento', 'presentamos', 'ya lleg[oó]', 'acaba de (?:salir|llegar)', 'nuevo en la carta', 'nuev[oa] (?:l[ií]nea|plan|producto|men[uú]|temporada|colecci[oó]n)', 'lo nuevo', 'preventa', 'descubre (?:nuestr[oa]s?|la|el|lo)', 'reci[eé]n llegad[oa]s?'],
    pt: ['novidades?', 'nova cole[cç][aã]o', 'lan[cç]amos', 'lan[cç]amentos?', 'apresentamos', 'acabou de chegar', 'chegou (?:a|o) nov[oa]', 'rec[eé]m-chegad[oa]s?', 'conhe[cç]a (?:o|a|os|as) nov[oa]s?', 'nov[oa] (?:linha|plano|produto|card[aá]pio|temporada|cole[cç][aã]o)', 'pr[eé]-venda', 'descubra (?:nossos|nossas|o|a|os|as)'],
    fr: ['nouveautés?', 'nouvelle collection', 'découvrez', 'vient de sortir', 'en avant-première'],
    de: ['neuheiten?', 'neue kollektion', 'jetzt neu', 'entdecken sie', 'brandneu'],
    id: ['koleksi baru', 'produk baru', 'baru (?:saja )?(?:rilis|hadir)', 'kini hadir', 'peluncuran'],
  },
  upsell: {
    en: ['upgrade (?:to|your|now|today)', 'switch to (?:yearly|annual|premium|business|our)', 'upgrade (?:from|for)', 'go premium', 'switch (?:to|your) {G3} today', 'reply yes to upgrade', 'want more', 'add {G3} (?:for|from) (?:only |just )?{V}', 'get twice the', 'more (?:legroom|speed|data|storage) for', 'unlock (?:premium|more|pro)', 'premium (?:plan|features|membership)'],
    es: ['p[aá]sate a', 'c[aá]mbiate a(?:l)? (?:plan|business|premium|tarifa)', 'mejora tu (?:plan|tarifa|asiento|habitaci[oó]n)', 'ampl[ií]a tu (?:tarifa|plan)', 'sube de nivel', 'a[nñ][aá]de(?:lo)? (?:ahora )?por', 'responde s[ií] y te lo activamos', 'plan (?:premium|superior)'],
    pt: ['fa[cç]a (?:o )?upgrade', 'mude para (?:o plano|a executiva|a classe executiva|o premium|a primeira classe)', 'migre para', 'aumente seu plano', 'turbine', 'adicione {G3} por', 'plano (?:premium|superior)', 'responda sim para (?:ativar|contratar)'],
    fr: ['passez à', 'améliorez votre (?:forfait|offre)'],
    de: ['upgrade auf', 'wechseln sie zu'],
    id: ['upgrade ke', 'tingkatkan paket'],
  },
  'cross-sell': {
    en: ['you might (?:also )?like', 'you may (?:also )?like', 'you\'ll (?:also )?love', 'customers who bought', 'also (?:loved|bought|booked)', 'pairs (?:perfectly|well) with', 'complete your look', 'goes (?:perfectly|well) with', 'recommended for you', 'picked for you', 'add (?:car|home|travel|pet) insurance', 'since you (?:bought|ordered|booked)'],
    es: ['te recomendamos (?:nuestr[oa]s?|el|la|los|las|este|esta|estos|estas|a[nñ]adir|sumar|probar|llevar)', 'te puede(?:n)? interesar', 'te encantar[aá]n?', 'combina(?:n)? con', 'completa tu look', 'quienes (?:compraron|aseguran|reservaron)', 'como compraste', 'tambi[eé]n (?:protegen|compraron|reservaron)', 'reserva tambi[eé]n'],
    pt: ['recomendamos (?:nossos|nossas|nosso|nossa|o|a|os|as|este|esta|adicionar|levar|experimentar)', 'voc[eê] (?:tamb[eé]m )?vai (?:gostar|amar)', 'combina(?:m)? com', 'complete (?:seu|o) look', 'quem comprou', 'como voc[eê] comprou', 'aproveite e (?:leve|adicione|contrate)', 'contrate tamb[eé]m'],
    fr: ['vous aimerez aussi', 'nous vous recommandons'],
    de: ['das könnte ihnen auch gefallen', 'empfehlen ihnen'],
    id: ['anda mungkin (?:juga )?suka', 'rekomendasi untuk anda'],
  },
  'renewal-nudge': {
    en: ['renew (?:now|today|here|online|early|with us|this (?:week|month)|before|for|at)', 'time to renew', 'don\'t (?:lose|miss out on) your', 'keep (?:your )?(?:premium|benefits|discount|locker|perks|price|rate)', 'lock in', 'stay (?:protected|covered|safe online) {G2} renew', 'renewing (?:now|today)', 'who renew', 'renew and (?:get|save|keep)', 'keep (?:reading|watching|learning|enjoying)'],
    es: ['renueva(?:lo|la)? (?:ya|ahora|hoy|aqu[ií]|esta semana|con nosotros|antes)', 'renu[eé]va(?:lo|la|te)?', 'es hora de renovar', 'no pierdas (?:tus|tu)', 'conserva tu', 'sigue (?:disfrutando|informado|aprendiendo)', 'si renuevas'],
    pt: ['renove (?:j[aá]|agora|hoje|aqui|esta semana|conosco|antes)', 'renove(?:-a|-o)?', 'hora de renovar', 'n[aã]o perca (?:seus|suas|seu|sua)', 'continue (?:aproveitando|lendo|assistindo)', 'se renovar'],
    fr: ['renouvelez (?:dès maintenant|maintenant|aujourd\'hui)'],
    de: ['jetzt verlängern', 'verlängern sie jetzt'],
    id: ['perpanjang sekarang'],
  },
  'cart-reminder': {
    en: ['(?:in|to) your (?:cart|basket|bag)', 'left (?:something|items?|it) in your', 'you left (?:something|items?)', 'saved your (?:items|cart)', 'still (?:in|waiting in) your (?:cart|basket)', 'items? (?:are|is) (?:still )?waiting', 'finish (?:checking out|your (?:order|purchase|booking))', 'complete your (?:order|purchase|booking)(?! {G2} (?:payment|details))', 'still thinking (?:it over|about)', 'forgot something', 'abandoned'],
    es: ['(?:en )?tu (?:carrito|cesta)', 'dejaste (?:productos|art[ií]culos|algo)', 'guardamos tu carrito', 'termina tu compra', 'finaliza(?:r)? (?:tu|el) (?:compra|pedido)', 'se te olvid[oó] algo', 'qued[oó] a medias', 'completa tu (?:compra|reserva)', 'siguen? en (?:tu|la) (?:carrito|cesta)'],
    pt: ['(?:no )?seu carrinho', 'na sua sacola', 'esqueceu (?:algo|alguma coisa)', 'deixou (?:itens|produtos|algo)', 'finalize (?:sua|a) compra', 'conclua (?:sua|a) compra', 'guardamos (?:seu carrinho|seus itens)', 'continuam? no carrinho', 'ficou pela metade'],
    fr: ['votre panier', 'finalisez votre commande'],
    de: ['ihr warenkorb', 'in ihrem warenkorb'],
    id: ['keranjang (?:belanja )?anda', 'selesaikan pembelian'],
  },
  'apology-credit': {
    en: ['(?:to )?make it up to you', 'as (?:a )?(?:thank-you|thank you|token|gesture) for your (?:patience|understanding)', 'as compensation', 'please accept {G4} (?:credit|voucher|points|discount|gift)', 'credit (?:to|on) your account for your next', 'added {G4} credit', 'fee is waived', 'enjoy {G3} on us'],
    es: ['como compensaci[oó]n', 'para compensarte', 'te abonamos', 'te cargamos {G3} (?:puntos|saldo)', 'en compensaci[oó]n'],
    pt: ['como compensa[cç][aã]o', 'para compensar', 'creditamos {G4} (?:b[oô]nus|pontos|cr[eé]dito)', 'em compensa[cç][aã]o', 'pedimos desculpas {G8} (?:cupom|desconto|cr[eé]dito|b[oô]nus)'],
    fr: ['en compensation', 'pour nous faire pardonner'],
    de: ['als entschädigung', 'als wiedergutmachung'],
    id: ['sebagai kompensasi'],
  },
  'app-promotion': {
    en: ['download (?:our|the|it|now)', 'get the (?:new )?(?:{T} )?app', 'install (?:it|the app|our app|now)', 'available on (?:ios|android|the app store|google play)', '(?:app store|google play|play store)', 'try (?:our|the) app', 'did you know you can {G6} (?:in|with) our app'],
    es: ['descarga (?:nuestra|la) app', 'desc[aá]rga(?:la|tela)', 'baja la app', 'inst[aá]la(?:la)?', 'disponible (?:para|en) (?:android|iphone|ios)', 'nueva app'],
    pt: ['baixe (?:o|nosso|já o) (?:app|aplicativo)', 'baixe(?:-o| j[aá]| agora)', 'instale (?:o app|agora|j[aá])', 'dispon[ií]vel (?:para|na|no) (?:android|iphone|ios|app store|google play)', 'novo (?:app|aplicativo)'],
    fr: ['téléchargez (?:notre|l\'|l’)application', 'téléchargez l\'appli'],
    de: ['laden sie (?:unsere|die) app', 'jetzt die app'],
    id: ['unduh aplikasi', 'download aplikasi'],
  },
  birthday: {
    en: ['happy birthday', 'birthday', 'many happy returns', 'your special day', 'happy anniversary'],
    es: ['feliz cumplea[nñ]os', 'feliz cumple', 'cumplea[nñ]os', 'muchas felicidades', 'en tu d[ií]a', 'que cumplas muchos m[aá]s'],
    pt: ['feliz anivers[aá]rio', 'anivers[aá]rio', 'parab[eé]ns pelo seu dia', 'seu dia especial', 'muitos anos de vida', 'no seu dia'],
    fr: ['joyeux anniversaire', 'anniversaire'],
    de: ['alles gute zum geburtstag', 'geburtstag'],
    id: ['selamat ulang tahun', 'ulang tahun'],
  },
  'loyalty-thanks': {
    en: ['thank(?:s| you) for (?:being|choosing|your loyalty|shopping|staying with|supporting|trusting|ordering)', 'valued customer', 'customers like you', 'for your loyalty', 'we appreciate you', 'a big thank(?:-| )you', 'thank you for {G2} years'],
    es: ['gracias por (?:ser|confiar|elegirnos|tu compra|tu preferencia|tu fidelidad|formar parte|estar)', 'clientes como t[uú]', 'valoramos (?:mucho )?tu (?:fidelidad|confianza)', 'darte las gracias', 'gracias a tu'],
    pt: ['obrigad[oa] por (?:ser|confiar|escolher|sua compra|sua prefer[eê]ncia|sua fidelidade|fazer parte|estar)', 'clientes como voc[eê]', 'valorizamos (?:muito )?(?:a )?sua (?:fidelidade|confian[cç]a)', 'agradecer (?:a )?(?:sua|voc[eê])', 'gra[cç]as a (?:sua|voc[eê])'],
    fr: ['merci pour votre fidélité', 'merci de votre fidélité', 'client fidèle'],
    de: ['danke für ihre treue', 'treue kunden'],
    id: ['terima kasih atas kesetiaan', 'pelanggan setia'],
  },
  welcome: {
    en: ['welcome (?:to|aboard|back)', 'welcome!', 'your (?:virtual|personal|digital) assistant', 'i\'m {W},? (?:your|the)', 'part of the {G2} family', 'our community', 'glad (?:you\'re|to have you) here', 'we\'re a {G4} (?:bakery|shop|store|business|company|brand)', 'follow (?:along|us)', 'stay tuned for', 'ask me anything'],
    es: ['bienvenid[oa]s?', 'asistente virtual', 'soy {W},? (?:tu|la|el)', 'ya eres parte', 'nuestra comunidad', 'nos alegra tenerte', 'somos (?:la|el|una|un) {G4}', 's[ií]guenos', 'preg[uú]ntame'],
    pt: ['bem-vind[oa]s?', 'boas-vindas', 'assistente virtual', 'sou (?:a|o) {W}', 'faz parte d[ao]', 'nossa comunidade', 'que bom ter voc[eê]', 'somos (?:a|o|uma|um) {G4}', 'siga-nos', 'me pergunte'],
    fr: ['bienvenue', 'assistant virtuel', 'notre communauté'],
    de: ['willkommen', 'virtueller assistent', 'unsere community'],
    id: ['selamat datang', 'asisten virtual'],
  },
  survey: {
    en: ['surveys?', 'polls?', 'questionnaire', 'vote (?:in|for|now)', 'share your (?:opinion|thoughts|views)', 'we\'d love to hear', 'your (?:opinion|thoughts)', 'tell us what you think', 'answer {N} (?:short |quick )?questions', 'take (?:part in )?(?:our|a) (?:short |quick )?(?:study|survey)', 'how do you feel about', 'what kind of', 'help us (?:shape|improve|understand)', 'a study on'],
    es: ['encuestas?', 'sondeo', 'cuestionario', 'vota (?:aqu[ií]|por|ahora)', 'tu opini[oó]n', 'qu[eé] opinas', 'cu[eé]ntanos(?:lo)?', 'responde {N} preguntas', 'un estudio sobre', 'queremos conocerte', 'qu[eé] tipo de', 'nos ayudas'],
    pt: ['pesquisas?', 'enquetes?', 'question[aá]rio', 'vote (?:aqui|em|agora)', 'sua opini[aã]o', 'o que voc[eê] acha', 'conte pra gente(?! em um minuto)', 'responda {N} perguntas', 'um estudo sobre', 'queremos te conhecer', 'que tipo de', 'nos ajude'],
    fr: ['sondage', 'enquête', 'questionnaire', 'votre avis'],
    de: ['umfrage', 'ihre meinung', 'fragebogen'],
    id: ['survei', 'kuesioner', 'pendapat anda'],
  },
  'credit-offer': {
    en: ['pre-?approved', 'you(?:\'re| are) eligible for', 'qualif(?:y|ies) for', 'credit limit increase', 'limit increase', 'we can approve', 'approve your {G2} loan', 'chosen just for you', 'just for you', 'personal loan', 'instant (?:loan|overdraft|credit)', 'apply (?:in minutes|now|today)', 'rates? starting', 'low interest'],
    es: ['preaprobad[oa]', 'pre-aprobad[oa]', 'te aprobamos', 'pr[eé]stamo personal', 'aumentar el cupo', 'aumenta tu (?:cupo|l[ií]mite)', 'pensad[oa] para ti', 'solo para ti', 'especialmente para ti', 'sin papeleo', 'solic[ií]talo', 'adelanto de (?:hasta|n[oó]mina)', 'financiaci[oó]n', 'tipo de inter[eé]s desde'],
    pt: ['pr[eé]-aprovad[oa]', 'cr[eé]dito aprovado', 'aprovamos', 'empr[eé]stimo pessoal', 'aumento de limite', 'aumente seu limite', 'limite dispon[ií]vel', 'especialmente para voc[eê]', 's[oó] para voc[eê]', 'feit[oa] para voc[eê]', 'sem burocracia', 'contrate (?:j[aá]|agora)', 'antecipa[cç][aã]o', 'taxas? a partir'],
    fr: ['pré-approuvé', 'prêt personnel'],
    de: ['vorab genehmigt', 'privatkredit'],
    id: ['pra-disetujui', 'pinjaman pribadi'],
  },
  event: {
    en: ['join us', 'register now', 'registration is open', 'sign up (?:now|today)', 'save your (?:spot|seat|place)', 'reserve your (?:spot|seat|place)', 'early(?:-| )bird', 'webinar', 'open day', 'workshop', 'masterclass', 'come (?:and )?celebrate', 'live music', 'tickets? (?:end|on sale)', 'summit', 'don\'t miss (?:it|out|the)', 'we\'re opening'],
    es: ['te esperamos', 'inscr[ií]bete', 'inscripciones', 'reserva tu (?:lugar|plaza|sitio)', 'webinar', 'taller gratuito', 'jornada de puertas abiertas', 'ven a (?:celebrar|conocernos|visitarnos)', 'm[uú]sica en vivo', 'entradas con descuento', 'congreso', 'no te lo pierdas'],
    pt: ['esperamos voc[eê]', 'te esperamos', 'inscreva-se', 'inscri[cç][oõ]es', 'garanta (?:j[aá] )?(?:sua|seu) (?:vaga|lugar|ingresso)', 'webinar', 'oficina gratuita', 'workshop', 'venha (?:celebrar|conhecer|comemorar)', 'm[uú]sica ao vivo', 'palestra', 'n[aã]o perca'],
    fr: ['inscrivez-vous', 'rejoignez-nous', 'webinaire'],
    de: ['melden sie sich an', 'jetzt anmelden', 'webinar'],
    id: ['daftar sekarang', 'bergabunglah'],
  },
  'win-back': {
    en: ['we miss you', 'we\'ve missed you', 'come back', 'it\'s been a while', 'haven\'t seen you', 'since your last (?:order|visit|stay|purchase)', 'reactivate', 'welcome back offer', 'what you\'ve missed', 'a gift for (?:you|returning)', 'returning (?:users|customers)'],
    es: ['te extra[nñ]amos', 'te echamos de menos', 'vuelve (?:a|y|con)', 'hace (?:tiempo|meses) que no', 'reactiva', 'de regreso', 'lo que te has perdido'],
    pt: ['sentimos sua falta', 'saudades', 'volte (?:a|e|para)', 'faz (?:tempo|meses) que (?:voc[eê] )?n[aã]o', 'reative', 'de volta', 'o que voc[eê] perdeu', 'para voc[eê] voltar', 'presente que preparamos'],
    fr: ['vous nous manquez', 'revenez'],
    de: ['wir vermissen sie', 'kommen sie zurück'],
    id: ['kami merindukan anda', 'kembali lagi'],
  },
  'call-to-action': {
    en: ['shop (?:now|today|online|the)', 'buy (?:now|today)', 'order (?:now|today)', 'book (?:now|today)', 'grab (?:your|it|one|yours|them)', 'browse (?:now|our)', 'explore (?:our|the)', 'discover (?:our|the|more)', 'check out (?:our|the new|these)', 'have a look at', 'take a look', 'find out more', 'learn more', 'get a quote', 'treat yourself', 'come and (?:taste|try|see|visit)', 'try it (?:now|today)', 'see (?:them|it) here', 'apply here', 'get yours', 'tap to (?:see|shop|claim|discover)', 'claim (?:your|it|now)', 'don\'t miss', 'start (?:learning|saving|shopping)'],
    es: ['compra (?:ya|ahora|hoy|en l[ií]nea)', 'c[oó]mpralo', 'pide (?:ya|ahora|hoy)', 'p[ií]de(?:lo|los)', 'reserva (?:ya|ahora|hoy)', 'aprovecha', 'mira (?:las ofertas|aqu[ií]|lo nuevo)', 'm[ií]ralos? aqu[ií]', 'desc[uú]brelo', 'conoce (?:m[aá]s|nuestr)', 'entra ya', 'inf[oó]rmate', 'pide tu presupuesto', '[eé]chale un vistazo', 'date un gusto', 'no te lo pierdas', 'ven a probar'],
    pt: ['compre (?:j[aá]|agora|hoje|online)', 'pe[cç]a (?:j[aá]|agora|o seu)', 'reserve (?:j[aá]|agora)', 'aproveite', 'confira', 'veja (?:as ofertas|aqui|mais|as novidades)', 'saiba mais', 'conhe[cç]a', 'corre', 'garanta (?:j[aá]|o seu|a sua)', 'fa[cç]a (?:sua|seu) (?:cota[cç][aã]o|simula[cç][aã]o)', 'd[eê] uma olhada', 'n[aã]o fique de fora', 'experimente', 'venha provar', 'pe[cç]a o seu'],
    fr: ['achetez maintenant', 'commandez (?:maintenant|dès)', 'profitez', 'découvrez', 'réservez maintenant'],
    de: ['jetzt (?:kaufen|bestellen|buchen|shoppen|entdecken)', 'sichern sie sich'],
    id: ['beli sekarang', 'pesan sekarang', 'belanja sekarang', 'dapatkan sekarang', 'segera'],
  },
  urgency: {
    en: ['limited time', 'limited (?:stock|offer|places|spots)', 'today only', 'this weekend only', 'while (?:stocks|supplies) last', 'last chance', 'ends (?:soon|tonight|today|sunday)', 'hurry', 'selling fast', 'before (?:they\'re|it\'s) gone', 'don\'t leave it too late', 'before stock runs out', 'only {D} (?:left|days left)', 'next {D} hours', 'final hours', 'prices may go up', 'before prices go up'],
    es: ['por tiempo limitado', 'solo (?:hoy|por hoy|este fin de semana)', '[uú]ltimas? (?:horas|unidades|d[ií]as|plazas)', 'hasta agotar (?:existencias|stock)', 'date prisa', 'se agotan', 'no dejes que se agoten', 'plazas limitadas', 'antes de que suban los precios', 'por poco tiempo'],
    pt: ['por tempo limitado', 's[oó] (?:hoje|neste fim de semana)', '[uú]ltimas? (?:horas|unidades|vagas|chances?)', '[uú]ltimos dias', 'enquanto durarem os estoques', 'corra', 'est[aã]o acabando', 'vagas limitadas', 'antes que (?:acabe|os pre[cç]os subam)', 'por pouco tempo'],
    fr: ['durée limitée', 'dernière chance', 'dépêchez-vous'],
    de: ['nur für kurze zeit', 'letzte chance', 'solange der vorrat reicht'],
    id: ['waktu terbatas', 'kesempatan terakhir', 'stok terbatas'],
  },
  awareness: {
    en: ['did you know', 'we now (?:deliver|offer|open|have)', 'now open', 'new (?:branch|store|location)', 'opening (?:a|our) new', 'great news', 'good news,? (?:{P}|we)', 'exciting news'],
    es: ['¿?sab[ií]as que', 'ahora (?:tambi[eé]n )?(?:repartimos|abrimos|tenemos|ofrecemos)', 'nueva sucursal', 'abrimos una nueva', 'buenas noticias', 'gran noticia'],
    pt: ['voc[eê] sabia que', 'sabia que', 'agora (?:tamb[eé]m )?(?:entregamos|abrimos|temos|oferecemos)', 'nova (?:unidade|loja|filial)', 'inauguramos', 'boa not[ií]cia', '[oó]timas not[ií]cias', 'novidade boa'],
    fr: ['saviez-vous', 'bonne nouvelle'],
    de: ['wussten sie', 'gute nachrichten'],
    id: ['tahukah anda', 'kabar gembira'],
  },
  vague: {
    en: ['we have an update for you', 'something (?:special|big|new) is (?:waiting|coming)', 'check this out', 'stay tuned', 'great news is coming', 'a surprise (?:is )?waiting', 'you won\'t believe', 'guess what', 'tap to see'],
    es: ['tenemos una novedad para ti', 'algo (?:bueno|especial|grande) (?:est[aá] por llegar|te espera)', 'mira esto', 'muy pronto te contamos', 'una sorpresa esper[aá]ndote', 'toca para ver(?:la|lo)?'],
    pt: ['temos uma novidade para voc[eê]', 'algo (?:bom|especial|grande) (?:est[aá] (?:chegando|por vir)|te espera)', 'olha (?:s[oó] )?isso', 'em breve (?:contamos|novidades)', 'uma surpresa (?:esperando|te esperando)', 'toque para ver'],
    fr: ['restez connectés', 'une surprise vous attend'],
    de: ['seien sie gespannt', 'eine überraschung wartet'],
    id: ['nantikan', 'ada kejutan'],
  },
};

const UTILITY_PHRASES: Readonly<Record<UtilityKind, PhraseTable>> = {
  identifier: {
    en: [String.raw`(?:order|booking|reservation|ticket|case|claim|invoice|policy|account|request|parcel|package|shipment|reference|ref\.?|tracking|flight|subscription|contract|loan|application|repair|appointment|receipt|statement|bill|card|transaction|plan|job|member(?:ship)?|delivery|complaint|incident|instal?ment|order no\.?|patient)(?: (?:number|no\.?|id|#|code|n[ºo°]))?:? ?#? ?(?:{P}|[a-z]{0,4}-?\d[\w-]{2,30})`, 'ending(?: in)? {V}', 'tracking number', 'order number', 'reference number', 'booking reference'],
    es: [String.raw`(?:pedido|reserva|ticket|caso|reclamaci[oó]n|reclamo|factura|p[oó]liza|cuenta|solicitud|paquete|env[ií]o|referencia|gu[ií]a|vuelo|suscripci[oó]n|contrato|pr[eé]stamo|cuota|recibo|tarjeta|transacci[oó]n|plan|compra|receta|folio|expediente|orden|cita)(?: (?:n[uú]mero|n[ºo°]\.?|#|c[oó]digo))?:? ?#? ?(?:{P}|[a-z]{0,4}-?\d[\w-]{2,30})`, 'terminada en {V}', 'n[uú]mero de (?:pedido|gu[ií]a|seguimiento|reserva|referencia)'],
    pt: [String.raw`(?:pedido|reserva|ingresso|chamado|protocolo|sinistro|fatura|ap[oó]lice|conta|solicita[cç][aã]o|pacote|encomenda|remessa|refer[eê]ncia|voo|assinatura|contrato|financiamento|parcela|recibo|cart[aã]o|transa[cç][aã]o|plano|compra|receita|os|nota fiscal|boleto|reclama[cç][aã]o|consulta)(?: (?:n[uú]mero|n[ºo°]\.?|#|c[oó]digo))?:? ?#? ?(?:{P}|[a-z]{0,4}-?\d[\w-]{2,30})`, 'final {V}', 'c[oó]digo de rastreio', 'n[uú]mero do (?:pedido|protocolo)', 'c[oó]digo da reserva', 'c[oó]digo de barras'],
    fr: [String.raw`(?:commande|réservation|dossier|facture|colis|compte|contrat)(?: n[ºo°]\.?)? ?(?:{P}|[a-z]{0,4}-?\d[\w-]{2,30})`],
    de: [String.raw`(?:bestellung|buchung|rechnung|sendung|paket|konto|vertrag|auftrag)(?:snummer| nr\.?)? ?(?:{P}|[a-z]{0,4}-?\d[\w-]{2,30})`],
    id: [String.raw`(?:pesanan|pemesanan|tagihan|paket|akun|nomor resi|invoice)(?: (?:nomor|no\.?))? ?(?:{P}|[a-z]{0,4}-?\d[\w-]{2,30})`],
  },
  transaction: {
    en: ['has (?:been )?(?:shipped|dispatched|delivered|confirmed|cancell?ed|processed|approved|resolved|received|refunded|updated|issued|completed)', 'was (?:delivered|declined|cancell?ed|refunded|processed|approved|received|charged|debited)', '(?:is|are) (?:on (?:its|their) way|out for delivery|ready for (?:collection|pick-?up)|ready to be picked up|confirmed|ready|being processed|due)', 'we(?:\'ve| have)? received your', 'payment (?:received|failed|of|confirmed|due|was)', 'refund of', 'your refund', 'due (?:on|by|tomorrow|today)', 'will be (?:debited|charged|credited|refunded|made)', 'couldn\'t process', 'could not process', 'didn\'t go through', 'tracking number', 'track (?:it|your|the)', 'expected (?:on|by)', 'should arrive', 'estimated delivery', 'minimum payment', 'balance (?:is|of|due)', 'new balance', 'charged to', 'receipt', 'invoice', 'has shipped', 'left our warehouse', 'is now available'],
    es: ['(?:ha sido|fue) (?:confirmad[oa]|enviad[oa]|entregad[oa]|cancelad[oa]|procesad[oa]|aprobad[oa]|resuelt[oa]|reembolsad[oa])', 'va en camino', 'ya sali[oó]', 'lleg[oó]', 'llegar[aá] (?:el|entre|hoy|ma[nñ]ana|aproximadamente)', 'est[aá] list[oa] para recoger', 'recibimos tu', 'hemos recibido tu', 'pago (?:recibido|rechazado|de|confirmado)', 'no pudimos (?:procesar|cobrar)', 'reembolso', 'vence (?:el|ma[nñ]ana|hoy)', 'se (?:cargar[aá]|debitar[aá]|abonar[aá])', 'pago m[ií]nimo', 'saldo (?:de|disponible|actual)', 'n[uú]mero de gu[ií]a', 's[ií]guelo', 'ya est[aá] disponible', 'cancelamos tu', 'entregamos'],
    pt: ['foi (?:confirmad[oa]|enviad[oa]|entregue|cancelad[oa]|processad[oa]|aprovad[oa]|resolvid[oa]|estornad[oa]|postad[oa]|emitid[oa]|recusad[oa])', 'saiu para entrega', 'est[aá] a caminho', 'chega(?:m|r[aá])? (?:hoje|amanh[aã]|em|entre)', 'previs[aã]o de entrega', 'pronto para retirada', 'j[aá] pode ser retirad[oa]', 'recebemos (?:seu|sua|o seu|a sua)', 'pagamento (?:recebido|recusado|de|confirmado|n[aã]o foi aprovado)', 'n[aã]o conseguimos (?:processar|cobrar)', 'estorno', 'reembolso', 'vence (?:em|dia|amanh[aã]|hoje)', 'ser[aá] (?:debitad[oa]|cobrad[oa]|creditad[oa]|pag[oa])', 'pagamento m[ií]nimo', 'saldo (?:de|dispon[ií]vel|atual)', 'rastreie', 'j[aá] est[aá] dispon[ií]vel', 'entregamos', 'nota fiscal'],
    fr: ['a été (?:expédiée?|livrée?|confirmée?|annulée?|remboursée?)', 'est en route', 'paiement (?:reçu|refusé)'],
    de: ['wurde (?:versandt|zugestellt|bestätigt|storniert|erstattet)', 'ist unterwegs', 'zahlung (?:erhalten|fehlgeschlagen)'],
    id: ['telah (?:dikirim|diterima|dikonfirmasi|dibatalkan)', 'sedang dalam perjalanan', 'pembayaran (?:diterima|gagal)'],
  },
  'account-alert': {
    en: ['(?:signed|logged) in to your account', 'new (?:device|sign-?in|login)', 'password (?:was|has been) (?:changed|reset|updated)', 'reset (?:the|your) password', 'if (?:this|that) wasn\'t you', 'if you didn\'t (?:make|do|request)', 'secure your account', 'suspicious', 'unusual (?:login|activity|sign-?in)', '(?:temporarily )?(?:locked|blocked)', 'two-step verification (?:was|has been)', '(?:profile|account) details were updated', 'expires? (?:on|at the end of)', '(?:data|storage) (?:allowance|limit)', '{D} ?% (?:full|of your)', 'low(?:-| )balance', 'balance is low', 'top up', 'replacement card', 'verify your identity', 'free trial (?:ends|expires|will end|ended)', 'trial (?:period )?ends'],
    es: ['nuevo (?:inicio de sesi[oó]n|dispositivo|acceso)', 'contrase[nñ]a (?:fue|ha sido) (?:cambiada|restablecida)', 'restablecer (?:la|tu) contrase[nñ]a', 'si no fuiste t[uú]', 'si no reconoces', 'protege tu cuenta', 'sospechos[oa]', 'inusual', 'bloqueamos', 'bloquead[oa]', 'tus datos (?:fueron|han sido) actualizados', 'vence el', 'saldo (?:bajo|es bajo)', 'recarga', 'tarjeta de reemplazo', 'verifica tu identidad', 'prueba (?:gratis|gratuita)(?: de {N} d[ií]as)? (?:termina|vence|finaliza)'],
    pt: ['novo acesso', 'senha (?:foi|foram) (?:alterada|redefinida)', 'redefinir a senha', 'se n[aã]o foi voc[eê]', 'se n[aã]o reconhece', 'proteja sua conta', 'suspeit[oa]', 'incomu(?:m|ns)', 'bloqueamos', 'bloquead[oa]', 'dados cadastrais foram alterados', 'saldo baixo', 'recarregue', 'novo cart[aã]o j[aá] foi enviado', 'confirme sua identidade', '{D} ?% da (?:capacidade|internet|franquia)', 'teste gr[aá]tis(?: de {N} dias)? (?:termina|vence|acaba)', 'per[ií]odo de teste (?:termina|vence|acaba)'],
    fr: ['nouvelle connexion', 'mot de passe a été modifié', 'si ce n\'était pas vous', 'activité suspecte'],
    de: ['neue anmeldung', 'passwort wurde geändert', 'wenn sie das nicht waren', 'verdächtige aktivität'],
    id: ['login baru', 'kata sandi (?:anda )?telah diubah', 'jika ini bukan anda', 'aktivitas mencurigakan'],
  },
  'service-notice': {
    en: ['outage', '(?:scheduled )?maintenance', '(?:will be|is) (?:unavailable|interrupted|down)', 'service (?:notice|interruption|disruption)', 'network issue', 'restore(?:d)? (?:supply|service)', 'has been (?:rescheduled|moved|delayed)', 'will now (?:start|depart)', 'remain valid', 'no action is needed', 'no action required', 'we\'ll keep you updated'],
    es: ['interrupci[oó]n', 'mantenimiento', 'corte de (?:luz|agua|servicio)', 'falla', 'fuera de servicio', 'estar[aá] (?:interrumpid[oa]|fuera de servicio|no disponible)', 'fue (?:reprogramad[oa]|movid[oa]|retrasad[oa])', 'siguen siendo v[aá]lid[oa]s', 'no es necesario hacer nada'],
    pt: ['falta de energia', 'manuten[cç][aã]o', 'ser[aá] interrompid[oa]', 'interrup[cç][aã]o', 'falha', 'fora do ar', 'restabelecimento', 'foi remarcad[oa]', 'teve o hor[aá]rio alterado', 'continuam v[aá]lid[oa]s', 'nenhuma a[cç][aã]o [eé] necess[aá]ria', 'manteremos voc[eê] informad[oa]'],
    fr: ['panne', 'maintenance', 'interruption de service'],
    de: ['störung', 'wartungsarbeiten', 'ausfall'],
    id: ['gangguan', 'pemeliharaan'],
  },
  safety: {
    en: ['(?:severe )?weather warning', 'safety (?:recall|notice|alert)', 'recall', 'evacuat(?:e|ion)', 'public health', 'heat alert', 'flood(?:ing)? (?:warning|alert)', 'beware of (?:scams|fraud)', 'we will never ask', 'stop using', 'do not (?:eat|use|consume)', 'avoid travel', 'shelters? (?:are|is) open'],
    es: ['alerta (?:meteorol[oó]gica|de seguridad|sanitaria)', 'aviso de seguridad', 'retirada del mercado', 'llamado a revisi[oó]n', 'evacua', 'salud p[uú]blica', 'cuidado con (?:las )?estafas', 'nunca te pediremos', 'nunca pedimos', 'deja de usar', 'no (?:lo )?consumas', 'protecci[oó]n civil'],
    pt: ['alerta da defesa civil', 'defesa civil', 'recall', 'recolhimento', 'evacua', 'sa[uú]de p[uú]blica', 'cuidado com golpes', 'nunca pedimos', 'pare de usar', 'n[aã]o consuma', 'onda de calor', 'risco de (?:alagamento|deslizamento)', 'campanha de vacina[cç][aã]o'],
    fr: ['alerte météo', 'rappel de produit', 'attention aux arnaques'],
    de: ['unwetterwarnung', 'produktrückruf', 'rückruf'],
    id: ['peringatan cuaca', 'penarikan produk', 'waspada penipuan'],
  },
  'opt-in-out': {
    en: ['opted (?:in|out)', 'you(?:\'re| are) now subscribed to', 'no longer receive', 'unsubscribe request', 'removed you from', 'reply stop', 'reply start', 'alerts? (?:for account {P} )?are now active', 'last message you will receive'],
    es: ['te suscribiste', 'ya no recibir[aá]s', 'te diste de baja', 'dado de baja', 'responde (?:baja|stop|alta)', 'alertas (?:est[aá]n )?activas', '[uú]ltimo mensaje que recibir[aá]s'],
    pt: ['voc[eê] ativou', 'n[aã]o vai mais receber', 'descadastro', 'saiu da lista', 'envie sair', 'envie voltar', 'est[aã]o ativos', '[uú]ltima mensagem que enviaremos'],
    fr: ['vous êtes désinscrit', 'ne recevrez plus'],
    de: ['abgemeldet', 'erhalten keine nachrichten mehr'],
    id: ['berhenti berlangganan', 'tidak akan menerima'],
  },
  appointment: {
    en: ['your {G2} appointment', 'appointment (?:is )?(?:confirmed|reminder|at|on|with)', 'reminder: you have', 'is booked for', 'booking confirmed', 'check-in (?:opens|is|starts)', 'boarding (?:pass|starts)', 'gate {V}', 'seat {V}', 'pick-up (?:at|on)', 'reply (?:c|r|1|2|yes|no) to (?:confirm|reschedule|accept|cancel)', 'reply cancel', 'you can cancel'],
    es: ['tu cita', 'cita (?:confirmada|con)', 'est[aá] confirmad[oa] para', 'reserva confirmada', 'tarjeta de embarque', 'puerta {V}', 'asiento {V}', 'responde (?:1|2|s[ií]|no|c) para (?:confirmar|reprogramar|aceptar|cancelar)'],
    pt: ['sua consulta', 'consulta (?:confirmada|com)', 'est[aá] confirmad[oa] para', 'agendad[oa] para', 'reserva confirmada', 'cart[aã]o de embarque', 'port[aã]o {V}', 'assento {V}', 'poltrona {V}', 'responda (?:1|2|sim|n[aã]o) para (?:confirmar|remarcar|aceitar|cancelar)', 'check-in a partir'],
    fr: ['votre rendez-vous', 'rendez-vous confirmé', 'carte d\'embarquement'],
    de: ['ihr termin', 'termin bestätigt', 'bordkarte'],
    id: ['janji temu anda', 'boarding pass'],
  },
  interaction: {
    en: ['about (?:your )?(?:order|case|request|booking|ticket|claim) {P}', 'you (?:spoke|chatted) with', 'your (?:call|chat|conversation) with us', 'how (?:was|did) (?:your|we) (?:visit|stay|delivery|do|order|appointment|experience with)', 'your (?:visit|stay) (?:to|at) (?:our )?{W}', 'this (?:booking|order|stay|visit|interaction)', 'rate (?:your|it|the) (?:delivery|order|visit|stay) from', 'you asked (?:to|us)', 'following up on your', 'if you still need help with'],
    es: ['sobre (?:tu|el) (?:pedido|caso|solicitud|reserva) {P}', 'hablaste con', 'tu (?:llamada|conversaci[oó]n|chat) con', 'c[oó]mo (?:fue|estuvo) (?:tu|la) (?:visita|estad[ií]a|estancia|entrega|atenci[oó]n)', 'esta (?:reserva|compra|visita)', 'pediste (?:continuar|que)', 'sobre tu llamada', 'si a[uú]n necesitas ayuda con'],
    pt: ['sobre o (?:pedido|protocolo|chamado) {P}', 'voc[eê] falou com', 'sua (?:liga[cç][aã]o|conversa) (?:com|de)', 'como foi (?:sua|seu|o|a) (?:visita|hospedagem|entrega|atendimento)', 'esta (?:reserva|compra|visita)', 'voc[eê] pediu para', 'sobre sua liga[cç][aã]o', 'se ainda precisa de ajuda com'],
    fr: ['concernant votre commande'],
    de: ['zu ihrer bestellung'],
    id: ['mengenai pesanan anda'],
  },
  legal: {
    en: ['privacy policy', 'terms (?:of service|and conditions)', 'account terms', 'to comply with', 'regulat(?:ion|ory)', 'take effect', 'effective(?: on| from)?'],
    es: ['pol[ií]tica de privacidad', 't[eé]rminos y condiciones', 'para cumplir con', 'normativa', 'entran? en vigor'],
    pt: ['pol[ií]tica de privacidade', 'termos de uso', 'exig[eê]ncia regulat[oó]ria', 'vig[eê]ncia', 'lgpd'],
    fr: ['politique de confidentialité', 'conditions générales'],
    de: ['datenschutzerklärung', 'geschäftsbedingungen'],
    id: ['kebijakan privasi', 'syarat dan ketentuan'],
  },
};

/** Wording that delivers a one-time code; only AUTHENTICATION templates may carry it. */
const OTP_PHRASES: PhraseTable = {
  '*': ['otp', '2fa', 'token(?: de acesso| de acceso)?(?: é| es| is)? {C}'],
  en: [
    '(?:verification|security|login|log-in|sign-in|signin|access|authentication|authori[sz]ation|confirmation|one-time|one time|single-use|temporary|2-step|two-step|otp|auth) (?:code|pin|password|passcode)',
    'one(?:-| )time (?:password|passcode|pin|code)',
    'passcode',
    'temporary password',
    '{C} is (?:your|the) {G3} (?:code|pin|password|passcode)',
    'your {G3} (?:code|pin|passcode|otp) {G3} (?:is|:) {C}',
    '(?:enter|use|type|input) (?:the )?(?:code )?{C} {G4} to (?:log|sign|verify|confirm|access|finish|complete|reset|authori[sz]e|unlock|set up|continue|proceed|activate|validate|approve)',
    '(?:enter|type|input) this (?:number|code|pin) (?:on|in|into|at)',
    // "use code SAVE20" is a coupon: a bare "use/enter code {{1}}" only counts with a verification word.
    '(?:enter|use|type) (?:the |this )?(?:verification|security|login) code {C}',
    '(?:use|enter) {C} as (?:your|the) {G2} code',
    '(?:use|enter) (?:this|the following) code',
    'the code below',
    'code (?:is )?(?:valid|expires|will expire) (?:for|in)',
    'code to (?:reset|confirm|verify|log|sign|access|finish|complete)',
    'code for (?:your )?(?:login|log-in|sign-in|transaction|payment|withdrawal|transfer)',
    '(?:verify|confirm) (?:it\'s you|your identity|your (?:phone )?number|your account) {G4} with (?:the |this )?(?:code )?{C}?',
    'if you did(?:n\'t| not) request (?:this|a|the) code',
    '(?<!(?:tracking|booking|reference|promo|discount|coupon|voucher|gift|postal|zip|bar|qr|confirmation|order) )(?:code|pin|passcode)(?: {W})?: {C}',
    '(?:confirm|verify|validate|approve)(?: it| this| the change| the payment)? with (?:the )?(?:code|pin|passcode) {C}',
    '{C} {G6} to (?:verify|validate|confirm) your (?:account|identity|number|phone|email|e-mail|sign-?in|login|registration)',
    '(?:we|our (?:team|staff)) will never ask (?:you )?for this (?:code|number|pin|password)',
    'never ask (?:you )?for this (?:code|number|pin)',
    'never share (?:this|the|your) code', 'do(?:n\'t| not) share (?:this|the|your) code', 'do(?:n\'t| not) share it',
  ],
  es: [
    'c[oó]digo (?:de (?:verificaci[oó]n|seguridad|acceso|confirmaci[oó]n|autenticaci[oó]n|un solo uso|inicio de sesi[oó]n|ingreso|validaci[oó]n)|[uú]nico|temporal|din[aá]mico)',
    'contrase[nñ]a (?:de un solo uso|temporal|de acceso temporal)',
    'clave (?:temporal|din[aá]mica|de acceso|de un solo uso|de seguridad|de verificaci[oó]n)',
    'pin de (?:inicio de sesi[oó]n|acceso|seguridad|verificaci[oó]n)',
    '{C} es (?:tu|su|el) {G3} (?:c[oó]digo|clave|pin)',
    '(?:tu|su) {G3} (?:c[oó]digo|clave|pin|contrase[nñ]a) {G6} (?:es|:) {C}',
    'c[oó]digo(?! (?:postal|de (?:barras|rastreo|seguimiento|reserva|pedido|descuento)|promocional|qr))(?: {W})?: {C}',
    '(?:conf[ií]rma(?:la|lo)?|verifica(?:la|lo)?|val[ií]da(?:la|lo)?|autor[ií]za(?:la|lo)?) con (?:la |el )?(?:clave|c[oó]digo|pin) {C}',
    '{C} {G6} para (?:validar|verificar|confirmar) (?:tu|su) (?:cuenta|identidad|n[uú]mero|correo|e-?mail|tel[eé]fono|registro|acceso)',
    'nunca te (?:pediremos|vamos a pedir) (?:este|esta|el|la) (?:c[oó]digo|clave|n[uú]mero)',
    'nadie {G4} te (?:lo|la) (?:pedir[aá]|va a pedir)',
    '(?:ingresa|introduce|escribe|usa|utiliza|digita) (?:el )?(?:c[oó]digo )?{C} {G4} para (?:entrar|acceder|iniciar|verificar|confirmar|validar|ingresar|autorizar|completar|finalizar|activar|restablecer|continuar|aprobar)',
    '(?:ingresa|introduce|escribe|digita) este (?:n[uú]mero|c[oó]digo|pin) en',
    '(?:ingresa|introduce|escribe|usa|digita) (?:el |este )?c[oó]digo {C}',
    '(?:usa|ingresa|introduce) {C} como (?:tu |su )?(?:c[oó]digo|clave)',
    '(?:usa|ingresa|introduce) (?:este|el siguiente) c[oó]digo',
    'c[oó]digo (?:v[aá]lido|caduca|expira|vence)',
    'c[oó]digo para (?:restablecer|confirmar|verificar|entrar|acceder|iniciar|la compra|el pago|la transacci[oó]n|el retiro|la transferencia)',
    '(?:confirma|verifica|valida) tu (?:identidad|n[uú]mero|cuenta) con (?:el )?(?:c[oó]digo )?{C}?',
    'si no (?:solicitaste|pediste|has solicitado|reconoces) (?:este|el|esta) (?:c[oó]digo|clave)',
    'no compartas (?:este|el|tu|esta) (?:c[oó]digo|clave)', 'no lo compartas', 'no la compartas',
  ],
  pt: [
    'c[oó]digo (?:de (?:verifica[cç][aã]o|seguran[cç]a|acesso|confirma[cç][aã]o|autentica[cç][aã]o|uso [uú]nico|login|valida[cç][aã]o)|[uú]nico|tempor[aá]rio)',
    'senha (?:de uso [uú]nico|tempor[aá]ria|de acesso tempor[aá]ria|descart[aá]vel)',
    'pin de (?:acesso|seguran[cç]a|verifica[cç][aã]o)',
    '{C} [eé] {G4} (?:c[oó]digo|senha|token|pin)',
    '(?:seu|sua) {G3} (?:c[oó]digo|senha|pin|token) {G6} (?:[eé]|:) {C}',
    'c[oó]digo(?! (?:postal|de (?:barras|rastreio|rastreamento|reserva|pedido|desconto)|promocional|qr|pix))(?: {W})?: {C}',
    '(?:confirme|verifique|valide|autorize)(?:-a|-o)? com (?:a |o )?(?:senha|c[oó]digo|pin|token) {C}',
    '{C} {G6} para (?:validar|verificar|confirmar) (?:sua|seu|o seu|a sua) (?:conta|identidade|n[uú]mero|e-?mail|telefone|cadastro|acesso)',
    'ningu[eé]m {G4} (?:vai|ir[aá]) (?:te )?pedir (?:este|esse|o) (?:c[oó]digo|n[uú]mero|token|senha)',
    'nunca (?:vamos )?(?:pedir|pediremos) (?:este|esse) (?:c[oó]digo|n[uú]mero|token)',
    '(?:digite|insira|use|informe|utilize) (?:o )?(?:c[oó]digo )?{C} {G4} para (?:acessar|entrar|confirmar|validar|verificar|autorizar|concluir|finalizar|ativar|redefinir|liberar|continuar|prosseguir|aprovar)',
    '(?:digite|insira|informe) este (?:n[uú]mero|c[oó]digo|pin) n[ao]',
    '(?:digite|insira|use|informe) (?:o |este )?c[oó]digo {C}',
    '(?:use|digite|insira) {C} como (?:seu |o )?c[oó]digo',
    '(?:use|digite|insira) (?:este|o seguinte) c[oó]digo',
    'c[oó]digo (?:v[aá]lido|expira|vence)',
    'c[oó]digo para (?:redefinir|confirmar|verificar|entrar|acessar|a compra|o pagamento|a transa[cç][aã]o|o saque|a transfer[eê]ncia|o pix)',
    '(?:confirme|verifique|valide) (?:sua identidade|seu n[uú]mero|sua conta) com o (?:c[oó]digo )?{C}?',
    'se (?:voc[eê] )?n[aã]o (?:solicitou|pediu|reconhece) (?:este|esse|o) c[oó]digo',
    'n[aã]o (?:compartilhe|passe|informe|divulgue) (?:este|esse|o) c[oó]digo', 'n[aã]o compartilhe', 'n[aã]o informe a ningu[eé]m',
  ],
  fr: ['code (?:de vérification|de sécurité|de confirmation|à usage unique|de connexion)', 'mot de passe (?:à usage unique|temporaire)', '{C} est votre code', 'votre code (?:est|:) {C}', 'ne partagez (?:pas )?ce code'],
  de: ['(?:bestätigungs|verifizierungs|sicherheits|einmal|anmelde)code', 'einmalpasswort', 'ihr code (?:lautet|ist|:) {C}', '{C} ist ihr {G2} code', 'teilen sie diesen code nicht'],
  id: ['kode (?:verifikasi|otp|keamanan|akses|sekali pakai|konfirmasi|masuk)', '{C} adalah kode', 'kode anda (?:adalah|:) {C}', 'jangan (?:bagikan|berikan) kode'],
};

interface GroupSpec {
  kind: EvidenceKind;
  category: CategoryName;
  lang: LexiconLanguage;
  phrases: readonly string[];
}

function specs(kind: EvidenceKind, category: CategoryName, table: PhraseTable): GroupSpec[] {
  return (Object.entries(table) as [LexiconLanguage, readonly string[]][]).map(([lang, phrases]) => ({ kind, category, lang, phrases }));
}

const GROUP_SPECS: readonly GroupSpec[] = [
  ...Object.entries(MARKETING_PHRASES).flatMap(([kind, table]) => specs(kind as MarketingKind, 'MARKETING', table)),
  ...Object.entries(UTILITY_PHRASES).flatMap(([kind, table]) => specs(kind as UtilityKind, 'UTILITY', table)),
  ...specs('otp', 'AUTHENTICATION', OTP_PHRASES),
];

// Compiled on first use, per group: linting one English template compiles the English and universal lists only.
const compiled = new Map<GroupSpec, PhraseGroup>();

function compile(spec: GroupSpec): PhraseGroup {
  let g = compiled.get(spec);
  if (!g) {
    const guarded = new GuardedPhrases(spec.phrases, phraseRegex, phraseRegex(spec.phrases));
    g = { kind: spec.kind, category: spec.category, lang: spec.lang, re: guarded.full, regexFor: (lower) => guarded.regexFor(lower) };
    compiled.set(spec, g);
  }
  return g;
}

/** Every phrase group, compiled (for tests and tools; linting compiles only the languages it meets). */
export function allPhraseGroups(): readonly PhraseGroup[] {
  return GROUP_SPECS.map(compile);
}

const GROUPS_BY_LANGUAGE = new Map<string, PhraseGroup[]>();

/**
 * The phrase groups to scan a text of this base language with: its own and the universal ones (English loanwords
 * such as "Black Friday" or "cashback" are universal); every group for other languages. English lists are not run on
 * Spanish or Portuguese text, where "sale" is a verb.
 */
export function phraseGroupsFor(language: string): readonly PhraseGroup[] {
  const known = (LEXICON_LANGUAGES as readonly string[]).includes(language) ? language : '';
  let groups = GROUPS_BY_LANGUAGE.get(known);
  if (!groups) {
    groups = GROUP_SPECS.filter((g) => known === '' || g.lang === '*' || g.lang === known).map(compile);
    GROUPS_BY_LANGUAGE.set(known, groups);
  }
  return groups;
}

/** Greetings and courtesies that carry no content of their own: a body made only of these (and parameters) is unclear. */
export const EMPTY_WORDS = new Set(
  [
    'hi', 'hello', 'hey', 'dear', 'congratulations', 'congrats', 'thanks', 'thank', 'you', 'well', 'done', 'great', 'news', 'yay', 'wow', 'cheers', 'good', 'morning', 'afternoon', 'evening', 'there', 'friend', 'all', 'team', 'again', 'so', 'much', 'very', 'and', 'a', 'to',
    'hola', 'buenos', 'buenas', 'días', 'dias', 'tardes', 'noches', 'querido', 'querida', 'estimado', 'estimada', 'felicidades', 'felicitaciones', 'enhorabuena', 'gracias', 'muchas', 'bien', 'hecho', 'genial', 'qué', 'que', 'bueno', 'saludos', 'y',
    'olá', 'ola', 'oi', 'bom', 'boa', 'dia', 'tarde', 'noite', 'caro', 'cara', 'prezado', 'prezada', 'parabéns', 'parabens', 'obrigado', 'obrigada', 'muito', 'valeu', 'legal', 'ótimo', 'otimo', 'e',
    'bonjour', 'salut', 'cher', 'chère', 'félicitations', 'bravo', 'merci', 'beaucoup',
    'hallo', 'liebe', 'lieber', 'glückwunsch', 'herzlichen', 'danke', 'vielen', 'gratulation',
    'halo', 'hai', 'selamat', 'terima', 'kasih', 'banyak', 'pagi', 'siang', 'sore', 'malam',
  ].map((w) => w.normalize('NFC')),
);
