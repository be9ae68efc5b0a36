/**
 * Map offsets inside a parsed scalar's *value* back to offsets in the *source text*.
 *
 * The walkers below mirror, step by step, how `yaml` (eemeli/yaml v2) turns the source of a scalar
 * into its value (compose/resolve-flow-scalar.js and compose/resolve-block-scalar.js), but record,
 * for every value code unit, the source span that produced it. The rebuilt value is compared with
 * the node's value as it is produced; any difference makes the result `null` (callers then fall
 * back to the node's whole range), so a wrong position is never returned.
 *
 * Characters that were produced by folding (a space that came from a line break, a `\n` that came
 * from an empty line, the final `\n` added by block-scalar chomping) map to the line break that
 * produced them (`\n` or `\r\n`, width 1 or 2). A clip/keep newline with no line break in the
 * source (block scalar at end of input) maps to the empty span at the end of the scalar.
 * Escapes map to the whole escape (`\x41` → width 4); both UTF-16 units of an astral escape
 * (`\U0001F600`) map to the same escape. `''` in single-quoted scalars maps to both quotes.
 *
 * Everything is linear in the scalar's source length, without regular expressions, and cached
 * per node in a WeakMap.
 */
import type { Scalar } from 'yaml';

import { DOUBLE_QUOTED_ESCAPES } from './yaml-escapes.js';
import { ObjectCache } from './object-cache.js';

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE_SINGLE = 39;
const BACKSLASH = 92;

interface Mapping {
  /** starts[i]: source offset of value unit i; starts[len]: end of the last unit's source form. */
  readonly starts: Int32Array;
  /** ends[i]: source offset just after the source form of value unit i. */
  readonly ends: Int32Array;
}

interface CacheEntry {
  readonly source: string;
  readonly value: unknown;
  readonly r0: number;
  readonly r1: number;
  readonly mapping: Mapping | null;
}

// On the node itself, not in a module WeakMap: see object-cache.ts.
const cache = new ObjectCache<object, CacheEntry>();

/**
 * For a scalar node parsed by `yaml`, return an Int32Array `map` of length value.length + 1 where
 * map[i] is the source offset of the first source character that produced value code unit i, and
 * map[value.length] is the source offset just after the source text of the last value character.
 * Returns null when the value cannot be mapped exactly. The returned array is shared (cached):
 * do not mutate it.
 */
export function scalarSourceOffsets(source: string, node: Scalar): Int32Array | null {
  return getMapping(source, node)?.starts ?? null;
}

/** Source [start, end) of value range [a, b) (b > a), or null if unmappable. */
export function sourceRangeOfValue(source: string, node: Scalar, a: number, b: number): [number, number] | null {
  const m = getMapping(source, node);
  if (!m) return null;
  const len = m.ends.length;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > len || b <= a) return null;
  return [m.starts[a], m.ends[b - 1]];
}

function getMapping(source: string, node: Scalar): Mapping | null {
  const range = node.range;
  if (!range) return null;
  const r0 = range[0];
  const r1 = range[1];
  const hit = cache.get(node);
  if (hit && hit.source === source && hit.value === node.value && hit.r0 === r0 && hit.r1 === r1) {
    return hit.mapping;
  }
  let mapping: Mapping | null = null;
  try {
    mapping = computeMapping(source, node, r0, r1);
  } catch {
    mapping = null;
  }
  cache.set(node, { source, value: node.value, r0, r1, mapping });
  return mapping;
}

function expectedText(node: Scalar): string | null {
  const value: unknown = node.value;
  if (typeof value === 'string') return value;
  if (value === undefined || typeof value === 'object' && value !== null) return null;
  const text = String(value);
  return node.source === text ? text : null;
}

function computeMapping(source: string, node: Scalar, r0: number, r1: number): Mapping | null {
  const expected = expectedText(node);
  if (expected === null) return null;
  if (!(Number.isInteger(r0) && Number.isInteger(r1) && 0 <= r0 && r0 <= r1 && r1 <= source.length)) return null;
  switch (node.type) {
    case 'PLAIN': {
      const b = new Builder(expected);
      walkUnfold(b, source, r0, r1, false);
      return b.finish(r1, r0);
    }
    case 'QUOTE_SINGLE': {
      if (r1 - r0 < 2) return null;
      const b = new Builder(expected);
      walkUnfold(b, source, r0 + 1, r1 - 1, true);
      return b.finish(r1 - 1, r0 + 1);
    }
    case 'QUOTE_DOUBLE': {
      if (r1 - r0 < 2) return null;
      const b = new Builder(expected);
      walkDouble(b, source, r0, r1);
      return b.finish(r1 - 1, r0 + 1);
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return mapBlock(expected, source, node, r0, r1, node.type === 'BLOCK_FOLDED');
    default:
      return null;
  }
}

/**
 * Collects value units with their source spans and checks them against the expected value as it
 * goes. Separator units produced by folding are "pending" until the run of line breaks they came
 * from is complete; then the k pending units take the last k breaks of the run (the first break of
 * a fold run is the one that gets discarded when empty lines follow).
 */
class Builder {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private readonly expected: string;
  private readonly len: number;
  pos = 0;
  ok = true;
  lastCode = -1;
  private readonly pending: number[] = [];
  private readonly breaks: number[] = [];

  constructor(expected: string) {
    this.expected = expected;
    this.len = expected.length;
    this.starts = new Int32Array(this.len + 1);
    this.ends = new Int32Array(this.len);
  }

  /** A value unit produced by source [s, e). */
  emit(code: number, s: number, e: number): boolean {
    if (!this.ok) return false;
    if (this.pending.length > 0) this.resolve(s);
    this.breaks.length = 0;
    const pos = this.pos;
    if (pos >= this.len || this.expected.charCodeAt(pos) !== code) return (this.ok = false);
    this.starts[pos] = s;
    this.ends[pos] = e;
    this.pos = pos + 1;
    this.lastCode = code;
    return true;
  }

  /** Every unit of `text` is produced by source [s, e) (escapes). */
  emitAll(text: string, s: number, e: number): boolean {
    for (let k = 0; k < text.length; k++) if (!this.emit(text.charCodeAt(k), s, e)) return false;
    return true;
  }

  /** Unit i of `text` is produced by source [s + i, s + i + 1). */
  emitVerbatim(text: string, s: number): boolean {
    for (let k = 0; k < text.length; k++) if (!this.emit(text.charCodeAt(k), s + k, s + k + 1)) return false;
    return true;
  }

  /** A unit produced by folding line breaks (position assigned when the run of breaks ends). */
  sep(code: number): boolean {
    if (!this.ok) return false;
    const pos = this.pos;
    if (pos >= this.len || this.expected.charCodeAt(pos) !== code) return (this.ok = false);
    this.pending.push(pos);
    this.pos = pos + 1;
    this.lastCode = code;
    return true;
  }

  /** A line break at source [s, e) (e === s for the virtual break at end of input). */
  brk(s: number, e: number): void {
    this.breaks.push(s, e);
  }

  private resolve(fallback: number): void {
    const pending = this.pending;
    const breaks = this.breaks;
    const k = pending.length;
    const n = breaks.length >> 1;
    for (let j = 0; j < k; j++) {
      const idx = pending[j];
      if (n === 0) {
        this.starts[idx] = fallback;
        this.ends[idx] = fallback;
      } else {
        const bi = Math.max(0, n - k + j);
        this.starts[idx] = breaks[2 * bi];
        this.ends[idx] = breaks[2 * bi + 1];
      }
    }
    pending.length = 0;
  }

  /** Finish; `fallback` is used for pending separators without a break, `emptyPos` for an empty value. */
  finish(fallback: number, emptyPos: number): Mapping | null {
    if (!this.ok || this.pos !== this.len) return null;
    if (this.pending.length > 0) this.resolve(fallback);
    this.breaks.length = 0;
    const len = this.len;
    this.starts[len] = len > 0 ? this.ends[len - 1] : emptyPos;
    // Sanity: spans are non-decreasing and well-formed.
    let prev = -1;
    for (let i = 0; i < len; i++) {
      const s = this.starts[i];
      if (s < prev || this.ends[i] < s) return null;
      prev = s;
    }
    return { starts: this.starts, ends: this.ends };
  }
}

function isWs(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Emit source [s, e) verbatim; in single-quoted scalars `''` is one quote. */
function emitRun(b: Builder, src: string, s: number, e: number, single: boolean): boolean {
  for (let i = s; i < e; i++) {
    const c = src.charCodeAt(i);
    if (single && c === QUOTE_SINGLE && i + 1 < e && src.charCodeAt(i + 1) === QUOTE_SINGLE) {
      if (!b.emit(QUOTE_SINGLE, i, i + 2)) return false;
      i++;
    } else if (!b.emit(c, i, i + 1)) {
      return false;
    }
  }
  return true;
}

/**
 * Plain and single-quoted scalars (`unfoldLines` in yaml): lines are split at `\n` (an optional
 * preceding `\r` belongs to the break); the first line is right-trimmed, inner lines are trimmed on
 * both sides, the last line is left-trimmed; a single break folds to a space, each empty line to `\n`.
 */
function walkUnfold(b: Builder, src: string, from: number, to: number, single: boolean): void {
  let nl = src.indexOf('\n', from);
  if (nl === -1 || nl >= to) {
    emitRun(b, src, from, to, single);
    return;
  }
  let cEnd = nl > from && src.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
  let e = cEnd;
  while (e > from && isWs(src.charCodeAt(e - 1))) e--;
  if (!emitRun(b, src, from, e, single)) return;
  b.brk(cEnd, nl + 1);
  let sep = SPACE;
  let ls = nl + 1;
  for (;;) {
    nl = src.indexOf('\n', ls);
    if (nl === -1 || nl >= to) break;
    cEnd = nl > ls && src.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    let s = ls;
    while (s < cEnd && isWs(src.charCodeAt(s))) s++;
    e = cEnd;
    while (e > s && isWs(src.charCodeAt(e - 1))) e--;
    if (s === e) {
      if (sep === LF) {
        if (!b.sep(LF)) return;
      } else {
        sep = LF;
      }
    } else {
      if (!b.sep(sep) || !emitRun(b, src, s, e, single)) return;
      sep = SPACE;
    }
    b.brk(cEnd, nl + 1);
    ls = nl + 1;
  }
  let s = ls;
  while (s < to && isWs(src.charCodeAt(s))) s++;
  if (!b.sep(sep)) return;
  emitRun(b, src, s, to, single);
}


function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Double-quoted scalars (`doubleQuotedValue` + `foldNewline` in yaml). */
function walkDouble(b: Builder, src: string, r0: number, r1: number): void {
  const tok = src.slice(r0, r1);
  const n = tok.length;
  for (let i = 1; i < n - 1; ++i) {
    const ch = tok.charCodeAt(i);
    if (ch === CR && tok.charCodeAt(i + 1) === LF) continue;
    if (ch === LF) {
      b.brk(r0 + (tok.charCodeAt(i - 1) === CR ? i - 1 : i), r0 + i + 1);
      let count = 0;
      let off = i;
      let c = tok.charCodeAt(off + 1);
      while (c === SPACE || c === TAB || c === LF || c === CR) {
        if (c === CR && tok.charCodeAt(off + 2) !== LF) break;
        if (c === LF) {
          count++;
          b.brk(r0 + (tok.charCodeAt(off) === CR ? off : off + 1), r0 + off + 2);
        }
        off += 1;
        c = tok.charCodeAt(off + 1);
      }
      if (count === 0) {
        if (!b.sep(SPACE)) return;
      } else {
        for (let k = 0; k < count; k++) if (!b.sep(LF)) return;
      }
      i = off;
    } else if (ch === BACKSLASH) {
      const escStart = i;
      const next = tok[++i];
      const cc = next === undefined || !Object.prototype.hasOwnProperty.call(DOUBLE_QUOTED_ESCAPES, next) ? undefined : DOUBLE_QUOTED_ESCAPES[next];
      if (cc) {
        if (!b.emit(cc.charCodeAt(0), r0 + escStart, r0 + i + 1)) return;
      } else if (next === '\n') {
        let c = tok.charCodeAt(i + 1);
        while (c === SPACE || c === TAB) c = tok.charCodeAt(++i + 1);
      } else if (next === '\r' && tok.charCodeAt(i + 1) === LF) {
        let c = tok.charCodeAt(++i + 1);
        while (c === SPACE || c === TAB) c = tok.charCodeAt(++i + 1);
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digitsStart = i + 1;
        let ok = digitsStart + length <= n;
        for (let k = 0; ok && k < length; k++) ok = isHex(tok.charCodeAt(digitsStart + k));
        const code = ok ? parseInt(tok.substr(digitsStart, length), 16) : NaN;
        let text: string | null = null;
        try {
          text = String.fromCodePoint(code);
        } catch {
          text = null;
        }
        if (text !== null) {
          if (!b.emitAll(text, r0 + escStart, r0 + Math.min(n, digitsStart + length))) return;
        } else {
          const raw = tok.substr(escStart, length + 2);
          if (!b.emitVerbatim(raw, r0 + escStart)) return;
        }
        i += length;
      } else {
        const raw = tok.substr(escStart, 2);
        if (!b.emitVerbatim(raw, r0 + escStart)) return;
      }
    } else if (ch === SPACE || ch === TAB) {
      const wsStart = i;
      let next = tok.charCodeAt(i + 1);
      while (next === SPACE || next === TAB) next = tok.charCodeAt(++i + 1);
      if (next !== LF && !(next === CR && tok.charCodeAt(i + 2) === LF)) {
        for (let k = wsStart; k <= i; k++) if (!b.emit(tok.charCodeAt(k), r0 + k, r0 + k + 1)) return;
      }
    } else if (!b.emit(ch, r0 + i, r0 + i + 1)) {
      return;
    }
  }
}

interface BlockLines {
  /** Offset of the first character of each line (start of its indentation). */
  readonly start: number[];
  /** Number of leading spaces. */
  readonly indent: number[];
  /** End of the line's content, excluding a `\r` before the `\n` (and excluding the `\n`). */
  readonly contentEnd: number[];
  /** Offset of the `\n` ending the line, or the end of the scalar for the last line. */
  readonly lineEnd: number[];
  /** True when the line's raw content (after indentation) is '' or '\r'. */
  readonly empty: boolean[];
}

function splitBlockLines(src: string, from: number, to: number): BlockLines {
  const lines: BlockLines = { start: [], indent: [], contentEnd: [], lineEnd: [], empty: [] };
  let ls = from;
  for (;;) {
    let nl = src.indexOf('\n', ls);
    if (nl === -1 || nl > to) nl = to;
    let s = ls;
    while (s < nl && src.charCodeAt(s) === SPACE) s++;
    const crlf = nl > s && src.charCodeAt(nl - 1) === CR;
    lines.start.push(ls);
    lines.indent.push(s - ls);
    lines.contentEnd.push(crlf ? nl - 1 : nl);
    lines.lineEnd.push(nl);
    lines.empty.push(s === nl || (crlf && s === nl - 1));
    if (nl >= to) break;
    ls = nl + 1;
  }
  return lines;
}

interface BlockHeader {
  readonly indent: number;
  readonly chomp: '' | '-' | '+';
  /** Offset where the scalar's content (after the header line) starts, or -1 if none. */
  readonly contentStart: number;
}

function parseBlockHeader(src: string, r0: number, r1: number): BlockHeader | null {
  const mode = src[r0];
  if (mode !== '|' && mode !== '>') return null;
  let indent = 0;
  let chomp: '' | '-' | '+' = '';
  let i = r0 + 1;
  for (; i < r1; i++) {
    const ch = src[i];
    if (!chomp && (ch === '-' || ch === '+')) chomp = ch;
    else if (ch >= '0' && ch <= '9') {
      const d = ch.charCodeAt(0) - 48;
      if (!indent && d) indent = d;
      else return null;
    } else break;
  }
  const nl = src.indexOf('\n', i);
  const contentStart = nl === -1 || nl >= r1 ? -1 : nl + 1;
  return { indent, chomp, contentStart };
}

function mapBlock(expected: string, src: string, node: Scalar, r0: number, r1: number, folded: boolean): Mapping | null {
  const header = parseBlockHeader(src, r0, r1);
  if (!header) return null;
  const cs = header.contentStart;
  const lines = cs === -1 || cs >= r1 ? null : splitBlockLines(src, cs, r1);
  const emptyPos = cs === -1 ? r1 : cs;
  if (!lines || header.indent === 0) return walkBlock(expected, src, lines, header, 0, folded, r1, emptyPos);
  const tok = node.srcToken as { type?: string; indent?: unknown } | undefined;
  if (tok && tok.type === 'block-scalar' && typeof tok.indent === 'number') {
    return walkBlock(expected, src, lines, header, tok.indent, folded, r1, emptyPos);
  }
  // With an explicit indentation indicator the content indentation is relative to the parent's
  // indentation, which the node does not record: try each candidate; verification picks the one.
  let maxIndent = 0;
  for (const ind of lines.indent) if (ind > maxIndent) maxIndent = ind;
  for (let parent = 0; parent <= maxIndent; parent++) {
    const m = walkBlock(expected, src, lines, header, parent, folded, r1, emptyPos);
    if (m) return m;
  }
  return null;
}

/** Block scalars (`resolveBlockScalar` in yaml). */
function walkBlock(
  expected: string,
  src: string,
  lines: BlockLines | null,
  header: BlockHeader,
  parentIndent: number,
  folded: boolean,
  r1: number,
  emptyPos: number,
): Mapping | null {
  const b = new Builder(expected);
  const count = lines ? lines.start.length : 0;
  /** Source span of the line break ending line i ([r1, r1) for the last line). */
  const brk = (i: number): void => {
    if (!lines || i >= count - 1) {
      b.brk(r1, r1);
    } else {
      const le = lines.lineEnd[i];
      const ce = lines.contentEnd[i];
      b.brk(ce < le ? ce : le, le + 1);
    }
  };
  let chompStart = count;
  if (lines) {
    for (let i = count - 1; i >= 0; --i) {
      if (lines.empty[i]) chompStart = i;
      else break;
    }
  }
  if (!lines || chompStart === 0) {
    if (header.chomp === '+' && count > 0) {
      const k = Math.max(1, count - 1);
      for (let i = 0; i < k; i++) {
        brk(i);
        b.sep(LF);
      }
    }
    return b.finish(r1, emptyPos);
  }
  let trimIndent = parentIndent + header.indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const indent = lines.indent[i];
    if (lines.empty[i]) {
      if (header.indent === 0 && indent > trimIndent) trimIndent = indent;
    } else {
      if (header.indent === 0) trimIndent = indent;
      contentStart = i;
      break;
    }
  }
  for (let i = count - 1; i >= chompStart; --i) {
    if (lines.indent[i] > trimIndent) chompStart = i + 1;
  }
  const emitIndent = (i: number, indent: number): boolean => {
    const s = lines.start[i];
    for (let k = trimIndent; k < indent; k++) if (!b.emit(SPACE, s + k, s + k + 1)) return false;
    return true;
  };
  const emitContent = (i: number): boolean => {
    const s = lines.start[i] + lines.indent[i];
    const e = lines.contentEnd[i];
    for (let k = s; k < e; k++) if (!b.emit(src.charCodeAt(k), k, k + 1)) return false;
    return true;
  };
  // Leading empty lines keep their extra indentation.
  for (let i = 0; i < contentStart; ++i) {
    if (!emitIndent(i, lines.indent[i])) return null;
    brk(i);
    if (!b.sep(LF)) return null;
  }
  // sep: 0 = '', SPACE = ' ', LF = '\n'
  let sep = 0;
  let prevMoreIndented = false;
  for (let i = contentStart; i < chompStart; ++i) {
    if (i > contentStart) brk(i - 1);
    let indent = lines.indent[i];
    const contentFrom = lines.start[i] + indent;
    const contentTo = lines.contentEnd[i];
    const hasContent = contentTo > contentFrom;
    if (hasContent && indent < trimIndent) indent = 0;
    if (!folded) {
      if (sep && !b.sep(sep)) return null;
      if (!emitIndent(i, indent) || !emitContent(i)) return null;
      sep = LF;
    } else if (indent > trimIndent || (hasContent && src.charCodeAt(contentFrom) === TAB)) {
      let seps = sep ? 1 : 0;
      if (sep === SPACE) sep = LF;
      else if (!prevMoreIndented && sep === LF) seps = 2;
      for (let k = 0; k < seps; k++) if (!b.sep(sep)) return null;
      if (!emitIndent(i, indent) || !emitContent(i)) return null;
      sep = LF;
      prevMoreIndented = true;
    } else if (!hasContent) {
      if (sep === LF) {
        if (!b.sep(LF)) return null;
      } else {
        sep = LF;
      }
    } else {
      if (sep && !b.sep(sep)) return null;
      if (!emitContent(i)) return null;
      sep = SPACE;
      prevMoreIndented = false;
    }
  }
  switch (header.chomp) {
    case '-':
      break;
    case '+':
      for (let i = chompStart; i < count; ++i) {
        brk(i - 1);
        if (!b.sep(LF) || !emitIndent(i, lines.indent[i])) return null;
      }
      if (b.lastCode !== LF) {
        brk(count - 1);
        b.sep(LF);
      }
      break;
    default:
      brk(chompStart - 1);
      b.sep(LF);
  }
  return b.finish(r1, emptyPos);
}
