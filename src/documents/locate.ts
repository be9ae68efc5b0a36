import { isMap, isPair, isScalar, isSeq, type Node, type Document } from 'yaml';

import type { LintDocument } from './parse.js';
import { sourceRangeOfValue } from './scalar-offsets.js';
import type { SourceFile } from './source.js';
import type { Span } from '../types.js';

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.length === 0 ? '' : '/' + segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

interface Resolved {
  node: Node | null;
  /** The key node of the pair holding `node`, when it is a mapping value. */
  key: Node | null;
  /** True when the whole path was found. */
  complete: boolean;
}

/** Walks YAML nodes along a path; stops at the deepest node that exists. */
export function resolveNode(yaml: Document.Parsed, segments: readonly (string | number)[]): Resolved {
  let node: Node | null = yaml.contents;
  let key: Node | null = null;
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (!pair) return { node, key, complete: false };
      key = (pair.key as Node) ?? null;
      node = (pair.value as Node) ?? key;
    } else if (isSeq(node)) {
      const i = typeof seg === 'number' ? seg : Number(seg);
      const item = Number.isInteger(i) ? node.items[i] : undefined;
      if (!item) return { node, key, complete: false };
      key = null;
      node = item as Node;
    } else {
      return { node, key, complete: false };
    }
  }
  return { node, key, complete: true };
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

export interface LocateOptions {
  /** UTF-16 range inside the string value at the pointer. */
  start?: number;
  end?: number;
  /** Point at the key rather than its value (unknown or misspelled keys). */
  atKey?: boolean;
}

/** Source offsets [start, end) for a JSON pointer inside a document (and optionally a range in its string value). */
export function locateOffsets(doc: Pick<LintDocument, 'yaml' | 'basePath' | 'source'>, pointer: string, opts: LocateOptions = {}): [number, number] {
  const segments = [...doc.basePath, ...parsePointer(pointer)];
  const { node, key, complete } = resolveNode(doc.yaml, segments);
  if (!node) {
    const start = doc.yaml.range[0];
    return [start, start];
  }
  if (opts.atKey && key?.range) return [key.range[0], key.range[1]];
  if (complete && isScalar(node) && typeof node.value === 'string' && opts.start !== undefined) {
    const end = opts.end ?? node.value.length;
    if (end > opts.start) {
      const mapped = sourceRangeOfValue(doc.source.text, node, opts.start, end);
      if (mapped) return mapped;
    }
  }
  // Collections are long: point at their key (or opening token) instead of the whole block.
  if (!isScalar(node) && key?.range) return [key.range[0], key.range[1]];
  const range = node.range ?? [0, 0];
  if (!isScalar(node)) return [range[0], Math.min(range[0] + 1, range[1])];
  return [range[0], range[1]];
}

export function spanOf(source: SourceFile, start: number, end: number): Span {
  const a = source.lines.position(start);
  if (end > start) {
    const b = source.lines.position(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
  // A point: highlight the character there (both halves of a surrogate pair), but never a line break or
  // past the end of the file, so that every position stays inside its line.
  const text = source.text;
  const c = start >= 0 && start < text.length ? text.charCodeAt(start) : -1;
  const width = c === -1 || c === 10 || c === 13 ? 0 : c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(start + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column + width };
}

export function locate(doc: Pick<LintDocument, 'yaml' | 'basePath' | 'source'>, pointer: string, opts: LocateOptions = {}): Span {
  const [start, end] = locateOffsets(doc, pointer, opts);
  return spanOf(doc.source, start, end);
}
