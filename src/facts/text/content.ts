/**
 * Business and Commerce Policy content: prohibited and regulated goods from the term lists
 * (rules/content/terms/<lang>.yaml, the template's language and English), requests for full card,
 * bank or national ID numbers, threats and public shaming, impersonation.
 * Sources: https://business.whatsapp.com/policy ; https://www.whatsapp.com/legal/commerce-policy ;
 * policy-facts.md section 7.
 */
import { analyze, copyTexts, matchOf, memo, readsAs, type AnalyzedText } from './analysis.js';
import { baseLanguage, lexiconLanguage } from './language.js';
import { termMatcher, type TermEntry } from './lexicon.js';
import { selectHits } from './phrase-matcher.js';
import { findSensitiveRequests, SENSITIVE_LANGUAGES } from './sensitive.js';
import type { TextMatch } from '../../types.js';
import type { FactProvider } from '../registry.js';

type Group = 'prohibitedGoods' | 'regulatedGoods' | 'financialDataRequests' | 'nationalIdRequests' | 'threats' | 'impersonation';

/** Which fact a term category feeds: behaviour categories by their id, goods by their policy. */
function groupOf(entry: TermEntry): Group {
  const id = entry.category.id.toLowerCase();
  if (/imperson/.test(id)) return 'impersonation';
  if (/threat|shaming|intimidat|harass/.test(id)) return 'threats';
  if (/request/.test(id)) return /(^|-)(national|id|identity|ssn|passport)(-|$)/.test(id) ? 'nationalIdRequests' : 'financialDataRequests';
  return entry.category.policy === 'prohibited' ? 'prohibitedGoods' : 'regulatedGoods';
}

/** Negation words by language, for term-list requests ("we will never ask for your PIN"). */
const NEGATIONS: Record<string, RegExp> = {
  en: /\b(?:never|not|don't|dont|do not|won't|will not|no one|nobody|cannot|can't)\b/i,
  es: /(?<![\p{L}])(?:no|nunca|jam[aá]s|nadie)(?![\p{L}])/iu,
  pt: /(?<![\p{L}])(?:n[aã]o|nunca|jamais|ningu[eé]m)(?![\p{L}])/iu,
  fr: /(?<![\p{L}])(?:ne|n'|jamais|pas|aucun)(?![\p{L}])/iu,
  de: /(?<![\p{L}])(?:nie|niemals|nicht|kein|keine|niemand)(?![\p{L}])/iu,
  id: /(?<![\p{L}])(?:tidak|jangan|tak|bukan)(?![\p{L}])/iu,
};

const PARTIAL = /\b(?:last|final)\s+(?:4|four|2|two)\b|\bending\s+(?:in|with)\b|[uú]ltimos\s+(?:4|cuatro|quatro|d[ií]gitos)|(?:4|quatre)\s+derniers|letzten\s+(?:4|vier)|digit\s+terakhir/iu;

/** The same sentence, up to 60 characters before a match: where a negation cancels a request. */
function sentenceBefore(text: string, start: number): string {
  const from = Math.max(0, start - 60);
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

export const contentFacts: FactProvider = {
  id: 'text-content',
  kinds: ['template'],
  facts: {
    prohibitedGoods: 'goods and services the Business Policy prohibits (drugs, weapons, adult, payday loans, MLM, fake currency, …), with category, title and source',
    regulatedGoods: 'regulated goods and services (alcohol, tobacco, gambling, dating, medical products, supplements, …), with category, title and source',
    financialDataRequests: 'requests for a full card number, CVV, PIN, bank account number, banking password or one-time code (last four digits excepted)',
    nationalIdRequests: 'requests for a full national ID, social security, tax ID or passport number (last four digits excepted)',
    threats: 'threats, public shaming and legal-action intimidation',
    impersonation: 'wording that impersonates WhatsApp, Meta, banks or authorities',
  },
  compute(doc) {
    const own = lexiconLanguage(doc.data.language);
    const languages = own === 'en' ? ['en'] : [own, 'en'];
    const groups: Record<Group, TextMatch[]> = {
      prohibitedGoods: [],
      regulatedGoods: [],
      financialDataRequests: [],
      nationalIdRequests: [],
      threats: [],
      impersonation: [],
    };
    const taken = new Map<string, [number, number][]>();
    const claim = (m: TextMatch): boolean => {
      const list = taken.get(m.path) ?? [];
      if (list.some(([a, b]) => m.start < b && m.end > a)) return false;
      list.push([m.start, m.end]);
      taken.set(m.path, list);
      return true;
    };
    for (const text of copyTexts(doc)) {
      for (const language of languages) {
        const a = analyze(text, language);
        if (a.tokens.length === 0) continue;
        const found = memo(a, 'content', () => contentIn(a, language));
        for (const [group, m] of found) {
          const placed = m.path === text.path && m.role === text.role ? m : { ...m, path: text.path, role: text.role };
          if (claim(placed)) groups[group].push(placed);
        }
      }
    }
    return groups;
  },
};

/** Requests and terms found in one analysis, in order (requests first), with the fact each belongs to. */
function contentIn(a: AnalyzedText, language: string): [Group, TextMatch][] {
  const out: [Group, TextMatch][] = [];
  if ((SENSITIVE_LANGUAGES as readonly string[]).includes(language)) {
    for (const r of findSensitiveRequests(a, language)) {
      const m = matchOf(a, r.first, r.last, { identifier: r.identifier, asked: `'${r.identifier}'`, language, readsAs: '' });
      out.push([r.kind === 'financial' ? 'financialDataRequests' : 'nationalIdRequests', m]);
    }
  }
  const matcher = termMatcher(language);
  if (matcher.entries.length === 0) return out;
  for (const hit of selectHits(matcher, matcher.findAll(a), a.tokens.length)) {
    const entry = matcher.entries[hit.entry].payload;
    const group = groupOf(entry);
    const m = matchOf(a, hit.first, hit.last);
    if (group === 'financialDataRequests' || group === 'nationalIdRequests') {
      const before = sentenceBefore(a.source.text, m.start);
      const negation = NEGATIONS[baseLanguage(language)] ?? NEGATIONS.en;
      if (negation.test(before) || NEGATIONS.en.test(before)) continue;
      if (PARTIAL.test(a.source.text.slice(Math.max(0, m.start - 40), Math.min(a.source.text.length, m.end + 40)))) continue;
    }
    out.push([
      group,
      {
        ...m,
        category: entry.category.id,
        title: entry.category.title,
        policy: entry.category.policy,
        source: entry.category.source,
        term: entry.phrase,
        asked: group === 'nationalIdRequests' ? 'a full identity number' : group === 'financialDataRequests' ? 'full card or bank details' : entry.category.title,
        language,
        readsAs: readsAs(a, hit, m.text),
      },
    ]);
  }
  return out;
}
