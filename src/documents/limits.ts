/**
 * Limits that keep hostile or accidental input (a 20 MB quoted string, 20,000 levels of nesting, a
 * 30 MB export) from hanging msglint or exhausting its memory. Each check is linear in the text and
 * cheap enough for the hot path; what it finds becomes an `input/too-complex` finding at the place
 * that broke the limit, and the rest of the file (and every other file) is still linted.
 *
 * Why these numbers (measured with yaml 2.9 on Node 20):
 * - `yaml` resolves a double-quoted scalar one character at a time: a 20 MB one costs ~5 s and
 *   ~700 MB. Plain, single-quoted and block scalars are cheap to parse, but every fact provider then
 *   scans the text. Meta's longest text field is 1,024 characters (a body); 100,000 is generous.
 * - Parsing costs ~6 µs and, while a single document is composed, up to ~0.8 KB of memory per
 *   node: 400,000 structural characters (an API export of ~15,000 templates) stay within ~400 MB.
 * - Documents nested deeper than 100 levels are never templates, campaigns or packs; capping depth
 *   here means no recursive code after the parser (toJS, schema validation, facts) can overflow
 *   the stack, whatever the thread's stack size.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Parser, type Document, type Node } from 'yaml';

/** Longest string value msglint reads (UTF-16 units). */
export const MAX_STRING_CHARS = 100_000;
/** Deepest nesting of lists and maps. */
export const MAX_DEPTH = 100;
/** Upper bound on the values in one file, estimated from its structural characters. */
export const MAX_STRUCTURAL_CHARS = 400_000;
/** YAML documents (`---`) read from one file; the rest are reported, not parsed. */
export const MAX_YAML_DOCUMENTS = 10_000;

/** A double-quoted string too long to hand to the YAML parser: [start, end) of its source, quotes included. */
export interface LongQuotedScalar {
  start: number;
  end: number;
}

export interface TextGuard {
  /** The text to parse: the source, with over-long double-quoted strings blanked (offsets unchanged). */
  text: string;
  longScalars: LongQuotedScalar[];
  /** Set when the file holds too many values to parse: the offset where the budget ran out. */
  overBudgetAt?: number;
}

const QUOTE = 34; // "
const BACKSLASH = 92;

/**
 * Cheap checks on the raw text, before the YAML parser sees it. Files shorter than the limits skip
 * the scans entirely (a string cannot be longer than its file, nor the structure larger).
 */
export function guardText(text: string): TextGuard {
  const guard: TextGuard = { text, longScalars: [] };
  if (text.length <= MAX_STRING_CHARS) return guard;
  if (longestQuoteGap(text) > MAX_STRING_CHARS) {
    guard.longScalars = findLongQuotedScalars(text);
    if (guard.longScalars.length > 0) guard.text = blankScalars(text, guard.longScalars);
  }
  if (guard.text.length > MAX_STRUCTURAL_CHARS) guard.overBudgetAt = structuralBudgetEnd(guard.text);
  return guard;
}

/**
 * The longest run between two unescaped `"` characters: an upper bound on the length of any
 * double-quoted scalar (inside one, every `"` is escaped). It may over-estimate (a `"` in a comment
 * or a plain scalar), which only costs the exact check below, never a missed string.
 */
function longestQuoteGap(text: string): number {
  let longest = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) {
      if (i - last > longest) longest = i - last;
      last = i;
    }
  }
  return Math.max(longest, text.length - last);
}

/** Exact positions of over-long double-quoted scalars, from the YAML lexer/parser (no composing, no values). */
function findLongQuotedScalars(text: string): LongQuotedScalar[] {
  const found: LongQuotedScalar[] = [];
  // The CST parser is iterative (no recursion on nesting); walk its tokens with an explicit stack.
  const stack: unknown[] = [];
  for (const token of new Parser().parse(text)) stack.push(token);
  while (stack.length > 0) {
    const t = stack.pop();
    if (!t || typeof t !== 'object') continue;
    const tok = t as { type?: string; offset?: number; source?: string; [k: string]: unknown };
    if (tok.type === 'double-quoted-scalar' && typeof tok.source === 'string' && typeof tok.offset === 'number' && tok.source.length > MAX_STRING_CHARS) {
      found.push({ start: tok.offset, end: tok.offset + tok.source.length });
      continue;
    }
    for (const key of ['start', 'key', 'sep', 'value', 'items', 'end', 'props']) {
      const v = tok[key];
      if (Array.isArray(v)) for (const x of v) stack.push(x);
      else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Replaces each scalar with `""` followed by spaces (line breaks kept), so the parser sees a short
 * string and every other offset, line and column stays where it was.
 */
function blankScalars(text: string, scalars: readonly LongQuotedScalar[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of scalars) {
    parts.push(text.slice(at, s.start), '""');
    // Spaces in runs between line breaks (a regular expression replacing each character would cost
    // gigabytes on a 20 MB string).
    let i = s.start + 2;
    while (i < s.end) {
      let br = i;
      while (br < s.end && text.charCodeAt(br) !== 10 && text.charCodeAt(br) !== 13) br++;
      if (br > i) parts.push(' '.repeat(br - i));
      if (br < s.end) parts.push(text[br]);
      i = br + 1;
    }
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Every list item, map entry and flow collection needs one of `, : [ { - ?`; counting them bounds
 * the number of values (and the parser's memory) without parsing. Returns the offset where the count
 * passes the budget, or undefined.
 */
function structuralBudgetEnd(text: string): number | undefined {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , - : ? [ {
    if (c === 44 || c === 45 || c === 58 || c === 63 || c === 91 || c === 123) {
      if (++count > MAX_STRUCTURAL_CHARS) return i;
    }
  }
  return undefined;
}

/** What makes a parsed YAML document too big to lint, and the node where it happens. */
export interface NodeLimitBreach {
  kind: 'depth' | 'string';
  node: Node;
  /** The string's length (kind 'string'). */
  length?: number;
}

export interface NodeInspection {
  breach?: NodeLimitBreach;
  /** Keys that repeat an earlier key of the same mapping (at most MAX_DUPLICATE_KEYS, in source order). */
  duplicateKeys: Node[];
}

/** Duplicate keys reported per document; the rest are usually the same mistake repeated. */
const MAX_DUPLICATE_KEYS = 3;

/**
 * Walks a parsed document iteratively (no recursion, so depth itself cannot overflow the stack) and
 * returns the first node, in source order, that is nested deeper than MAX_DEPTH or holds a string
 * longer than MAX_STRING_CHARS. Aliases are not followed: nesting built by chaining aliases is bounded
 * by the alias count limit of `toJS`.
 *
 * It also finds duplicate keys. `yaml` can (option `uniqueKeys`), but by comparing each key with every
 * earlier key of its mapping: quadratic, minutes for one flat map of 30,000 keys. Here one Map per
 * mapping keeps it linear; keys compare as yaml compares them (scalars by value, anything else by
 * identity, so two `[a, b]` keys are different keys).
 */
export function inspectNodes(yaml: Document.Parsed): NodeInspection {
  const duplicateKeys: Node[] = [];
  const root = yaml.contents;
  if (!root) return { duplicateKeys };
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isScalar(node)) {
      if (typeof node.value === 'string' && node.value.length > MAX_STRING_CHARS) return { breach: { kind: 'string', node, length: node.value.length }, duplicateKeys };
      continue;
    }
    if (isAlias(node) || !(isMap(node) || isSeq(node))) continue;
    if (depth >= MAX_DEPTH) return { breach: { kind: 'depth', node }, duplicateKeys };
    if (isMap(node) && duplicateKeys.length < MAX_DUPLICATE_KEYS) {
      const seen = new Set<unknown>();
      for (const item of node.items) {
        const key: unknown = item.key;
        const id = isScalar(key) ? key.value : key;
        if (seen.has(id)) {
          if (duplicateKeys.length < MAX_DUPLICATE_KEYS) duplicateKeys.push((key as Node | null) ?? node);
        } else seen.add(id);
      }
    }
    // Push in reverse so that the walk visits children in source order.
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item: unknown = node.items[i];
      if (isPair(item)) {
        if (item.value) stack.push([item.value as Node, depth + 1]);
        if (item.key && typeof item.key === 'object') stack.push([item.key as Node, depth + 1]);
      } else if (item) {
        stack.push([item as Node, depth + 1]);
      }
    }
  }
  duplicateKeys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return { duplicateKeys };
}

/** The first node nested too deeply or holding a string too long (see inspectNodes). */
export function findNodeLimitBreach(yaml: Document.Parsed): NodeLimitBreach | undefined {
  return inspectNodes(yaml).breach;
}
