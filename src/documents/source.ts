import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { LineIndex } from './line-index.js';
import type { SourceFormat } from '../types.js';

/** A file as read from disk, with what is needed to turn offsets into line/column. */
export interface SourceFile {
  /** Absolute path. */
  absPath: string;
  /** Path relative to the working directory, with forward slashes: what users see. */
  relPath: string;
  text: string;
  format: SourceFormat;
  lines: LineIndex;
}

/** Files larger than this are not parsed: a linter must not hang on a data dump. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export class SourceReadError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
  }
}

export function formatOf(filePath: string): SourceFormat {
  const ext = path.extname(filePath).toLowerCase();
  return ext === '.json' || ext === '.jsonl' || ext === '.ndjson' ? 'json' : 'yaml';
}

export function relativePath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath) || path.basename(absPath);
  return rel.split(path.sep).join('/');
}

/**
 * Reads a file as UTF-8 text. Binary content, invalid UTF-8 and oversize files become
 * SourceReadError (reported as `input` findings), never exceptions that stop the run.
 */
export async function readSource(absPath: string, cwd: string): Promise<SourceFile> {
  const info = await stat(absPath);
  if (info.size > MAX_FILE_BYTES) {
    throw new SourceReadError(`file is ${(info.size / 1048576).toFixed(1)} MB; msglint reads files up to ${MAX_FILE_BYTES / 1048576} MB`);
  }
  const bytes = await readFile(absPath);
  return sourceFromBytes(bytes, absPath, cwd);
}

export function sourceFromBytes(bytes: Uint8Array, absPath: string, cwd: string): SourceFile {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new SourceReadError('this is a binary file (it contains NUL bytes), not YAML or JSON', nul);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new SourceReadError('the file is not valid UTF-8 text; save it as UTF-8', firstInvalidUtf8(bytes));
  }
  return sourceFromText(text, absPath, cwd);
}

export function sourceFromText(text: string, absPath: string, cwd: string): SourceFile {
  return { absPath, relPath: relativePath(absPath, cwd), text, format: formatOf(absPath), lines: new LineIndex(text) };
}

/** Byte offset of the first invalid UTF-8 sequence (for the error position). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest valid prefix (a prefix may end inside a character, so allow 3 bytes of slack).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}
