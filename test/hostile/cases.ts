import { closeSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { GOOD_TEMPLATE } from '../helpers/cli.js';

/**
 * The hostile and broken inputs of issue 9, one folder each under `cases/`, so that each can be linted alone
 * (`msglint lint cases/<name>`) and all of them together next to a good template (`msglint lint .`).
 */

export { GOOD_TEMPLATE };

/** What a case must report: a finding in `file` (relative to the case folder) matching these. */
export interface ExpectedFinding {
  file: string;
  ruleId: string | RegExp;
  message?: RegExp;
  line?: number;
  column?: number;
}

export interface HostileCase {
  name: string;
  /** Why the case exists (the test title). */
  title: string;
  /** Writes the case's files into `dir` (the case folder, already created). */
  write(dir: string): void;
  /** Extra CLI arguments (a user pack), relative to the tree's root. */
  args?: string[];
  /** Findings that explain the problem. */
  expect: ExpectedFinding[];
  /** Files (relative to the case folder) whose documents must still be linted: they give these template names. */
  linted?: Record<string, string[]>;
  /** Files (relative to the case folder) that must appear in the report. Default: the files of `expect` and `linted`. */
  reported?: string[];
  /** Heavy cases (tens of MB) are left out of the light tree used for the determinism runs. */
  heavy?: boolean;
}

function put(dir: string, rel: string, content: string | Uint8Array): void {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

/** Writes a large file from chunks, so the test process never holds the whole text. */
function putChunks(dir: string, rel: string, chunks: Iterable<string>): void {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  const fd = openSync(abs, 'w');
  try {
    let buffer = '';
    for (const c of chunks) {
      buffer += c;
      if (buffer.length >= 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

/** Deterministic bytes (xorshift32), so "random" input gives the same report on every run. */
function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function template(name: string, body: string, category = 'MARKETING'): string {
  return `name: ${name}\nlanguage: en_US\ncategory: ${category}\ncomponents:\n  - type: BODY\n    text: ${JSON.stringify(body)}\n`;
}

const MB = 1024 * 1024;

const ACCOUNT_INLINE = '{ kind: account, name: acme, business: Acme Retail Ltd, messagingLimit: TIER_10K, qualityRating: GREEN }';

function campaign(name: string, audienceFile: string): string {
  return `kind: campaign
name: ${name}
channel: whatsapp
account: ${ACCOUNT_INLINE}
templates:
  - { name: order_update, language: en_US }
audience:
  file: ${audienceFile}
optIn:
  method: checkout
  wording: "Send me order updates from Acme Retail Ltd on WhatsApp"
schedule:
  start: 2026-12-15T12:00:00Z
  ratePerSecond: 20
`;
}

const CSV_HEADER = 'phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at\n';

function csvRow(i: number): string {
  return `+4474006${String(i).padStart(5, '0')},2026-08-01T10:00:00Z,checkout,Send me order updates from Acme Retail Ltd on WhatsApp,\n`;
}

export const CASES: HostileCase[] = [
  {
    name: 'alias-bomb',
    title: 'a YAML alias bomb ("billion laughs") is refused, not expanded',
    write(dir) {
      const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
      put(dir, 'bomb.yaml', lines.join('\n') + '\n');
    },
    expect: [{ file: 'bomb.yaml', ruleId: 'input/too-complex', message: /alias/ }],
  },
  {
    name: 'deep-flow',
    title: '20,000 nested flow lists ([[[[…]]]]), closed and unclosed',
    write(dir) {
      put(dir, 'closed.yaml', '['.repeat(20_000) + ']'.repeat(20_000) + '\n');
      put(dir, 'unclosed.yaml', 'name: x\nlist: ' + '['.repeat(20_000) + '\n');
    },
    expect: [
      { file: 'closed.yaml', ruleId: 'input/too-complex', message: /nested more than 100 levels/, line: 1, column: 101 },
      { file: 'unclosed.yaml', ruleId: 'input/too-complex', message: /nested more than 100 levels/, line: 2, column: 106 },
    ],
  },
  {
    name: 'deep-block',
    title: 'deep block nesting: `a:\\n a:\\n …` 6,000 levels (18 MB) and 20,000 levels (200 MB), and `- - - …` 20,000 levels',
    heavy: true,
    write(dir) {
      const blockMap = function* (depth: number) {
        for (let i = 0; i < depth; i++) yield `${' '.repeat(i)}a:\n`;
        yield `${' '.repeat(depth)}a: 1\n`;
      };
      putChunks(dir, 'map-6000.yaml', blockMap(6_000));
      putChunks(dir, 'map-20000.yaml', blockMap(20_000));
      put(dir, 'seq.yaml', '- '.repeat(20_000) + 'x\n');
    },
    expect: [
      { file: 'map-6000.yaml', ruleId: 'input/too-complex', message: /nested more than 100 levels/, line: 101, column: 101 },
      { file: 'map-20000.yaml', ruleId: 'input/unreadable', message: /MB; msglint reads files up to/ },
      { file: 'seq.yaml', ruleId: 'input/too-complex', message: /nested more than 100 levels/, line: 1, column: 201 },
    ],
  },
  {
    name: 'deep-json',
    title: '20,000 nested JSON objects',
    write(dir) {
      put(dir, 'deep.json', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000));
    },
    expect: [{ file: 'deep.json', ruleId: 'input/too-complex', message: /nested more than 100 levels/, line: 1, column: 501 }],
  },
  {
    name: 'huge-scalar',
    title: 'a 20 MB scalar: double-quoted (slow in the YAML parser) and as a block scalar',
    heavy: true,
    write(dir) {
      putChunks(dir, 'quoted.yaml', (function* () {
        yield 'name: huge_quoted\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: "';
        for (let i = 0; i < 20; i++) yield 'Buy now '.repeat(MB / 8);
        yield '"\n';
      })());
      putChunks(dir, 'block.yaml', (function* () {
        yield 'name: huge_block\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: |\n';
        for (let i = 0; i < 20 * 16_384; i++) yield `      ${'x'.repeat(57)}\n`;
      })());
      // The other documents of a file with a huge scalar are still linted.
      put(dir, 'mixed.yaml', GOOD_TEMPLATE + '---\n' + template('big_one', 'z'.repeat(2 * MB)) + '---\n' + GOOD_TEMPLATE.replace('order_update', 'order_update_2'));
    },
    expect: [
      { file: 'quoted.yaml', ruleId: 'input/too-complex', message: /20,971,520 characters/, line: 6, column: 11 },
      { file: 'block.yaml', ruleId: 'input/too-complex', message: /characters long/, line: 6, column: 11 },
      { file: 'mixed.yaml', ruleId: 'input/too-complex', message: /2,097,152 characters/, line: 15, column: 11 },
    ],
    linted: { 'mixed.yaml': ['order_update', 'order_update_2'] },
  },
  {
    name: 'binary',
    title: 'binary files: a PNG, pseudo-random bytes, NUL bytes',
    write(dir) {
      put(dir, 'image.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...pseudoRandomBytes(200, 7)]));
      put(dir, 'noise.json', pseudoRandomBytes(4096, 42));
      put(dir, 'nul.yaml', 'name: order_update\nlanguage: en\u0000_US\n');
    },
    expect: [
      { file: 'image.yaml', ruleId: 'input/unreadable', message: /binary|UTF-8/ },
      { file: 'noise.json', ruleId: 'input/unreadable', message: /binary|UTF-8/ },
      { file: 'nul.yaml', ruleId: 'input/unreadable', message: /binary/, line: 2, column: 13 },
    ],
  },
  {
    name: 'encodings',
    title: 'invalid UTF-8 (placed at its line), UTF-16 with a byte-order mark (read), UTF-8 with a BOM',
    write(dir) {
      const bytes = Buffer.concat([Buffer.from('name: order_update\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: "caf'), Buffer.from([0xe9]), Buffer.from(' ouvert"\n')]);
      put(dir, 'latin1.yaml', bytes);
      put(dir, 'utf16le.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_TEMPLATE.replace('order_update', 'utf16_le'), 'utf16le')]));
      const be = Buffer.from(JSON.stringify({ name: 'utf16_be', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order {{1}} has shipped.', example: { body_text: [['A-1']] } }] }), 'utf16le').swap16();
      put(dir, 'utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
      put(dir, 'bom.yaml', '\ufeff' + GOOD_TEMPLATE.replace('order_update', 'with_bom'));
      put(dir, 'no-bom-utf16.yaml', Buffer.from(GOOD_TEMPLATE, 'utf16le'));
    },
    expect: [
      { file: 'latin1.yaml', ruleId: 'input/unreadable', message: /not valid UTF-8/, line: 6, column: 15 },
      { file: 'utf16le.yaml', ruleId: 'input/encoding', message: /UTF-16/ },
      { file: 'utf16be.json', ruleId: 'input/encoding', message: /UTF-16/ },
      { file: 'no-bom-utf16.yaml', ruleId: 'input/unreadable', message: /UTF-16/ },
    ],
    linted: { 'utf16le.yaml': ['utf16_le'], 'utf16be.json': ['utf16_be'], 'bom.yaml': ['with_bom'] },
  },
  {
    name: 'empty',
    title: 'empty, whitespace-only, comment-only and separator-only files',
    write(dir) {
      put(dir, 'empty.yaml', '');
      put(dir, 'blank.yaml', '  \n\n\t\n   ');
      put(dir, 'comments.yaml', '# nothing here yet\n# still nothing\n');
      put(dir, 'separators.yaml', '---\n---\n...\n');
      put(dir, 'empty.json', '');
    },
    expect: [
      { file: 'empty.yaml', ruleId: 'input/unknown-shape', message: /empty/, line: 1, column: 1 },
      { file: 'blank.yaml', ruleId: 'input/unknown-shape', message: /empty/, line: 1, column: 1 },
      { file: 'comments.yaml', ruleId: 'input/unknown-shape', message: /empty/, line: 1, column: 1 },
      { file: 'separators.yaml', ruleId: 'input/unknown-shape', message: /empty/, line: 1, column: 1 },
      { file: 'empty.json', ruleId: 'input/unknown-shape', message: /empty/ },
    ],
  },
  {
    name: 'syntax',
    title: 'tabs for indentation, trailing commas and comments in JSON, duplicate keys',
    write(dir) {
      put(dir, 'tabs.yaml', GOOD_TEMPLATE.replace('  - type: BODY', '\t- type: BODY'));
      put(dir, 'trailing-comma.json', '{\n  "name": "trailing",\n  "language": "en_US",\n  "category": "UTILITY",\n  "components": [\n    { "type": "BODY", "text": "Your order {{1}} has shipped.", "example": { "body_text": [["A-1"]] } },\n  ]\n}\n');
      put(dir, 'comment.json', '{\n  "name": "commented", # a YAML comment\n  "language": "en_US", "category": "UTILITY",\n  "components": [{ "type": "BODY", "text": "Your order {{1}} has shipped.", "example": { "body_text": [["A-1"]] } }]\n}\n');
      put(dir, 'duplicate.yaml', GOOD_TEMPLATE + 'category: MARKETING\n');
    },
    expect: [
      { file: 'tabs.yaml', ruleId: 'input/parse-error', message: /tab/i, line: 5, column: 1 },
      { file: 'trailing-comma.json', ruleId: 'input/parse-error', message: /trailing comma/, line: 6, column: 103 },
      { file: 'comment.json', ruleId: 'input/parse-error', message: /comments are not allowed/, line: 2, column: 24 },
      { file: 'duplicate.yaml', ruleId: 'input/parse-error', message: /same key appears twice/, line: 9, column: 1 },
    ],
    // YAML reads the JSON; the strict-JSON finding sits beside the linted template.
    linted: { 'trailing-comma.json': ['trailing'], 'comment.json': ['commented'] },
  },
  {
    name: 'prototype',
    title: '__proto__, constructor and prototype keys, and kind: constructor / __proto__',
    write(dir) {
      put(dir, 'proto.yaml', `__proto__: { polluted: from-yaml, kind: campaign }\nconstructor: { prototype: { polluted: from-yaml } }\n${GOOD_TEMPLATE.replace('order_update', 'proto_yaml')}`);
      put(dir, 'proto.json', JSON.stringify({ __proto__: null, name: 'proto_json', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order {{1}} has shipped.', example: { body_text: [['A-1']] }, constructor: { prototype: { polluted: 'from-json' } } }] }).replace('{"name"', '{"__proto__":{"polluted":"from-json"},"name"'));
      put(dir, 'kind-constructor.yaml', 'kind: constructor\nname: x\n');
      put(dir, 'kind-proto.yaml', 'kind: __proto__\nname: x\n');
      put(dir, 'kind-tostring.yaml', 'kind: toString\nname: x\n');
    },
    expect: [
      { file: 'proto.yaml', ruleId: 'input/unknown-key', message: /__proto__/, line: 1, column: 1 },
      { file: 'proto.yaml', ruleId: 'input/unknown-key', message: /constructor/, line: 2, column: 1 },
      { file: 'proto.json', ruleId: 'input/unknown-key', message: /__proto__/ },
      { file: 'kind-constructor.yaml', ruleId: 'input/unknown-shape', message: /unknown kind "constructor"/, line: 1, column: 1 },
      { file: 'kind-proto.yaml', ruleId: 'input/unknown-shape', message: /unknown kind "__proto__"/, line: 1, column: 1 },
      { file: 'kind-tostring.yaml', ruleId: 'input/unknown-shape', message: /unknown kind "toString"/, line: 1, column: 1 },
    ],
    linted: { 'proto.yaml': ['proto_yaml'], 'proto.json': ['proto_json'] },
  },
  {
    name: 'shapes',
    title: 'unknown shapes, lone values, and wrong types everywhere (components as text, text as a number, buttons as a map)',
    write(dir) {
      put(dir, 'newsletter.yaml', 'title: A newsletter\nbody: hello\n');
      put(dir, 'lone.yaml', '42\n');
      put(dir, 'list.yaml', '- 1\n- two\n- [3]\n');
      put(dir, 'components-text.yaml', 'name: wrong_components\nlanguage: en_US\ncategory: MARKETING\ncomponents: "BODY"\n');
      put(
        dir,
        'wrong-types.yaml',
        'name: wrong_types\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: 42\n  - type: BUTTONS\n    buttons: { first: { type: QUICK_REPLY, text: Yes } }\n  - type: [HEADER]\n  - 7\n  - null\n  - type: FOOTER\n    text: { a: 1 }\n',
      );
      put(dir, 'names-wrong.yaml', 'name: [1, 2]\nlanguage: { code: en }\ncategory: 5\ncomponents: []\nparameter_format: [x]\n');
      put(dir, 'campaign-types.yaml', 'kind: campaign\nname: 5\nchannel: [1]\naccount: 5\ntemplates: "x"\naudience: "x"\noptIn: 5\nschedule: [1]\nfrequency: "x"\n');
      put(dir, 'account-types.yaml', 'kind: account\nname: [1]\nmessagingLimit: { a: 1 }\nphoneNumbers: [1, null, { throughput: "x", status: 5 }]\nqualityRating: 5\nverified: "yes"\n');
      put(dir, 'pack-types.yaml', 'kind: rule-pack\nname: 5\nrules: "x"\n');
    },
    expect: [
      { file: 'newsletter.yaml', ruleId: 'input/unknown-shape', line: 1, column: 1 },
      { file: 'lone.yaml', ruleId: 'input/unknown-shape', message: /lone number/ },
      { file: 'list.yaml', ruleId: 'input/unknown-shape' },
      { file: 'components-text.yaml', ruleId: 'input/schema', message: /"components" must be a list/, line: 4, column: 13 },
      { file: 'wrong-types.yaml', ruleId: 'input/schema', message: /"text" must be text, not a number/, line: 6, column: 11 },
      { file: 'wrong-types.yaml', ruleId: 'input/schema', message: /"buttons" must be a list/, line: 8 },
      { file: 'wrong-types.yaml', ruleId: 'input/schema', message: /"type" must be text/, line: 9 },
      { file: 'names-wrong.yaml', ruleId: 'input/schema', message: /"name" must be text/, line: 1 },
      { file: 'campaign-types.yaml', ruleId: 'input/schema', message: /"templates" must be a list/, line: 5 },
      { file: 'account-types.yaml', ruleId: 'input/schema', message: /"verified" must be true or false/, line: 6 },
      { file: 'pack-types.yaml', ruleId: 'input/schema', message: /"rules" must be a list/, line: 3 },
    ],
    linted: { 'components-text.yaml': ['wrong_components'], 'wrong-types.yaml': ['wrong_types'] },
  },
  {
    name: 'numbers',
    title: 'absurd numbers in campaigns: audiences of 1e16 and 1e145, infinite and tiny rates, far-off dates, huge batches',
    write(dir) {
      put(dir, 'order_update.yaml', GOOD_TEMPLATE);
      const base = (name: string, extra: string) =>
        `kind: campaign\nname: ${name}\nchannel: whatsapp\naccount: ${ACCOUNT_INLINE}\ntemplates:\n  - { name: order_update, language: en_US }\noptIn: { method: checkout, wording: "Send me order updates from Acme Retail Ltd on WhatsApp" }\n${extra}`;
      put(dir, 'huge-size.yaml', base('huge-size', 'audience: { size: 1e16 }\nschedule: { start: 2026-12-15T12:00:00Z, ratePerSecond: 80 }\n'));
      put(dir, 'float-size.yaml', base('float-size', 'audience: { size: 4.6e145 }\nschedule: { start: 2026-12-15T12:00:00Z, ratePerSecond: 1e-300 }\n'));
      put(dir, 'infinite.yaml', base('infinite', 'audience: { size: .inf }\nschedule: { start: 9999-12-31T23:59:59Z, ratePerSecond: .inf }\nfrequency: { maxPerUserPerWeek: 1e300 }\n'));
      put(dir, 'batches.yaml', base('batches', 'audience: { size: 1e12 }\nschedule:\n  start: 2026-12-15T12:00:00Z\n  ratePerSecond: 0.0001\n  batches: [{ at: 2026-12-15T12:00:00Z, size: 1e300 }, { at: 0001-01-01T00:00:00Z, size: -1 }]\n'));
    },
    expect: [
      { file: 'huge-size.yaml', ruleId: 'velocity/over-messaging-limit' },
      { file: 'float-size.yaml', ruleId: 'velocity/over-messaging-limit' },
      { file: 'infinite.yaml', ruleId: /^(input\/schema|velocity\/)/ },
      { file: 'batches.yaml', ruleId: /^(input\/schema|velocity\/)/ },
    ],
    linted: { 'order_update.yaml': ['order_update'] },
  },
  {
    name: 'multi',
    title: 'multi-document files and template lists mixing good and bad entries',
    write(dir) {
      put(dir, 'stream.yaml', [GOOD_TEMPLATE, 'name: [never closed\n', GOOD_TEMPLATE.replace('order_update', 'second_good'), 'title: not a template\n', '42\n'].join('---\n'));
      put(
        dir,
        'export.json',
        JSON.stringify(
          {
            data: [
              { name: 'exported_one', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order {{1}} has shipped.', example: { body_text: [['A-1']] } }] },
              5,
              { title: 'not a template' },
              { name: 'exported_two', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order {{1}} is ready.', example: { body_text: [['A-2']] } }] },
            ],
            paging: {},
          },
          null,
          2,
        ) + '\n',
      );
    },
    expect: [
      { file: 'stream.yaml', ruleId: 'input/parse-error', line: 11 },
      { file: 'stream.yaml', ruleId: 'input/unknown-shape', line: 21 },
      { file: 'stream.yaml', ruleId: 'input/unknown-shape', message: /lone number/, line: 23 },
      { file: 'export.json', ruleId: 'input/unknown-shape', message: /entry 2 of the "data" list/, line: 21, column: 5 },
      { file: 'export.json', ruleId: 'input/unknown-shape', message: /entry 3 of the "data" list/, line: 22, column: 5 },
    ],
    linted: { 'stream.yaml': ['order_update', 'second_good'], 'export.json': ['exported_one', 'exported_two'] },
  },
  {
    name: 'redos',
    title: 'a user pack with a catastrophic regular expression ((a+)+$ on a long aaaa…! body) stays linear',
    args: ['--pack', 'recommended', '--pack', 'cases/redos/evil-pack.yaml'],
    write(dir) {
      put(dir, 'aaaa.yaml', template('aaaa', 'a'.repeat(90_000) + '!'));
      put(
        dir,
        'evil-pack.yaml',
        `kind: rule-pack
name: evil
version: 1.0.0
rules:
  - id: evil/nested-quantifier
    area: phrasing
    severity: warning
    weight: 5
    title: Catastrophic backtracking in a backtracking engine
    message: "the body is all a's"
    when: { all: [{ fact: bodyText, operator: matchesPattern, value: "(a+)+$" }] }
    examples:
      invalid:
        - { name: all_a, language: en_US, category: MARKETING, components: [{ type: BODY, text: "aaaa" }] }
      valid:
        - { name: bang, language: en_US, category: MARKETING, components: [{ type: BODY, text: "aaaa!" }] }
  - id: evil/alternation
    area: phrasing
    severity: warning
    weight: 5
    title: Exponential alternation in a backtracking engine
    message: "matched"
    when: { all: [{ fact: bodyText, operator: matchesPattern, value: "^(a|aa)+b" }] }
    examples:
      invalid:
        - { name: ab, language: en_US, category: MARKETING, components: [{ type: BODY, text: "aab" }] }
      valid:
        - { name: aa, language: en_US, category: MARKETING, components: [{ type: BODY, text: "aaa!" }] }
`,
      );
    },
    // Meta's 1,024-character limit fires; the evil rules do not (the body ends in "!"), and nothing hangs.
    expect: [{ file: 'aaaa.yaml', ruleId: 'format/body-length', line: 6 }],
    linted: { 'aaaa.yaml': ['aaaa'] },
  },
  {
    name: 'audience-huge-field',
    title: 'a campaign whose audience CSV has a 10 MB field',
    heavy: true,
    write(dir) {
      put(dir, 'order_update.yaml', GOOD_TEMPLATE);
      put(dir, 'campaign.yaml', campaign('huge-field', './audience.csv'));
      putChunks(dir, 'audience.csv', (function* () {
        yield CSV_HEADER;
        yield csvRow(1);
        yield csvRow(2);
        yield `+447400600003,2026-08-01T10:00:00Z,checkout,"`;
        for (let i = 0; i < 10; i++) yield 'x'.repeat(MB);
        yield '",\n';
        for (let i = 4; i < 50; i++) yield csvRow(i);
      })());
    },
    expect: [{ file: 'campaign.yaml', ruleId: /^input\/audience|^opt-in\//, message: /\b(row|line) \d+/ }],
    linted: { 'order_update.yaml': ['order_update'] },
  },
  {
    name: 'audience-unbalanced',
    title: 'a campaign whose audience CSV has a quote that never closes',
    write(dir) {
      put(dir, 'order_update.yaml', GOOD_TEMPLATE);
      put(dir, 'campaign.yaml', campaign('unbalanced', './audience.csv'));
      put(dir, 'audience.csv', CSV_HEADER + csvRow(1) + csvRow(2) + '+447400600003,2026-08-01T10:00:00Z,checkout,"Send me order updates,\n' + Array.from({ length: 40 }, (_, i) => csvRow(i + 4)).join(''));
    },
    expect: [{ file: 'campaign.yaml', ruleId: /^input\/audience|^opt-in\//, message: /\b(row|line) \d+/ }],
    linted: { 'order_update.yaml': ['order_update'] },
  },
  {
    name: 'links',
    title: 'a symlink loop, a dangling symlink, a link to a device, a folder named x.yaml, an account that is /dev/zero',
    write(dir) {
      put(dir, 'loop/a/inner.yaml', GOOD_TEMPLATE.replace('order_update', 'inside_loop'));
      symlinkSync('..', path.join(dir, 'loop', 'a', 'back'));
      symlinkSync('loop', path.join(dir, 'loop', 'a', 'again.yaml'));
      symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
      symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
      put(dir, 'x.yaml/inner.yaml', GOOD_TEMPLATE.replace('order_update', 'in_a_folder_named_yaml'));
      put(dir, 'device-account.yaml', campaign('device-account', './no-audience.csv').replace(`account: ${ACCOUNT_INLINE}`, 'account: /dev/zero').replace(/audience:\n {2}file: .*\n/, 'audience: { size: 10 }\n'));
      put(dir, 'order_update.yaml', GOOD_TEMPLATE);
    },
    expect: [
      { file: 'dangling.yaml', ruleId: 'input/unreadable', message: /link to "nowhere.yaml", which does not exist/, line: 1, column: 1 },
      { file: 'zero.yaml', ruleId: 'input/unreadable', message: /not a regular file/, line: 1, column: 1 },
      { file: 'device-account.yaml', ruleId: 'input/missing-account', message: /not a regular file/, line: 4 },
    ],
    linted: { 'loop/a/inner.yaml': ['inside_loop'], 'x.yaml/inner.yaml': ['in_a_folder_named_yaml'], 'order_update.yaml': ['order_update'] },
  },
  {
    name: 'lines',
    title: 'very long lines (a 1 MB line), CRLF line endings with exact positions',
    write(dir) {
      const words = Array.from({ length: 99_000 / 11 }, (_, i) => `word${String(i % 10_000).padStart(5, '0')} `).join('');
      put(dir, 'long-line.yaml', `{ name: long_line, language: en_US, category: MARKETING, components: [{ type: BODY, text: "${words}" }], ${Array.from({ length: 30_000 }, (_, i) => `x-${i}: ${i}`).join(', ')} }\n`);
      put(dir, 'crlf.yaml', template('crlf_sale', 'HUGE SALE TODAY ONLY!!! Buy now, click here: https://bit.ly/x1').replace(/\n/g, '\r\n'));
    },
    expect: [
      { file: 'long-line.yaml', ruleId: 'format/body-length', line: 1 },
      { file: 'crlf.yaml', ruleId: /^phrasing\//, line: 6 },
    ],
    linted: { 'long-line.yaml': ['long_line'], 'crlf.yaml': ['crlf_sale'] },
  },
  {
    name: 'many',
    title: 'a file with 10,000 YAML documents, and one whose value count is beyond what msglint parses in one piece',
    heavy: true,
    write(dir) {
      putChunks(dir, 'ten-thousand.yaml', (function* () {
        for (let i = 0; i < 10_000; i++) yield `---\n${template(`doc_${i}`, `Your order ${i} has shipped and arrives on {{1}}. Reference ${i * 7919}.`, 'UTILITY')}    example: { body_text: [["Friday"]] }\n`;
      })());
      putChunks(dir, 'export.json', (function* () {
        yield '{"data": [';
        for (let i = 0; i < 30_000; i++) yield `${i ? ',' : ''}{"name":"t_${i}","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Your order {{1}} number ${i} has shipped.","example":{"body_text":[["A"]]}}]}`;
        yield '], "paging": {}}\n';
      })());
    },
    expect: [{ file: 'export.json', ruleId: 'input/too-complex', message: /too many values/, line: 1 }],
    linted: { 'ten-thousand.yaml': ['doc_0', 'doc_4999', 'doc_9999'] },
  },
  {
    name: 'markup',
    title: 'markup, control characters and annotation syntax in names and texts reach every report format escaped',
    write(dir) {
      put(
        dir,
        'markup.yaml',
        'name: "<script>alert(1)</script>&amp;|`x`"\nlanguage: "en_US\\u0007"\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: "::error file=x::pwned %0A ]]> <!-- \\e[31mRED\\e[0m \\u0000 \\b {{1}}"\n    example: { body_text: [["\\u001b[2J"]] }\n',
      );
      put(dir, 'key\u0007name.yaml', template('bell_in_file_name', 'Your order {{1}} has shipped.', 'UTILITY'));
    },
    expect: [{ file: 'markup.yaml', ruleId: /^format\//, line: 1 }],
    reported: ['markup.yaml'],
  },
  {
    name: 'yaml-features',
    title: 'YAML 1.1 tags, collection keys, anchors and merges, custom tags',
    write(dir) {
      put(dir, 'yaml11.yaml', '%YAML 1.1\n---\nname: !!binary aGVsbG8=\nlanguage: yes\ncategory: !!set { a, b }\ncomponents: !!omap [ { type: BODY }, { text: 2024-01-01 } ]\n');
      put(dir, 'collection-keys.yaml', '? [a, b]\n: 1\n? { c: d }\n: 2\n' + GOOD_TEMPLATE.replace('order_update', 'collection_keys'));
      put(dir, 'anchors.yaml', 'base: &body { type: BODY, text: "Your order {{1}} has shipped.", example: { body_text: [["A-1"]] } }\nname: anchors\nlanguage: en_US\ncategory: UTILITY\ncomponents: [*body, { <<: *body }]\n');
      put(dir, 'custom-tags.yaml', 'name: !custom tagged\nlanguage: !!str en_US\ncategory: !<tag:example.com,2000:x> UTILITY\ncomponents: [{ type: BODY, text: !!int "12" }]\n');
    },
    expect: [{ file: 'collection-keys.yaml', ruleId: 'input/unknown-key', line: 1 }],
    reported: ['yaml11.yaml', 'collection-keys.yaml', 'anchors.yaml', 'custom-tags.yaml'],
    linted: { 'collection-keys.yaml': ['collection_keys'], 'anchors.yaml': ['anchors'] },
  },
];

export interface HostileTree {
  root: string;
  cases: HostileCase[];
}

/** Writes every case (or only the light ones) under `cases/`, and a good template at the root. */
export function writeHostileTree(options: { heavy: boolean }): HostileTree {
  const root = mkdtempSync(path.join(tmpdir(), 'msglint-hostile-'));
  const cases = CASES.filter((c) => options.heavy || !c.heavy);
  for (const c of cases) {
    const dir = path.join(root, 'cases', c.name);
    mkdirSync(dir, { recursive: true });
    c.write(dir);
  }
  put(root, 'good.yaml', GOOD_TEMPLATE.replace('order_update', 'good_neighbour'));
  return { root, cases };
}

/** Paths as the report shows them (relative to the tree's root). */
export function reportPath(c: HostileCase, rel: string): string {
  return `cases/${c.name}/${rel}`;
}

/** The files a case's report must name. */
export function reportedFiles(c: HostileCase): string[] {
  const files = new Set<string>(c.reported ?? [...c.expect.map((e) => e.file), ...Object.keys(c.linted ?? {})]);
  return [...files].map((f) => reportPath(c, f));
}
