import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectInside } from './positions.js';
import { tempTree } from '../helpers/cli.js';
import { spanOf } from '../../src/documents/locate.js';
import { MAX_DEPTH, MAX_STRING_CHARS, MAX_YAML_DOCUMENTS, guardText } from '../../src/documents/limits.js';
import { parseSource, readParsedFile } from '../../src/documents/parse.js';
import { sourceFromText } from '../../src/documents/source.js';
import { checkStrictJson } from '../../src/documents/strict-json.js';
import { builtinFacts } from '../../src/facts/index.js';
import { createLinter, lint, lintParsed, type Linter } from '../../src/lint.js';
import { FORMATS, formatReport, ruleCatalog } from '../../src/report/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

const parse = (text: string, name = 'doc.yaml') => parseSource(sourceFromText(text, `/repo/${name}`, '/repo'));

describe('prototype pollution', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  let dir: string;
  beforeAll(() => {
    const body = 'components:\n  - type: BODY\n    text: "Your order {{1}} has shipped."\n    example: { body_text: [["A-1"]] }\n';
    dir = tempTree({
      'proto.yaml': `__proto__: { polluted: yes, kind: campaign }\nconstructor: { prototype: { polluted: yes } }\nname: proto_yaml\nlanguage: en_US\ncategory: UTILITY\n${body}`,
      'proto.json': '{"__proto__": {"polluted": "json"}, "constructor": {"prototype": {"polluted": "json"}}, "name": "proto_json", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order {{1}} has shipped.", "example": {"body_text": [["A-1"]]}, "__proto__": {"polluted": "deep"}}]}',
      'merge.yaml': `base: &b { __proto__: { polluted: merged } }\n<<: *b\nname: merge\nlanguage: en_US\ncategory: UTILITY\n${body}`,
      'kinds.yaml': 'kind: __proto__\n---\nkind: constructor\n---\nkind: hasOwnProperty\n---\nkind: valueOf\n',
      'campaign.yaml': 'kind: campaign\nname: c\naccount: { __proto__: { messagingLimit: TIER_UNLIMITED }, kind: account, name: a, business: B, messagingLimit: TIER_250 }\ntemplates: [{ name: proto_yaml, language: en_US, __proto__: { polluted: 1 } }]\naudience: { size: 10, __proto__: { file: /etc/passwd } }\noptIn: { method: web-form, wording: "Yes, send me B news on WhatsApp" }\n',
      'toString.yaml': `toString: 1\nvalueOf: 2\nhasOwnProperty: 3\nname: builtin_names\nlanguage: en_US\ncategory: UTILITY\n${body}`,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('linting __proto__, constructor and prototype keys, and reporting in every format, pollutes nothing', async () => {
    const linter = createLinter(dir);
    const report = await lint({ cwd: dir, now: NOW, config: linter.config });
    for (const format of FORMATS) formatReport(report, format, { color: false, quiet: false, rules: ruleCatalog(linter.compiled.packs), cwd: dir, failOn: 'error' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    const text = JSON.stringify(report);
    // The keys are reported as keys of the document (unknown keys), never acted on.
    expect(report.results.find((r) => r.name === 'proto_yaml')?.findings.some((f) => f.ruleId === 'input/unknown-key' && f.message.includes('__proto__'))).toBe(true);
    expect(report.results.find((r) => r.name === 'proto_json')?.kind).toBe('template');
    expect(report.results.filter((r) => r.file === 'kinds.yaml').flatMap((r) => r.findings.map((f) => f.message))).toEqual([
      expect.stringMatching(/unknown kind "__proto__"/),
      expect.stringMatching(/unknown kind "constructor"/),
      expect.stringMatching(/unknown kind "hasOwnProperty"/),
      expect.stringMatching(/unknown kind "valueOf"/),
    ]);
    // A __proto__ key inside a value is data, not the object's prototype: the account's limit is its own.
    const campaign = report.results.find((r) => r.kind === 'campaign');
    expect(campaign).toBeDefined();
    expect(text).not.toMatch(/TIER_UNLIMITED/);
    expect(text).not.toMatch(/etc\/passwd/);
    expect(report.results.find((r) => r.name === 'builtin_names')?.kind).toBe('template');
  });
});

describe('reading files that are not what they seem', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempTree({ 'real.yaml': 'name: x\n', 'x.yaml/inner.yaml': 'name: y\n' });
    symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
    symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const problemOf = async (rel: string) => {
    const parsed = await readParsedFile(path.join(dir, rel), dir);
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    return parsed.problems[0];
  };

  it('a folder, a file that vanished, a dangling link, a link loop, a device: findings, no exceptions', async () => {
    expect(await problemOf('x.yaml')).toMatchObject({ ruleId: 'input/unreadable', message: 'this is a folder, not a file' });
    expect(await problemOf('vanished.yaml')).toMatchObject({ ruleId: 'input/unreadable', message: 'the file disappeared before it could be read' });
    expect(await problemOf('dangling.yaml')).toMatchObject({ ruleId: 'input/unreadable', message: 'this is a link to "nowhere.yaml", which does not exist' });
    expect(await problemOf('loop-a.yaml')).toMatchObject({ ruleId: 'input/unreadable', message: expect.stringMatching(/back to itself/) });
    expect(await problemOf('zero.yaml')).toMatchObject({ ruleId: 'input/unreadable', message: expect.stringMatching(/not a regular file/) });
  });

  it('a named pipe is refused without waiting for a writer', async () => {
    const fifo = path.join(dir, 'pipe.yaml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system: nothing to check
    }
    const started = Date.now();
    expect(await problemOf('pipe.yaml')).toMatchObject({ ruleId: 'input/unreadable', message: expect.stringMatching(/not a regular file/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads thousands of files with a bounded number open at once, in order', async () => {
    const many = path.join(dir, 'many');
    mkdirSync(many);
    const files = Array.from({ length: 3000 }, (_, i) => path.join(many, `t${String(i).padStart(4, '0')}.yaml`));
    files.forEach((f, i) => writeFileSync(f, `name: t_${i}\nlanguage: en_US\ncategory: UTILITY\ncomponents: []\n`));
    // Under a 256-file limit (macOS's default) every file is still read (the built module: run `npm run build`).
    const script = `
      const { readParsedFiles } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/documents/parse.js')).href)});
      const files = JSON.parse(process.argv[1]);
      const parsed = await readParsedFiles(files, '/');
      const unreadable = parsed.filter((p) => p.problems.some((x) => x.ruleId === 'input/unreadable')).length;
      process.stdout.write(JSON.stringify({ n: parsed.length, unreadable, inOrder: parsed.every((p, i) => p.source.absPath === files[i]) }));
    `;
    const out = execFileSync('sh', ['-c', 'ulimit -n 256 && exec "$0" --input-type=module -e "$1" "$2"', process.execPath, script, JSON.stringify(files)], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ n: 3000, unreadable: 0, inOrder: true });
  });
});

describe('limits', () => {
  it('a double-quoted string over the limit is found before the parser, blanked, and reported where it starts', () => {
    const long = 'x'.repeat(MAX_STRING_CHARS + 10);
    const text = `a: 1\nb: "${long}"\nc: "short"\n`;
    const guard = guardText(text);
    expect(guard.longScalars).toEqual([{ start: 8, end: 8 + long.length + 2 }]);
    expect(guard.text.length).toBe(text.length);
    expect(guard.text.split('\n').map((l) => l.trimEnd())).toEqual(['a: 1', 'b: ""', 'c: "short"', '']);
    const parsed = parse(text);
    expect(parsed.problems).toEqual([expect.objectContaining({ ruleId: 'input/too-complex', start: 8 })]);
  });

  it('an escaped quote does not hide a long string; quotes in comments do not make one up', () => {
    const long = 'ab\\"'.repeat(MAX_STRING_CHARS / 2);
    expect(guardText(`t: "${long}"\n`).longScalars).toHaveLength(1);
    const commented = `# "\n${Array.from({ length: MAX_STRING_CHARS / 8 }, (_, i) => `k${i}: v\n`).join('')}# "\n`;
    const g = guardText(commented);
    expect(g.longScalars).toEqual([]);
    expect(g.text).toBe(commented);
    expect(parse(commented).problems).toEqual([expect.objectContaining({ ruleId: 'input/unknown-shape' })]);
  });

  it('nesting deeper than the limit is reported at the first node too deep, also when yaml runs out of stack', () => {
    const justRight = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
    expect(parse(justRight).problems.map((p) => p.ruleId)).not.toContain('input/too-complex');
    const tooDeep = parse('['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1));
    expect(tooDeep.problems).toEqual([expect.objectContaining({ ruleId: 'input/too-complex', start: MAX_DEPTH })]);
    const overflow = parse('['.repeat(50_000));
    expect(overflow.problems).toEqual([expect.objectContaining({ ruleId: 'input/too-complex', start: MAX_DEPTH })]);
  });

  it(`a stream of more than ${MAX_YAML_DOCUMENTS.toLocaleString('en-US')} documents: the first ones are read, the rest reported`, () => {
    const doc = 'name: t\nlanguage: en_US\ncategory: UTILITY\ncomponents: []\n';
    const text = Array.from({ length: MAX_YAML_DOCUMENTS + 5 }, () => `---\n${doc}`).join('');
    const parsed = parse(text);
    expect(parsed.documents).toHaveLength(MAX_YAML_DOCUMENTS);
    const cap = parsed.problems.find((p) => p.ruleId === 'input/too-complex');
    expect(cap?.message).toMatch(/more than 10,000 YAML documents/);
    expect(spanOf(parsed.source, cap!.start, cap!.end).line).toBe(MAX_YAML_DOCUMENTS * 5 + 1);
  });

  it('a YAML 1.1 document yields plain JSON values (no Date, Set, Map or bytes)', () => {
    const parsed = parse('%YAML 1.1\n---\nname: !!binary aGVsbG8=\nlanguage: yes\ncategory: !!set { a, b }\ncomponents: !!omap [ { type: BODY }, { text: 2024-01-01 } ]\nwhen: 2024-01-01\n');
    const json = JSON.stringify(parsed.documents[0]?.data ?? {});
    expect(JSON.parse(json)).toEqual(parsed.documents[0]?.data ?? {});
    for (const v of Object.values(parsed.documents[0]?.data ?? {})) expect(v instanceof Date || v instanceof Map || v instanceof Set || v instanceof Uint8Array).toBe(false);
  });
});

describe('strict JSON', () => {
  const cases: [string, RegExp, number][] = [
    ['{"a": 1,}', /trailing comma before the closing }/, 7],
    ['[1, 2,\n]', /trailing comma before the closing ]/, 5],
    ['{"a": 1 # note\n}', /comments are not allowed/, 8],
    ['{"a": 1, // note\n"b": 2}', /comments are not allowed/, 9],
    ["{'a': 1}", /keys must be in double quotes, not single quotes/, 1],
    ['{a: 1}', /keys must be in double quotes/, 1],
    ['{"a": \'x\'}', /strings must be in double quotes/, 6],
    ['{"a": 01}', /cannot start with 0/, 6],
    ['{"a": .5}', /unexpected "."/, 6],
    ['{"a": "x\ty"}', /a tab inside a string/, 8],
    ['{"a": "\\q"}', /"\\q" is not a JSON escape/, 7],
    ['{"a": 1}\n{"b": 2}', /more content after the end/, 9],
    ['{"a": 1', /ends before the closing }/, 7],
    ['{"a" 1}', /":" is missing/, 5],
    ['[1 2]', /"," or "\]" is missing/, 3],
    ['{"a": yes}', /"yes" \(text must be in double quotes\)/, 6],
    ['"unclosed', /no closing double quote/, 0],
  ];
  it.each(cases)('%j: %s at offset %i', (text, message, offset) => {
    expect(JSON.parse.bind(null, text)).toThrow();
    expect(checkStrictJson(text)).toEqual({ offset, message: expect.stringMatching(message) });
  });

  it('accepts JSON as JSON.parse does, 20,000 levels deep too', () => {
    for (const ok of ['{}', '[]', '0', '-0.5e+10', '"\\u00e9\\n"', ' {"a": [true, false, null, {"b": []}]} \n', '[' .repeat(20_000) + ']'.repeat(20_000)]) expect(checkStrictJson(ok)).toBeUndefined();
  });

  it('a .json file YAML can read but JSON cannot still has its templates linted, beside the JSON finding', () => {
    const parsed = parse('{"name": "t", "language": "en_US", "category": "UTILITY", "components": [],}', 'doc.json');
    expect(parsed.documents.map((d) => d.name)).toEqual(['t']);
    expect(parsed.problems).toEqual([expect.objectContaining({ ruleId: 'input/parse-error', message: expect.stringMatching(/trailing comma/), start: 74 })]);
  });
});

describe('a rule that throws', () => {
  let linter: Linter;
  beforeAll(() => {
    linter = createLinter(ROOT);
  });

  it('is an input/not-checked error on its document; the other rules and documents are still checked', async () => {
    const provider = builtinFacts().providersFor('template').get('bodyText');
    expect(provider).toBeDefined();
    const original = provider!.compute;
    const crashing = 'Your order {{1}} has CRASHED, CLICK HERE NOW!!!';
    provider!.compute = (doc, ctx) => {
      if (JSON.stringify(doc.data).includes('CRASHED')) throw new TypeError("Cannot read properties of undefined (reading 'text')");
      return original.call(provider, doc, ctx);
    };
    try {
      const text = `name: fine\nlanguage: en_US\ncategory: MARKETING\ncomponents: [{ type: BODY, text: "HUGE SALE, CLICK HERE NOW!!!" }]\n---\nname: crashing\nlanguage: en_US\ncategory: MARKETING\ncomponents: [{ type: BODY, text: "${crashing}" }]\n`;
      const parsed = parse(text);
      const report = await lintParsed(linter, [parsed], { cwd: '/repo', now: NOW });
      const [fine, crashed] = report.results;
      expect(fine.findings.map((f) => f.ruleId)).not.toContain('input/not-checked');
      expect(fine.findings.length).toBeGreaterThan(0);
      const notChecked = crashed.findings.filter((f) => f.ruleId === 'input/not-checked');
      expect(notChecked).toHaveLength(1);
      expect(notChecked[0]).toMatchObject({ severity: 'error', area: 'input', line: 6, column: 1 });
      expect(notChecked[0].message).toMatch(/could not finish checking this document: .*Cannot read properties of undefined/);
      // Rules that do not need the failing facts still ran on the crashing document.
      expect(crashed.findings.some((f) => f.ruleId !== 'input/not-checked')).toBe(true);
      for (const r of report.results) for (const f of r.findings) expectInside(f, text, f.ruleId);
    } finally {
      provider!.compute = original;
    }
  });
});
