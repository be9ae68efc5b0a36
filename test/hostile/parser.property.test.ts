import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { expectInside } from './positions.js';
import { spanOf } from '../../src/documents/locate.js';
import { parseSource, type ParsedFile } from '../../src/documents/parse.js';
import { firstInvalidUtf8, SourceReadError, sourceFromBytes, sourceFromText } from '../../src/documents/source.js';
import { checkStrictJson } from '../../src/documents/strict-json.js';

// Fragments that YAML and JSON care about, so random text often is (or almost is) a document.
const fragment = fc.constantFrom(
  '\n', '\r\n', '\r', ' ', '  ', '\t', '- ', '-', ': ', ':', '? ', ',', '[', ']', '{', '}', '"', "'", '\\', '#', ' #', '&a ', '*a', '!', '!!str ',
  '|', '>', '|-', '%YAML 1.1\n', '---\n', '...\n', '<<: ', '__proto__', 'constructor', 'kind: ', 'campaign', 'name: ', 'language: ', 'en_US',
  'category: ', 'MARKETING', 'components: ', 'type: BODY', 'text: ', '{{1}}', 'buttons', 'example', 'body_text', '\ufeff', '\u0000', '\u0085',
  '\u2028', '😀', 'é', '\ud800', 'x', '1', 'null', '~', 'true', '0x1F', '1e9',
);
const text = fc
  .array(fc.oneof({ weight: 5, arbitrary: fragment }, { weight: 2, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 40 })
  .map((parts) => parts.join(''));

function expectProblemsInside(parsed: ParsedFile, label: string): void {
  for (const p of parsed.problems) {
    expect(p.start >= 0 && p.end >= p.start && p.end <= parsed.source.text.length, `${label}: ${p.ruleId} offsets ${p.start}-${p.end}`).toBe(true);
    expectInside(spanOf(parsed.source, p.start, p.end), parsed.source.text, `${label}: ${p.ruleId}`);
  }
}

describe('parseSource on arbitrary input', () => {
  it('never throws, and every problem is placed inside the file (YAML and JSON names)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('doc.yaml', 'doc.json', 'msglint.config.yaml'), (t, name) => {
        const parsed = parseSource(sourceFromText(t, `/repo/${name}`, '/repo'));
        expectProblemsInside(parsed, JSON.stringify(t));
        // Something is always said about a file: a document, or why there is none.
        expect(parsed.documents.length + parsed.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arbitrary bytes: a SourceReadError placed in the text before it, or a parsed file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        let parsed: ParsedFile;
        try {
          parsed = parseSource(sourceFromBytes(bytes, '/repo/doc.yaml', '/repo'));
        } catch (error) {
          expect(error).toBeInstanceOf(SourceReadError);
          const e = error as SourceReadError;
          expect(e.offset >= 0 && e.offset <= bytes.length).toBe(true);
          const located = sourceFromText(e.prefix, '/repo/doc.yaml', '/repo');
          expectInside(spanOf(located, e.prefix.length, e.prefix.length), e.prefix, 'read error');
          return;
        }
        expectProblemsInside(parsed, Buffer.from(bytes).toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the first invalid UTF-8 byte exactly where TextDecoder stops', () => {
    const utf8ish = fc.array(
      fc.oneof(
        fc.constantFrom([0xe9], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xff], [0x80]),
        fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(utf8ish, (chunks) => {
        const bytes = Uint8Array.from(chunks.flat());
        const at = firstInvalidUtf8(bytes);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(at === bytes.length).toBe(valid);
        // Everything before the reported byte is valid UTF-8.
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at))).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('checks strict JSON exactly as JSON.parse accepts it, with the error inside the text', () => {
    const json = fc.oneof(
      fc.json(),
      fc.json().map((j) => j.replace(/([}\]])$/, ',$1')),
      fc.array(fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"', "'b'", '1', '-', '0', '01', '1.', '.5', '1e', 'true', 'nul', ' ', '\n', '#', '//', '\\', '"\\x"', '"\t"', '"\\u12"'), { maxLength: 16 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(json, (t) => {
        let accepted = true;
        try {
          JSON.parse(t);
        } catch {
          accepted = false;
        }
        const error = checkStrictJson(t);
        expect(error === undefined, `${JSON.stringify(t)}: ${error?.message}`).toBe(accepted);
        if (error) expect(error.offset >= 0 && error.offset <= t.length).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
