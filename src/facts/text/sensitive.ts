/**
 * Requests for full card, bank or national ID numbers: a request verb ("send", "reply with", "envíe",
 * "kirimkan") followed within a few words by a sensitive identifier ("card number", "CVV", "número de
 * cuenta", "NIK"), in the template's language and in English. Not a request when it is negated ("we
 * will never ask you to send your PIN"), partial ("the last 4 digits of your card"), or the business is
 * the one sending ("we will send your PIN").
 * Sources: https://business.whatsapp.com/policy ; template-review guidance on sensitive identifiers
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review).
 */
import { PhraseMatcher, selectHits, type PhraseHit, type TokenStream } from './phrase-matcher.js';

export type SensitiveKind = 'financial' | 'national-id';

interface Vocabulary {
  /** Request verbs and phrases (imperatives and "we need"). */
  verbs: string[];
  financial: string[];
  nationalId: string[];
  /** Words that negate a request in the same sentence before it. */
  negations: string[];
  /** Phrases that make the identifier partial (last four digits), near the request. */
  partial: string[];
  /** Words right before the verb that make the business the one sending ("we", "te"). */
  senders: string[];
  /** Languages that put the verb after the identifier ("Bitte Ihre Kartennummer senden"). */
  verbLast?: boolean;
}

const VOCABULARY: Record<string, Vocabulary> = {
  en: {
    verbs: ['send', 'share', 'provide', 'reply with', 'respond with', 'confirm', 'give', 'tell', 'text', 'submit', 'forward', 'verify', 'update',
      'we need', 'we require', 'what is', "what's", 'dm', 'message us', 'write', 'type in'],
    financial: ['card number', 'credit card number', 'debit card number', 'card details', 'card info', 'card information', 'card digits', 'cvv', 'cvc',
      'cvv2', 'security code', 'card pin', 'atm pin', 'pin', 'pin number', 'pin code', 'upi pin', 'bank account number', 'bank account details',
      'bank details', 'banking details', 'iban', 'routing number', 'sort code', 'online banking password', 'banking password', 'net banking password',
      'internet banking password', 'banking login', 'login password', 'password', 'passcode', 'otp', 'one-time password', 'one time password',
      'verification code', 'one-time code'],
    nationalId: ['social security number', 'ssn', 'national id number', 'national id', 'id number', 'id card number', 'national insurance number',
      'passport number', 'passport details', 'tax id', 'tax id number', 'tax file number', 'taxpayer id', 'aadhaar number', 'aadhaar', 'pan number',
      'pan card number', "driver's license number", 'driving licence number', 'bvn', 'nin'],
    negations: ['never', 'not', 'dont', 'do not', 'wont', 'nobody', 'no one', 'shouldnt', 'cannot', 'cant', 'without'],
    partial: ['last 4', 'last four', 'last digits', 'last 4 digits', 'last four digits', 'ending in', 'ending with', 'ends in', 'ends with', 'final 4',
      'final four', 'last 2', 'last two', 'first 6'],
    senders: ['we', 'well', 'will', 'ill', 'i', 'automatically'],
  },
  es: {
    verbs: ['envía', 'envíe', 'envíanos', 'envíenos', 'enviar', 'envíame', 'mándanos', 'mande', 'manda', 'comparte', 'comparta', 'compartir', 'proporciona',
      'proporcione', 'proporcionar', 'confirma', 'confirme', 'confirmar', 'responde con', 'responda con', 'indícanos', 'indique', 'facilítanos',
      'facilite', 'dinos', 'díganos', 'escribe', 'escriba', 'necesitamos', 'actualiza', 'actualice', 'verifica', 'verifique'],
    financial: ['número de tarjeta', 'número de la tarjeta', 'número de tu tarjeta', 'número de su tarjeta', 'datos de la tarjeta', 'datos de tu tarjeta',
      'datos de su tarjeta', 'cvv', 'cvc', 'código de seguridad', 'pin', 'nip', 'clave', 'clave de la tarjeta', 'número de cuenta', 'cuenta bancaria',
      'datos bancarios', 'iban', 'clabe', 'contraseña', 'contraseña bancaria', 'clave de acceso', 'código otp', 'otp', 'código de verificación',
      'clave dinámica', 'token'],
    nationalId: ['dni', 'número de dni', 'cédula', 'número de cédula', 'número de identificación', 'documento de identidad', 'pasaporte',
      'número de pasaporte', 'curp', 'rfc', 'nie', 'número de seguridad social', 'rut'],
    negations: ['no', 'nunca', 'jamás', 'ni', 'nadie', 'ningún', 'ninguna', 'sin'],
    partial: ['últimos 4', 'últimos cuatro', 'últimos dígitos', 'últimos 4 dígitos', 'terminada en', 'terminado en', 'que termina en', 'con terminación'],
    senders: ['te', 'le', 'les', 'os', 'vamos', 'nosotros', 'automáticamente'],
  },
  pt: {
    verbs: ['envie', 'enviar', 'envia', 'envie-nos', 'mande', 'manda', 'compartilhe', 'compartilhar', 'partilhe', 'informe', 'informar', 'confirme',
      'confirmar', 'responda com', 'forneça', 'fornecer', 'passe', 'diga', 'precisamos', 'atualize', 'verifique'],
    financial: ['número do cartão', 'número completo do cartão', 'dados do cartão', 'cvv', 'código de segurança', 'senha', 'senha do cartão', 'pin',
      'número da conta', 'conta bancária', 'agência e conta', 'dados bancários', 'senha do banco', 'código otp', 'otp', 'código de verificação',
      'token', 'iban'],
    nationalId: ['cpf', 'número do cpf', 'rg', 'número do rg', 'identidade', 'documento de identidade', 'passaporte', 'número do passaporte', 'cnh',
      'nif', 'cartão de cidadão'],
    negations: ['não', 'nunca', 'jamais', 'nem', 'ninguém', 'nenhum', 'sem'],
    partial: ['últimos 4', 'últimos quatro', 'últimos dígitos', 'últimos 4 dígitos', 'terminado em', 'com final', 'final'],
    senders: ['te', 'lhe', 'vamos', 'nós', 'iremos', 'automaticamente'],
  },
  fr: {
    verbs: ['envoyez', 'envoie', 'envoyer', 'envoyez-nous', 'communiquez', 'communique', 'communiquer', 'transmettez', 'transmets', 'transmettre',
      'partagez', 'partage', 'partager', 'confirmez', 'confirme', 'confirmer', 'répondez avec', 'indiquez', 'indique', 'donnez', 'donne', 'fournissez',
      'fournir', 'nous avons besoin', 'mettez à jour', 'vérifiez'],
    financial: ['numéro de carte', 'numéro de carte bancaire', 'numéro de votre carte', 'coordonnées bancaires', 'données bancaires', 'cryptogramme',
      'cvv', 'code de sécurité', 'code pin', 'code secret', 'numéro de compte', 'rib', 'iban', 'mot de passe', 'mot de passe bancaire',
      'identifiants bancaires', 'code otp', 'code de vérification', 'code de confirmation'],
    nationalId: ['numéro de sécurité sociale', "numéro d'identité", "carte d'identité", "numéro de carte d'identité", 'passeport',
      'numéro de passeport', 'numéro fiscal', 'nir'],
    negations: ['ne', 'n', 'jamais', 'pas', 'aucun', 'aucune', 'sans'],
    partial: ['4 derniers', 'quatre derniers', 'derniers chiffres', '4 derniers chiffres', 'se terminant par', 'finissant par'],
    senders: ['nous', 'vous', 'automatiquement'],
  },
  de: {
    verbs: ['senden', 'sende', 'senden sie', 'schicken', 'schick', 'schicke', 'schicken sie', 'teilen', 'teile', 'teilen sie', 'geben', 'gib',
      'geben sie', 'bestätigen', 'bestätige', 'bestätigen sie', 'antworten sie mit', 'nennen', 'nenne', 'nennen sie', 'übermitteln', 'übermittle',
      'mitteilen', 'wir benötigen', 'wir brauchen', 'aktualisieren', 'verifizieren'],
    financial: ['kartennummer', 'kreditkartennummer', 'vollständige kartennummer', 'kartendaten', 'prüfziffer', 'prüfnummer', 'cvv', 'cvc',
      'sicherheitscode', 'pin', 'geheimzahl', 'kontonummer', 'iban', 'bankdaten', 'bankverbindung', 'zugangsdaten', 'passwort',
      'online-banking-passwort', 'tan', 'otp', 'bestätigungscode'],
    nationalId: ['personalausweisnummer', 'ausweisnummer', 'personalausweis', 'steuer-id', 'steuernummer', 'steueridentifikationsnummer',
      'sozialversicherungsnummer', 'reisepassnummer', 'reisepass'],
    negations: ['nie', 'niemals', 'nicht', 'kein', 'keine', 'keinesfalls', 'niemand', 'ohne'],
    partial: ['letzten 4', 'letzten vier', 'letzten ziffern', 'letzten 4 ziffern', 'endet auf', 'endend auf', 'endziffern'],
    senders: ['wir', 'ihnen', 'dir', 'automatisch'],
    verbLast: true,
  },
  id: {
    verbs: ['kirim', 'kirimkan', 'kirimkan kepada kami', 'berikan', 'bagikan', 'sebutkan', 'konfirmasi', 'balas dengan', 'informasikan',
      'beritahukan', 'kami membutuhkan', 'kami memerlukan', 'mohon kirim', 'perbarui', 'verifikasi'],
    financial: ['nomor kartu', 'nomor kartu kredit', 'nomor kartu debit', 'data kartu', 'cvv', 'kode cvv', 'kode keamanan', 'pin', 'pin atm',
      'nomor rekening', 'rekening bank', 'password', 'kata sandi', 'kode otp', 'otp', 'kode verifikasi'],
    nationalId: ['nik', 'nomor nik', 'nomor ktp', 'ktp', 'foto ktp', 'nomor paspor', 'paspor', 'npwp', 'nomor npwp'],
    negations: ['tidak', 'jangan', 'tak', 'bukan', 'takkan', 'tanpa'],
    partial: ['4 digit terakhir', 'empat digit terakhir', 'digit terakhir', 'berakhiran', 'akhiran'],
    senders: ['kami', 'akan', 'otomatis'],
  },
};

interface Compiled {
  verbs: PhraseMatcher<null>;
  identifiers: PhraseMatcher<SensitiveKind>;
  partial: PhraseMatcher<null>;
  negations: Set<string>;
  senders: Set<string>;
  verbLast: boolean;
}

const compiled = new Map<string, Compiled | null>();

function compile(language: string): Compiled | null {
  if (compiled.has(language)) return compiled.get(language)!;
  const v = VOCABULARY[language];
  let c: Compiled | null = null;
  if (v) {
    const plain = (list: string[]) => list.map((phrase) => ({ phrase, weight: 1, payload: null }));
    const identifiers = new PhraseMatcher<SensitiveKind>(
      [...v.financial.map((phrase) => ({ phrase, weight: 1, payload: 'financial' as const })), ...v.nationalId.map((phrase) => ({ phrase, weight: 1, payload: 'national-id' as const }))],
      language,
    );
    const verbs = new PhraseMatcher(plain(v.verbs), language);
    // Single words are compared on their stems, like everything else.
    const stemWords = (list: string[]) => new Set(list.flatMap((w) => verbs.phraseStems(w).stems));
    c = { verbs, identifiers, partial: new PhraseMatcher(plain(v.partial), language), negations: stemWords(v.negations), senders: stemWords(v.senders), verbLast: v.verbLast === true };
  }
  compiled.set(language, c);
  return c;
}

export const SENSITIVE_LANGUAGES: readonly string[] = Object.keys(VOCABULARY);

export interface SensitiveRequest {
  kind: SensitiveKind;
  /** Token range of the whole request [first, last]. */
  first: number;
  last: number;
  /** The identifier asked for, as written in the lexicon ("card number", "cvv"). */
  identifier: string;
}

/** The largest gap (in tokens) between a request verb and the identifier it asks for. */
const MAX_GAP = 4;
/** How far back (tokens, same sentence) a negation cancels a request. */
const NEGATION_WINDOW = 6;

/** Requests for sensitive numbers in one token stream of `language`. */
export function findSensitiveRequests(stream: TokenStream, language: string): SensitiveRequest[] {
  const c = compile(language);
  if (!c) return [];
  const { tokens } = stream;
  const idHits = selectHits(c.identifiers, c.identifiers.findAll(stream), tokens.length);
  if (idHits.length === 0) return [];
  const verbHits = c.verbs.findAll(stream);
  if (verbHits.length === 0) return [];
  const partialHits = c.partial.findAll(stream);
  const out: SensitiveRequest[] = [];
  const used = new Set<PhraseHit>();
  for (const id of idHits) {
    const verb = nearestVerb(verbHits, id, tokens, c.verbLast);
    if (!verb || used.has(id)) continue;
    const first = Math.min(verb.first, id.first);
    const last = Math.max(verb.last, id.last);
    if (negated(stream, first, c.negations)) continue;
    if (sentByBusiness(stream, verb.first, c.senders)) continue;
    if (partialHits.some((p) => p.first >= sentenceStart(tokens, first) && p.first <= last + MAX_GAP + 2)) continue;
    used.add(id);
    out.push({ kind: c.identifiers.entries[id.entry].payload, first, last, identifier: c.identifiers.entries[id.entry].phrase });
  }
  return out;
}

function nearestVerb(verbs: readonly PhraseHit[], id: PhraseHit, tokens: TokenStream['tokens'], verbLast: boolean): PhraseHit | undefined {
  let best: PhraseHit | undefined;
  for (const v of verbs) {
    if (v.last < id.first && id.first - v.last - 1 <= MAX_GAP && !breakBetween(tokens, v.last, id.first)) {
      if (!best || v.last > best.last) best = v;
    }
  }
  if (best || !verbLast) return best;
  for (const v of verbs) {
    if (v.first > id.last && v.first - id.last - 1 <= MAX_GAP && !breakBetween(tokens, id.last, v.first)) return v;
  }
  return undefined;
}

function breakBetween(tokens: TokenStream['tokens'], a: number, b: number): boolean {
  for (let i = a + 1; i <= b; i++) if (tokens[i].breakBefore) return true;
  return false;
}

function sentenceStart(tokens: TokenStream['tokens'], i: number): number {
  let s = i;
  while (s > 0 && !tokens[s].breakBefore) s--;
  return s;
}

function negated(stream: TokenStream, first: number, negations: ReadonlySet<string>): boolean {
  const from = Math.max(sentenceStart(stream.tokens, first), first - NEGATION_WINDOW);
  for (let i = from; i < first; i++) if (stream.stems[i].some((s) => negations.has(s))) return true;
  return false;
}

function sentByBusiness(stream: TokenStream, verbFirst: number, senders: ReadonlySet<string>): boolean {
  const from = Math.max(sentenceStart(stream.tokens, verbFirst), verbFirst - 2);
  for (let i = from; i < verbFirst; i++) if (stream.stems[i].some((s) => senders.has(s))) return true;
  return false;
}
