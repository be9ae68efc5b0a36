// The data behind `msglint explain <code>`: Meta (WhatsApp Cloud API) error codes in plain language.
// Rows live in rules/meta/error-codes.yaml; this module loads, validates and formats them.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { AREAS } from '../types.js';

export type RetryPolicy = 'yes-backoff' | 'no-wait-24h' | 'no-stop-campaign' | 'no-fix-first' | 'no-never' | 'after-period';

export const RETRY_POLICIES: readonly RetryPolicy[] = [
  'yes-backoff',
  'no-wait-24h',
  'no-stop-campaign',
  'no-fix-first',
  'no-never',
  'after-period',
];

/** Short human label for each retry policy (used in list output and "Retry:" lines). */
export const RETRY_LABELS: Readonly<Record<RetryPolicy, string>> = {
  'yes-backoff': 'retry with backoff',
  'no-wait-24h': 'do not retry within 24 h',
  'no-stop-campaign': 'do not retry: stop the campaign',
  'no-fix-first': 'do not retry until fixed',
  'no-never': 'do not retry',
  'after-period': 'retry after the restriction period',
};

export interface ErrorCodeEntry {
  code: number;
  title: string;
  meaning: string;
  retry: RetryPolicy;
  retryAdvice: string;
  fix: string;
  preventedBy: string[];
  area: string;
  source: string;
}

/** Path of the data file, relative to the package root. */
export const ERROR_CODES_FILE = join('rules', 'meta', 'error-codes.yaml');

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

let cache: ErrorCodeEntry[] | undefined;
let byCode: Map<number, ErrorCodeEntry> | undefined;

/** Walk up from this module (src/meta/ under vitest, dist/meta/ after build) to the directory holding package.json. */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`msglint: cannot find package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateRow(row: unknown, index: number, file: string): ErrorCodeEntry {
  const where = `${file}: codes[${index}]`;
  if (!isRecord(row)) throw new Error(`${where} must be a mapping`);
  const code = row.code;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 0) {
    throw new Error(`${where}.code must be a non-negative integer`);
  }
  const at = `${where} (code ${code})`;
  const text = (field: string): string => {
    const value = row[field];
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${at}.${field} must be a non-empty string`);
    return value.trim();
  };
  const retry = row.retry;
  if (typeof retry !== 'string' || !(RETRY_POLICIES as readonly string[]).includes(retry)) {
    throw new Error(`${at}.retry must be one of ${RETRY_POLICIES.join(', ')}`);
  }
  const area = text('area');
  if (!(AREAS as readonly string[]).includes(area)) throw new Error(`${at}.area must be one of ${AREAS.join(', ')}`);
  const preventedBy = row.preventedBy ?? [];
  if (!Array.isArray(preventedBy) || !preventedBy.every((id): id is string => typeof id === 'string' && RULE_ID.test(id))) {
    throw new Error(`${at}.preventedBy must be a list of rule ids like "velocity/pair-rate"`);
  }
  const source = text('source');
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new Error(`${at}.source must be a URL`);
  }
  if (url.protocol !== 'https:') throw new Error(`${at}.source must be an https URL`);
  return {
    code,
    title: text('title'),
    meaning: text('meaning'),
    retry: retry as RetryPolicy,
    retryAdvice: text('retryAdvice'),
    fix: text('fix'),
    preventedBy: [...preventedBy],
    area,
    source,
  };
}

/** Parse and validate rules/meta/error-codes.yaml (once), sorted by code. Throws on a malformed row. */
export function loadErrorCodes(): ErrorCodeEntry[] {
  if (cache) return cache;
  const file = join(findPackageRoot(), ERROR_CODES_FILE);
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (!isRecord(doc) || !Array.isArray(doc.codes)) throw new Error(`${file}: expected a mapping with a "codes" list`);
  const entries = doc.codes.map((row, i) => validateRow(row, i, file));
  const seen = new Map<number, ErrorCodeEntry>();
  for (const entry of entries) {
    if (seen.has(entry.code)) throw new Error(`${file}: code ${entry.code} is listed twice`);
    seen.set(entry.code, entry);
  }
  entries.sort((a, b) => a.code - b.code);
  for (const entry of entries) Object.freeze(entry.preventedBy);
  cache = entries.map((entry) => Object.freeze(entry));
  byCode = seen;
  return cache;
}

/** Look up a code given as a number or a string ("131049", " #131049 "). */
export function findErrorCode(code: string | number): ErrorCodeEntry | undefined {
  let n: number;
  if (typeof code === 'number') {
    n = code;
  } else {
    const trimmed = code.trim().replace(/^#/, '');
    if (!/^\d+$/.test(trimmed)) return undefined;
    n = Number(trimmed);
  }
  if (!Number.isInteger(n)) return undefined;
  loadErrorCodes();
  return byCode?.get(n);
}

const ANSI = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
type Style = keyof typeof ANSI;

function paint(text: string, style: Style, color: boolean): string {
  if (!color) return text;
  const [open, close] = ANSI[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

function retryStyle(retry: RetryPolicy): Style {
  if (retry === 'yes-backoff') return 'green';
  if (retry === 'after-period' || retry === 'no-wait-24h') return 'yellow';
  return 'red';
}

/** Multi-line explanation of one code, for `msglint explain <code>`. */
export function formatErrorCode(entry: ErrorCodeEntry, opts: { color: boolean }): string {
  const { color } = opts;
  const label = (name: string): string => paint(`${name}:`, 'bold', color);
  const retry = paint(`${entry.retry} (${RETRY_LABELS[entry.retry]})`, retryStyle(entry.retry), color);
  const prevented = entry.preventedBy.length > 0 ? entry.preventedBy.join(', ') : '(no msglint rule)';
  return [
    `${paint(String(entry.code), 'bold', color)}  ${paint(entry.title, 'bold', color)}`,
    '',
    entry.meaning,
    '',
    `${label('Retry')} ${retry}. ${entry.retryAdvice}`,
    `${label('Fix')} ${entry.fix}`,
    `${label('Prevented by')} ${paint(prevented, 'cyan', color)}`,
    `${label('Area')} ${entry.area}`,
    `${label('Source')} ${paint(entry.source, 'dim', color)}`,
  ].join('\n');
}

/** One line per code: code, retry policy, title (aligned columns, no trailing newline). */
export function formatErrorCodeList(entries: ErrorCodeEntry[]): string {
  const codeWidth = Math.max(0, ...entries.map((e) => String(e.code).length));
  const retryWidth = Math.max(0, ...entries.map((e) => e.retry.length));
  return entries
    .map((e) => `${String(e.code).padStart(codeWidth)}  ${e.retry.padEnd(retryWidth)}  ${e.title}`)
    .join('\n');
}
