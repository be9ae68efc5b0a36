import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { CLAIM, NOW, SEND_AT, generate } from '../../bench/gen-audience.mjs';
import { analyzeAudience } from '../../src/audience/index.js';
import { cleanAudience, cleanSummaryJson, CleanError, defaultCleanOutput, formatCleanSummary } from '../../src/audience/clean.js';
import { parseColumnsFlag } from '../../src/audience/clean-request.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'msglint-clean-'));
const now = Date.UTC(2026, 10, 26, 12);
const sendAt = Date.UTC(2026, 11, 1, 9);

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const HEADER = 'phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at\n';

describe('cleanAudience', () => {
  it('keeps one row per number with valid, current opt-in and no opt-out, and counts each removal once', async () => {
    const input = write(
      'mixed.csv',
      HEADER +
        '+447400123456,2026-03-02T10:15:00Z,web-form,"Yes, send me offers",\n' + // kept
        '+447400123457,,web-form,,\n' + // no opt-in time
        '+447400123458,2026-03-02,web-form,,2026-05-01\n' + // opted out
        '+4477009,2026-03-02,web-form,,\n' + // invalid
        '+44 7400 123456,2026-04-01,web-form,,\n' + // duplicate of a kept number
        '+447400123459,2026-12-24,web-form,,\n' + // future
        '+447400123460,2023-01-01,web-form,,\n' + // stale
        '+447400123461,2026-03-02,web-form,,\n' + // kept…
        '+447400123461,2026-01-01,web-form,,2026-09-01\n', // …no: that number opted out later
    );
    const output = path.join(dir, 'mixed.clean.csv');
    const before = readFileSync(input);
    const s = await cleanAudience(input, output, { now, sendAt });
    expect(s).toMatchObject({ contacts: 9, kept: 1, removed: 8, reasons: { invalidNumber: 1, optedOut: 3, missingOptIn: 1, futureOptIn: 1, staleConsent: 1, duplicate: 1 } });
    expect(readFileSync(output, 'utf8')).toBe(HEADER + '+447400123456,2026-03-02T10:15:00Z,web-form,"Yes, send me offers",\n');
    expect(readFileSync(input)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps exactly the contacts the opt-in check counts as valid evidence (generated audience)', async () => {
    const input = path.join(dir, 'gen.csv');
    const expected = await generate({ rows: 20_000, out: input, seed: 9 });
    const output = path.join(dir, 'gen.clean.csv');
    const s = await cleanAudience(input, output, { now: NOW, sendAt: SEND_AT });
    expect(s.kept).toBe(expected.validEvidence);
    expect(s.removed).toBe(expected.contacts - expected.validEvidence);
    // The copy passes the check it was cleaned for: nothing left to remove.
    const again = await analyzeAudience(output, { now: NOW, sendAt: SEND_AT, claimWording: CLAIM });
    expect(again).toMatchObject({ contacts: s.kept, validEvidence: s.kept, duplicate: { count: 0 }, invalidNumber: { count: 0 }, optedOut: { count: 0 }, missingOptIn: { count: 0 }, staleConsent: { count: 0 }, futureOptIn: { count: 0 } });
  });

  it('copies JSON Lines records as they were written', async () => {
    const lines = ['{"phone":"+447400123456","opted_in_at":"2026-03-02","extra":{"tier":"gold"}}', '{"phone":"+447400123457","opted_in_at":null}'];
    const input = write('a.jsonl', lines.join('\n') + '\n');
    const output = path.join(dir, 'a.clean.jsonl');
    const s = await cleanAudience(input, output, { now, sendAt });
    expect(s.kept).toBe(1);
    expect(readFileSync(output, 'utf8')).toBe(lines[0] + '\n');
  });

  it('refuses to overwrite its input, and leaves no partial output when the input cannot be used', async () => {
    const input = write('same.csv', HEADER + '+447400123456,2026-03-02,,,\n');
    await expect(cleanAudience(input, input, { now })).rejects.toBeInstanceOf(CleanError);
    const noPhone = write('nophone.csv', 'name\nAlice\n');
    await expect(cleanAudience(noPhone, path.join(dir, 'nophone.clean.csv'), { now })).rejects.toThrow(/no phone column/);
    expect(existsSync(path.join(dir, 'nophone.clean.csv'))).toBe(false);
  });

  it('summarises with counts only', async () => {
    const input = write('sum.csv', HEADER + '+447400123456,2026-03-02,,,\n+447400123457,,,,\n"+447400123458,2026-03-02,,,\n+447400123459,2026-03-02,,,\n');
    const s = await cleanAudience(input, path.join(dir, 'sum.clean.csv'), { now, sendAt });
    const text = formatCleanSummary(s, dir);
    expect(text).toBe(
      [
        'sum.csv: 3 contacts; kept 2 in sum.clean.csv, removed 1:',
        '  1  without an opt-in time',
        '1 part of the file could not be read and is not in the copy (line 4)',
        'Each removed contact is counted once, under the first reason in this order: invalid number, opted out, no opt-in time, future, stale, duplicate.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(cleanSummaryJson(s, dir));
    expect(json).toMatchObject({ version: 1, input: 'sum.csv', output: 'sum.clean.csv', contacts: 3, kept: 2, removed: 1, unreadable: 1 });
    expect(text + JSON.stringify(json)).not.toMatch(/7400123/);
  });

  it('names the default output next to the input', () => {
    expect(defaultCleanOutput('/x/list.csv')).toBe('/x/list.clean.csv');
    expect(defaultCleanOutput('/x/list.jsonl')).toBe('/x/list.clean.jsonl');
  });

  it('reads --columns as JSON or field=name pairs', () => {
    expect(parseColumnsFlag('{"phone":"Mobile"}')).toEqual({ phone: 'Mobile' });
    expect(parseColumnsFlag('phone=Mobile Number, optedInAt="Consent date"')).toEqual({ phone: 'Mobile Number', optedInAt: 'Consent date' });
    expect(() => parseColumnsFlag('mobile=Phone')).toThrow(/unknown field "mobile"/);
  });
});

describe('msglint audience clean (built CLI)', () => {
  it('writes the copy, prints the summary on stdout only, and never a phone number', async () => {
    const input = write('cli.csv', 'Mobile,Consent\n+447400123456,2026-03-02\n+447400123457,\n');
    const campaign = write('cli-campaign.yaml', 'kind: campaign\nname: c\ntemplates: [{ name: t }]\naudience:\n  file: cli.csv\n  columns: { phone: Mobile, optedInAt: Consent }\nschedule: { start: "2026-12-01T09:00:00Z" }\n');
    const run = await runCli(['audience', 'clean', input, '--campaign', campaign, '--now', '2026-11-26T12:00:00Z', '--format', 'json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ input: 'cli.csv', output: 'cli.clean.csv', contacts: 2, kept: 1, reasons: { missingOptIn: 1 }, sendDate: '2026-12-01' });
    expect(run.stdout).not.toMatch(/7400123/);
    expect(readFileSync(path.join(dir, 'cli.clean.csv'), 'utf8')).toBe('Mobile,Consent\n+447400123456,2026-03-02\n');
    expect(statSync(input).size).toBeGreaterThan(0);
  });

  it('exits 2 with a one-line message for a missing file or an output that is the input', async () => {
    const missing = await runCli(['audience', 'clean', path.join(dir, 'nope.csv')], dir);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^msglint: .*nope\.csv: no such file\n$/);
    const input = write('self.csv', HEADER);
    const self = await runCli(['audience', 'clean', input, '--output', input], dir);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/overwrite the input/);
  });
});
