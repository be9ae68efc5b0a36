import { cpSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { dropSyntaxTree } from '../../src/documents/release.js';
import { readParsedFiles } from '../../src/documents/parse.js';
import { discoverFiles } from '../../src/documents/discover.js';
import { createLinter, lintParsed } from '../../src/lint.js';
import { ROOT, runCli, tempTree } from '../helpers/cli.js';

/** Templates with findings, suppressions, several documents per file, JSON, and a campaign that sends some. */
function repository(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const spammy = i % 7 === 0;
    const body = spammy ? `Dear friend, ACT NOW!!! WIN a FREE prize ${i}: https://bit.ly/x{{1}}` : `Your order {{1}} number ${i} has shipped and arrives on Friday.`;
    const directive = i % 21 === 0 ? '    # msglint-disable-next-line phrasing/shouting -- quoted from the customer\n' : '';
    files[`t/${String(i).padStart(4, '0')}.yaml`] = `name: t_${i}\nlanguage: en_US\ncategory: ${spammy ? 'MARKETING' : 'UTILITY'}\ncomponents:\n  - type: BODY\n${directive}    text: "${body}"\n    example: { body_text: [["A${i}"]] }\n`;
  }
  files['t/many.yaml'] = Array.from({ length: 3 }, (_, k) => `name: many_${k}\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - { type: BODY, text: "ACT NOW: your ticket {{1}} is ready", example: { body_text: [["T${k}"]] } }\n`).join('---\n');
  files['t/list.json'] = JSON.stringify([{ name: 'json_a', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your code is {{1}}!!!', example: { body_text: [['1']] } }] }], null, 2);
  return files;
}

describe('dropping syntax trees (large runs)', () => {
  it('gives the same report as keeping them: positions, suppressions, several documents per file', async () => {
    const dir = tempTree(repository(60));
    const files = (await discoverFiles(['.'], dir)).files;
    const linter = createLinter(dir);
    const kept = await lintParsed(linter, await readParsedFiles(files, dir, false), { cwd: dir, now: new Date('2026-11-27T00:00:00Z') });
    const dropped = await lintParsed(linter, await readParsedFiles(files, dir, true), { cwd: dir, now: new Date('2026-11-27T00:00:00Z') });
    expect(kept.summary.errors + kept.summary.warnings).toBeGreaterThan(20);
    expect(kept.summary.suppressed).toBeGreaterThan(0);
    expect(JSON.stringify(dropped)).toBe(JSON.stringify(kept));
  });

  it('parses a file again only when its tree is asked for, once until the next drop', async () => {
    const dir = tempTree(repository(1));
    const [parsed] = await readParsedFiles([path.join(dir, 't/0000.yaml')], dir, false);
    const tree = parsed.documents[0].yaml;
    dropSyntaxTree(parsed);
    const again = parsed.documents[0].yaml;
    expect(again).not.toBe(tree);
    expect(again.toJS()).toEqual(tree.toJS());
    expect(again.contents?.range).toEqual(tree.contents?.range);
    expect(parsed.documents[0].yaml).toBe(again);
    dropSyntaxTree(parsed);
    expect(parsed.documents[0].yaml).not.toBe(again);
  });
});

describe('a large run on several threads', () => {
  it('gives byte-identical output on 1, 2 and 3 threads (trees dropped, campaigns linked)', async () => {
    const dir = tempTree(repository(460));
    cpSync(path.join(ROOT, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
    const [one, two, three] = await Promise.all(['0', '2', '3'].map((n) => runCli(['lint', '.', '--format', 'json'], dir, { MSGLINT_WORKERS: n })));
    expect(one.stderr).toBe('');
    expect(JSON.parse(one.stdout).summary.documents).toBeGreaterThan(480);
    expect(two.stdout).toBe(one.stdout);
    expect(three.stdout).toBe(one.stdout);
    expect([two.code, three.code]).toEqual([one.code, one.code]);
    // The cache, filled by a run on two threads and then read: the same report again.
    for (let run = 0; run < 2; run++) {
      const cached = await runCli(['lint', '.', '--format', 'json', '--cache'], dir, { MSGLINT_WORKERS: '2' });
      expect(cached.stdout).toBe(one.stdout);
    }
  }, 180_000);
});
