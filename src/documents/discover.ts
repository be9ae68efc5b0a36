import { stat } from 'node:fs/promises';
import path from 'node:path';

import type FastGlob from 'fast-glob';

/** YAML and JSON; JSON Lines (.jsonl, .ndjson) for logs of Meta's webhooks and message statuses. */
export const LINTABLE_EXTENSIONS = ['yaml', 'yml', 'json', 'jsonl', 'ndjson'];
const DEFAULT_IGNORES = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/.msglint-cache/**'];

export interface Discovery {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths or globs that matched nothing: msglint cannot do what was asked (exit 2). */
  missing: string[];
}

/** fast-glob, loaded only when a folder or glob is to be expanded (not for `msglint lint one-file.yaml`). */
let fastGlob: typeof FastGlob | undefined;
async function loadFastGlob(): Promise<typeof FastGlob> {
  return (fastGlob ??= (await import('fast-glob')).default);
}

/** No pattern character at all: certainly a plain path (saves loading fast-glob to ask). */
const PATTERN_CHARS = /[*?[\]{}()!+@]/;

async function isGlob(p: string): Promise<boolean> {
  if (!PATTERN_CHARS.test(p)) return false;
  return (await loadFastGlob()).isDynamicPattern(p.split(path.sep).join('/'));
}

/**
 * Expands the paths a user gave (files, folders, globs) into the files to lint.
 * Files named explicitly are linted whatever their extension; folders and globs only yield YAML, JSON and JSON Lines.
 */
export async function discoverFiles(inputs: readonly string[], cwd: string, ignores: readonly string[] = []): Promise<Discovery> {
  const files = new Set<string>();
  const missing: string[] = [];
  const ignore = [...DEFAULT_IGNORES, ...ignores];
  const extGlob = `**/*.{${LINTABLE_EXTENSIONS.join(',')}}`;
  for (const input of inputs) {
    if (await isGlob(input)) {
      const found = await lintableEntries(input.split(path.sep).join('/'), cwd, ignore);
      found.filter((f) => LINTABLE_EXTENSIONS.includes(path.extname(f).slice(1).toLowerCase())).forEach((f) => files.add(path.normalize(f)));
      if (found.length === 0) missing.push(input);
      continue;
    }
    const abs = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      missing.push(input);
      continue;
    }
    if (info.isDirectory()) {
      const found = await lintableEntries(extGlob, abs, ignore);
      found.forEach((f) => files.add(path.normalize(f)));
    } else {
      files.add(abs);
    }
  }
  return { files: [...files].sort(compareFilePaths), missing };
}

/**
 * Files matching a pattern, symbolic links included: a link to a file is linted like the file, and a
 * dangling link is kept so that reading it reports where it points. Links to folders are not followed
 * (a link loop cannot make discovery endless), and folders, pipes and devices are never matched.
 */
async function lintableEntries(pattern: string, cwd: string, ignore: string[]): Promise<string[]> {
  const fg = await loadFastGlob();
  const entries = await fg(pattern, { cwd, ignore, absolute: true, onlyFiles: false, dot: false, followSymbolicLinks: false, objectMode: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.dirent.isFile()) out.push(e.path);
    else if (e.dirent.isSymbolicLink()) {
      const target = await stat(e.path).catch(() => undefined);
      if (!target || !target.isDirectory()) out.push(e.path);
    }
  }
  return out;
}

/** Stable order: by path segments, so `a/b.yaml` sorts before `a/b/c.yaml` the same way on every machine. */
export function compareFilePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
