import { describe, expect, it } from 'vitest';

import { defaultConfig, type ResolvedConfig } from '../../src/config/index.js';
import { lint } from '../../src/lint.js';
import type { DocumentResult, LintReport } from '../../src/types.js';
import { tempTree } from '../helpers/cli.js';

const NOW = new Date('2026-11-26T12:00:00Z');

/** A template whose body (on the line after `text:`) has capitals phrasing/shouting reports. */
function template(body: string, extra = ''): string {
  return `name: promo\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n${extra}    text: "${body}"\n`;
}

async function lintTree(files: Record<string, string>, configure: (c: ResolvedConfig) => void = () => {}): Promise<LintReport> {
  const dir = tempTree(files);
  const config = defaultConfig(dir);
  config.packs = ['phrasing'];
  configure(config);
  return lint({ cwd: dir, paths: ['.'], config, now: NOW });
}

function only(report: LintReport, file: string): DocumentResult {
  const results = report.results.filter((r) => r.file === file);
  expect(results).toHaveLength(1);
  return results[0];
}

/** Rule and position of each finding; the phrasing rule (another pack's detector) only by line. */
const ids = (r: DocumentResult) => r.findings.map((f) => (f.ruleId.startsWith('input/') ? `${f.ruleId}@${f.line}:${f.column}` : `${f.ruleId}@${f.line}`));

describe('suppression comments', () => {
  it('disable-next-line with a reason moves the finding to `suppressed`, out of the counts and the risk', async () => {
    const report = await lintTree({
      'a.yaml': template('Our BIG SUMMER SALE starts today.', '    # msglint-disable-next-line phrasing/shouting -- BIG SUMMER SALE is the event name\n'),
    });
    const r = only(report, 'a.yaml');
    expect(r.findings).toEqual([]);
    expect(r.suppressed).toHaveLength(1);
    expect(r.suppressed![0]).toMatchObject({ ruleId: 'phrasing/shouting', line: 7, suppression: { kind: 'next-line', reason: 'BIG SUMMER SALE is the event name', line: 6 } });
    expect(r.risk.score).toBe(0);
    expect(report.summary).toMatchObject({ warnings: 0, errors: 0, suppressed: 1 });
  });

  it('a directive without a reason is an error at the comment and suppresses nothing', async () => {
    const report = await lintTree({ 'a.yaml': template('Our BIG SUMMER SALE starts today.', '    # msglint-disable-next-line phrasing/shouting\n') });
    const r = only(report, 'a.yaml');
    expect(ids(r)).toEqual(['input/suppression-without-reason@6:5', 'phrasing/shouting@7']);
    expect(r.findings[0].severity).toBe('error');
    expect(r.findings[0].endColumn).toBe(6 + '# msglint-disable-next-line phrasing/shouting'.length - 1);
    expect(r.suppressed).toBeUndefined();
  });

  it('a blank reason is no reason', async () => {
    const report = await lintTree({ 'a.yaml': template('Our BIG SUMMER SALE starts today.', '    # msglint-disable-next-line phrasing/shouting --   \n') });
    expect(ids(only(report, 'a.yaml'))[0]).toBe('input/suppression-without-reason@6:5');
  });

  it('reports a directive that suppresses nothing at the rule id, and a misspelled rule id as unknown', async () => {
    const report = await lintTree({
      'a.yaml': template('Our summer sale starts today.', '    # msglint-disable-next-line phrasing/shouting, phrasing/shoutin -- was loud once\n'),
    });
    const r = only(report, 'a.yaml');
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
      ['input/unused-suppression', 'warning', 6, 33],
      ['input/unused-suppression', 'warning', 6, 52],
    ]);
    expect(r.findings[0].message).toMatch(/phrasing\/shouting suppresses nothing: no phrasing\/shouting finding on line 7/);
    expect(r.findings[1].message).toMatch(/no rule "phrasing\/shoutin" in the active packs/);
  });

  it('a directive that names no rule is refused', async () => {
    const report = await lintTree({ 'a.yaml': template('Our BIG SUMMER SALE starts today.', '    # msglint-disable-next-line -- trust me\n') });
    expect(ids(only(report, 'a.yaml'))).toEqual(['input/invalid-suppression@6:7', 'phrasing/shouting@7']);
  });

  it('disable … enable covers the lines between, for the rules it names', async () => {
    const text = [
      'name: promo',
      'language: en_US',
      'category: MARKETING',
      'components:',
      '  # msglint-disable phrasing/shouting -- these two are legal names',
      '  - type: HEADER',
      '    format: TEXT',
      '    text: "NEW YORK CITY MARATHON"',
      '  - type: BODY',
      '    text: "Run the GREAT NORTH RUN with us."',
      '  # msglint-enable phrasing/shouting',
      '  - type: FOOTER',
      '    text: "REPLY STOP NOW"',
      '',
    ].join('\n');
    const r = only(await lintTree({ 'a.yaml': text }), 'a.yaml');
    expect(ids(r)).toEqual(['phrasing/shouting@13']);
    expect(r.suppressed!.map((f) => [f.line, f.suppression.kind, f.suppression.line])).toEqual([
      [8, 'block', 5],
      [10, 'block', 5],
    ]);
  });

  it('an enable with nothing disabled is reported; a disable without enable runs to the end of the file', async () => {
    const text = template('Our BIG SUMMER SALE starts today.').replace('components:\n', 'components:\n  # msglint-enable\n  # msglint-disable phrasing/shouting -- whole file is a brand list\n');
    const r = only(await lintTree({ 'a.yaml': text }), 'a.yaml');
    expect(ids(r)).toEqual(['input/unused-suppression@5:5']);
    expect(r.findings[0].message).toMatch(/nothing was disabled/);
    expect(r.suppressed).toHaveLength(1);
  });

  it('next-line skips stacked comments and covers a multi-line block scalar', async () => {
    const text = [
      'name: promo',
      'language: en_US',
      'category: MARKETING',
      'components:',
      '  - type: BODY',
      '    # msglint-disable-next-line phrasing/shouting -- brand names below',
      '    # (checked with legal on 2026-11-02)',
      '    text: >-',
      '      Visit the ACME MEGA STORE this week, and meet',
      '      the BIG FRIENDLY GIANT at the entrance.',
      '  - type: FOOTER',
      '    text: "CALL US NOW TODAY"',
      '',
    ].join('\n');
    const r = only(await lintTree({ 'a.yaml': text }), 'a.yaml');
    expect(r.suppressed!.map((f) => f.line)).toEqual([9, 10]);
    expect(ids(r)).toEqual(['phrasing/shouting@12']);
  });

  it('a `#` inside a block scalar is text, not a directive', async () => {
    const text = [
      'name: promo',
      'language: en_US',
      'category: MARKETING',
      'components:',
      '  - type: BODY',
      '    text: |',
      '      # msglint-disable-next-line phrasing/shouting -- not a comment',
      '      Our BIG SUMMER SALE starts today.',
      '',
    ].join('\n');
    const r = only(await lintTree({ 'a.yaml': text }), 'a.yaml');
    expect(ids(r)).toEqual(['phrasing/shouting@8']);
    expect(r.suppressed).toBeUndefined();
  });

  it('disable-line covers its own line', async () => {
    const text = template('Our BIG SUMMER SALE starts today.').replace('starts today."', 'starts today." # msglint-disable-line phrasing/shouting -- event name');
    const r = only(await lintTree({ 'a.yaml': text }), 'a.yaml');
    expect(r.findings).toEqual([]);
    expect(r.suppressed![0].suppression).toEqual({ kind: 'line', reason: 'event name', line: 6 });
  });

  it('JSON has no comments: a directive-looking string suppresses nothing', async () => {
    const json = JSON.stringify({ name: 'promo', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: '# msglint-disable-line phrasing/shouting -- no: our BIG SUMMER SALE' }] });
    const r = only(await lintTree({ 'a.json': json }), 'a.json');
    expect(ids(r)).toEqual(['phrasing/shouting@1']);
    expect(r.suppressed).toBeUndefined();
  });

  it('attaches directive findings to the document that holds them in a multi-document file', async () => {
    const text = template('Calm words.') + '---\n' + template('More calm words.', '    # msglint-disable-next-line phrasing/shouting -- stale\n').replace('promo', 'promo_two');
    const report = await lintTree({ 'a.yaml': text });
    const [first, second] = report.results.filter((r) => r.file === 'a.yaml');
    expect(first.findings).toEqual([]);
    expect(ids(second)).toEqual(['input/unused-suppression@13:33']);
  });

  it('the config sets the severity of directive findings, or turns them off', async () => {
    const files = { 'a.yaml': template('Calm words.', '    # msglint-disable-next-line phrasing/shouting -- stale\n') };
    const asError = await lintTree(files, (c) => {
      c.rules['input/unused-suppression'] = 'error';
      c.layers.push({ rules: { 'input/unused-suppression': 'error' }, configFile: 'x' });
    });
    expect(only(asError, 'a.yaml').findings[0]).toMatchObject({ ruleId: 'input/unused-suppression', severity: 'error' });
    const off = await lintTree(files, (c) => c.layers.push({ rules: { 'input/unused-suppression': 'off' }, configFile: 'x' }));
    expect(only(off, 'a.yaml').findings).toEqual([]);
  });
});
