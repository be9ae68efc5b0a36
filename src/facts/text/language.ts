/** The two-letter language of a template's `language` code (en_US → en, pt_BR → pt, zh_CN → zh). */
export function baseLanguage(code: unknown): string {
  if (typeof code !== 'string') return '';
  const m = /^([a-z]{2,3})(?:[_-]|$)/i.exec(code.trim());
  return m ? m[1].toLowerCase() : '';
}

/** Languages that have phrase lexicons and term lists in rules/. */
export const LEXICON_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'id'] as const;

/** lexiconLanguage by language code (bounded). */
const lexiconLanguages = new Map<string, string>();

/**
 * The lexicon language to use for a template: its own language when msglint has a lexicon for it,
 * otherwise English (English spam phrases travel: Hinglish, Taglish and many African-market templates).
 */
export function lexiconLanguage(code: unknown): string {
  // Every text fact asks, for every template; a repository uses a handful of codes.
  if (typeof code === 'string') {
    const known = lexiconLanguages.get(code);
    if (known !== undefined) return known;
  }
  const base = baseLanguage(code);
  // 'in': the old ISO code for Indonesian, still seen in Java locales
  const language = base === 'in' ? 'id' : (LEXICON_LANGUAGES as readonly string[]).includes(base) ? base : 'en';
  if (typeof code === 'string' && lexiconLanguages.size < 1000) lexiconLanguages.set(code, language);
  return language;
}

/** Where a template's language is mostly used, when its code names no region (de → DE). */
const DEFAULT_REGION: Record<string, string> = { de: 'DE', fr: 'FR', es: 'ES', pt: 'BR', id: 'ID', it: 'IT', nl: 'NL', tr: 'TR', ms: 'MY', hi: 'IN' };

/** The region of a template's language code (en_GB → GB, pt_BR → BR, de → DE; en → undefined). */
export function regionOf(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const m = /^([a-z]{2,3})[_-]([A-Za-z]{2})$/.exec(code.trim());
  if (m) return m[2].toUpperCase();
  return DEFAULT_REGION[baseLanguage(code)];
}
