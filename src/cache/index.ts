import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { readFileBytes } from '../documents/source.js';
import type { DocumentStub } from '../parallel/protocol.js';
import { packageRoot, toolVersion } from '../package-root.js';
import type { DocumentResult } from '../types.js';

/**
 * `msglint lint --cache`: results of template files kept between runs, so that a re-run in a pull request
 * lints only what changed. Like ESLint's `.eslintcache`, one JSON file. A file's results are reused only
 * when everything they depend on is unchanged:
 * - the run's key: msglint's version and data, the packs (their files' contents), the config, the
 *   working directory and the options that shape results;
 * - the file's bytes (SHA-1);
 * - what a template's facts read from other documents: the templates that share its wording (Meta
 *   rejects duplicates), compared as the list of their names and places; and Meta's signals, so runs that
 *   include webhook or send logs neither read nor write template entries.
 * Campaigns, accounts, logs and configs are always linted again: they read audience files and the clock.
 */

export const CACHE_VERSION = 1;
export const DEFAULT_CACHE_FILE = '.msglintcache';

export interface CachedFile {
  /** SHA-1 of the file's bytes. */
  hash: string;
  /** The file's results, as reported. */
  results: DocumentResult[];
  /** Its templates as other documents see them (no text: it is read again when needed). */
  stubs: Omit<DocumentStub, 'text'>[];
  /** Per stub: the templates that shared its wording when the results were made (see wordingPeers). */
  peers: string[];
}

export interface CacheFile {
  version: number;
  key: string;
  files: Record<string, CachedFile>;
}

/** The key of a run: everything besides the files that the results depend on. */
export function runKey(parts: { cwd: string; packFiles: readonly string[]; config: unknown; explain: boolean }): string {
  const h = createHash('sha1');
  h.update(`msglint ${toolVersion()} cache ${CACHE_VERSION}\0${parts.cwd}\0${parts.explain}\0`);
  h.update(JSON.stringify(parts.config) ?? '');
  for (const file of parts.packFiles) h.update(`\0${file}\0${readHashed(file)?.hash ?? 'missing'}`);
  // msglint's own data (lexicons, models, built-in packs): their sizes and times, so a rebuild invalidates.
  for (const dir of ['dist/data', 'dist/packs', 'rules/category']) {
    const abs = path.join(packageRoot(), dir);
    for (const entry of listFiles(abs)) {
      const info = statSync(entry);
      h.update(`\0${path.relative(packageRoot(), entry)}:${info.size}:${info.mtimeMs}`);
    }
  }
  return h.digest('hex');
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []))
    .sort();
}

/** A file's bytes and their SHA-1; undefined when msglint would not read it (then it is never cached). */
export function readHashed(absPath: string): { hash: string; bytes: Buffer } | undefined {
  try {
    const bytes = readFileBytes(absPath);
    return { hash: createHash('sha1').update(bytes).digest('hex'), bytes };
  } catch {
    return undefined;
  }
}

/** The cache at `file` when it belongs to this run's key; an empty one otherwise (missing, stale, broken). */
export function readCache(file: string, key: string): CacheFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (parsed && parsed.version === CACHE_VERSION && parsed.key === key && typeof parsed.files === 'object' && parsed.files !== null) return parsed;
  } catch {
    // Missing or unreadable: start again.
  }
  return { version: CACHE_VERSION, key, files: {} };
}

/** Writes the cache atomically; a cache that cannot be written is reported, never fatal. */
export function writeCache(file: string, cache: CacheFile): string | undefined {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, file);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
