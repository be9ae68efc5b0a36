import { describe, expect, it } from 'vitest';

import { parseText } from '../helpers/docs.js';
import { parseSource } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';

const template = (name: string) => `name: ${name}\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: Hello\n`;

describe('kind detection', () => {
  it('reads a single template object', () => {
    const parsed = parseText(template('order_update'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents.map((d) => [d.kind, d.name, d.language, d.basePath])).toEqual([['template', 'order_update', 'en_US', []]]);
  });

  it('reads a list of templates, each at its index', () => {
    const parsed = parseText(`- ${template('a').replace(/\n(?=.)/g, '\n  ')}- ${template('b').replace(/\n(?=.)/g, '\n  ')}`);
    expect(parsed.documents.map((d) => [d.name, d.basePath])).toEqual([
      ['a', [0]],
      ['b', [1]],
    ]);
  });

  it("reads the API's {data: [...], paging} list response", () => {
    const json = JSON.stringify({ data: [{ name: 'x', language: 'en', category: 'MARKETING', components: [] }], paging: { cursors: {} } });
    const parsed = parseText(json, 'export.json');
    expect(parsed.documents.map((d) => [d.kind, d.name, d.basePath])).toEqual([['template', 'x', ['data', 0]]]);
  });

  it('reads a map of name → template (SDK test data)', () => {
    const parsed = parseText(JSON.stringify({ one: { name: 'one', language: 'en', category: 'UTILITY', components: [] } }), 'x.json');
    expect(parsed.documents.map((d) => [d.name, d.basePath])).toEqual([['one', ['one']]]);
  });

  it('reads kind: campaign, account, config and rule-pack', () => {
    for (const kind of ['campaign', 'account', 'config', 'rule-pack']) {
      expect(parseText(`kind: ${kind}\nname: x\n`).documents[0].kind).toBe(kind);
    }
  });

  it('reads every document of a multi-document file in order', () => {
    const parsed = parseText(`${template('a')}---\nkind: account\nname: acme\n---\n${template('b')}`);
    expect(parsed.documents.map((d) => [d.kind, d.index])).toEqual([
      ['template', 0],
      ['account', 1],
      ['template', 2],
    ]);
  });

  it('reports an unknown shape instead of guessing', () => {
    const parsed = parseText('title: hello\nbody: world\n');
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems[0].ruleId).toBe('input/unknown-shape');
    expect(parsed.problems[0].message).toMatch(/does not know what this is/);
  });

  it('reports an unknown kind', () => {
    expect(parseText('kind: newsletter\n').problems[0].message).toMatch(/unknown kind "newsletter"/);
  });
});

describe('broken input', () => {
  it('positions a YAML syntax error', () => {
    const text = 'name: x\ncomponents:\n  - type: BODY\n    text: "unterminated\n';
    const parsed = parseText(text);
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems[0].ruleId).toBe('input/parse-error');
    expect(parsed.problems[0].start).toBeGreaterThan(text.indexOf('text:'));
  });

  it('reports duplicate keys', () => {
    const parsed = parseText('name: a\nname: b\n');
    expect(parsed.problems[0].message).toMatch(/same key appears twice/);
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const parsed = parseText(lines.join('\n'));
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems[0].message).toMatch(/alias/);
  });

  it('reports an empty file', () => {
    expect(parseText('').problems[0].message).toBe('the file is empty');
    expect(parseText('# only a comment\n').problems[0].message).toMatch(/empty/);
  });

  it('keeps __proto__ keys as data without polluting prototypes', () => {
    const parsed = parseText('__proto__: { polluted: true }\nname: x\nlanguage: en\ncategory: UTILITY\ncomponents: []\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const data = parsed.documents[0].data;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(data)).toContain('__proto__');
    expect((data as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('an empty list', () => {
  it('is reported (a warning at its place), not skipped in silence', () => {
    for (const [text, name] of [['[]', 'a.yaml'], ['data: []\n', 'export.yaml'], ['[]', 'a.json']] as const) {
      const parsed = parseSource(sourceFromText(text, `/repo/${name}`, '/repo'));
      expect(parsed.documents).toEqual([]);
      expect(parsed.problems.map((p) => [p.ruleId, p.severity, p.message, p.start])).toEqual([['input/unknown-shape', 'warning', 'the file holds an empty list: there is nothing in it to lint', 0]]);
    }
  });
});
