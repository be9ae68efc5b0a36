import { normalizeWording } from '../../audience/wording.js';
import { readDataFile } from '../../data.js';
import { isRecord } from '../../documents/kinds.js';
import { campaignLinks } from './links.js';
import { accountNumbers } from './plan.js';
import type { FactProvider } from '../registry.js';

/** The word lists in rules/opt-in/wording-terms.yaml, normalised once. */
interface WordingTerms {
  announces: string[];
  channel: string[];
  legalSuffixes: string[];
}

let terms: WordingTerms | undefined;

function wordingTerms(): WordingTerms {
  if (terms) return terms;
  const data = readDataFile<Record<string, unknown>>('rules/opt-in/wording-terms.yaml');
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => normalizeWording(String(x))).filter((x) => x !== '') : []);
  const announces = isRecord(data.announces) ? Object.values(data.announces).flatMap(list) : list(data.announces);
  terms = { announces: [...new Set(announces)], channel: list(data.channel), legalSuffixes: list(data.legalSuffixes).sort((a, b) => b.length - a.length) };
  return terms;
}

function containsPhrase(normalizedText: string, phrase: string): boolean {
  return phrase !== '' && ` ${normalizedText} `.includes(` ${phrase} `);
}

/** A business name without its legal form: "Acme Retail Ltd" → "acme retail", "PT Maju Jaya Tbk" → "maju jaya". */
export function coreBusinessName(name: string): string {
  let core = normalizeWording(name);
  const suffixes = wordingTerms().legalSuffixes;
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of suffixes) {
      if (core.endsWith(` ${s}`)) {
        core = core.slice(0, -s.length - 1).trim();
        changed = true;
      } else if (core.startsWith(`${s} `)) {
        core = core.slice(s.length + 1).trim();
        changed = true;
      }
    }
  }
  return core;
}

/**
 * Whether the wording names the business: its full name, its name without the legal form, its first word when that
 * is a distinctive brand (four letters or more: "Acme" for "Acme Retail Ltd"), the account's short name, or a
 * phone number's display name.
 */
export function wordingNamesBusiness(wording: string, names: readonly string[]): boolean {
  const text = normalizeWording(wording);
  for (const name of names) {
    const full = normalizeWording(name);
    const core = coreBusinessName(name);
    const brand = core.split(' ')[0] ?? '';
    if (containsPhrase(text, full) || containsPhrase(text, core)) return true;
    if (brand.length >= 4 && containsPhrase(text, brand)) return true;
  }
  return false;
}

export function wordingAnnouncesMessages(wording: string): boolean {
  const text = normalizeWording(wording);
  return wordingTerms().announces.some((t) => containsPhrase(text, t));
}

export function wordingNamesWhatsApp(wording: string): boolean {
  const text = normalizeWording(wording);
  return wordingTerms().channel.some((t) => containsPhrase(text, t));
}

/** The declared opt-in: does its wording name the business and say what people will get, and where? */
export const campaignClaim: FactProvider = {
  id: 'campaign-claim',
  kinds: ['campaign'],
  facts: {
    businessName: "the account's business name (or its name)",
    wordingNamesBusiness: 'whether the declared opt-in wording names the business (full name, name without legal form, brand, or a number display name)',
    wordingAnnouncesMessages: 'whether the declared wording says the person will get messages (updates, offers, notifications, … in several languages)',
    wordingMentionsWhatsApp: 'whether the declared wording says the messages come on WhatsApp',
  },
  compute(doc, ctx) {
    const links = campaignLinks(ctx.workspace, doc);
    const account = links.account;
    const optIn = isRecord(doc.data.optIn) ? doc.data.optIn : {};
    const wording = typeof optIn.wording === 'string' ? optIn.wording : '';
    const names: string[] = [];
    if (account) {
      if (typeof account.business === 'string' && account.business.trim()) names.push(account.business);
      if (typeof account.name === 'string' && account.name.trim().length >= 3) names.push(account.name);
      for (const n of accountNumbers(account)) if (typeof n.name === 'string' && n.name.trim()) names.push(n.name);
    }
    return {
      businessName: names[0] ?? '',
      // Without an account there is no name to look for: the input rule reports the missing account instead.
      wordingNamesBusiness: names.length === 0 || wordingNamesBusiness(wording, names),
      wordingAnnouncesMessages: wordingAnnouncesMessages(wording),
      wordingMentionsWhatsApp: wordingNamesWhatsApp(wording),
    };
  },
};
