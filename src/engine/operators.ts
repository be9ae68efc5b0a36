import { Operator } from 'json-rules-engine';
import { RE2JS } from 're2js';

/**
 * Operators that packs need beyond json-rules-engine's defaults. Patterns from packs run on re2js
 * (linear time), so a user's pack cannot hang msglint with catastrophic backtracking.
 */
const patternCache = new Map<string, RE2JS | null>();

export function compilePattern(pattern: string): RE2JS {
  let compiled = patternCache.get(pattern);
  if (compiled === undefined) {
    const inline = /^\(\?i\)/.test(pattern);
    compiled = RE2JS.compile(inline ? pattern.slice(4) : pattern, inline ? RE2JS.CASE_INSENSITIVE : 0);
    patternCache.set(pattern, compiled);
  }
  if (compiled === null) throw new Error(`invalid pattern ${pattern}`);
  return compiled;
}

/** First match of a pack pattern in a string: [start, end) or null. */
export function findPattern(pattern: string, text: string): [number, number] | null {
  const m = compilePattern(pattern).matcher(text);
  return m.find() ? [m.start(), m.end()] : null;
}

function sizeOf(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  if (typeof v === 'number') return v;
  return 0;
}

function asStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function termRegex(terms: readonly string[]): RegExp {
  const escaped = terms.map((t) => t.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}
const termCache = new WeakMap<readonly string[], RegExp>();

export const CUSTOM_OPERATORS: Operator[] = [
  new Operator('notEmpty', (a: unknown) => sizeOf(a) > 0),
  new Operator('isEmpty', (a: unknown) => sizeOf(a) === 0),
  new Operator('isTrue', (a: unknown) => a === true),
  new Operator('isFalse', (a: unknown) => a === false || a === undefined),
  new Operator('lengthGreaterThan', (a: unknown, b: number) => sizeOf(a) > b),
  new Operator('lengthLessThan', (a: unknown, b: number) => sizeOf(a) < b),
  new Operator('between', (a: unknown, b: [number, number]) => typeof a === 'number' && a >= b[0] && a <= b[1]),
  new Operator('notBetween', (a: unknown, b: [number, number]) => typeof a === 'number' && (a < b[0] || a > b[1])),
  new Operator('matchesPattern', (a: unknown, b: string) => asStrings(a).some((s) => findPattern(b, s) !== null)),
  new Operator('notMatchesPattern', (a: unknown, b: string) => asStrings(a).every((s) => findPattern(b, s) === null)),
  new Operator('containsAnyTerm', (a: unknown, b: string[]) => {
    let re = termCache.get(b);
    if (!re) termCache.set(b, (re = termRegex(b)));
    return asStrings(a).some((s) => re.test(s));
  }),
  new Operator('inIgnoreCase', (a: unknown, b: string[]) => typeof a === 'string' && b.some((x) => x.toLowerCase() === a.toLowerCase())),
  new Operator('notInIgnoreCase', (a: unknown, b: string[]) => typeof a !== 'string' || !b.some((x) => x.toLowerCase() === a.toLowerCase())),
];

export const PATTERN_OPERATORS = new Set(['matchesPattern']);
