import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { GOOD_TEMPLATE, ROOT, runCli, tempTree } from '../helpers/cli.js';

const goodTemplate = GOOD_TEMPLATE;

describe('msglint lint (built CLI)', () => {
  it('lints the bundled fixtures: readable findings, exit 1, nothing on stderr', async () => {
    const r = await runCli(['lint', 'fixtures']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/fixtures\/templates\/login_code\.yaml/);
    expect(r.stdout).toMatch(/↳ fix:/);
    expect(r.stdout).toMatch(/problems? \(\d+ errors?, \d+ warnings?/);
  });

  it('prints the JSON contract with 1-based exact positions and a risk object', async () => {
    const r = await runCli(['lint', 'fixtures', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe('msglint');
    expect(report.summary.files).toBeGreaterThan(0);
    for (const result of report.results) {
      expect(['template', 'campaign', 'account', 'audience', 'config', 'rule-pack', 'webhook', 'send-log', 'unknown']).toContain(result.kind);
      expect(result.risk.score).toBeGreaterThanOrEqual(0);
      expect(result.risk.score).toBeLessThanOrEqual(100);
      expect(['low', 'medium', 'high', 'critical']).toContain(result.risk.level);
      for (const f of result.findings) {
        expect(['opt-in', 'velocity', 'category', 'phrasing', 'format', 'content', 'input']).toContain(f.area);
        expect(f.line).toBeGreaterThanOrEqual(1);
        expect(f.column).toBeGreaterThanOrEqual(1);
        expect(f.endLine * 100000 + f.endColumn).toBeGreaterThan(f.line * 100000 + f.column - 1);
      }
    }
    const login = report.results.find((x: { name?: string }) => x.name === 'login_code');
    const otp = login.findings.find((f: { ruleId: string }) => f.ruleId.startsWith('category/otp'));
    const source = readFileSync(path.join(ROOT, otp.file), 'utf8').split('\n');
    expect(source[otp.line - 1].slice(otp.column - 1, otp.endColumn - 1).toLowerCase()).toMatch(/verification code|code/);
  });

  it('gives the same bytes on every run', async () => {
    const [a, b] = await Promise.all([runCli(['lint', 'fixtures', '--format', 'json']), runCli(['lint', 'fixtures', '--format', 'json'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reports malformed and unknown files with locations and still lints the others', async () => {
    const dir = tempTree({
      'good.yaml': goodTemplate,
      'broken.yaml': 'name: x\ncomponents:\n  - type: BODY\n    text: "never closed\n',
      'shape.yaml': 'title: a newsletter\nbody: hello\n',
      'binary.json': new Uint8Array([0x7b, 0x00, 0x01, 0x02]),
    });
    const r = await runCli(['lint', '.', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    const byFile = Object.fromEntries(report.results.map((x: { file: string }) => [x.file, x]));
    expect(byFile['broken.yaml'].findings[0]).toMatchObject({ ruleId: 'input/parse-error', area: 'input', severity: 'error' });
    expect(byFile['broken.yaml'].findings[0].line).toBeGreaterThanOrEqual(4);
    expect(byFile['shape.yaml'].findings[0]).toMatchObject({ ruleId: 'input/unknown-shape', line: 1, column: 1 });
    expect(byFile['binary.json'].findings[0].message).toMatch(/binary/);
    expect(byFile['good.yaml'].kind).toBe('template');
  });

  it('explains schema problems in plain words at the offending key (precompiled validators)', async () => {
    const dir = tempTree({ 'bad.yaml': 'name: x\nlanguage: en_US\ncategory: PROMO\ncompnents: []\ncomponents:\n  - type: BODY\n    text: 42\n' });
    const r = await runCli(['lint', 'bad.yaml', '--format', 'json'], dir);
    const findings = JSON.parse(r.stdout).results[0].findings.map((f: { ruleId: string; line: number; column: number; message: string }) => [f.ruleId, f.line, f.column, f.message]);
    expect(findings).toEqual([
      ['input/schema', 3, 11, '"category" must be one of MARKETING, UTILITY or AUTHENTICATION (found "PROMO")'],
      ['input/unknown-key', 4, 1, 'unknown key "compnents" — did you mean "components"?'],
      ['input/schema', 7, 11, '"text" must be text, not a number'],
    ]);
  });

  it('exits 2 for a path that does not exist, with nothing on stdout', async () => {
    const r = await runCli(['lint', 'no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no such file, folder or match: no\/such\/dir/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 for an unknown flag or format', async () => {
    const r = await runCli(['lint', 'fixtures', '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('exits 0 when nothing reaches the threshold, and honours --fail-on', async () => {
    const dir = tempTree({ 'order.yaml': goodTemplate });
    const clean = await runCli(['lint', '.'], dir);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    const never = await runCli(['lint', path.join(ROOT, 'fixtures'), '--fail-on', 'never']);
    expect(never.code).toBe(0);
  });

  it('writes --output atomically and prints nothing', async () => {
    const dir = tempTree({ 'order.yaml': goodTemplate });
    const r = await runCli(['lint', '.', '--format', 'json', '--output', 'out/report.json'], dir);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).summary.documents).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(true);
  });

  it('stops with exit 2 and the location when a user pack is invalid', async () => {
    const dir = tempTree({
      'order.yaml': goodTemplate,
      'pack.yaml': 'kind: rule-pack\nname: mine\nversion: 1.0.0\nrules:\n  - id: mine/x\n    area: phrasing\n    severity: warning\n    weight: 5\n    title: T\n    message: M\n    when: { all: [{ fact: nope, operator: notEmpty, value: true }] }\n',
    });
    const r = await runCli(['lint', 'order.yaml', '--pack', 'pack.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^msglint: pack\.yaml:\d+:\d+: rule mine\/x: unknown fact "nope"/);
  });

  it('prints exactly the demo shown in the README', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const m = /```text\n\$ msglint (lint [^\n]+)\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('<!-- demo:start -->')));
    expect(m, 'the README demo block').not.toBeNull();
    const r = await runCli(m![1].split(' '));
    expect(r.stdout).toBe(m![2]);
  });

  it('prints its version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^msglint\/\d+\.\d+\.\d+/);
  });
});

describe('msglint rules (built CLI)', () => {
  it('rules test runs every embedded example of the built-in packs', async () => {
    const r = await runCli(['rules', 'test']);
    expect(r.stdout).toMatch(/examples of \d+ rules in \d+ packs: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('rules test fails when an example is wrong', async () => {
    const dir = tempTree({
      'pack.yaml': `kind: rule-pack
name: mine
version: 1.0.0
rules:
  - id: mine/no-hurry
    area: phrasing
    severity: warning
    weight: 5
    title: No hurry
    message: "'hurry' pressures people"
    when: { all: [{ fact: bodyText, operator: matchesPattern, value: "(?i)hurry" }] }
    examples:
      invalid:
        - { name: a, language: en_US, category: MARKETING, components: [{ type: BODY, text: "Hurry, sale ends soon" }] }
      valid:
        - { name: b, language: en_US, category: MARKETING, components: [{ type: BODY, text: "No hurry at all" }] }
`,
    });
    const r = await runCli(['rules', 'test', 'pack.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ pack\.yaml:\d+:\d+ mine\/no-hurry valid example: expected no finding, got 1/);
    expect(r.stdout).toMatch(/2 examples of 1 rules in 1 pack: 1 passed, 1 failed/);
  });

  it('rules explain shows the rule, its fix and its source', async () => {
    const r = await runCli(['rules', 'explain', 'format/body-length']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/format\/body-length — /);
    expect(r.stdout).toMatch(/source: https:\/\//);
  });

  it('rules explain of an unknown id exits 2', async () => {
    const r = await runCli(['rules', 'explain', 'format/nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rule "format\/nope"/);
  });

  it('rules list lists the rules of every area', async () => {
    const r = await runCli(['rules', 'list', '--format', 'json']);
    const areas = new Set(JSON.parse(r.stdout).map((x: { area: string }) => x.area));
    for (const a of ['format', 'category', 'phrasing', 'opt-in', 'velocity', 'content']) expect(areas).toContain(a);
  });

  it('a pattern from a user pack matched in the body points at the match', async () => {
    const dir = tempTree({
      'order.yaml': goodTemplate,
      'pack.yaml': 'kind: rule-pack\nname: mine\nversion: 1.0.0\nrules:\n  - id: mine/track\n    area: phrasing\n    severity: warning\n    weight: 5\n    title: T\n    message: M\n    when: { all: [{ fact: bodyText, operator: matchesPattern, value: "(?i)track it" }] }\n',
    });
    const r = await runCli(['lint', 'order.yaml', '--pack', 'pack.yaml', '--format', 'json'], dir);
    const f = JSON.parse(r.stdout).results[0].findings.find((x: { ruleId: string }) => x.ruleId === 'mine/track');
    expect(f).toMatchObject({ line: 6, column: 63, endLine: 6, endColumn: 71, matchedText: "Track it" });
  });
});

describe('--now', () => {
  it('makes time-dependent checks reproducible and is checked as a date', async () => {
    const args = ['lint', 'fixtures/meta-signals', '--format', 'json', '--fail-on', 'never'];
    const [during, again, after] = await Promise.all([
      runCli([...args, '--now', '2026-11-01T00:00:00Z']),
      runCli([...args, '--now', '2026-11-01T00:00:00Z']),
      runCli([...args, '--now', '2027-06-01T00:00:00Z']),
    ]);
    expect(during.stdout).toBe(again.stdout);
    // The account restriction in the webhook log is active in November, long over by June.
    expect(during.stdout).toContain('signals/account-restricted');
    expect(after.stdout).not.toContain('signals/account-restricted');
    const bad = await runCli(['lint', 'fixtures/templates/order_update.yaml', '--now', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--now yesterday is not a date/);
  });
});
