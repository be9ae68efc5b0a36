import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { packageRoot } from './package-root.js';

const cache = new Map<string, unknown>();

/**
 * Reads a data file shipped under `rules/` (word lists, language codes, error codes, the category model),
 * preferring the JSON copy written at build time (scripts/build-data.mjs) — JSON.parse is an order of
 * magnitude faster than parsing YAML, and these files are read on every run. Falls back to the YAML when
 * the copy is missing or older (running from src/, or a data file edited without a rebuild).
 */
export function readDataFile<T>(relPath: string): T {
  const hit = cache.get(relPath);
  if (hit !== undefined) return hit as T;
  const root = packageRoot();
  const source = path.join(root, relPath);
  const copy = path.join(root, 'dist', 'data', `${relPath}.json`);
  let value: unknown;
  try {
    if (statSync(copy).mtimeMs >= statSync(source).mtimeMs) value = JSON.parse(readFileSync(copy, 'utf8'));
  } catch {
    value = undefined;
  }
  if (value === undefined) {
    const text = readFileSync(source, 'utf8');
    value = /\.json$/i.test(relPath) ? JSON.parse(text) : parse(text);
  }
  cache.set(relPath, value);
  return value as T;
}
