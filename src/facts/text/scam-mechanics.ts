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
    losses: ['suspended', 'blocked', 'locked', 'deactivated', 'disabled', 'terminated', 'disconnected', 'destroyed', 'deleted', 'closed', 'returned to sender', 'sent back', 'lose access', 'late fee', 'legal action', 'arrested', 'bailiff', 'removed'],
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
    losses: ['suspendida', 'suspendido', 'bloqueada', 'bloqueado', 'desactivada', 'desactivado', 'cancelada', 'eliminada', 'cerrada', 'perderás el acceso', 'acciones legales', 'multa'],
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
    losses: ['suspensa', 'suspenso', 'bloqueada', 'bloqueado', 'desativada', 'desativado', 'cancelada', 'excluída', 'encerrada', 'perderá o acesso', 'ação judicial', 'multa'],
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
    losses: ['suspendu', 'suspendue', 'bloqué', 'bloquée', 'désactivé', 'désactivée', 'supprimé', 'fermé', 'perdrez', 'poursuites', 'amende'],
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
    losses: ['gesperrt', 'deaktiviert', 'gelöscht', 'geschlossen', 'gekündigt', 'zurückgeschickt', 'zugang verlieren', 'rechtliche schritte', 'mahngebühr'],
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
    losses: ['diblokir', 'ditangguhkan', 'dinonaktifkan', 'dihapus', 'ditutup', 'dikembalikan', 'denda', 'jalur hukum'],
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

type Phrase = string[][];
interface Prepared {
  give: Set<string>;
  codes: Set<string>;
  cues: Set<string>;
  negations: Set<string>;
  pronouns: Set<string>;
  losses: Phrase[];
  markers: Set<string>;
  deadlines: Phrase[];
  hoursMinutes: Set<string>;
  newNumber: Phrase[];
  asks: Set<string>;
}

const prepared = new Map<string, Prepared>();

const fold = (w: string) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/'/g, '');

/** Each word as its folded form and its stem (tokens are compared on either). */
function prepare(language: string): Prepared {
  let p = prepared.get(language);
  if (p) return p;
  const stem = stemmerFor(language);
  const stemEn = stemmerFor('en');
  const own = VOCABULARY[language];
  const en = VOCABULARY.en;
  const lists = (pick: (v: Vocabulary) => string[]) => (own && own !== en ? [...pick(own), ...pick(en)] : pick(en));
  const forms = (w: string) => {
    const f = fold(w);
    return [f, stem(f), stemEn(f)];
  };
  const set = (pick: (v: Vocabulary) => string[]) => new Set(lists(pick).flatMap(forms));
  // Cues, negations and markers are compared as written: stems would widen "received" to "receive".
  const exact = (pick: (v: Vocabulary) => string[]) => new Set(lists(pick).map(fold));
  const phrases = (pick: (v: Vocabulary) => string[]): Phrase[] => lists(pick).map((ph) => ph.split(/[\s-]+/).map((w) => [...new Set(forms(w))]));
  p = {
    give: set((v) => v.giveVerbs),
    codes: set((v) => v.codes),
    cues: exact((v) => v.receivedCues),
    negations: exact((v) => v.negations),
    pronouns: exact((v) => v.pronouns),
    losses: phrases((v) => v.losses),
    markers: exact((v) => v.threatMarkers),
    deadlines: phrases((v) => v.deadlines),
    hoursMinutes: set((v) => v.hoursMinutes),
    newNumber: phrases((v) => v.newNumber),
    asks: set((v) => v.asks),
  };
  prepared.set(language, p);
  return p;
}

function isIn(a: AnalyzedText, i: number, words: ReadonlySet<string>, stems = true): boolean {
  const t = a.tokens[i];
  if (t.kind !== 'word') return false;
  if (words.has(t.text)) return true;
  if (stems) for (const s of a.stems[i]) if (words.has(s)) return true;
  for (const f of a.forms[i]) if (words.has(f)) return true;
  return false;
}

/** The phrase starting at token i (words in a row, none across a sentence break): index of its last token, or -1. */
function phraseAt(a: AnalyzedText, i: number, phrase: readonly string[][]): number {
  for (let k = 0; k < phrase.length; k++) {
    const j = i + k;
    if (j >= a.tokens.length || (k > 0 && a.tokens[j].breakBefore)) return -1;
    const t = a.tokens[j];
    if (t.kind !== 'word') return -1;
    const want = phrase[k];
    if (!want.includes(t.text) && !a.stems[j].some((s) => want.includes(s)) && !a.forms[j].some((f) => want.includes(f))) return -1;
  }
  return i + phrase.length - 1;
}

function findPhrases(a: AnalyzedText, phrases: readonly Phrase[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < a.tokens.length; i++) {
    for (const ph of phrases) {
      const last = phraseAt(a, i, ph);
      if (last >= 0) {
        out.push([i, last]);
        break;
      }
    }
  }
  return out;
}

/** Start of the sentence token i is in. */
function sentenceStart(a: AnalyzedText, i: number): number {
  let s = i;
  while (s > 0 && !a.tokens[s].breakBefore) s--;
  return s;
}

const WINDOW = 10;

/** "Send me the code you got", "reply with the 6-digit code we just sent you", "read it back to us". */
function codeRequestsIn(a: AnalyzedText, v: Prepared): TextMatch[] {
  const out: TextMatch[] = [];
  const n = a.tokens.length;
  for (let c = 0; c < n; c++) {
    if (!isIn(a, c, v.codes)) continue;
    // The request and the code word in one sentence ("send me the code you got"), or the request in the next
    // sentence with a pronoun for the code ("… a code by mistake. Can you send it back?").
    const from = Math.max(sentenceStart(a, c), c - WINDOW);
    let end = c;
    while (end + 1 < n && end + 1 <= c + WINDOW && !a.tokens[end + 1].breakBefore) end++;
    let verb = -1;
    for (let k = from; k <= Math.min(n - 1, c + WINDOW); k++) {
      if (!isIn(a, k, v.give)) continue;
      if (k > end) {
        let pronoun = false;
        for (let j = k + 1; j <= Math.min(n - 1, k + 3); j++) if (isIn(a, j, v.pronouns, false)) pronoun = true;
        if (!pronoun) continue;
      }
      // Negated in its own sentence, before it: "never share this code", "do not send it".
      let negated = false;
      for (let j = Math.max(sentenceStart(a, k), k - 4); j < k; j++) if (isIn(a, j, v.negations, false)) negated = true;
      if (!negated && (verb < 0 || Math.abs(k - c) < Math.abs(verb - c))) verb = k;
    }
    if (verb < 0) continue;
    let cue = false;
    for (let k = Math.max(0, c - WINDOW); k <= Math.min(n - 1, c + WINDOW) && !cue; k++) if (k !== verb && isIn(a, k, v.cues, false)) cue = true;
    if (!cue) continue;
    const m = matchOf(a, Math.min(verb, c), Math.max(verb, c));
    if (!out.some((o) => m.start < o.end && m.end > o.start)) out.push(m);
  }
  return out;
}

/** The first short deadline in the text ("within 24 hours", "in 30 minutes", "today", "immediately"), as token range. */
function deadlineIn(a: AnalyzedText, v: Prepared): [number, number] | undefined {
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i];
    if (t.kind === 'number' && Number(t.text) <= 72 && i + 1 < a.tokens.length && !a.tokens[i + 1].breakBefore && isIn(a, i + 1, v.hoursMinutes)) return [i, i + 1];
    for (const ph of v.deadlines) {
      const last = phraseAt(a, i, ph);
      if (last >= 0) return [i, last];
    }
  }
  return undefined;
}

/** "Will be suspended", "or lose access", "to avoid a late fee", with a short deadline in the same text. */
function deadlineThreatsIn(a: AnalyzedText, v: Prepared): TextMatch[] {
  const losses = findPhrases(a, v.losses);
  if (losses.length === 0) return [];
  const deadline = deadlineIn(a, v);
  if (!deadline) return [];
  const out: TextMatch[] = [];
  for (const [first, last] of losses) {
    let marker = -1;
    for (let k = first - 1; k >= Math.max(0, first - 3) && marker < 0; k--) {
      if (isIn(a, k, v.markers, false)) marker = k;
      if (a.tokens[k].breakBefore) break;
    }
    if (marker < 0) continue;
    const d = matchOf(a, deadline[0], deadline[1]);
    out.push(matchOf(a, marker, last, { deadline: d.text }));
  }
  return out.slice(0, 1);
}

/** "This is my new number" or "I lost my phone", in a text that also asks for money, a payment or help. */
function newNumberStoriesIn(a: AnalyzedText, v: Prepared): TextMatch[] {
  const stories = findPhrases(a, v.newNumber);
  if (stories.length === 0) return [];
  let ask = -1;
  for (let i = 0; i < a.tokens.length && ask < 0; i++) if (isIn(a, i, v.asks) && !stories.some(([f, l]) => i >= f && i <= l)) ask = i;
  if (ask < 0) return [];
  const [first, last] = stories[0];
  return [matchOf(a, first, last, { ask: matchOf(a, ask, ask).text })];
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

const cache = new WeakMap<object, ScamMechanics>();

export function scamMechanics(doc: LintDocument): ScamMechanics {
  const cached = cache.get(doc.data);
  if (cached) return cached;
  const language = lexiconLanguage(doc.data.language);
  const v = prepare(language);
  const result: ScamMechanics = { codeRequests: [], deadlineThreats: [], newNumberStories: [], lureLinkDomains: lureLinks(doc) };
  for (const t of copyTexts(doc)) {
    const a = analyze(t, language);
    if (a.tokens.length === 0) continue;
    const found = memo(a, 'scam-mechanics', () => ({ codes: codeRequestsIn(a, v), threats: deadlineThreatsIn(a, v), stories: newNumberStoriesIn(a, v) }));
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
