import { describe, expect, it } from 'vitest';

import { locate } from '../../src/documents/locate.js';
import { parseText } from '../helpers/docs.js';

function spanText(text: string, span: { line: number; column: number; endLine: number; endColumn: number }): string {
  const lines = text.split('\n');
  if (span.line === span.endLine) return lines[span.line - 1].slice(span.column - 1, span.endColumn - 1);
  return [lines[span.line - 1].slice(span.column - 1), ...lines.slice(span.line, span.endLine - 1), lines[span.endLine - 1].slice(0, span.endColumn - 1)].join('\n');
}

describe('locate', () => {
  const yaml = [
    'name: promo', // 1
    'language: en_US',
    'category: UTILITY',
    'components:',
    '  - type: BODY', // 5
    '    text: >-',
    '      Your order {{1}} has shipped.',
    '      Use code SAVE20 for 20% off',
    '      your next order.',
  ].join('\n');
  const doc = parseText(yaml).documents[0];
  const body = (doc.data.components as { text: string }[])[0].text;

  it('points at a phrase inside a folded block scalar', () => {
    const start = body.indexOf('20% off');
    const span = locate(doc, '/components/0/text', { start, end: start + 7 });
    expect(span).toEqual({ line: 8, column: 27, endLine: 8, endColumn: 34 });
    expect(spanText(yaml, span)).toBe('20% off');
  });

  it('points at a key for an unknown or misspelled key', () => {
    expect(locate(doc, '/category', { atKey: true })).toEqual({ line: 3, column: 1, endLine: 3, endColumn: 9 });
  });

  it('points at a collection by its key, not the whole block', () => {
    expect(locate(doc, '/components')).toMatchObject({ line: 4, column: 1, endLine: 4 });
  });

  it('falls back to the deepest existing node for a missing path', () => {
    expect(locate(doc, '/components/0/example/body_text').line).toBe(5);
  });

  it('is exact inside a JSON string with escapes', () => {
    const json = '{"name":"a","language":"en","category":"UTILITY","components":[{"type":"BODY","text":"Caf\\u00e9 \\"deal\\": act now"}]}';
    const jdoc = parseText(json, 'a.json').documents[0];
    const text = (jdoc.data.components as { text: string }[])[0].text;
    const start = text.indexOf('act now');
    const span = locate(jdoc, '/components/0/text', { start, end: start + 7 });
    expect(spanText(json, span)).toBe('act now');
  });

  it('locates documents inside a data list', () => {
    const json = JSON.stringify({ data: [{ name: 'a', language: 'en', category: 'UTILITY', components: [] }, { name: 'b', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hello there' }] }] }, null, 2);
    const d = parseText(json, 'e.json').documents[1];
    const span = locate(d, '/components/0/text', { start: 6, end: 11 });
    expect(spanText(json, span)).toBe('there');
  });
});
