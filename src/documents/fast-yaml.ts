/**
 * A fast path for the simple YAML (and JSON) that template files are made of: it builds the same
 * Document, nodes and ranges as `yaml`'s Composer (core schema, strict), about ten times faster, and
 * returns `undefined` — the caller then parses with `yaml` — for anything outside its subset.
 *
 * The subset: one document (no `---`, `...` or `%` directives; a leading BOM, comments and blank lines
 * are fine), block maps and block sequences (`- key: value` compact maps too) indented with spaces,
 * plain, single- and double-quoted scalars on one line, literal and folded block scalars (`|`, `|-`,
 * `>`, `>-`), flow sequences and maps (over several lines too, without comments inside: JSON), LF or
 * CRLF line breaks. Anchors, aliases, tags, keep chomping and indentation indicators, multi-line plain
 * or quoted scalars, `?` keys, keys that are collections, duplicate keys, tabs outside quotes and
 * comments, empty flow items and trailing commas all fall back.
 *
 * Ranges follow yaml 2's CST parser exactly, including where it puts the blank and comment lines
 * between two values: a comment indented deeper than its collection extends the previous value's
 * range; other trailing lines stay with the innermost collection whose indentation their comments
 * reach, or move up to its parent (see `closeTrail`). Comments themselves are not copied onto the
 * nodes (`comment`, `commentBefore`): nothing in msglint reads them.
 */
import { Composer, Document, Pair, parseAllDocuments, Parser, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

import { DOUBLE_QUOTED_ESCAPES } from './yaml-escapes.js';

/** Options of the Document built (those of parse.ts's Composer). The subset assumes these values. */
export interface FastParseOptions {
  readonly prettyErrors: boolean;
  readonly uniqueKeys: false;
  readonly strict: true;
  readonly schema: 'core';
  readonly logLevel: 'error' | 'silent' | 'warn';
}

export const FAST_PARSE_DEFAULTS: FastParseOptions = { prettyErrors: false, uniqueKeys: false, strict: true, schema: 'core', logLevel: 'error' };

type Range = [number, number, number];
type Schema = Document.Parsed['schema'];

/** Thrown inside the parser when the text leaves the subset; caught by parseSimpleDocument. */
const FALLBACK = new Error('outside the fast YAML subset');
/** Deeper nesting falls back (and keeps the recursion shallow). */
const MAX_NESTING = 64;
/** yaml (strict) rejects implicit keys whose `:` is more than 1024 characters away; longer keys fall back. */
const MAX_KEY_LENGTH = 1000;

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GT = 62;

/** Characters a plain scalar may not start with (indicators), beyond the `-` handled apart. */
const BAD_PLAIN_START = new Set([...'?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

/** Characters that make yaml's lexer or parser see something other than text. */
// eslint-disable-next-line no-control-regex
const SPECIAL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufeff]|\r(?!\n)|(?:^|\n)(?:---|\.\.\.)(?:[ \t\r\n]|$)/;

/** A blank or comment-only line between two content lines. */
interface GapLine {
  end: number;
  comment: boolean;
  indent: number;
}

const isFlowIndicator = (c: number): boolean => c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;

let DirectivesClass: (new (init: { version: '1.2' }) => unknown) | undefined;

/**
 * The text as a yaml Document (as the Composer of parse.ts would build it), or undefined when the text
 * leaves the simple subset. Never throws.
 */
export function parseSimpleDocument(text: string, options: FastParseOptions = FAST_PARSE_DEFAULTS): Document.Parsed | undefined {
  // Duplicate keys, strictness and scalar types are handled as these options make yaml handle them.
  if (options.schema !== 'core' || options.strict !== true || options.uniqueKeys !== false) return undefined;
  const body = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (SPECIAL_CHARS.test(body === 1 ? text.slice(1) : text)) return undefined;
  try {
    // As the Composer does: the document's directives come from the stream's (YAML 1.2).
    DirectivesClass ??= new Document().directives!.constructor as new (init: { version: '1.2' }) => unknown;
    const doc = new Document(undefined, { _directives: new DirectivesClass({ version: '1.2' }), ...options } as never) as unknown as Document.Parsed;
    const parsed = new SimpleParser(text, body, doc.schema).parseDocument();
    if (!parsed) return undefined;
    doc.contents = parsed.contents as Document.Parsed['contents'];
    doc.range = parsed.range;
    return doc;
  } catch {
    return undefined;
  }
}

class SimpleParser {
  private pos: number;
  /** Start of the next content line (after a gap), its indentation and its first character. */
  private lineStart = 0;
  private indent = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    start: number,
    private readonly schema: Schema,
  ) {
    this.pos = start;
  }

  parseDocument(): { contents: Node; range: Range } | undefined {
    const { text } = this;
    const n = text.length;
    // The prelude: blank and comment lines (tabs allowed) before the document starts.
    let i = this.pos;
    for (;;) {
      let j = i;
      while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
      if (j >= n) return undefined; // only comments: an empty document, left to yaml
      const c = text.charCodeAt(j);
      if (c === HASH) j = this.lineEnd(j);
      else if (c !== LF && c !== CR) break;
      i = this.afterNewline(j);
      if (i >= n) return undefined;
    }
    const docStart = i;
    if (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) throw FALLBACK;
    this.pos = i;
    this.lineStart = i;
    this.indent = 0;
    const c = text.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.parseRootFlow(docStart);
    let contents: YAMLMap | YAMLSeq;
    let trail: GapLine[];
    if (this.atSeqItem(i)) [contents, trail] = this.parseBlockSeq(0);
    else [contents, trail] = this.parseBlockMap(0, i);
    if (this.pos < n) throw FALLBACK; // content the root collection could not take
    const contentEnd = contents.range![2];
    return { contents, range: [docStart, contentEnd, trail.length > 0 ? trail[trail.length - 1].end : contentEnd] };
  }

  // ---- lines ---------------------------------------------------------------------------------

  /** Index of the line break (LF, or CR of CRLF) at or after i, or the text length. */
  private lineEnd(i: number): number {
    const nl = this.text.indexOf('\n', i);
    if (nl === -1) return this.text.length;
    return this.text.charCodeAt(nl - 1) === CR && nl - 1 >= i ? nl - 1 : nl;
  }

  /** Index after the line break at i (i is at LF, CR of CRLF, or the end). */
  private afterNewline(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c === CR) return i + 2;
    if (c === LF) return i + 1;
    return i;
  }

  /** `-` followed by a space or the end of the line: a block sequence item. */
  private atSeqItem(i: number): boolean {
    if (this.text.charCodeAt(i) !== DASH) return false;
    const c = this.text.charCodeAt(i + 1);
    if (c === TAB) throw FALLBACK;
    return c === SPACE || c === LF || c === CR || Number.isNaN(c);
  }

  private skipSpaces(i: number): number {
    const { text } = this;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) === TAB) throw FALLBACK;
    return i;
  }

  /**
   * After the content of a line (at i): spaces, an optional comment, the line break. Returns the
   * offset after the line break (or the end of the text).
   */
  private finishLine(i: number): number {
    const { text } = this;
    const j = this.skipSpaces(i);
    const c = text.charCodeAt(j);
    if (c === HASH) {
      if (j === i) throw FALLBACK; // a comment must follow white space
      return this.afterNewline(this.lineEnd(j));
    }
    if (c === LF || c === CR) return this.afterNewline(j);
    if (j >= text.length) return j;
    throw FALLBACK;
  }

  /**
   * Reads the blank and comment lines from `from` (a line start) to the next content line, whose
   * start and indentation it records (pos = the text length at the end).
   */
  private readGap(from: number): GapLine[] {
    const { text } = this;
    const n = text.length;
    const gap: GapLine[] = [];
    let i = from;
    while (i < n) {
      let j = i;
      while (text.charCodeAt(j) === SPACE) j++;
      const c = text.charCodeAt(j);
      if (c === TAB) throw FALLBACK;
      if (c === HASH) {
        const end = this.afterNewline(this.lineEnd(j));
        gap.push({ end, comment: true, indent: j - i });
        i = end;
      } else if (c === LF || c === CR || j >= n) {
        const end = this.afterNewline(j);
        gap.push({ end, comment: false, indent: j - i });
        i = end;
      } else {
        // The next content line's indentation is a token of its own, read before the content that
        // ends the collection: it goes with the trailing lines (and into their end).
        if (j > i) gap.push({ end: j, comment: false, indent: j - i });
        this.lineStart = i;
        this.indent = j - i;
        this.pos = j;
        return gap;
      }
    }
    this.lineStart = n;
    this.indent = -1;
    this.pos = n;
    return gap;
  }

  /**
   * Comment lines indented deeper than the collection right after a scalar or flow value belong to
   * that value (yaml's `atIndentedComment`), with the blank lines before them. Returns the new end
   * of the value's range and the lines left over.
   */
  private absorb(gap: GapLine[], collIndent: number, valueEnd: number): [number, GapLine[]] {
    let k = 0;
    for (let i = 0; i < gap.length; i++) {
      if (!gap[i].comment) continue;
      if (gap[i].indent <= collIndent) break;
      valueEnd = gap[i].end;
      k = i + 1;
    }
    return [valueEnd, k === 0 ? gap : gap.slice(k)];
  }

  /**
   * A collection ends with the blank and comment lines after its last value: they move up to its
   * parent (yaml's Parser.pop) unless one of their comments is indented as deep as the collection,
   * in which case they stay and extend the collection's range.
   */
  private closeTrail(coll: YAMLMap | YAMLSeq, collIndent: number, trail: GapLine[]): GapLine[] {
    if (trail.length === 0) return trail;
    if (collIndent === 0 || trail.every((g) => !g.comment || g.indent < collIndent)) return trail;
    coll.range![2] = trail[trail.length - 1].end;
    return [];
  }

  private nest(): void {
    if (++this.depth > MAX_NESTING) throw FALLBACK;
  }

  // ---- block collections ---------------------------------------------------------------------

  /** A block map whose first key starts at `keyStart` (column `indent`); returns it and its trailing lines. */
  private parseBlockMap(indent: number, keyStart: number): [YAMLMap, GapLine[]] {
    this.nest();
    const { text } = this;
    const map = new YAMLMap(this.schema);
    const seen = new Set<unknown>();
    let offset = keyStart;
    let trail: GapLine[] = [];
    let i = keyStart;
    for (;;) {
      const key = this.parseKey(i);
      if (seen.has(key.value)) throw FALLBACK;
      seen.add(key.value);
      // After the key: spaces, `:`, then spaces.
      let j = this.skipSpaces(key.range![1]);
      if (text.charCodeAt(j) !== COLON) throw FALLBACK;
      const colon = j;
      // yaml (strict) wants the `:` of an implicit key within 1024 characters of the key's start.
      if (colon - key.range![0] > MAX_KEY_LENGTH) throw FALLBACK;
      const afterColon = text.charCodeAt(j + 1);
      if (afterColon !== SPACE && afterColon !== LF && afterColon !== CR && !Number.isNaN(afterColon)) throw FALLBACK;
      j = this.skipSpaces(j + 1);
      const c = text.charCodeAt(j);
      let value: Node;
      if (c === LF || c === CR || c === HASH || j >= text.length) {
        // The value is on the next lines (a nested collection), or empty.
        const emptyAt = j;
        const lineEnd = c === HASH ? this.lineEnd(j) : j;
        const afterLine = this.afterNewline(lineEnd);
        const gap = this.readGap(afterLine);
        if (this.indent > indent) {
          if (this.atSeqItem(this.pos)) [value, trail] = this.parseBlockSeq(this.indent);
          else [value, trail] = this.parseBlockMap(this.indent, this.pos);
        } else if (this.indent === indent && this.atSeqItem(this.pos)) {
          [value, trail] = this.parseBlockSeq(indent);
        } else {
          value = this.emptyValue(colon, emptyAt, lineEnd, afterLine, gap, indent, this.indent === indent);
          trail = [];
        }
      } else {
        [value, trail] = this.parseLineValue(j, indent);
      }
      map.items.push(new Pair(key, value));
      offset = (value.range as Range)[2];
      if (this.indent === indent && !this.atSeqItem(this.pos)) {
        i = this.pos;
        continue;
      }
      if (this.indent > indent) throw FALLBACK;
      break;
    }
    map.range = [keyStart, offset, offset];
    this.depth--;
    return [map, this.closeTrail(map, indent, trail)];
  }

  /**
   * The null of `key:` with no value, at the offset after the `:` and its spaces. yaml keeps the
   * line's rest and the blank and comment lines after it with the value (its `sep` tokens); when the
   * next key follows, only those before the second line break after the last comment indented deeper
   * than the map (Parser.blockMap). If they hold a comment, the null's range reaches their end.
   */
  private emptyValue(colon: number, at: number, lineEnd: number, afterLine: number, gap: GapLine[], mapIndent: number, nextKeyFollows: boolean): Scalar {
    // The tokens after the `:`, as yaml's lexer cuts them.
    const tokens: { kind: 'space' | 'comment' | 'newline'; end: number; indent: number }[] = [];
    if (at > colon + 1) tokens.push({ kind: 'space', end: at, indent: 0 });
    if (lineEnd > at) tokens.push({ kind: 'comment', end: lineEnd, indent: mapIndent });
    if (afterLine > lineEnd) tokens.push({ kind: 'newline', end: afterLine, indent: 0 });
    let lineStart = afterLine;
    for (const g of gap) {
      const contentStart = lineStart + g.indent;
      if (g.indent > 0) tokens.push({ kind: 'space', end: contentStart, indent: 0 });
      const breakAt = g.end > lineStart && g.end > contentStart ? this.breakStart(g.end) : g.end;
      if (g.comment) tokens.push({ kind: 'comment', end: breakAt, indent: g.indent });
      if (g.end > breakAt) tokens.push({ kind: 'newline', end: g.end, indent: 0 });
      lineStart = g.end;
    }
    let kept = tokens.length;
    if (nextKeyFollows) {
      let breaks: number[] = [];
      tokens.forEach((t, k) => {
        if (t.kind === 'newline') breaks.push(k);
        else if (t.kind === 'comment' && t.indent > mapIndent) breaks = [];
      });
      if (breaks.length >= 2) kept = breaks[1];
    }
    const end = kept > 0 ? tokens[kept - 1].end : colon + 1;
    const comment = tokens.slice(0, kept).some((t) => t.kind === 'comment');
    const node = new Scalar(null);
    node.range = [at, at, comment ? end : at];
    node.source = '';
    node.type = Scalar.PLAIN;
    return node;
  }

  /** Start of the line break that ends just before `end` (a line end offset after LF or CRLF). */
  private breakStart(end: number): number {
    if (this.text.charCodeAt(end - 1) !== LF) return end;
    return this.text.charCodeAt(end - 2) === CR ? end - 2 : end - 1;
  }

  /** A block sequence whose first `-` is at this.pos (column `indent`); returns it and its trailing lines. */
  private parseBlockSeq(indent: number): [YAMLSeq, GapLine[]] {
    this.nest();
    const { text } = this;
    const seq = new YAMLSeq(this.schema);
    const start = this.pos;
    let offset = start;
    let trail: GapLine[];
    for (;;) {
      const j = this.skipSpaces(this.pos + 1);
      const c = text.charCodeAt(j);
      if (j === this.pos + 1 || c === LF || c === CR || c === HASH || j >= text.length || this.atSeqItem(j)) throw FALLBACK;
      let item: Node;
      const keyColumn = j - this.lineStart;
      if (this.startsKey(j)) {
        [item, trail] = this.parseBlockMap(keyColumn, j);
      } else {
        [item, trail] = this.parseLineValue(j, indent);
      }
      seq.items.push(item);
      offset = (item.range as Range)[2];
      if (this.indent === indent && this.atSeqItem(this.pos)) continue;
      if (this.indent > indent) throw FALLBACK;
      break;
    }
    seq.range = [start, offset, offset];
    this.depth--;
    return [seq, this.closeTrail(seq, indent, trail)];
  }

  /** Whether a key (`key:` followed by a space or the line end) starts at i. */
  private startsKey(i: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(i);
    let j: number;
    if (c === DQUOTE || c === SQUOTE) {
      j = this.quotedEnd(i);
      while (text.charCodeAt(j) === SPACE) j++;
      if (text.charCodeAt(j) !== COLON) return false;
      const d = text.charCodeAt(j + 1);
      return d === SPACE || d === LF || d === CR || Number.isNaN(d);
    }
    if (c === LBRACKET || c === LBRACE) return false;
    j = this.plainEnd(i, false);
    while (text.charCodeAt(j) === SPACE) j++;
    return text.charCodeAt(j) === COLON;
  }

  // ---- scalars -------------------------------------------------------------------------------

  /** A map key at i: a plain or quoted scalar on one line (range without trailing spaces). */
  private parseKey(i: number): Scalar {
    const c = this.text.charCodeAt(i);
    const key = c === DQUOTE || c === SQUOTE ? this.parseQuoted(i) : this.parsePlain(i, false);
    if (key.range![1] - i > MAX_KEY_LENGTH) throw FALLBACK;
    return key;
  }

  /**
   * The value of a map entry or sequence item that starts at i, in a collection indented by
   * `collIndent`, with the lines after it: returns the node and the trailing lines.
   */
  private parseLineValue(i: number, collIndent: number): [Node, GapLine[]] {
    const c = this.text.charCodeAt(i);
    if (c === PIPE || c === GT) {
      // A block scalar has no end tokens: nothing after it joins its range.
      const node = this.parseBlockScalar(i, collIndent);
      return [node, this.readGap(node.range![2])];
    }
    const node = this.parseInlineValue(i, collIndent + 1);
    const afterLine = this.finishLine(node.range![1]);
    const [end, trail] = this.absorb(this.readGap(afterLine), collIndent, afterLine);
    node.range![2] = end;
    return [node, trail];
  }

  /**
   * A literal (`|`, `|-`) or folded (`>`, `>-`) block scalar whose header is at i, in a collection
   * indented by `collIndent`. Its lines are those yaml's lexer takes (Lexer.parseBlockScalar); its
   * value is computed as yaml's resolveBlockScalar does. Keep chomping (`+`), indentation indicators
   * and leading blank lines fall back.
   */
  private parseBlockScalar(i: number, collIndent: number): Scalar {
    const { text } = this;
    const n = text.length;
    const folded = text.charCodeAt(i) === GT;
    let j = i + 1;
    const strip = text.charCodeAt(j) === DASH;
    if (strip) j++;
    const h = text.charCodeAt(j);
    if (!(h === SPACE || h === LF || h === CR || Number.isNaN(h))) throw FALLBACK;
    const start = this.finishLine(j);
    if (start >= n || start === j) throw FALLBACK;
    let k = start;
    while (text.charCodeAt(k) === SPACE) k++;
    const indent = k - start;
    const first = text.charCodeAt(k);
    if (first === LF || first === CR || first === TAB || Number.isNaN(first) || indent <= collIndent) throw FALLBACK;
    // Lines continue while blank or indented at least as deep as the first.
    let nl = text.indexOf('\n', k);
    while (nl !== -1) {
      let m = nl + 1;
      while (text.charCodeAt(m) === SPACE) m++;
      const d = text.charCodeAt(m);
      const blank = d === LF || (d === CR && text.charCodeAt(m + 1) === LF);
      if (!blank && m - nl - 1 < indent) break;
      nl = text.indexOf('\n', blank && d === CR ? m + 1 : m);
    }
    if (nl === -1) nl = n;
    // A tab after the last line's indentation: yaml reports it (left to yaml).
    let t = nl + 1;
    while (text.charCodeAt(t) === SPACE) t++;
    if (text.charCodeAt(t) === TAB) throw FALLBACK;
    // Trailing blank lines no deeper than the first line's indentation are not part of the scalar.
    for (;;) {
      let b = nl - 1;
      if (text.charCodeAt(b) === CR) b--;
      const lastChar = b;
      while (text.charCodeAt(b) === SPACE) b--;
      if (text.charCodeAt(b) === LF && b >= start && b + 1 + indent > lastChar) nl = b;
      else break;
    }
    const end = Math.min(nl + 1, n);
    const value = blockScalarValue(text.slice(start, end), folded, strip);
    const node = new Scalar(value);
    node.range = [i, end, end];
    node.source = value;
    node.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    return node;
  }

  /** A value that starts on the current line at i: a one-line scalar or a flow collection (range[2] set by the caller). */
  private parseInlineValue(i: number, minIndent: number): Scalar | YAMLMap | YAMLSeq {
    const c = this.text.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.parseFlow(i, minIndent);
    if (c === DQUOTE || c === SQUOTE) return this.parseQuoted(i);
    return this.parsePlain(i, false);
  }

  /** End (exclusive) of the quoted scalar at i, which must close on its line. */
  private quotedEnd(i: number): number {
    const { text } = this;
    const q = text.charCodeAt(i);
    let j = i + 1;
    for (;;) {
      const c = text.charCodeAt(j);
      if (Number.isNaN(c) || c === LF || c === CR) throw FALLBACK;
      if (q === DQUOTE && c === BACKSLASH) {
        const d = text.charCodeAt(j + 1);
        if (Number.isNaN(d) || d === LF || d === CR) throw FALLBACK;
        j += 2;
        continue;
      }
      if (c === q) {
        if (q === SQUOTE && text.charCodeAt(j + 1) === SQUOTE) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
  }

  private parseQuoted(i: number): Scalar {
    const { text } = this;
    const end = this.quotedEnd(i);
    const double = text.charCodeAt(i) === DQUOTE;
    const value = double ? doubleQuotedValue(text, i + 1, end - 1) : text.slice(i + 1, end - 1).replace(/''/g, "'");
    const node = new Scalar(value);
    node.range = [i, end, end];
    node.source = value;
    node.type = double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return node;
  }

  /**
   * End (exclusive, trailing spaces excluded) of the plain scalar at i on its line: it stops at `: `,
   * ` #`, the line end and, in flow collections, at `,[]{}` and `:` before them.
   */
  private plainEnd(i: number, inFlow: boolean): number {
    const { text } = this;
    const n = text.length;
    let end = i;
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === COLON) {
        const d = text.charCodeAt(j + 1);
        if (d === SPACE || d === LF || d === CR || d === TAB || Number.isNaN(d) || (inFlow && isFlowIndicator(d))) break;
        end = ++j;
      } else if (c === SPACE) {
        if (text.charCodeAt(j + 1) === HASH) break;
        j++;
      } else if (c === LF || c === CR) break;
      else if (c === TAB) throw FALLBACK;
      else if (inFlow && isFlowIndicator(c)) break;
      else end = ++j;
    }
    return end;
  }

  private parsePlain(i: number, inFlow: boolean): Scalar {
    const { text } = this;
    const c = text.charCodeAt(i);
    if (BAD_PLAIN_START.has(c) || c === SPACE || c === TAB || c === LF || c === CR || Number.isNaN(c)) throw FALLBACK;
    if (c === DASH) {
      const d = text.charCodeAt(i + 1);
      if (d === SPACE || d === TAB || d === LF || d === CR || Number.isNaN(d) || isFlowIndicator(d)) throw FALLBACK;
    }
    const end = this.plainEnd(i, inFlow);
    const source = text.slice(i, end);
    const node = resolvePlain(source);
    node.range = [i, end, end];
    node.source = source;
    node.type = Scalar.PLAIN;
    return node;
  }

  // ---- flow collections ----------------------------------------------------------------------

  /** The root flow collection (JSON): it may span lines, but holds no comments. */
  private parseRootFlow(docStart: number): { contents: Node; range: Range } {
    const { text } = this;
    const n = text.length;
    const coll = this.parseFlow(this.pos, 0);
    // The rest of the last line belongs to the collection, the next line to the document.
    const lineEnd = this.finishLine(coll.range![1]);
    coll.range![2] = lineEnd;
    let docEnd = lineEnd;
    if (lineEnd < n) {
      const gap = this.readGap(lineEnd);
      if (this.pos < n) throw FALLBACK;
      docEnd = gap[0].end;
    }
    return { contents: coll, range: [docStart, lineEnd, docEnd] };
  }

  /**
   * Skips flow white space from i: spaces, tabs and line breaks (no comments). A line that goes on
   * with a token must be indented at least `minIndent` (yaml's lexer: the column after the parent's
   * indicator), except for the bracket that closes the outermost collection, one column less.
   * Returns the next offset, and the offset after the first line break skipped (or -1).
   */
  private flowSpace(i: number, minIndent: number, level: number): [number, number] {
    const { text } = this;
    let firstBreak = -1;
    let lineIndent = -1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) i++;
      else if (c === LF || c === CR) {
        i = this.afterNewline(i);
        if (firstBreak === -1) firstBreak = i;
        let k = i;
        while (text.charCodeAt(k) === SPACE) k++;
        lineIndent = k - i;
        i = k;
      } else break;
    }
    if (lineIndent !== -1 && lineIndent < minIndent) {
      const c = text.charCodeAt(i);
      const closesOutermost = level === 1 && (c === RBRACKET || c === RBRACE) && lineIndent === minIndent - 1;
      if (!closesOutermost) throw FALLBACK;
    }
    return [i, firstBreak];
  }

  /**
   * A flow sequence or map at i. range[2] is the offset after the closing bracket; callers extend it.
   * In a sequence every item's range reaches the next `,` or `]`; in a map a value's range reaches the
   * next `,` or `}`, or the first line break before it. Comments inside fall back.
   */
  private parseFlow(i: number, minIndent: number, level = 1): YAMLMap | YAMLSeq {
    this.nest();
    const { text } = this;
    const isMap = text.charCodeAt(i) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const coll = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    coll.flow = true;
    const seen = isMap ? new Set<unknown>() : undefined;
    let [j] = this.flowSpace(i + 1, minIndent, level);
    if (text.charCodeAt(j) !== close) {
      for (;;) {
        let key: Scalar | undefined;
        if (isMap) {
          const c = text.charCodeAt(j);
          key = c === DQUOTE || c === SQUOTE ? this.parseQuoted(j) : this.parsePlain(j, true);
          if (key.range![1] - j > MAX_KEY_LENGTH || seen!.has(key.value)) throw FALLBACK;
          seen!.add(key.value);
          j = key.range![1];
          while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
          if (text.charCodeAt(j) !== COLON) throw FALLBACK;
          [j] = this.flowSpace(j + 1, minIndent, level);
        }
        const c = text.charCodeAt(j);
        if (c === COMMA || c === close || c === HASH) throw FALLBACK;
        let node: Scalar | YAMLMap | YAMLSeq;
        if (c === LBRACKET || c === LBRACE) node = this.parseFlow(j, minIndent, level + 1);
        else if (c === DQUOTE || c === SQUOTE) node = this.parseQuoted(j);
        else node = this.parsePlain(j, true);
        const [next, firstBreak] = this.flowSpace(node.range![1], minIndent, level);
        j = next;
        node.range![2] = isMap && firstBreak !== -1 ? firstBreak : j;
        if (key) (coll as YAMLMap).items.push(new Pair(key, node));
        else (coll as YAMLSeq).items.push(node);
        const d = text.charCodeAt(j);
        if (d === close) break;
        if (d !== COMMA) throw FALLBACK;
        [j] = this.flowSpace(j + 1, minIndent, level);
        if (text.charCodeAt(j) === close || text.charCodeAt(j) === COMMA) throw FALLBACK; // trailing comma, empty item
      }
    }
    coll.range = [i, j + 1, j + 1];
    this.depth--;
    return coll;
  }
}

// ---- scalar values, as yaml's core schema resolves them -----------------------------------------

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** First characters that can start something other than a string in the core schema. */
const MAYBE_TYPED = new Set([...'0123456789+-.~nNtTfF'].map((c) => c.charCodeAt(0)));

/** The Scalar yaml's core schema makes of a plain scalar (same tests, in the same order). */
export function resolvePlain(source: string): Scalar {
  if (!MAYBE_TYPED.has(source.charCodeAt(0))) return new Scalar(source);
  if (NULL_RE.test(source)) return new Scalar(null);
  if (BOOL_RE.test(source)) return new Scalar(source[0] === 't' || source[0] === 'T');
  if (INT_OCT_RE.test(source)) return withFormat(new Scalar(parseInt(source.substring(2), 8)), 'OCT');
  if (INT_RE.test(source)) return new Scalar(parseInt(source, 10));
  if (INT_HEX_RE.test(source)) return withFormat(new Scalar(parseInt(source.substring(2), 16)), 'HEX');
  if (FLOAT_NAN_RE.test(source)) {
    return new Scalar(source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
  }
  if (FLOAT_EXP_RE.test(source)) return withFormat(new Scalar(parseFloat(source)), 'EXP');
  if (FLOAT_RE.test(source)) {
    const node = new Scalar(parseFloat(source));
    const dot = source.indexOf('.');
    if (dot !== -1 && source[source.length - 1] === '0') node.minFractionDigits = source.length - dot - 1;
    return node;
  }
  return new Scalar(source);
}

function withFormat(node: Scalar, format: string): Scalar {
  node.format = format;
  return node;
}


/** The value of a one-line double-quoted scalar between start and end (quotes excluded); invalid escapes fall back. */
function doubleQuotedValue(text: string, start: number, end: number): string {
  if (text.indexOf('\\', start) === -1 || text.indexOf('\\', start) >= end) return text.slice(start, end);
  let res = '';
  let from = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== BACKSLASH) continue;
    res += text.slice(from, i);
    const next = text[++i];
    const code = Object.hasOwn(DOUBLE_QUOTED_ESCAPES, next) ? DOUBLE_QUOTED_ESCAPES[next] : undefined;
    if (code !== undefined) res += code;
    else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = text.substring(i + 1, i + 1 + length);
      if (i + length >= end || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw FALLBACK;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw FALLBACK;
      res += String.fromCodePoint(cp);
      i += length;
    } else throw FALLBACK;
    from = i + 1;
  }
  return res + text.slice(from, end);
}

/**
 * The value of a block scalar's lines (from its first content line on), as yaml's resolveBlockScalar
 * computes it for a header without indentation indicator and without keep chomping, and a first line
 * that holds text.
 */
function blockScalarValue(source: string, folded: boolean, strip: boolean): string {
  const split = source.split(/\n( *)/);
  const m = /^( *)/.exec(split[0]);
  const lines: [string, string][] = [m?.[1] ? [m[1], split[0].slice(m[1].length)] : ['', split[0]]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i], split[i + 1]]);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    const content = lines[i][1];
    if (content === '' || content === '\r') chompStart = i;
    else break;
  }
  if (chompStart === 0) throw FALLBACK;
  const trimIndent = lines[0][0].length;
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i][0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < chompStart; ++i) {
    const indent = lines[i][0];
    let content = lines[i][1];
    if (content[content.length - 1] === '\r') content = content.slice(0, -1);
    if (content && indent.length < trimIndent) throw FALLBACK;
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent || content[0] === '\t') {
      // More-indented lines of a folded scalar keep their line breaks.
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  return strip ? value : value + '\n';
}

/**
 * V8 compiles a regular expression when it first runs and again, to machine code, when it runs a
 * second time (at once for a subject of 1,000 characters or more). yaml's lexer and scalar resolvers
 * once first ran deep inside yaml's recursion on a deeply nested file, where compiling, near the stack
 * limit, aborted the whole process ("RegExpCompiler Allocation failed"). So before yaml's parser first
 * runs on a user's file (parse.ts calls this at a shallow depth), both parsers run twice on every
 * scalar style, also on long texts, in every thread. Files that the fast path reads alone (nested at
 * most 64 levels) never need it: a run of simple templates skips this part of start-up.
 */
const YAML_WARM_UP = `%YAML 1.2
---
plain: text
quoted: ["double \\u00e9", 'single', 1, -2.5, 0x1F, 0o17, 1e3, .inf, -.inf, .nan, true, False, null, ~, 2001-12-14]
block: |
  literal
folded: >-
  folded
anchor: &a { k: v }
alias: *a
? complex
: key
...
`;
const WARM_UP = `plain: text
quoted: ["double \\u00e9 \\n", 'single ''q''', 1, -2.5, 0x1F, 0o17, 1e3, .inf, -.inf, .nan, true, False, null, ~, 2001-12-14, 1.50]
folded: >-
  folded
  text
literal: |
  a
    b
multi: plain
  line
seq:
  - {k: v}
`;
let warm = false;

export function warmUpYaml(): void {
  if (warm) return;
  warm = true;
  parseAllDocuments(YAML_WARM_UP, FAST_PARSE_DEFAULTS).forEach((d) => d.toJS());
  // The last round makes each scalar just over 1,000 characters (longer only costs start-up time).
  for (const text of [WARM_UP, WARM_UP, WARM_UP.replace(/text|line|folded|single|double|\d+/g, (w) => w.repeat(Math.ceil(1100 / w.length)))]) {
    parseSimpleDocument(text.replace(/multi:.*\n.*\n/, ''))?.toJS();
    parseSimpleDocument(`{"json": [1, "a\\u00e9", {"k": null}], "long": "${'x'.repeat(3000)}"}\n`)?.toJS();
    for (const doc of new Composer(FAST_PARSE_DEFAULTS).compose(new Parser().parse(text), true, text.length)) doc.toJS();
  }
}
