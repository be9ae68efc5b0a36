import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { CLAIM, NOW, SEND_AT, generate } from '../../../bench/gen-audience.mjs';
import { createLinter, runLint } from '../../../src/lint.js';

const fmt = (n: number) => n.toLocaleString('en-US');

describe('opt-in and velocity messages on a generated audience', () => {
  it('state the exact counts, masked examples and the coverage', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msglint-messages-'));
    const expected = await generate({ rows: 12_000, out: path.join(dir, 'audience.csv'), seed: 5 });
    writeFileSync(
      path.join(dir, 'campaign.yaml'),
      [
        'kind: campaign',
        'name: generated',
        'account: { kind: account, name: acme, business: Acme Retail Ltd, messagingLimit: TIER_10K }',
        'templates: [{ name: offer, language: en }]',
        'audience: { file: audience.csv }',
        `optIn: { method: web-form, wording: ${JSON.stringify(CLAIM)} }`,
        `schedule: { start: ${JSON.stringify(new Date(SEND_AT).toISOString())}, ratePerSecond: 80 }`,
        '---',
        'name: offer',
        'language: en',
        'category: MARKETING',
        'components: [{ type: BODY, text: "Hi {{1}}, the winter offers are here.", example: { body_text: [["Sam"]] } }]',
        '',
      ].join('\n'),
    );
    const linter = createLinter(dir, { packs: ['recommended'] });
    const report = await runLint(linter, { cwd: dir, paths: ['campaign.yaml'], now: new Date(NOW) });
    const byRule = new Map(report.results.flatMap((r) => r.findings).map((f) => [f.ruleId, f.message]));
    const coverage = `${((expected.validEvidence / expected.contacts) * 100).toFixed(1)}% (${fmt(expected.validEvidence)} of ${fmt(expected.contacts)} contacts)`;
    const checks: [string, number][] = [
      ['opt-in/missing-opt-in-time', expected.missingOptIn],
      ['opt-in/opted-out-in-audience', expected.optedOut],
      ['opt-in/invalid-number', expected.invalidNumber],
      ['opt-in/future-consent', expected.futureOptIn],
      ['opt-in/stale-consent', expected.staleConsent],
      ['opt-in/wording-mismatch', expected.wordingMismatch],
    ];
    for (const [rule, count] of checks) {
      const message = byRule.get(rule);
      expect(message, rule).toBeDefined();
      expect(message, rule).toContain(`: ${fmt(count)} (`);
      expect(message, rule).toContain(`covers ${coverage}`);
      expect(message!.match(/row \d+ \(/g), rule).toHaveLength(5);
      if (rule !== 'opt-in/invalid-number') expect(message!.match(/row \d+ \(\+\d{1,3} \d\d•• [•\d]+\)/g), rule).toHaveLength(5);
      expect(message, rule).not.toMatch(/\d{6}/);
    }
    expect(byRule.get('opt-in/duplicate-number')).toContain(`: ${fmt(expected.duplicate)} (`);
    expect(byRule.get('opt-in/duplicate-number')).toContain(`unique numbers: ${fmt(expected.uniqueNumbers)}`);
    expect(byRule.get('velocity/us-marketing')).toBe(`recipients with US numbers: ${fmt(expected.usNumbers)}; Meta does not deliver marketing templates to them (131049)`);
    expect(byRule.get('velocity/over-messaging-limit')).toContain(`${fmt(expected.uniqueNumbers)} unique recipients in the 24 hours from`);
  });
});
