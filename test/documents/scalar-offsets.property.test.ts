import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Document, isScalar, parse, parseDocument, type Scalar, type ToStringOptions } from 'yaml';
import { scalarSourceOffsets, sourceRangeOfValue } from '../../src/documents/scalar-offsets.js';

// ---------------------------------------------------------------------------------------------
// Arbitrary template texts: lots of YAML-significant characters, unicode, astral chars, breaks.
// ---------------------------------------------------------------------------------------------
const pieces = fc.constantFrom(
  ' ', '  ', '\n', '\n\n', '\n\n\n', '\t', ' \t', '#', ' #', ': ', ':', "'", "''", '"', '\\', '\\n', '\\"',
  '- ', '-', '|', '>', '%', '@', '`', '{', '}', '[', ']', ',', '&', '*', '!', '?', '\r', '\r\n', ' \n ', '\n ',
  '\n  ', '😀', '👍🏽', 'é', 'ß', '中文', '\u00a0', '\u0085', '\u2028', '\u2029', '\u0000', '\u0007', '\u001b',
  '\ufeff', '\ud800', '\udfff', '...', '---', '20% off', '{{1}}', 'true', '1.5', 'null', '~', 'x', 'Hello',
);
const text = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: pieces },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 10 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

/** Prose: words separated mostly by single spaces, so that yaml folds long lines in every style. */
const word = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ019%.,!?é'.split('')), minLength: 1, maxLength: 9 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abc%{}\'"#:-_/'.split('')), minLength: 1, maxLength: 5 }) },
  { weight: 2, arbitrary: fc.constantFrom('20%', 'off', '{{1}}', "don't", 'a#b', 'x:y', '😀', 'STOP', 'Hello') },
);
const separator = fc.oneof(
  { weight: 12, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.constantFrom('  ', '\n', '\n\n', ' \n', '\t') },
);
const prose = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join('').trimEnd());

/** Raw (a, b) picks, reduced modulo the value length when used. */
const picks = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 6, maxLength: 10 });

const STRING_TYPES = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
type StringType = (typeof STRING_TYPES)[number];

const stats = new Map<string, number>();
const bump = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);

// ---------------------------------------------------------------------------------------------
// Oracle
// ---------------------------------------------------------------------------------------------
const unescapeCache = new Map<string, string>();
/** Value of a double-quoted escape sequence, decoded by yaml itself. */
function unescape(form: string): string {
  let v = unescapeCache.get(form);
  if (v === undefined) {
    v = String(parse(`"${form}"`));
    unescapeCache.set(form, v);
  }
  return v;
}

const GAP = /^[ \t]*(?:\\?\r?\n[ \t]*)*$/;
const hasBreak = (s: string) => s.includes('\n');

/** Is the `\n` at `k` the end of an escaped line break (`\\` + newline) of a double-quoted scalar? */
function isEscapedBreak(source: string, k: number): boolean {
  let j = k - 1;
  if (source[j] === '\r') j--;
  let n = 0;
  while (source[j - n] === '\\') n++;
  return n % 2 === 1;
}

/** Characters JSON.stringify (and so yaml's double-quoted output) escapes. */
function jsonEscaped(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch === '"' || ch === '\\' || c < 0x20 || (c >= 0xd800 && c <= 0xdfff);
}

function isLoneSurrogateAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) return !(s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff);
  if (c >= 0xdc00 && c <= 0xdfff) return !(s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff);
  return false;
}

/**
 * Checks the mapping of `node` against independent facts about the source:
 * every value unit (or group of units sharing one span) is produced by a source form that decodes to
 * it (verbatim text, `''`, a line break for a folded space/newline, a double-quoted escape); what
 * lies between consecutive forms is only indentation, trimmed whitespace and line breaks; spans are
 * monotonic and inside the node range; verbatim substrings read back exactly.
 */
function checkNode(source: string, node: Scalar, rawPicks: [number, number][], label: string): void {
  const value = node.value as string;
  const type = node.type as StringType;
  const fail = (msg: string): never => {
    throw new Error(`${label}: ${msg} (${type} ${JSON.stringify(value)} in ${JSON.stringify(source)})`);
  };
  const map = scalarSourceOffsets(source, node);
  if (!map) throw new Error(`${label}: unmappable ${type} ${JSON.stringify(value)} in ${JSON.stringify(source)}`);
  const len = value.length;
  if (map.length !== len + 1) fail('map length');
  const [r0, r1] = node.range!;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < len; i++) {
    const span = sourceRangeOfValue(source, node, i, i + 1);
    if (!span) return fail(`no span for unit ${i}`);
    const [s, e] = span;
    if (s !== map[i]) fail(`span of unit ${i} does not start at map[${i}]`);
    if (!(r0 <= s && s <= e && e <= r1)) fail(`unit ${i} span ${s}-${e} outside ${r0}-${r1}`);
    if (i > 0 && map[i] < map[i - 1]) fail(`map decreases at ${i}`);
    starts.push(s);
    ends.push(e);
  }
  if (len > 0 && map[len] !== ends[len - 1]) fail('map[len] is not the end of the last unit');
  const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';

  // Group units sharing the same span and classify each group.
  const groups: { a: number; b: number; kind: 'v' | 'q' | 'f' | 'e' }[] = [];
  for (let i = 0; i < len; ) {
    let j = i + 1;
    while (j < len && starts[j] === starts[i] && ends[j] === ends[i]) j++;
    const form = source.slice(starts[i], ends[i]);
    const unit = value.slice(i, j);
    let kind: 'v' | 'q' | 'f' | 'e' | null = null;
    if ((form === '\n' || form === '\r\n') && (unit === ' ' || unit === '\n')) kind = 'f';
    else if (form === unit) kind = 'v';
    else if (type === 'QUOTE_SINGLE' && form === "''" && unit === "'") kind = 'q';
    else if (block && form === '' && starts[i] === r1 && unit === '\n'.repeat(unit.length)) kind = 'f';
    else if (type === 'QUOTE_DOUBLE' && form.startsWith('\\') && unescape(form) === unit) kind = 'e';
    if (!kind) {
      throw new Error(`${label}: units ${i}-${j} ${JSON.stringify(unit)} come from ${JSON.stringify(form)} in ${type} ${JSON.stringify(source)}`);
    }
    groups.push({ a: i, b: j, kind });
    i = j;
  }
  for (let g = 0; g + 1 < groups.length; g++) {
    const gap = source.slice(ends[groups[g].a], starts[groups[g + 1].a]);
    if (ends[groups[g].a] > starts[groups[g + 1].a] || !GAP.test(gap)) {
      throw new Error(`${label}: bad gap ${JSON.stringify(gap)} after unit ${groups[g].a} in ${JSON.stringify(source)}`);
    }
    if (gap && !hasBreak(gap) && groups[g].kind !== 'f' && groups[g + 1].kind !== 'f') {
      throw new Error(`${label}: dropped whitespace ${JSON.stringify(gap)} away from a line break in ${JSON.stringify(source)}`);
    }
  }
  // A folded space comes from the first break after content; a folded \n from a break ending an
  // empty line (in flow scalars; folded block scalars keep all breaks around more-indented lines).
  const flow = type === 'PLAIN' || type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE';
  for (const g of groups) {
    if (g.kind !== 'f' || starts[g.a] === ends[g.a]) continue;
    const unit = value[g.a];
    if (unit === ' ' && !(flow || type === 'BLOCK_FOLDED')) continue;
    if (unit === '\n' && !flow) continue;
    let k = starts[g.a] - 1;
    while (k > r0 && (source[k] === ' ' || source[k] === '\t')) k--;
    const afterBreak = source[k] === '\n' && !(type === 'QUOTE_DOUBLE' && isEscapedBreak(source, k));
    if (unit === '\n' && !afterBreak) fail(`folded \\n at ${g.a} does not come from an empty line`);
    if (unit === ' ' && afterBreak) fail(`folded space at ${g.a} does not come from the first line break`);
  }

  // verbatim[i]: unit i is produced by itself; joined[i]: nothing skipped between unit i and i+1.
  const verbatim = new Uint8Array(len);
  for (const g of groups) if (g.kind === 'v') for (let i = g.a; i < g.b; i++) verbatim[i] = 1;
  const joined = (i: number) => ends[i] === starts[i + 1];

  if (len === 0) return;
  const singleLineDouble = type === 'QUOTE_DOUBLE' && !source.slice(r0, r1).includes('\n');
  for (const [x, y] of rawPicks) {
    const a = x % len;
    const b = a + 1 + (y % (len - a));
    const sub = value.slice(a, b);
    const span = sourceRangeOfValue(source, node, a, b);
    if (!span) return fail(`no span for ${a}-${b}`);
    if (!(r0 <= span[0] && span[0] <= span[1] && span[1] <= r1)) fail(`span of ${a}-${b} outside the node`);
    if (span[0] !== starts[a] || span[1] !== ends[b - 1]) fail(`span of ${a}-${b} is not [start of ${a}, end of ${b - 1}]`);
    let clean = true;
    for (let i = a; i < b && clean; i++) clean = verbatim[i] === 1 && (i + 1 === b || joined(i));
    if (clean && source.slice(span[0], span[1]) !== sub) fail(`verbatim ${a}-${b} reads back as ${JSON.stringify(source.slice(span[0], span[1]))}`);
    // Independent oracle: substrings made only of characters that no style folds or escapes.
    let safe = !sub.includes(' ') && !sub.includes('\n');
    if (type === 'QUOTE_SINGLE') safe &&= !sub.includes("'");
    if (type === 'QUOTE_DOUBLE') {
      safe &&= singleLineDouble;
      for (let i = a; i < b && safe; i++) safe = !jsonEscaped(value[i]) && !isLoneSurrogateAt(value, i);
    }
    if (safe) {
      bump('oracle');
      if (source.slice(span[0], span[1]) !== sub) fail(`safe ${a}-${b} reads back as ${JSON.stringify(source.slice(span[0], span[1]))}`);
    }
  }
}

/** Parses `source` and checks the scalar at `path`; returns false when the document has errors. */
function checkSource(source: string, path: (string | number)[], original: string, rawPicks: [number, number][], label: string): boolean {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) {
    bump(`${label}:errors`);
    return false;
  }
  const node = doc.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== 'string') {
    bump(`${label}:not-a-string`);
    return false;
  }
  bump(`type:${String(node.type)}`);
  bump(node.value === original ? `${label}:round-trip` : `${label}:changed`);
  if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED' && source.slice(node.range![0], node.range![1]).includes('\n')) {
    bump(`multiline:${String(node.type)}`);
  }
  checkNode(source, node as Scalar, rawPicks, label);
  return true;
}

function template(value: string): Document {
  return new Document({ components: [{ type: 'BODY', text: value }] });
}
const PATH = ['components', 0, 'text'];

afterAll(() => {
  console.log(Object.fromEntries([...stats.entries()].sort()));
});

describe('scalarSourceOffsets property tests', () => {
  it('maps every yaml string style (with folding) back to the source', () => {
    fc.assert(
      fc.property(
        text,
        picks,
        fc.constantFrom(...STRING_TYPES),
        fc.constantFrom(0, 12, 20, 40, 80),
        fc.constantFrom(0, 20),
        fc.constantFrom(0, 40),
        (value, rawPicks, defaultStringType, lineWidth, minContentWidth, doubleQuotedMinMultiLineLength) => {
          const opts: ToStringOptions = { defaultStringType, lineWidth, minContentWidth, doubleQuotedMinMultiLineLength };
          const source = template(value).toString(opts);
          // (yaml's own output occasionally fails to parse, e.g. when it folds inside a `\\udfff` escape.)
          checkSource(source, PATH, value, rawPicks, `yaml-${defaultStringType}`);
          bump('cases');
        },
      ),
      { numRuns: 2500 },
    );
  });

  it('maps explicitly styled nodes, also with CRLF line endings and at the document root', () => {
    fc.assert(
      fc.property(text, picks, fc.constantFrom(...STRING_TYPES), fc.constantFrom(0, 20), fc.boolean(), (value, rawPicks, type, lineWidth, crlf) => {
        const doc = template(value);
        (doc.getIn(PATH, true) as Scalar).type = type;
        let source = doc.toString({ lineWidth, minContentWidth: 0 });
        if (crlf) source = source.replace(/\n/g, '\r\n');
        checkSource(source, PATH, value, rawPicks, crlf ? 'crlf' : 'typed');
        const root = new Document(value);
        (root.contents as Scalar).type = type;
        checkSource(root.toString({ lineWidth, minContentWidth: 0 }), [], value, rawPicks, 'root');
        bump('cases');
      }),
      { numRuns: 1500 },
    );
  });

  it('maps JSON strings (JSON is parsed as YAML flow)', () => {
    fc.assert(
      fc.property(text, picks, fc.constantFrom(0, 2), (value, rawPicks, indent) => {
        const source = JSON.stringify({ components: [{ type: 'BODY', text: value }] }, null, indent);
        const ok = checkSource(source, PATH, value, rawPicks, 'json');
        if (!ok) throw new Error(`JSON did not parse: ${source}`);
        bump('cases');
      }),
      { numRuns: 1000 },
    );
  });

  it('maps prose folded by yaml in every style', () => {
    fc.assert(
      fc.property(prose, picks, fc.constantFrom(...STRING_TYPES), fc.constantFrom(16, 24, 40), (value, rawPicks, defaultStringType, lineWidth) => {
        const source = template(value).toString({ defaultStringType, lineWidth, minContentWidth: 0 });
        const ok = checkSource(source, PATH, value, rawPicks, `prose-${defaultStringType}`);
        if (!ok) throw new Error(`yaml output did not parse: ${JSON.stringify(source)}`);
        bump('cases');
      }),
      { numRuns: 1500 },
    );
  });

  it('maps hand-mutated whitespace around folds (trailing spaces, tabs, empty lines)', () => {
    // Insert spaces/tabs before line breaks, and blank lines, into yaml's own output.
    fc.assert(
      fc.property(
        fc.oneof(text, prose),
        picks,
        fc.constantFrom(...STRING_TYPES),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\t', '  \t', '\n', '\n      ', '\r')), { minLength: 1, maxLength: 6 }),
        (value, rawPicks, type, inserts) => {
          const doc = template(value);
          (doc.getIn(PATH, true) as Scalar).type = type;
          let source = doc.toString({ lineWidth: 20, minContentWidth: 0 });
          const start = source.indexOf('text:') + 6;
          const breaks: number[] = [];
          for (let i = start; i < source.length - 1; i++) if (source[i] === '\n') breaks.push(i);
          if (breaks.length === 0) return;
          // Insert right before chosen line breaks, from the last one backwards so positions stay valid.
          const chosen = inserts.map(([k, ins]) => [breaks[k % breaks.length], ins] as const).sort((p, q) => q[0] - p[0]);
          for (const [at, ins] of chosen) source = source.slice(0, at) + ins + source.slice(at);
          checkSource(source, PATH, value, rawPicks, 'mutated');
          bump('cases');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('exercised every style, multi-line flow scalars and the independent oracle', () => {
    for (const t of STRING_TYPES) {
      expect(stats.get(`type:${t}`) ?? 0).toBeGreaterThan(200);
      expect(stats.get(`yaml-${t}:errors`) ?? 0).toBeLessThan(100);
    }
    expect(stats.get('multiline:QUOTE_DOUBLE') ?? 0).toBeGreaterThan(50);
    expect(stats.get('multiline:QUOTE_SINGLE') ?? 0).toBeGreaterThan(50);
    expect(stats.get('multiline:PLAIN') ?? 0).toBeGreaterThan(50);
    expect(stats.get('oracle') ?? 0).toBeGreaterThan(1000);
  });
});
