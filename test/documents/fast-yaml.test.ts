import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, stringify, type Document } from 'yaml';
import { generate, isCurrent } from '../../bench/gen-templates.mjs';
import { FAST_PARSE_DEFAULTS, parseSimpleDocument } from '../../src/documents/fast-yaml.js';

// ---------------------------------------------------------------------------------------------
// The oracle: yaml's own Composer with parse.ts's options, and a structural dump of its output.
// Comments (comment, commentBefore, spaceBefore) are left out: the fast path does not copy them,
// and nothing in src/ reads them.
// ---------------------------------------------------------------------------------------------
const OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, schema: 'core', logLevel: 'error' } as const;
const COMMENT_KEYS = new Set(['comment', 'commentBefore', 'spaceBefore']);

function composeAll(text: string): Document.Parsed[] {
  return [...new Composer(OPTIONS).compose(new Parser().parse(text), true, text.length)] as Document.Parsed[];
}

/** JSON of a value with numbers spelled out (NaN, Infinity, -0 survive). */
function canon(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? `#num:${Object.is(v, -0) ? '-0' : String(v)}` : v));
}

function dumpNode(n: unknown): unknown {
  if (n === null || n === undefined) return n ?? null;
  if (typeof n !== 'object') return { primitive: canon(n) };
  const keys = Object.keys(n)
    .filter((k) => !COMMENT_KEYS.has(k))
    .sort();
  const common = { ctor: n.constructor.name, keys };
  if (isScalar(n)) {
    return { ...common, range: n.range, type: n.type, source: n.source, value: canon(n.value), format: n.format, minFractionDigits: n.minFractionDigits, tag: n.tag, anchor: n.anchor };
  }
  if (isPair(n)) return { ...common, key: dumpNode(n.key), value: dumpNode(n.value) };
  if (isMap(n) || isSeq(n)) {
    return { ...common, range: n.range, flow: n.flow, tag: n.tag, anchor: n.anchor, schema: n.schema?.name, items: (n.items as unknown[]).map(dumpNode) };
  }
  if (isAlias(n)) return { ...common, alias: n.source };
  return { ...common, other: String(n) };
}

function dumpDocument(doc: Document.Parsed): unknown {
  const { _directives: _, ...options } = doc.options as Record<string, unknown>;
  return {
    range: doc.range,
    contents: dumpNode(doc.contents),
    errors: doc.errors.length,
    warnings: doc.warnings.length,
    options,
    schema: doc.schema.name,
    tags: doc.schema.tags.map((t) => t.tag),
    directives: { yaml: doc.directives?.yaml, docStart: doc.directives?.docStart, docEnd: doc.directives?.docEnd },
    toJS: canon(doc.toJS()),
  };
}

const stats = { checked: 0, accepted: 0 };
/** FAST_YAML_RUNS=10 runs the properties ten times longer (a deeper search before a release). */
const RUNS = Math.max(1, Number(process.env.FAST_YAML_RUNS ?? 1));

/** The fast path equals yaml, or declines; it never throws. Returns whether it accepted the text. */
function check(text: string): boolean {
  stats.checked++;
  let fast: Document.Parsed | undefined;
  expect(() => (fast = parseSimpleDocument(text))).not.toThrow();
  if (!fast) return false;
  stats.accepted++;
  const docs = composeAll(text);
  expect(docs.length, `yaml reads ${docs.length} documents in ${JSON.stringify(text)}`).toBe(1);
  expect(docs[0].errors.map((e) => e.message), JSON.stringify(text)).toEqual([]);
  const [mine, theirs] = [dumpDocument(fast), dumpDocument(docs[0])];
  // Strings compare fast; the structural diff is for the failure message.
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) expect(mine, JSON.stringify(text)).toEqual(theirs);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Files: fixtures, test data, rule packs and the benchmark's generated templates.
// ---------------------------------------------------------------------------------------------
const ROOT = path.resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(p);
  }
  return out.sort();
}

const repoFiles = ['fixtures', 'test', 'rules'].flatMap((d) => yamlFiles(path.join(ROOT, d)));
let benchDir = path.join(ROOT, 'bench/out/templates-3000');
let tempDir: string | undefined;

beforeAll(() => {
  if (!isCurrent(benchDir)) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'msglint-fast-yaml-'));
    benchDir = tempDir;
    generate(3000, benchDir);
  }
});
afterAll(() => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('parseSimpleDocument on real files', () => {
  it('equals yaml on every fixture, test and rule-pack file it accepts, and accepts most of them', () => {
    expect(repoFiles.length).toBeGreaterThan(100);
    let accepted = 0;
    const declined: string[] = [];
    for (const file of repoFiles) {
      if (check(readFileSync(file, 'utf8'))) accepted++;
      else declined.push(path.relative(ROOT, file));
    }
    const share = accepted / repoFiles.length;
    console.log(`fast path accepted ${accepted}/${repoFiles.length} repository YAML/JSON files (${(share * 100).toFixed(1)}%)`);
    expect(share).toBeGreaterThan(0.6);
  }, 120_000);

  it('accepts every generated benchmark template, equal to yaml', () => {
    const files = yamlFiles(benchDir);
    expect(files.length).toBe(3000);
    const declined = files.filter((f) => !check(readFileSync(f, 'utf8')));
    expect(declined).toEqual([]);
  }, 120_000);

  it('accepts CRLF copies of the fixtures as it accepts the originals', () => {
    for (const file of repoFiles) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('\r')) continue;
      expect(check(text.replace(/\n/g, '\r\n')), file).toBe(check(text));
    }
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// Properties: random template-like documents in several styles, and random mutations of files.
// ---------------------------------------------------------------------------------------------
const scalarText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ 019_-.,!?/é'.split('')), minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'a #:-"\'\\{}[],&*!|>?%@`\t'.split('')), minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'False', 'null', '~', '', '1', '-2', '+3', '0o17', '0x1F', '1e3', '-1.50', '.inf', '-.Inf', '.nan', '1.0', '007', '2001-12-14', 'yes', 'no', '1_000', '0b101') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '👍🏽', '中文', 'ß', '\u00a0x', 'x\u2028y', 'a\u0085b', 'Hola {{1}}', '20% off', 'http://x.y/{{1}}', 'a: b', 'a #b', '- x', '"q"', "it's") },
  { weight: 1, arbitrary: fc.constantFrom('line 1\nline 2', 'a\n\nb\n', 'x\n', '  lead\nx', 'trail \n  more\n\n', 'a\n  b\nc', '\tt\nx', '# not\na comment') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);
const scalar = fc.oneof(
  { weight: 6, arbitrary: scalarText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noDefaultInfinity: false }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('name', 'language', 'category', 'components', 'type', 'text', 'example', 'body_text', 'buttons', 'url', 'format') }, { weight: 1, arbitrary: scalarText });
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: scalar },
    { weight: 2, arbitrary: fc.dictionary(key, tie('tree'), { maxKeys: 5 }) },
    { weight: 2, arbitrary: fc.array(tie('tree'), { maxLength: 4 }) },
  ),
}));
const root = fc.oneof(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }), fc.array(tree, { minLength: 1, maxLength: 4 }));

const style = fc.record({
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 40, 80),
  flowCollectionPadding: fc.boolean(),
} as const);

/** Serialises the tree as YAML (several styles) or JSON (indented or compact). */
const serialised = fc.tuple(root, style, fc.constantFrom('yaml', 'yaml', 'json-indented', 'json-compact')).map(([value, opts, kind]) => {
  if (kind === 'json-indented') return JSON.stringify(value, null, 2) ?? 'null';
  if (kind === 'json-compact') return JSON.stringify(value) ?? 'null';
  return stringify(value, { ...opts, defaultKeyType: 'PLAIN' });
});

/** Decorates lines: comments at the end or on their own line (any indentation), blank lines, trailing spaces, CRLF. */
const decorated = fc
  .tuple(serialised, fc.array(fc.tuple(fc.nat(), fc.constantFrom('comment-end', 'comment-line', 'blank', 'spaces', 'blank-spaces'), fc.nat(6)), { maxLength: 6 }), fc.boolean(), fc.boolean())
  .map(([text, edits, crlf, prelude]) => {
    const lines = text.split('\n');
    for (const [at, kind, indent] of edits) {
      const i = at % lines.length;
      if (kind === 'comment-end') lines[i] += ' # note: x';
      else if (kind === 'comment-line') lines.splice(i, 0, `${' '.repeat(indent)}# msglint-disable-next-line x -- why`);
      else if (kind === 'blank') lines.splice(i, 0, '');
      else if (kind === 'spaces') lines[i] += ' '.repeat(indent + 1);
      else lines.splice(i, 0, ' '.repeat(indent + 1));
    }
    let out = lines.join('\n');
    if (prelude) out = `# yaml-language-server: $schema=x\n\n${out}`;
    return crlf ? out.replace(/\n/g, '\r\n') : out;
  });

/** Lines of block YAML at random indentation: valid and invalid nestings, comments and blank lines anywhere. */
const blockLine = fc.tuple(
  fc.constantFrom(0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 8),
  fc.constantFrom('k: v', 'key: 1', 'k2: "q # x"', "k3: 'it''s'", 'k:', 'k: # c', '- x', '- k: v', '- k:', '- [a, b]', '- {a: 1}', 'k: [a,', 'b]', '  c}', 'k: {a: 1,', '# c', '', '   ', 'k: |', 'k: >-', 'text line', '- |', 'k: v # c', '-', 'k: - x', 'k: 1.50', 'k: ~'),
).map(([indent, line]) => (line === '' ? '' : ' '.repeat(indent) + line));
const blockDocument = fc.tuple(fc.array(blockLine, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean()).map(([lines, crlf, finalBreak]) => {
  const text = lines.join('\n') + (finalBreak ? '\n' : '');
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

const MUTATION_PIECES = ['#', ' #', ' ', '  ', '\n', '\r\n', '\r', ':', ': ', '-', '- ', '"', "'", '\\', '\t', '[', ']', '{', '}', ',', '&a ', '*a', '!', '|', '>', '?', '---\n', '%', '\ufeff', '😀', 'x'];
/** A random edit: delete a span, insert a piece, or duplicate a span. */
const mutation = fc.tuple(fc.constantFrom('delete', 'insert', 'duplicate'), fc.nat(), fc.nat(12), fc.constantFrom(...MUTATION_PIECES));
function mutate(text: string, edits: [string, number, number, string][]): string {
  for (const [kind, at, length, piece] of edits) {
    const i = text.length === 0 ? 0 : at % (text.length + 1);
    if (kind === 'delete') text = text.slice(0, i) + text.slice(i + length);
    else if (kind === 'insert') text = text.slice(0, i) + piece + text.slice(i);
    else text = text.slice(0, i) + text.slice(i, i + length) + text.slice(i);
  }
  return text;
}

describe('parseSimpleDocument properties', () => {
  it('equals yaml on random template-like documents, or declines', () => {
    let accepted = 0;
    let total = 0;
    fc.assert(
      fc.property(decorated, (text) => {
        total++;
        if (check(text)) accepted++;
      }),
      { numRuns: 3000 * RUNS },
    );
    // The generator mostly writes the subset: a fast path that always declined would fail here.
    expect(accepted / total).toBeGreaterThan(0.3);
  }, 120_000);

  it('equals yaml on random block structures (odd indentation, comments and blank lines anywhere), or declines', () => {
    let accepted = 0;
    fc.assert(
      fc.property(blockDocument, (text) => {
        if (check(text)) accepted++;
      }),
      { numRuns: 3000 * RUNS },
    );
    // Most of these texts are invalid YAML (about 1% are accepted): enough that a path that always declined fails.
    expect(accepted).toBeGreaterThan(10 * RUNS);
  }, 120_000);

  it('equals yaml on random mutations of the repository files, or declines', () => {
    // Files up to 8 KB (the large lexicons cost seconds per run and add no shapes).
    const texts = repoFiles.map((f) => readFileSync(f, 'utf8')).filter((t) => t.length <= 8000);
    expect(texts.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, edits) => {
        check(mutate(texts[index], edits));
      }),
      { numRuns: 3000 * RUNS },
    );
  }, 180_000);

  it('equals yaml on random mutations of a generated template, or declines', () => {
    const sample = readFileSync(yamlFiles(benchDir)[0], 'utf8');
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        check(mutate(sample, edits));
      }),
      { numRuns: 3000 * RUNS },
    );
  }, 120_000);
});

describe('parseSimpleDocument on chosen cases', () => {
  const cases: [string, boolean][] = [
    ['a: 1\nb:\n  - x\n  - y: 2\n    z: "q"   # c\n\nc: [1, {k: v} ]  \n', true],
    ['# top\n\na: 1 # x\n# mid\nb: 2\n# end\n', true],
    ['a:\n  b: 1\n\n  # c\n  d: 2\n  # e\n# f\n\ng: 3\n\n\n', true],
    ['a:\n  - 1\n  # x\n  - 2\n # y\nb:\n', true],
    ['a: # c\n  b: 1\nc:\nd:    \ne: \n', true],
    ['a: 1\n  # in\n\n   # in2\n\nb:\n  - x\n  # c2\n\nc: 2\n', true],
    ['a:\n  - b: 1\n    # x\n  - c\n', true],
    ['a: # c\n\n\nb: 1', true],
    ['a:\n  # c\n\nb: 1', true],
    ['a:\n  b:\n\n  # q\nc: 1', true],
    ['{"a": [1,\n  2 ],\n "b" : {"c":"d"}\n}  \n\n\n# x\n\n', true],
    ['[1, [2]\n  , 3]\n', true],
    ['\ufeffname: x\r\nlist:\r\n- a\r\n- "b\\u00e9\\U0001F600\\x41"\r\n', true],
    ["q: 'it''s'\nn: [0o17, 0x1F, 1e3, -1.50, .inf, -.Inf, .NaN, ~, null, True, FALSE, +7]\n", true],
    ['a: |\n  text\n', true],
    ['a: >-\n  folded\n  text\n\n   more\n  last\n\n\n# c\nb: |\n  lit\n    deeper\n      \n  x\n  \nc: 1\n', true],
    ['- |\r\n  crlf\r\n\r\n  y\r\n- >\n  z\n', true],
    ['terms: ["a", "b",\n  "c", [d,\n e],\n  {f: g,\n   h: i}\n]\nnext:\n  - [1,\n    2]  # c\n    # d\n', true],
    // Outside the subset: yaml decides.
    ['terms: ["a",\n"b"]\n', false],
    ['a: [1, # c\n  2]\n', false],
    [`${'k'.repeat(990)}${' '.repeat(40)}: v\n`, false],
    ['a: |+\n  keep\n\n', false],
    ['a: |2\n   indented\n', false],
    ['a: |\n\n  leading blank\n', false],
    ['a: &x 1\nb: *x\n', false],
    ['a: !!str 1\n', false],
    ['a: multi\n  line\n', false],
    ['a: "multi\n  line"\n', false],
    ['a: 1\na: 2\n', false],
    ['? a\n: b\n', false],
    ['---\na: 1\n', false],
    ['a: 1\n---\nb: 2\n', false],
    ['a:\n\t- 1\n', false],
    ['a: [1, 2,]\n', false],
    ['a: "bad \\q escape"\n', false],
    ['a: b: c\n', false],
    ['just a scalar\n', false],
    ['# only a comment\n', false],
    ['', false],
  ];
  it.each(cases)('%j (accepted: %s)', (text, accepted) => {
    expect(check(text)).toBe(accepted);
  });

  it('declines options it does not implement', () => {
    expect(parseSimpleDocument('a: 1\n', { ...FAST_PARSE_DEFAULTS, uniqueKeys: true as never })).toBeUndefined();
    expect(parseSimpleDocument('a: 1\n')).toBeDefined();
  });

  it('reports how much it checked', () => {
    // Runs last in this file: the other tests fed the oracle thousands of texts.
    console.log(`fast-yaml oracle: ${stats.accepted} of ${stats.checked} texts accepted and equal to yaml`);
    expect(existsSync(benchDir)).toBe(true);
  });
});
