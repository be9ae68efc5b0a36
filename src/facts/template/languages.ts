import { readDataFile } from '../../data.js';
import { isRecord } from '../../documents/kinds.js';

/** Meta's supported template languages, read once from rules/format/languages.yaml (data, not code). */
export interface LanguageList {
  /** code → language name, e.g. en_US → English (US). */
  codes: ReadonlyMap<string, string>;
  /** base language → the listed codes that start with it (en → en, en_GB, en_US, …). */
  byBase: ReadonlyMap<string, readonly string[]>;
  source: string;
}

/** Meta's form: a lowercase ISO 639 code, optionally `_` and an uppercase region (en, en_US, fil, prs_AF). */
export const WELL_FORMED_LANGUAGE = /^[a-z]{2,3}(?:_[A-Z]{2})?$/;

let loaded: LanguageList | undefined;

export const LANGUAGES_FILE = 'rules/format/languages.yaml';

export function supportedLanguages(): LanguageList {
  if (loaded) return loaded;
  const data = readDataFile<unknown>(LANGUAGES_FILE);
  if (!isRecord(data) || !isRecord(data.languages)) throw new Error(`${LANGUAGES_FILE}: expected a "languages" map of code → name`);
  const codes = new Map<string, string>();
  const byBase = new Map<string, string[]>();
  for (const [code, name] of Object.entries(data.languages)) {
    if (!WELL_FORMED_LANGUAGE.test(code)) throw new Error(`${LANGUAGES_FILE}: "${code}" is not a language code in Meta's form`);
    codes.set(code, String(name));
    const base = code.split('_')[0];
    const list = byBase.get(base) ?? [];
    list.push(code);
    byBase.set(base, list);
  }
  loaded = { codes, byBase, source: typeof data.source === 'string' ? data.source : '' };
  return loaded;
}

export type LanguageVerdict =
  | { kind: 'ok' }
  | { kind: 'empty' }
  | { kind: 'form'; suggestion: string }
  | { kind: 'unsupported' }
  | { kind: 'unlisted-variant'; suggestions: readonly string[] };

/** `en-US`, `EN_us`, `pt-br` → `en_US`, `en_US`, `pt_BR`; undefined when the value does not look like a language code at all. */
export function normalizeLanguage(value: string): string | undefined {
  const parts = value.trim().split(/[-_\s]+/);
  if (parts.length > 2 || !/^[A-Za-z]{2,3}$/.test(parts[0])) return undefined;
  if (parts.length === 2 && !/^[A-Za-z]{2}$/.test(parts[1])) return undefined;
  return parts.length === 2 ? `${parts[0].toLowerCase()}_${parts[1].toUpperCase()}` : parts[0].toLowerCase();
}

/** What is wrong with a template's language code, judged against Meta's list. */
export function checkLanguage(value: string): LanguageVerdict {
  if (value.trim() === '') return { kind: 'empty' };
  const { codes, byBase } = supportedLanguages();
  if (codes.has(value)) return { kind: 'ok' };
  const normalized = normalizeLanguage(value);
  if (normalized !== undefined && normalized !== value) {
    const variants = byBase.get(normalized.split('_')[0]) ?? [];
    const suggestion = codes.has(normalized) ? normalized : variants.includes(normalized.split('_')[0]) ? normalized.split('_')[0] : (variants[0] ?? normalized);
    return { kind: 'form', suggestion };
  }
  if (!WELL_FORMED_LANGUAGE.test(value)) return { kind: 'unsupported' };
  const variants = byBase.get(value.split('_')[0]);
  return variants ? { kind: 'unlisted-variant', suggestions: variants } : { kind: 'unsupported' };
}
