import { readFileSync } from 'node:fs';
import path from 'node:path';

import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { Parser, parseAllDocuments, type Document } from 'yaml';

import { sourceFromText } from '../../src/documents/source.js';
import { scanDirectives } from '../../src/suppress/directives.js';
import { ROOT } from '../helpers/cli.js';

function scan(text: string, file = '/repo/a.yaml') {
  const docs = parseAllDocuments(text) as Document.Parsed[];
  return scanDirectives(sourceFromText(text, file, '/repo'), () => (Array.isArray(docs) ? docs : []));
}

/** The oracle: every comment token of yaml's concrete syntax tree. */
function cstComments(text: string): string[] {
  const found: string[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const t = n as { type?: string; offset?: number; source?: string };
    if (t.type === 'comment') {
      found.push(`${t.offset}:${t.source}`);
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'source' || typeof v !== 'string') walk(v);
  };
  for (const token of new Parser().parse(text)) walk(token);
  return found;
}

describe('directive scanning', () => {
  it('parses kind, rules (with their places) and reason', () => {
    const [d] = scan('a: 1\n  # msglint-disable-next-line phrasing/shouting,format/emoji-count  other/rule -- a reason -- with dashes\nb: 2\n');
    expect(d.kind).toBe('disable-next-line');
    expect(d.rules.map((r) => [r.id, r.span.line, r.span.column, r.span.endColumn])).toEqual([
      ['phrasing/shouting', 2, 31, 48],
      ['format/emoji-count', 2, 49, 67],
      ['other/rule', 2, 69, 79],
    ]);
    expect(d.reason).toBe('a reason -- with dashes');
    expect(d.target).toEqual({ from: 3, to: 3 });
  });

  it('ignores look-alikes: other words, text in scalars, JSON files', () => {
    expect(scan('# msglint-disabled phrasing/x -- no\n# msglint-disable-nextline x -- no\na: 1\n')).toEqual([]);
    expect(scan('a: "quoted # msglint-disable x -- no"\nb: \'# msglint-enable\'\nc: |\n  # msglint-disable x -- no\n')).toEqual([]);
    expect(scan('{"a": "# msglint-disable x -- no"}', '/repo/a.json')).toEqual([]);
    expect(scan('a: "multi\n  # msglint-disable x -- still text\n  end"\n')).toEqual([]);
  });

  it('finds directives in flow collections, after document markers and after a BOM', () => {
    const text = '\ufeff--- # msglint-disable a/b -- r1\nx: [1, # msglint-disable-line c/d -- r2\n  2]\n...\n# msglint-enable\n';
    expect(scan(text).map((d) => [d.kind, d.line])).toEqual([
      ['disable', 1],
      ['disable-line', 2],
      ['enable', 5],
    ]);
  });

  it('finds exactly the comments of the concrete syntax tree, in every fixture and rule pack', async () => {
    const files = await fg(['fixtures/**/*.{yaml,yml}', 'rules/**/*.yaml'], { cwd: ROOT, absolute: true });
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      // Turn every comment into a directive, then compare offsets with the oracle.
      const text = readFileSync(file, 'utf8').replace(/#(?=\s)/g, '#msglint-disable x/y --');
      const expected = cstComments(text).filter((c) => /^\d+:#\s*msglint-disable /.test(c));
      const found = scan(text, file).map((d) => `${d.offset}:${text.slice(d.offset).split(/\r?\n/)[0]}`);
      expect(found, path.relative(ROOT, file)).toEqual(expected);
    }
  });
});
