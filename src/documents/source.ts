import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
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
  /** Set when the file was not UTF-8 (it was decoded from UTF-16 with a byte-order mark). */
  encoding?: 'utf-16le' | 'utf-16be';
}

/** Files larger than this are not parsed: a linter must not hang on a data dump. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export class SourceReadError extends Error {
  constructor(
    message: string,
    /** Byte offset of the problem in the file. */
    readonly offset = 0,
    /** The text before the problem, decoded leniently: where the problem is, as line and column. */
    readonly prefix = '',
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
 * Reads a file as text. Binary content, invalid UTF-8, oversize files and anything that is not a
 * regular file (a FIFO or a device such as /dev/zero would never end) become SourceReadError
 * (reported as `input` findings), never exceptions that stop the run or reads that never finish.
 */
export async function readSource(absPath: string, cwd: string): Promise<SourceFile> {
  return readSourceSync(absPath, cwd);
}

/**
 * readSource without the promise machinery: for the thousands of small files of a template repository,
 * synchronous reads cost a fraction of asynchronous ones (no thread-pool round trips per open, stat, read
 * and close), and they are what a lint worker thread does anyway.
 */
export function readSourceSync(absPath: string, cwd: string): SourceFile {
  return sourceFromBytes(readFileBytes(absPath), absPath, cwd);
}

/**
 * The bytes of a regular file of at most MAX_FILE_BYTES; anything else is a SourceReadError (or the
 * system's error: missing, not allowed). Also what the cache hashes, so it hashes the file linted.
 */
export function readFileBytes(absPath: string): Buffer {
  // Non-blocking, so that opening a FIFO cannot block; type and size come from the open descriptor, so
  // the file read is the file checked (a device such as /dev/zero is refused before any read).
  const fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    checkRegularFile(info);
    if (info.size > MAX_FILE_BYTES) {
      throw new SourceReadError(`file is ${(info.size / 1048576).toFixed(1)} MB; msglint reads files up to ${MAX_FILE_BYTES / 1048576} MB`);
    }
    const bytes = readFileSync(fd);
    if (bytes.length > MAX_FILE_BYTES) throw new SourceReadError(`file grew past ${MAX_FILE_BYTES / 1048576} MB while it was read`);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function checkRegularFile(info: Stats): void {
  if (info.isDirectory()) throw new SourceReadError('this is a folder, not a file');
  if (!info.isFile()) throw new SourceReadError('this is not a regular file (a device, pipe or socket); msglint reads YAML and JSON files');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const UTF8_LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function sourceFromBytes(bytes: Uint8Array, absPath: string, cwd: string): SourceFile {
  // Windows tools (PowerShell's `>`, Notepad's "Unicode") write UTF-16 with a byte-order mark: read it.
  const utf16 = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new SourceReadError(`the file starts like UTF-16 text (${utf16 === 'utf-16le' ? 'little' : 'big'}-endian byte-order mark) but is not valid UTF-16; save it as UTF-8`, 0);
    }
    if (text.includes('\u0000')) throw new SourceReadError('this is a binary file (it contains NUL characters), not YAML or JSON', 0, text.slice(0, text.indexOf('\u0000')));
    return { ...sourceFromText(text, absPath, cwd), encoding: utf16 };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const prefix = UTF8_LENIENT.decode(bytes.subarray(0, nul));
    throw new SourceReadError(looksLikeUtf16WithoutBom(bytes) ? 'the file looks like UTF-16 text without a byte-order mark; save it as UTF-8' : 'this is a binary file (it contains NUL bytes), not YAML or JSON', nul, prefix);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new SourceReadError('the file is not valid UTF-8 text; save it as UTF-8', at, UTF8_LENIENT.decode(bytes.subarray(0, at)));
  }
  return sourceFromText(text, absPath, cwd);
}

export function sourceFromText(text: string, absPath: string, cwd: string): SourceFile {
  return { absPath, relPath: relativePath(absPath, cwd), text, format: formatOf(absPath), lines: new LineIndex(text) };
}

/** ASCII text saved as UTF-16 without a BOM: every other byte of the first ones is NUL. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return (even === n / 2 && odd === 0) || (odd === n / 2 && even === 0);
}

/**
 * Byte offset of the first invalid UTF-8 sequence: one linear pass over the bytes, following the
 * Unicode rules TextDecoder applies (no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i; // a sequence cut off by the end of the file
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return n;
}
