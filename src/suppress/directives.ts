import { isPair, isScalar, Lexer, visit, type Document } from 'yaml';

import type { SourceFile } from '../documents/source.js';
import type { Span } from '../types.js';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** A rule id as written in a directive, with its place (for "unused" findings that point at it). */
export interface DirectiveRule {
  id: string;
  span: Span;
}

/** One `# msglint-…` comment. */
export interface Directive {
  kind: DirectiveKind;
  rules: DirectiveRule[];
  /** The text after ` -- `; undefined when there is none (or it is blank). */
  reason?: string;
  /** Line of the comment. */
  line: number;
  /** Offset of the comment in the source. */
  offset: number;
  /** The whole comment. */
  span: Span;
  /** The directive keyword, e.g. `msglint-disable-next-line`. */
  keywordSpan: Span;
  /** For next-line and line directives: the lines whose findings it may suppress (inclusive). */
  target?: { from: number; to: number };
}

const DIRECTIVE = /^#\s*msglint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
/** ESLint's separator for the reason: two or more dashes with white space around them. */
const REASON_SEPARATOR = /(?:^|\s)-{2,}(?:\s|$)/;
const RULE_TOKEN = /[^\s,]+/g;

interface CommentToken {
  offset: number;
  source: string;
}

/**
 * Finds msglint directives in the comments of a YAML file. Comments are taken from yaml's lexer, so a `#`
 * inside a block scalar or a quoted string is text, never a directive. JSON has no comments.
 */
export function scanDirectives(source: SourceFile, yamlDocs: () => readonly Document.Parsed[]): Directive[] {
  if (source.format === 'json' || !source.text.includes('msglint-')) return [];
  const comments = collectComments(source.text);
  const candidates = comments.filter((c) => DIRECTIVE.test(c.source));
  if (candidates.length === 0) return [];
  const commentOnlyLines = new Set<number>();
  for (const c of comments) {
    const { line, column } = source.lines.position(c.offset);
    const before = source.text.slice(source.lines.lineStart(line), c.offset);
    if (column === 1 || before.trim() === '') commentOnlyLines.add(line);
  }
  let ends: Map<number, number> | undefined;
  const valueEnds = () => (ends ??= multiLineValues(source, yamlDocs()));
  return candidates.map((c) => parseDirective(c, source, commentOnlyLines, valueEnds));
}

/** yaml's lexer marks where documents, flow collections and scalars start with characters that are not in the source. */
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

/**
 * Comments with their offsets, from yaml's lexer: a lexeme that starts with `#` is a comment unless it is the
 * value of a scalar (the lexeme right after the scalar marker: block scalar text, a quoted string). The lexer is
 * linear and about four times faster than building the concrete syntax tree.
 */
function collectComments(text: string): CommentToken[] {
  const found: CommentToken[] = [];
  let offset = 0;
  let scalarValue = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === DOCUMENT || lexeme === FLOW_END || lexeme === SCALAR) {
      scalarValue = lexeme === SCALAR;
      continue;
    }
    if (!scalarValue && lexeme.charCodeAt(0) === 35 /* # */) found.push({ offset, source: lexeme });
    scalarValue = false;
    offset += lexeme.length;
  }
  return found;
}

function parseDirective(c: CommentToken, source: SourceFile, commentOnlyLines: ReadonlySet<number>, valueEnds: () => Map<number, number>): Directive {
  const m = DIRECTIVE.exec(c.source)!;
  const kind = m[1] as DirectiveKind;
  const span = spanAt(source, c.offset, c.offset + c.source.length);
  const keywordStart = c.source.indexOf('msglint-');
  const keywordSpan = spanAt(source, c.offset + keywordStart, c.offset + m[0].length);
  const rest = c.source.slice(m[0].length);
  const sep = REASON_SEPARATOR.exec(rest);
  const rulesPart = sep ? rest.slice(0, sep.index) : rest;
  const reason = sep ? rest.slice(sep.index + sep[0].length).trim() : undefined;
  const rules: DirectiveRule[] = [];
  for (const t of rulesPart.matchAll(RULE_TOKEN)) {
    const start = c.offset + m[0].length + (t.index ?? 0);
    rules.push({ id: t[0], span: spanAt(source, start, start + t[0].length) });
  }
  const directive: Directive = { kind, rules, reason: reason ? reason : undefined, line: span.line, offset: c.offset, span, keywordSpan };
  if (kind === 'disable-line') directive.target = { from: span.line, to: span.line };
  if (kind === 'disable-next-line') {
    // The next line with content: other comments (stacked directives) and blank lines are skipped.
    let line = span.line + 1;
    while (line <= source.lines.lineCount && (commentOnlyLines.has(line) || lineText(source, line).trim() === '')) line++;
    directive.target = { from: line, to: valueEnds().get(line) ?? line };
  }
  return directive;
}

function spanAt(source: SourceFile, start: number, end: number): Span {
  const a = source.lines.position(start);
  const b = source.lines.position(end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

function lineText(source: SourceFile, line: number): string {
  const start = source.lines.lineStart(line);
  const next = line < source.lines.lineCount ? source.lines.lineStart(line + 1) : source.text.length;
  return source.text.slice(start, next);
}

/**
 * For every line that starts a key whose value is a multi-line scalar (`text: |` and its lines, or a quoted
 * string over several lines), the last line of that value: a next-line directive above it covers the whole value.
 * One walk over the documents, however many directives the file has.
 */
function multiLineValues(source: SourceFile, yamlDocs: readonly Document.Parsed[]): Map<number, number> {
  const ends = new Map<number, number>();
  for (const doc of yamlDocs) {
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key as { range?: [number, number, number] } | null;
        if (!isPair(pair) || !key?.range || !isScalar(pair.value) || !pair.value.range) return;
        const first = source.lines.position(key.range[0]).line;
        const last = source.lines.position(Math.max(pair.value.range[1] - 1, pair.value.range[0])).line;
        if (last > first && last > (ends.get(first) ?? 0)) ends.set(first, last);
      },
    });
  }
  return ends;
}
