import { isPair, isScalar, Parser, visit, type Document } from 'yaml';

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
 * Finds msglint directives in the comments of a YAML file. Comments are taken from yaml's concrete syntax
 * tree, so a `#` inside a block scalar or a quoted string is text, never a directive. JSON has no comments.
 */
export function scanDirectives(source: SourceFile, yamlDocs: readonly Document.Parsed[]): Directive[] {
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
  return candidates.map((c) => parseDirective(c, source, commentOnlyLines, yamlDocs));
}

function collectComments(text: string): CommentToken[] {
  const found: CommentToken[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      found.push({ offset: token.offset, source: token.source });
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'source' || typeof value !== 'string') walk(value);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found.sort((a, b) => a.offset - b.offset);
}

function parseDirective(c: CommentToken, source: SourceFile, commentOnlyLines: ReadonlySet<number>, yamlDocs: readonly Document.Parsed[]): Directive {
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
    directive.target = { from: line, to: valueEndLine(source, yamlDocs, line) };
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
 * When the target line starts a key whose value is a multi-line scalar (`text: |` and its lines, or a quoted
 * string over several lines), the directive covers the whole value; otherwise just that line.
 */
function valueEndLine(source: SourceFile, yamlDocs: readonly Document.Parsed[], line: number): number {
  if (line > source.lines.lineCount) return line;
  const lineStart = source.lines.lineStart(line);
  const lineEnd = line < source.lines.lineCount ? source.lines.lineStart(line + 1) : source.text.length;
  let end = line;
  for (const doc of yamlDocs) {
    if (doc.range[1] < lineStart || doc.range[0] > lineEnd) continue;
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key as { range?: [number, number, number] } | null;
        if (!isPair(pair) || !key?.range) return undefined;
        if (key.range[0] >= lineEnd) return visit.BREAK;
        if (key.range[0] < lineStart || !isScalar(pair.value) || !pair.value.range) return undefined;
        const valueEnd = pair.value.range[1];
        const last = source.lines.position(Math.max(valueEnd - 1, pair.value.range[0])).line;
        if (last > end) end = last;
        return visit.BREAK;
      },
    });
  }
  return end;
}
