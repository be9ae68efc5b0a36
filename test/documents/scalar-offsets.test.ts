import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument, type Scalar } from 'yaml';
import { LineIndex } from '../../src/documents/line-index.js';
import { scalarSourceOffsets, sourceRangeOfValue } from '../../src/documents/scalar-offsets.js';

function scalarAt(source: string, path: (string | number)[], keepSourceTokens = false): Scalar {
  const doc = parseDocument(source, { keepSourceTokens });
  expect(doc.errors).toEqual([]);
  const node = doc.getIn(path, true);
  if (!isScalar(node)) throw new Error(`no scalar at ${path.join('.')}`);
  return node;
}

/** Source span of the first occurrence of `needle` in the node's value. */
function spanOf(source: string, node: Scalar, needle: string, from = 0): [number, number] {
  const value = String(node.value);
  const a = value.indexOf(needle, from);
  expect(a).toBeGreaterThanOrEqual(0);
  const span = sourceRangeOfValue(source, node, a, a + needle.length);
  expect(span).not.toBeNull();
  return span as [number, number];
}

/** Asserts the span of `needle` reads back verbatim, and returns its 1-based line/column. */
function locate(source: string, node: Scalar, needle: string): { line: number; column: number } {
  const [s, e] = spanOf(source, node, needle);
  expect(source.slice(s, e)).toBe(needle);
  return new LineIndex(source).position(s);
}

/** Source text of each value unit. */
function forms(source: string, node: Scalar): string[] {
  const value = String(node.value);
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const span = sourceRangeOfValue(source, node, i, i + 1);
    expect(span).not.toBeNull();
    out.push(source.slice(span![0], span![1]));
  }
  return out;
}

describe('scalarSourceOffsets: plain scalars', () => {
  it('maps a single-line plain scalar', () => {
    const src = 'components:\n  - type: BODY\n    text: Get 20% off today\n';
    const node = scalarAt(src, ['components', 0, 'text']);
    const map = scalarSourceOffsets(src, node)!;
    expect(map).toBeInstanceOf(Int32Array);
    expect(map.length).toBe('Get 20% off today'.length + 1);
    expect(map[0]).toBe(src.indexOf('Get'));
    expect(map[map.length - 1]).toBe(src.indexOf('today') + 5);
    expect(locate(src, node, '20% off')).toEqual({ line: 3, column: 15 });
  });

  it('maps multi-line plain scalars with folding and empty lines', () => {
    const src = 'text: Get 20%  \n  off today\n\n\n   and a#1 tomorrow\n';
    const node = scalarAt(src, ['text']);
    expect(node.value).toBe('Get 20% off today\n\nand a#1 tomorrow');
    expect(locate(src, node, 'off today')).toEqual({ line: 2, column: 3 });
    expect(locate(src, node, 'and a#1')).toEqual({ line: 5, column: 4 });
    const f = forms(src, node);
    // the space between "20%" and "off" came from the first line break
    expect(f[7]).toBe('\n');
    expect(spanOf(src, node, ' off')[0]).toBe(src.indexOf('\n'));
    // "\n\n" came from the two empty lines: the breaks ending line 3 and line 4
    const v = String(node.value);
    const nl = v.indexOf('\n');
    expect(new LineIndex(src).position(scalarSourceOffsets(src, node)![nl]).line).toBe(3);
    expect(new LineIndex(src).position(scalarSourceOffsets(src, node)![nl + 1]).line).toBe(4);
  });

  it('maps plain scalars in flow collections', () => {
    const src = '{a: [x, hello\n   world ], b: c}';
    const doc = parseDocument(src);
    const node = doc.getIn(['a', 1], true) as Scalar;
    expect(node.value).toBe('hello world');
    expect(locate(src, node, 'world')).toEqual({ line: 2, column: 4 });
  });
});

describe('scalarSourceOffsets: single-quoted scalars', () => {
  it("maps '' escapes and folding", () => {
    const src = "text: 'It''s 20% off,\n  don''t   \n\n  miss'\n";
    const node = scalarAt(src, ['text']);
    expect(node.value).toBe("It's 20% off, don't\nmiss");
    const f = forms(src, node);
    expect(f[2]).toBe("''");
    expect(locate(src, node, 's 20% off,')).toEqual({ line: 1, column: 12 });
    expect(spanOf(src, node, "It's")).toEqual([src.indexOf('It'), src.indexOf('It') + 5]);
    expect(locate(src, node, 'miss')).toEqual({ line: 4, column: 3 });
    expect(f[13]).toBe('\n'); // folded space
    expect(f["It's 20% off, don't".length]).toBe('\n'); // empty line → \n
  });

  it('keeps leading/trailing spaces of a single line', () => {
    const src = "t: '  a  '";
    const node = scalarAt(src, ['t']);
    expect(scalarSourceOffsets(src, node)![0]).toBe(4);
    expect(forms(src, node).join('')).toBe('  a  ');
  });
});

describe('scalarSourceOffsets: double-quoted scalars', () => {
  it('maps every YAML 1.2 escape to the whole escape', () => {
    const escapes: [string, string][] = [
      ['\\n', '\n'], ['\\t', '\t'], ['\\\\', '\\'], ['\\"', '"'], ['\\/', '/'], ['\\0', '\0'], ['\\a', '\x07'],
      ['\\b', '\b'], ['\\e', '\x1b'], ['\\f', '\f'], ['\\r', '\r'], ['\\v', '\v'], ['\\N', '\u0085'],
      ['\\_', '\u00a0'], ['\\L', '\u2028'], ['\\P', '\u2029'], ['\\x41', 'A'], ['\\u00e9', 'é'], ['\\ ', ' '],
      ['\\\t', '\t'], ['\\U0001F600', '😀'],
    ];
    const body = escapes.map(([e]) => `${e}|`).join('');
    const src = `text: "${body}"\n`;
    const node = scalarAt(src, ['text']);
    expect(node.value).toBe(escapes.map(([, v]) => `${v}|`).join(''));
    const f = forms(src, node);
    const expectedForms = escapes.flatMap(([e, v]) => [...Array.from({ length: v.length }, () => e), '|']);
    expect(f).toEqual(expectedForms);
    // both UTF-16 units of the astral escape start at the escape
    const map = scalarSourceOffsets(src, node)!;
    const v = String(node.value);
    const astral = v.indexOf('😀');
    expect(map[astral]).toBe(map[astral + 1]);
    expect(map[astral]).toBe(src.indexOf('\\U0001F600'));
    expect(sourceRangeOfValue(src, node, astral + 1, astral + 2)).toEqual([
      src.indexOf('\\U0001F600'),
      src.indexOf('\\U0001F600') + 10,
    ]);
  });

  it('maps escaped line breaks, folding and empty lines', () => {
    const src = 'text: "Get 20%\\\n    off  \n  today\n\n  only \\\n  now"\n';
    const node = scalarAt(src, ['text']);
    expect(node.value).toBe('Get 20%off today\nonly now');
    expect(locate(src, node, 'off')).toEqual({ line: 2, column: 5 });
    expect(locate(src, node, 'only ')).toEqual({ line: 5, column: 3 });
    expect(locate(src, node, 'now')).toEqual({ line: 6, column: 3 });
    const f = forms(src, node);
    expect(f[10]).toBe('\n'); // the space from the line break after "off  "
    expect(spanOf(src, node, ' today')[0]).toBe(src.indexOf('\n', src.indexOf('off')));
    const lf = String(node.value).indexOf('\n');
    expect(new LineIndex(src).position(scalarSourceOffsets(src, node)![lf]).line).toBe(4);
  });

  it('maps JSON strings', () => {
    const value = 'Hi "Ann",\n20% off\t😀 \u2028 \u0001 \\ é';
    const src = JSON.stringify({ components: [{ type: 'BODY', text: value }] }, null, 2);
    const node = scalarAt(src, ['components', 0, 'text']);
    expect(node.value).toBe(value);
    expect(locate(src, node, '20% off')).toEqual({ line: 5, column: 29 });
    const f = forms(src, node);
    expect(f[3]).toBe('\\"');
    expect(f[value.indexOf('\n')]).toBe('\\n');
    expect(f[value.indexOf('\u0001')]).toBe('\\u0001');
    expect(f[value.indexOf('😀')]).toBe('\ud83d');
    expect(locate(src, node, '😀')).toBeTruthy();
  });
});

describe('scalarSourceOffsets: block scalars', () => {
  it('finds "20% off" inside a folded block scalar on the right line', () => {
    const src = [
      'components:',
      '  - type: BODY',
      '    text: >',
      '      Hello {{1}}, this week',
      '      only: get 20% off',
      '      everything.',
      '',
      '      Reply STOP to opt out.',
      '  - type: FOOTER',
      '',
    ].join('\n');
    const node = scalarAt(src, ['components', 0, 'text']);
    expect(node.value).toBe('Hello {{1}}, this week only: get 20% off everything.\nReply STOP to opt out.\n');
    expect(locate(src, node, '20% off')).toEqual({ line: 5, column: 17 });
    expect(locate(src, node, 'Reply STOP')).toEqual({ line: 8, column: 7 });
    const f = forms(src, node);
    expect(f[f.length - 1]).toBe('\n'); // clip newline = break after the last line
    expect(scalarSourceOffsets(src, node)![String(node.value).length]).toBe(src.indexOf('  - type: FOOTER'));
  });

  it('maps literal block scalars with strip/keep chomping', () => {
    const src = 'a: |-\n  line one\n    indented\n\n  20% off\n\nb: |+\n  kept\n\n\nc: x\n';
    const a = scalarAt(src, ['a']);
    expect(a.value).toBe('line one\n  indented\n\n20% off');
    expect(locate(src, a, '  indented')).toEqual({ line: 3, column: 3 });
    expect(locate(src, a, '20% off')).toEqual({ line: 5, column: 3 });
    const b = scalarAt(src, ['b']);
    expect(b.value).toBe('kept\n\n\n');
    const f = forms(src, b);
    expect(f).toEqual(['k', 'e', 'p', 't', '\n', '\n', '\n']);
    const li = new LineIndex(src);
    const map = scalarSourceOffsets(src, b)!;
    expect([4, 5, 6].map((i) => li.position(map[i]).line)).toEqual([8, 9, 10]);
  });

  it('handles explicit indentation indicators', () => {
    const src = 'x:\n  - |2\n       leading spaces\n     20% off\n  - >1-\n     more\n    text\n';
    const node = scalarAt(src, ['x', 0]);
    // the sequence is indented by 2, so `|2` means 4 spaces of indentation
    expect(node.value).toBe('   leading spaces\n 20% off\n');
    expect(locate(src, node, '   leading')).toEqual({ line: 3, column: 5 });
    expect(locate(src, node, '20% off')).toEqual({ line: 4, column: 6 });
    const folded = scalarAt(src, ['x', 1]);
    expect(folded.value).toBe('  more\n text');
    expect(locate(src, folded, '  more')).toEqual({ line: 6, column: 4 });
    expect(locate(src, folded, ' text')).toEqual({ line: 7, column: 4 });
    // same result with source tokens available
    const withTokens = scalarAt(src, ['x', 0], true);
    expect(Array.from(scalarSourceOffsets(src, withTokens)!)).toEqual(Array.from(scalarSourceOffsets(src, node)!));
  });

  it('handles nested sequences with explicit indicators', () => {
    const src = '- - |1\n     x y\n';
    const doc = parseDocument(src);
    const node = doc.getIn([0, 0], true) as Scalar;
    expect(node.value).toBe('  x y\n');
    expect(locate(src, node, '  x y')).toEqual({ line: 2, column: 4 });
  });

  it('maps more-indented lines in folded scalars', () => {
    const src = 't: >\n  intro\n\n    * item one\n    * item two\n  back to\n  normal\n';
    const node = scalarAt(src, ['t']);
    expect(node.value).toBe('intro\n\n  * item one\n  * item two\nback to normal\n');
    expect(locate(src, node, '  * item two')).toEqual({ line: 5, column: 3 });
    expect(locate(src, node, 'normal')).toEqual({ line: 7, column: 3 });
    const f = forms(src, node);
    expect(f.slice(5, 7)).toEqual(['\n', '\n']);
    const li = new LineIndex(src);
    const map = scalarSourceOffsets(src, node)!;
    expect([li.position(map[5]).line, li.position(map[6]).line]).toEqual([2, 3]);
  });

  it('maps a block scalar at end of input without trailing newline', () => {
    const src = 't: |\n  abc';
    const node = scalarAt(src, ['t']);
    expect(node.value).toBe('abc\n');
    expect(sourceRangeOfValue(src, node, 3, 4)).toEqual([src.length, src.length]);
    expect(sourceRangeOfValue(src, node, 0, 4)).toEqual([src.length - 3, src.length]);
  });

  it('maps header comments and empty block scalars', () => {
    const src = 't: >- # note\n  a b\ne: |\nf: |+\n\n';
    expect(locate(src, scalarAt(src, ['t']), 'a b')).toEqual({ line: 2, column: 3 });
    const e = scalarAt(src, ['e']);
    expect(e.value).toBe('');
    expect(scalarSourceOffsets(src, e)!.length).toBe(1);
    const f = scalarAt(src, ['f']);
    expect(f.value).toBe('\n');
    expect(scalarSourceOffsets(src, f)!.length).toBe(2);
  });
});

describe('scalarSourceOffsets: CRLF', () => {
  it('maps every style with CRLF line endings', () => {
    const src = [
      'p: plain 20%',
      '  off',
      's: \'single 20%',
      '',
      '  off\'',
      'd: "double\\',
      '  20%  ',
      '  off"',
      'l: |',
      '  literal',
      '  20% off',
      'f: >-',
      '  folded',
      '',
      '  20% off',
      '',
    ].join('\r\n');
    const expected: Record<string, [string, number]> = {
      p: ['plain 20% off', 2],
      s: ['single 20%\noff', 5],
      d: ['double20% off', 8],
      l: ['literal\n20% off\n', 11],
      f: ['folded\n20% off', 15],
    };
    const li = new LineIndex(src);
    for (const [key, [value, line]] of Object.entries(expected)) {
      const node = scalarAt(src, [key]);
      expect(node.value).toBe(value);
      const [s, e] = spanOf(src, node, 'off');
      expect(src.slice(s, e)).toBe('off');
      expect(li.position(s).line).toBe(line);
      for (const form of forms(src, node)) expect(form).not.toBe('\r');
      if (value.includes('\n')) expect(forms(src, node)[value.indexOf('\n')]).toBe('\r\n');
    }
  });
});

describe('scalarSourceOffsets: non-strings and failures', () => {
  it('maps numbers, booleans and null only when the source equals String(value)', () => {
    const src = 'n: 42\nf: 1.50\nb: true\nh: 0x1F\nz: null\nt: ~\n';
    const doc = parseDocument(src);
    const get = (k: string) => doc.get(k, true) as Scalar;
    expect(Array.from(scalarSourceOffsets(src, get('n'))!)).toEqual([3, 4, 5]);
    expect(scalarSourceOffsets(src, get('f'))).toBeNull();
    expect(sourceRangeOfValue(src, get('b'), 0, 4)).toEqual([src.indexOf('true'), src.indexOf('true') + 4]);
    expect(scalarSourceOffsets(src, get('h'))).toBeNull();
    expect(scalarSourceOffsets(src, get('z'))).not.toBeNull();
    expect(scalarSourceOffsets(src, get('t'))).toBeNull();
  });

  it('returns null for a source that does not match the node, and for bad ranges', () => {
    const src = 'text: "hello"\n';
    const node = scalarAt(src, ['text']);
    expect(scalarSourceOffsets('text: "hellO"\n', node)).toBeNull();
    expect(scalarSourceOffsets(src, node)).not.toBeNull();
    expect(sourceRangeOfValue(src, node, 2, 2)).toBeNull();
    expect(sourceRangeOfValue(src, node, 3, 9)).toBeNull();
    expect(sourceRangeOfValue(src, node, -1, 1)).toBeNull();
  });

  it('caches per node', () => {
    const src = 'text: plain value\n';
    const node = scalarAt(src, ['text']);
    expect(scalarSourceOffsets(src, node)).toBe(scalarSourceOffsets(src, node));
  });

  it('is linear on large scalars', () => {
    const words = Array.from({ length: 20000 }, (_, i) => `w${i}`);
    const src = `text: >\n${words.map((w, i) => (i % 7 === 0 ? `  ${w}\n` : `  ${w}`)).join('\n')}\n`;
    const node = scalarAt(src, ['text']);
    const t0 = performance.now();
    const span = spanOf(src, node, 'w19999');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(src.slice(span[0], span[1])).toBe('w19999');
  });
});

describe('LineIndex', () => {
  it('handles LF, CRLF, lone CR and a last line without newline', () => {
    const text = 'ab\r\ncd\ref\ngh';
    const li = new LineIndex(text);
    expect(li.lineCount).toBe(4);
    expect(li.position(0)).toEqual({ line: 1, column: 1 });
    expect(li.position(2)).toEqual({ line: 1, column: 3 }); // the \r
    expect(li.position(3)).toEqual({ line: 1, column: 3 }); // the \n of \r\n: still the end of line 1, never past it
    expect(li.position(4)).toEqual({ line: 2, column: 1 });
    expect(li.position(6)).toEqual({ line: 2, column: 3 }); // lone \r
    expect(li.position(7)).toEqual({ line: 3, column: 1 });
    expect(li.position(10)).toEqual({ line: 4, column: 1 });
    expect(li.position(11)).toEqual({ line: 4, column: 2 });
    expect(li.position(12)).toEqual({ line: 4, column: 3 });
    expect(li.position(99)).toEqual({ line: 4, column: 3 });
    expect(li.position(-5)).toEqual({ line: 1, column: 1 });
  });

  it('counts a trailing newline as starting an empty last line', () => {
    expect(new LineIndex('').lineCount).toBe(1);
    const li = new LineIndex('a\n');
    expect(li.lineCount).toBe(2);
    expect(li.position(2)).toEqual({ line: 2, column: 1 });
    expect(new LineIndex('a\r\n\r\n').lineCount).toBe(3);
    expect(new LineIndex('\r\r').position(2)).toEqual({ line: 3, column: 1 });
  });

  it('counts columns in UTF-16 units', () => {
    const li = new LineIndex('x: 😀 20%');
    expect(li.position('x: 😀 20%'.indexOf('20%'))).toEqual({ line: 1, column: 7 });
  });
});
