/**
 * The mechanics of today's scam and phishing texts, which keyword lists and a token model trained on old SMS
 * spam miss because the wording changes while the move stays the same (the patterns public fraud warnings
 * describe: parcel and toll smishing, account-locked phishing, "Hi Mum" new-number scams, code theft):
 *   - codeRequests: asking for a code the reader received ("send me the code you got", "read it back to us");
 *   - deadlineThreats: a loss threatened under a short deadline ("will be suspended within 24 hours");
 *   - newNumberStories: "this is my new number" / "I lost my phone" next to a request for money or help;
 *   - lureLinkDomains: a link to a hyphenated domain built from lure words (secure-pay-delivery.co, chase-verify-login.co).
 * Words are matched on stems of the de-obfuscated tokens, in the template's language and in English.
 */
import { analyze, copyTexts, matchOf, memo, relocate, type AnalyzedText } from './analysis.js';
import { lexiconLanguage } from './language.js';
import { linkSignals } from './link-facts.js';
import { registrableDomain, shortenerOf } from './links.js';
import { stemmerFor } from './stem.js';
import type { LintDocument } from '../../documents/parse.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';
import { ObjectCache } from '../../documents/object-cache.js';

interface Vocabulary {
  /** Verbs that ask the reader to pass something on. */
  giveVerbs: string[];
  /** One-time codes and PINs. */
  codes: string[];
  /** Words that make the code one the reader received ("back", "by mistake", "you got"). */
  receivedCues: string[];
  /** Words that negate a request ("never share"). */
  negations: string[];
  /** Object pronouns: "send it back" in the sentence after the code was named. */
  pronouns: string[];
  /** Losses ("suspended", "blocked", "returned to sender"). */
  losses: string[];
  /** Words that make a loss a threat rather than a report ("will be", "or", "unless", "avoid"). */
  threatMarkers: string[];
  /** Short deadlines (a number of hours or minutes is recognised separately). */
  deadlines: string[];
  hoursMinutes: string[];
  /** "New number" stories, as phrases. */
  newNumber: string[];
  /** What the story asks for (money, a payment, help). */
  asks: string[];
}

const VOCABULARY: Record<string, Vocabulary> = {
  en: {
    giveVerbs: ['send', 'forward', 'share', 'give', 'read', 'tell', 'reply', 'text', 'pass', 'repeat', 'provide'],
    codes: ['code', 'otp', 'pin', 'passcode'],
    receivedCues: ['back', 'mistake', 'accidentally', 'accident', 'wrongly', 'received', 'got', 'arrived', 'agent', 'sent'],
    negations: ['never', 'not', "don't", 'dont', 'nobody', 'no'],
    pronouns: ['it', 'them'],
    losses: ['suspended', 'blocked', 'locked', 'deactivated', 'disabled', 'terminated', 'disconnected', 'destroyed', 'returned to sender', 'lose access', 'late fee', 'legal action', 'arrested', 'bailiff'],
    threatMarkers: ['will', 'be', 'or', 'unless', 'avoid', 'otherwise', 'risk'],
    deadlines: ['immediately', 'today', 'tonight', 'midnight', 'asap'],
    hoursMinutes: ['hour', 'hours', 'hrs', 'minute', 'minutes', 'mins'],
    newNumber: ['my new number', 'my new phone', 'lost my phone', 'dropped my phone', 'broke my phone', 'my phone broke', 'my phone is broken', 'my temporary number', 'a friends phone'],
    asks: ['money', 'pay', 'payment', 'bill', 'transfer', 'send', 'help', 'favour', 'favor', 'urgent', 'rent', 'loan', 'whatsapp', 'text'],
  },
  es: {
    giveVerbs: ['envía', 'envíame', 'envia', 'enviame', 'manda', 'mándame', 'mandame', 'reenvía', 'reenvia', 'comparte', 'dime', 'dame', 'pásame', 'pasame', 'dicta', 'responde', 'enviar', 'mandar', 'reenviar', 'compartir', 'decir', 'dar', 'pasar'],
    codes: ['código', 'codigo', 'otp', 'pin', 'clave'],
    receivedCues: ['llegó', 'llego', 'recibiste', 'recibido', 'error', 'equivocación', 'equivocado', 'accidente', 'querer'],
    negations: ['nunca', 'no', 'jamás', 'nadie'],
    pronouns: ['lo', 'la', 'melo', 'mela'],
    losses: ['suspendida', 'suspendido', 'bloqueada', 'bloqueado', 'desactivada', 'desactivado', 'perderás el acceso', 'acciones legales', 'multa'],
    threatMarkers: ['será', 'sera', 'serán', 'o', 'evitar', 'sino', 'evita'],
    deadlines: ['hoy', 'inmediatamente', 'medianoche', 'ya'],
    hoursMinutes: ['hora', 'horas', 'minuto', 'minutos'],
    newNumber: ['mi número nuevo', 'mi nuevo número', 'perdí mi teléfono', 'perdí mi celular', 'se me rompió el celular', 'se me rompió el teléfono', 'cambié de número'],
    asks: ['dinero', 'transferencia', 'transferir', 'pagar', 'pago', 'ayuda', 'favor', 'urgente', 'préstame', 'factura'],
  },
  pt: {
    giveVerbs: ['envia', 'envie', 'manda', 'mande', 'repassa', 'repasse', 'compartilha', 'compartilhe', 'passa', 'passe', 'fala', 'diz', 'informe', 'informa', 'enviar', 'mandar', 'repassar', 'passar'],
    codes: ['código', 'codigo', 'otp', 'pin', 'senha'],
    receivedCues: ['chegou', 'recebeu', 'recebido', 'engano', 'erro', 'acidentalmente', 'querer', 'volta'],
    negations: ['nunca', 'não', 'nao', 'ninguém', 'jamais'],
    pronouns: ['o', 'lo', 'la', 'ele'],
    losses: ['suspensa', 'suspenso', 'bloqueada', 'bloqueado', 'desativada', 'desativado', 'perderá o acesso', 'ação judicial', 'multa'],
    threatMarkers: ['será', 'sera', 'serão', 'ou', 'evitar', 'senão', 'evite'],
    deadlines: ['hoje', 'imediatamente', 'meia-noite', 'já'],
    hoursMinutes: ['hora', 'horas', 'minuto', 'minutos'],
    newNumber: ['meu número novo', 'meu novo número', 'troquei de número', 'perdi meu celular', 'meu celular quebrou', 'meu celular novo'],
    asks: ['dinheiro', 'pix', 'transferência', 'transferir', 'pagar', 'pagamento', 'ajuda', 'favor', 'urgente', 'conta', 'boleto'],
  },
  fr: {
    giveVerbs: ['envoie', 'envoyez', 'transmets', 'transmettez', 'donne', 'donnez', 'communique', 'communiquez', 'renvoie', 'renvoyez', 'dis', 'dites', 'lis', 'lisez', 'partage', 'partagez'],
    codes: ['code', 'otp', 'pin'],
    receivedCues: ['reçu', 'recu', 'erreur', 'accidentellement', 'arrivé', 'envoyé'],
    negations: ['jamais', 'ne', 'pas', 'personne'],
    pronouns: ['le', 'la', 'les'],
    losses: ['suspendu', 'suspendue', 'bloqué', 'bloquée', 'désactivé', 'désactivée', 'perdrez', 'poursuites', 'amende'],
    threatMarkers: ['sera', 'seront', 'ou', 'éviter', 'sinon', 'évitez'],
    deadlines: ['aujourd hui', 'immédiatement', 'minuit', 'ce soir'],
    hoursMinutes: ['heure', 'heures', 'h', 'minute', 'minutes', 'min'],
    newNumber: ['mon nouveau numéro', 'perdu mon téléphone', 'mon téléphone est cassé', 'mon nouveau téléphone', 'changé de numéro'],
    asks: ['argent', 'virement', 'payer', 'paiement', 'aide', 'service', 'urgent', 'facture'],
  },
  de: {
    giveVerbs: ['schick', 'schicke', 'schicken', 'sende', 'senden', 'weiterleiten', 'leite', 'gib', 'geben', 'nenne', 'nennen', 'sag', 'sagen', 'teile', 'teilen', 'lies', 'vorlesen'],
    codes: ['code', 'otp', 'pin', 'tan', 'bestätigungscode'],
    receivedCues: ['erhalten', 'bekommen', 'versehentlich', 'versehen', 'falsch', 'irrtümlich', 'zurück'],
    negations: ['nie', 'niemals', 'nicht', 'niemand', 'kein'],
    pronouns: ['ihn', 'es', 'den'],
    losses: ['gesperrt', 'deaktiviert', 'gekündigt', 'zurückgeschickt', 'zugang verlieren', 'rechtliche schritte', 'mahngebühr'],
    threatMarkers: ['wird', 'werden', 'oder', 'sonst', 'vermeiden', 'andernfalls'],
    deadlines: ['heute', 'sofort', 'mitternacht', 'umgehend'],
    hoursMinutes: ['stunde', 'stunden', 'std', 'minute', 'minuten'],
    newNumber: ['meine neue nummer', 'mein handy verloren', 'mein handy ist kaputt', 'mein neues handy', 'meine nummer geändert'],
    asks: ['geld', 'überweisung', 'überweisen', 'zahlen', 'rechnung', 'hilfe', 'gefallen', 'dringend'],
  },
  id: {
    giveVerbs: ['kirim', 'kirimkan', 'berikan', 'kasih', 'sebutkan', 'bagikan', 'teruskan', 'balas', 'infokan'],
    codes: ['kode', 'otp', 'pin'],
    receivedCues: ['masuk', 'diterima', 'terima', 'salah', 'sengaja', 'nyasar', 'barusan', 'dikirim'],
    negations: ['jangan', 'tidak', 'tak', 'bukan'],
    pronouns: ['nya', 'itu', 'tersebut'],
    losses: ['diblokir', 'ditangguhkan', 'dinonaktifkan', 'denda', 'jalur hukum'],
    threatMarkers: ['akan', 'atau', 'hindari', 'jika'],
    deadlines: ['hari ini', 'segera', 'sekarang', 'tengah malam'],
    hoursMinutes: ['jam', 'menit'],
    newNumber: ['nomor baru saya', 'nomor baruku', 'hp saya hilang', 'hp saya rusak', 'saya ganti nomor', 'hp baru saya'],
    asks: ['uang', 'transfer', 'bayar', 'tolong', 'bantu', 'pinjam', 'darurat', 'pulsa'],
  },
};

/**
 * Parts of a domain name that lure people into signing in or handing over data, in several languages: one is
 * enough (chase-verify-login.co, banque-verif.example).
 */
const STRONG_LURES = new Set(
  (
    'secure security verify verification verif login signin logon unlock redeliver redelivery refund refunds customs recovery ' +
    'restore reset auth authentication confirm confirmation update verificar verificacion seguro atualizar atualiza cadastro ' +
    'securite sicherheit verifikasi'
  ).split(/\s+/),
);
/**
 * Parts that brands also use for their own sites (acme-rewards.com, acme-pay.com): only two of them together, or
 * one with a strong lure, make a lure domain (ezpass-tolls-pay.com, fedex-customs-help.net).
 */
const WEAK_LURES = new Set(
  (
    'account accounts pay payment payments billing bill delivery deliveries parcel parcels package track tracking toll tolls ' +
    'support help helpdesk wallet reward rewards claim prize bonus alert fine fines penalty online official portal service ' +
    'pago pagos cuenta entrega pagamento conta rastreio rastreamento paiement compte livraison colis zahlung konto paket sendung ' +
    'bayar pembayaran akun hadiah klaim resmi'
  ).split(/\s+/),
);

/** What a word can be, as bits: one lookup per token tells every role it can play. */
const GIVE = 1;
const CODE = 2;
const CUE = 4;
const NEGATION = 8;
const PRONOUN = 16;
const MARKER = 32;
const HOURS = 64;
const ASK = 128;
/** Roles matched on the word as written (stems would widen "received" to "receive", "recebeu" to "recebe"). */
const EXACT = CUE | NEGATION | PRONOUN | MARKER;

type PhraseKind = 'loss' | 'deadline' | 'story';
const PHRASE_BIT: Record<PhraseKind, number> = { loss: 1, deadline: 2, story: 4 };
interface Phrase {
  kind: PhraseKind;
  /** Accepted forms (folded word, its stems) of each word. */
  words: ReadonlySet<string>[];
}

interface Prepared {
  /** Folded word or stem → role bits. */
  roles: Map<string, number>;
  /** First-word form → the phrases that start with it. */
  phrasesByFirst: Map<string, Phrase[]>;
}

const prepared = new Map<string, Prepared>();

const fold = (w: string) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/'/g, '');

/** The vocabulary of a language (and English, which scams mix in) as one role table and one phrase index. */
function prepare(language: string): Prepared {
  let p = prepared.get(language);
  if (p) return p;
  const stem = stemmerFor(language);
  const stemEn = stemmerFor('en');
  const vocabularies = [VOCABULARY[language], VOCABULARY.en].filter((v, i, all): v is Vocabulary => v !== undefined && all.indexOf(v) === i);
  const forms = (w: string) => {
    const f = fold(w);
    return [...new Set([f, stem(f), stemEn(f)])];
  };
  const roles = new Map<string, number>();
  const add = (bit: number, words: (v: Vocabulary) => string[]) => {
    for (const v of vocabularies) for (const w of words(v)) for (const f of bit & EXACT ? [fold(w)] : forms(w)) roles.set(f, (roles.get(f) ?? 0) | bit);
  };
  add(GIVE, (v) => v.giveVerbs);
  add(CODE, (v) => v.codes);
  add(CUE, (v) => v.receivedCues);
  add(NEGATION, (v) => v.negations);
  add(PRONOUN, (v) => v.pronouns);
  add(MARKER, (v) => v.threatMarkers);
  add(HOURS, (v) => v.hoursMinutes);
  add(ASK, (v) => v.asks);
  const phrasesByFirst = new Map<string, Phrase[]>();
  const addPhrases = (kind: PhraseKind, list: (v: Vocabulary) => string[]) => {
    for (const v of vocabularies) {
      for (const text of list(v)) {
        const words = text.split(/[\s-]+/).map((w) => new Set(forms(w)));
        const phrase: Phrase = { kind, words };
        for (const f of words[0]) {
          const at = phrasesByFirst.get(f);
          if (at) at.push(phrase);
          else phrasesByFirst.set(f, [phrase]);
        }
      }
    }
  };
  addPhrases('loss', (v) => v.losses);
  addPhrases('deadline', (v) => v.deadlines);
  addPhrases('story', (v) => v.newNumber);
  p = { roles, phrasesByFirst };
  prepared.set(language, p);
  return p;
}

/** The role bits of every token, and the phrases found, in one pass over a text. */
interface Scan {
  flags: Uint16Array;
  phrases: { kind: PhraseKind; first: number; last: number }[];
}

function wordMatches(a: AnalyzedText, i: number, accepted: ReadonlySet<string>): boolean {
  if (accepted.has(a.tokens[i].text)) return true;
  for (const s of a.stems[i]) if (accepted.has(s)) return true;
  for (const f of a.forms[i]) if (accepted.has(f)) return true;
  return false;
}

function scan(a: AnalyzedText, v: Prepared): Scan {
  const n = a.tokens.length;
  const flags = new Uint16Array(n);
  const phrases: Scan['phrases'] = [];
  for (let i = 0; i < n; i++) {
    const t = a.tokens[i];
    if (t.kind !== 'word') continue;
    let bits = v.roles.get(t.text) ?? 0;
    for (const f of a.forms[i]) if (f !== t.text) bits |= v.roles.get(f) ?? 0;
    for (const s of a.stems[i]) bits |= (v.roles.get(s) ?? 0) & ~EXACT;
    flags[i] = bits;
    let done = 0;
    const tryKey = (key: string) => {
      const list = v.phrasesByFirst.get(key);
      if (!list) return;
      for (const ph of list) {
        const bit = PHRASE_BIT[ph.kind];
        if (done & bit) continue;
        let k = 1;
        for (; k < ph.words.length; k++) {
          const j = i + k;
          if (j >= n || a.tokens[j].breakBefore || a.tokens[j].kind !== 'word' || !wordMatches(a, j, ph.words[k])) break;
        }
        if (k === ph.words.length) {
          phrases.push({ kind: ph.kind, first: i, last: i + k - 1 });
          done |= bit;
        }
      }
    };
    tryKey(t.text);
    for (const x of a.stems[i]) if (x !== t.text) tryKey(x);
    for (const x of a.forms[i]) if (x !== t.text) tryKey(x);
  }
  return { flags, phrases };
}

/** Start of the sentence token i is in. */
function sentenceStart(a: AnalyzedText, i: number): number {
  let s = i;
  while (s > 0 && !a.tokens[s].breakBefore) s--;
  return s;
}

const WINDOW = 10;

/** "Send me the code you got", "reply with the 6-digit code we just sent you", "… by mistake. Can you send it back?" */
function codeRequestsIn(a: AnalyzedText, { flags }: Scan): TextMatch[] {
  const out: TextMatch[] = [];
  const n = a.tokens.length;
  for (let c = 0; c < n; c++) {
    if (!(flags[c] & CODE)) continue;
    // The request and the code word in one sentence, or the request in the next sentence with a pronoun for the code.
    const from = Math.max(sentenceStart(a, c), c - WINDOW);
    let end = c;
    while (end + 1 < n && end + 1 <= c + WINDOW && !a.tokens[end + 1].breakBefore) end++;
    let verb = -1;
    for (let k = from; k <= Math.min(n - 1, c + WINDOW); k++) {
      if (!(flags[k] & GIVE)) continue;
      if (k > end) {
        let pronoun = false;
        for (let j = k + 1; j <= Math.min(n - 1, k + 3); j++) if (flags[j] & PRONOUN) pronoun = true;
        if (!pronoun) continue;
      }
      // Negated in its own sentence, before it: "never share this code", "do not send it".
      let negated = false;
      for (let j = Math.max(sentenceStart(a, k), k - 4); j < k; j++) if (flags[j] & NEGATION) negated = true;
      if (!negated && (verb < 0 || Math.abs(k - c) < Math.abs(verb - c))) verb = k;
    }
    if (verb < 0) continue;
    let cue = false;
    for (let k = Math.max(0, c - WINDOW); k <= Math.min(n - 1, c + WINDOW) && !cue; k++) if (k !== verb && flags[k] & CUE) cue = true;
    if (!cue) continue;
    const m = matchOf(a, Math.min(verb, c), Math.max(verb, c));
    if (!out.some((o) => m.start < o.end && m.end > o.start)) out.push(m);
  }
  return out;
}

/** The first short deadline ("within 24 hours", "in 30 minutes", "today", "immediately"), as a token range. */
function deadlineIn(a: AnalyzedText, { flags, phrases }: Scan): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (let i = 0; i + 1 < a.tokens.length && !best; i++) {
    const t = a.tokens[i];
    if (t.kind === 'number' && Number(t.text) <= 72 && !a.tokens[i + 1].breakBefore && flags[i + 1] & HOURS) best = [i, i + 1];
  }
  const word = phrases.find((p) => p.kind === 'deadline');
  if (word && (!best || word.first < best[0])) best = [word.first, word.last];
  return best;
}

/** "Will be suspended", "or lose access", "to avoid a late fee", with a short deadline in the same text. */
function deadlineThreatsIn(a: AnalyzedText, s: Scan): TextMatch[] {
  const losses = s.phrases.filter((p) => p.kind === 'loss');
  if (losses.length === 0) return [];
  const deadline = deadlineIn(a, s);
  if (!deadline) return [];
  for (const { first, last } of losses) {
    // The farthest marker within three words ("will be suspended", not just "be suspended").
    let marker = -1;
    for (let k = first - 1; k >= Math.max(0, first - 3); k--) {
      if (s.flags[k] & MARKER) marker = k;
      if (a.tokens[k].breakBefore) break;
    }
    if (marker < 0) continue;
    return [matchOf(a, marker, last, { deadline: matchOf(a, deadline[0], deadline[1]).text })];
  }
  return [];
}

/** "This is my new number" or "I lost my phone", in a text that also asks for money, a payment or help. */
function newNumberStoriesIn(a: AnalyzedText, s: Scan): TextMatch[] {
  const story = s.phrases.find((p) => p.kind === 'story');
  if (!story) return [];
  let ask = -1;
  for (let i = 0; i < a.tokens.length && ask < 0; i++) if (s.flags[i] & ASK && (i < story.first || i > story.last)) ask = i;
  if (ask < 0) return [];
  return [matchOf(a, story.first, story.last, { ask: matchOf(a, ask, ask).text })];
}

/** Links to a hyphenated domain made of lure words: secure-pay-delivery.co, chase-verify-login.co, rm-redelivery-uk.com. */
function lureLinks(doc: LintDocument): TextMatch[] {
  const out: TextMatch[] = [];
  for (const l of linkSignals(doc).links) {
    if (shortenerOf(l.host)) continue;
    const label = registrableDomain(l.host).split('.')[0] ?? '';
    const parts = label.split('-').filter((p) => p.length > 0);
    if (parts.length < 2) continue;
    const lures = parts.filter((p) => STRONG_LURES.has(p) || WEAK_LURES.has(p));
    if (!lures.some((p) => STRONG_LURES.has(p)) && lures.length < 2) continue;
    out.push({ ...l, lures: lures.map((p) => `'${p}'`).join(', ') });
  }
  return out;
}

export interface ScamMechanics {
  codeRequests: TextMatch[];
  deadlineThreats: TextMatch[];
  newNumberStories: TextMatch[];
  lureLinkDomains: TextMatch[];
}

const cache = new ObjectCache<object, ScamMechanics>();

export function scamMechanics(doc: LintDocument): ScamMechanics {
  const cached = cache.get(doc.data);
  if (cached) return cached;
  const language = lexiconLanguage(doc.data.language);
  const v = prepare(language);
  const result: ScamMechanics = { codeRequests: [], deadlineThreats: [], newNumberStories: [], lureLinkDomains: lureLinks(doc) };
  for (const t of copyTexts(doc)) {
    const a = analyze(t, language);
    if (a.tokens.length === 0) continue;
    const found = memo(a, 'scam-mechanics', () => {
      const s = scan(a, v);
      return { codes: codeRequestsIn(a, s), threats: deadlineThreatsIn(a, s), stories: newNumberStoriesIn(a, s) };
    });
    result.codeRequests.push(...relocate(a, found.codes));
    result.deadlineThreats.push(...relocate(a, found.threats));
    result.newNumberStories.push(...relocate(a, found.stories));
  }
  cache.set(doc.data, result);
  return result;
}

export const scamMechanicsFacts: FactProvider = {
  id: 'text-scam-mechanics',
  kinds: ['template'],
  facts: {
    codeRequests: 'requests to pass on a code the reader received ("send me the code you got", "read it back to us")',
    deadlineThreats: 'a loss threatened under a short deadline ("will be suspended within 24 hours")',
    newNumberStories: '"this is my new number" or "I lost my phone" beside a request for money or help',
    lureLinkDomains: 'links to hyphenated domains made of lure words (secure-pay-delivery.co)',
  },
  compute(doc) {
    return { ...scamMechanics(doc) };
  },
};
