import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { testPacks } from '../../src/engine/pack-test.js';
import { createLinter, runLint, type Linter } from '../../src/lint.js';
import type { Finding, LintReport } from '../../src/types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = new Date('2026-11-26T12:00:00Z');

let linter: Linter;
let report: LintReport;
beforeAll(async () => {
  linter = createLinter(ROOT);
  report = await runLint(linter, { cwd: ROOT, paths: ['fixtures/meta-signals'], now: NOW });
});

const signals = (): Finding[] => report.results.flatMap((r) => r.findings).filter((f) => f.ruleId.startsWith('signals/'));
const brief = (f: Finding) => `${f.file.replace('fixtures/meta-signals/', '')}:${f.line}:${f.column} ${f.ruleId}`;

/** The source characters a single-line finding covers. */
function covered(f: Finding): string {
  return readFileSync(path.join(ROOT, f.file), 'utf8').split('\n')[f.line - 1].slice(f.column - 1, f.endColumn - 1);
}

describe('the signals pack on fixtures/meta-signals', () => {
  it('reports what the webhooks, the export, the send log and the user preferences say, where they say it', () => {
    expect(signals().map(brief).sort()).toEqual(
      [
        'campaigns/cyber-monday.yaml:7:13 signals/soft-launch',
        'campaigns/last-chance.yaml:8:13 signals/sends-paused-template',
        'campaigns/last-chance.yaml:8:13 signals/sends-red-template',
        'campaigns/last-chance.yaml:10:9 signals/audience-stopped-marketing',
        'campaigns/restock-alerts.yaml:8:13 signals/sends-red-template',
        'campaigns/restock-alerts.yaml:9:13 signals/marketing-sent-as-utility',
        'campaigns/winter-renewals.yaml:8:13 signals/marketing-sent-as-utility',
        'send-log.jsonl:4:361 signals/send-log-per-user-limit',
        'send-log.jsonl:15:361 signals/send-log-stopped-marketing',
        'send-log.jsonl:25:361 signals/send-log-spam-rate',
        'templates-export.json:36:19 signals/category-drift',
        'templates-export.json:36:19 signals/marketing-without-opt-out',
        'templates/last_chance.yaml:5:11 signals/marketing-without-opt-out',
        'templates/winter_renewal.yaml:6:11 signals/category-drift',
        'templates/winter_renewal.yaml:13:11 signals/marketing-without-opt-out',
        'webhooks.jsonl:10:181 signals/account-restricted',
      ].sort(),
    );
  });

  it('points at the exact characters: the error code, the category, the template reference, the restriction', () => {
    const byRule = (id: string) => signals().find((f) => f.ruleId === id)!;
    expect(covered(byRule('signals/send-log-spam-rate'))).toBe('131048');
    expect(covered(byRule('signals/category-drift'))).toBe('"UTILITY"');
    expect(covered(byRule('signals/soft-launch'))).toBe('cyber_monday');
    expect(covered(byRule('signals/account-restricted'))).toBe('"RATE_LIMITED_UTILITY_TEMPLATE_MESSAGING"');
  });

  it('says what Meta said, when, and where it was read', () => {
    const messages = Object.fromEntries(signals().map((f) => [`${f.ruleId} ${f.file.split('/').pop()}`, f.message]));
    expect(messages['signals/category-drift winter_renewal.yaml']).toBe('declared UTILITY, but Meta re-categorised it from UTILITY to MARKETING on 2026-11-10 (fixtures/meta-signals/webhooks.jsonl:5)');
    expect(messages['signals/sends-paused-template last-chance.yaml']).toBe(
      'last_chance (en_US) was paused by Meta at 2026-11-26 09:40 UTC (second pause, 6 hours), still paused when this campaign sends (2026-11-26 15:40 UTC); sends fail with 132015 (fixtures/meta-signals/webhooks.jsonl:13)',
    );
    expect(messages['signals/send-log-per-user-limit send-log.jsonl']).toBe('27 of 150 messages (18%) failed with 131049, the per-user marketing limit (limit 5%)');
    expect(messages['signals/soft-launch cyber-monday.yaml']).toMatch(/^cyber_monday \(en_US\) is new to Meta: Meta approved it on 2026-11-25, 5 days before this send; this campaign sends it to 8,000 recipients at once/);
    const soft = signals().find((f) => f.ruleId === 'signals/soft-launch')!;
    expect(soft.fix).toMatch(/^Send a first batch of 400 /);
  });

  it('finds the people who stopped marketing in the Black Friday list, masked, and leaves rows that record the opt-out to the opt-in pack', () => {
    const f = signals().find((x) => x.ruleId === 'signals/audience-stopped-marketing')!;
    // user-preferences.jsonl stops 5 numbers of black-friday.csv (one resumes later; one row records its opt-out itself).
    expect(f.message).toMatch(/^\d+ rows \(\d+ numbers\) of the audience stopped marketing from this business/);
    expect(f.message).toMatch(/stopped 2026-11-2\d/);
    expect(f.message).not.toMatch(/\+44\d{6,}/); // only masked numbers
    expect(f.message).toMatch(/\+44 74•• •••\d{3}/);
  });

  it("reads pywa's webhook samples without a single finding of their own", () => {
    const pywa = report.results.filter((r) => r.file.includes('/pywa/'));
    expect(pywa.map((r) => r.kind)).toEqual(['webhook', 'webhook', 'webhook', 'webhook', 'webhook', 'webhook', 'webhook']);
    expect(pywa.flatMap((r) => r.findings)).toEqual([]);
  });

  it('passes every embedded example of the pack', async () => {
    const pack = linter.compiled.packs.find((p) => p.name === 'signals')!;
    const results = await testPacks(linter, [pack], ROOT, NOW);
    expect(results.filter((r) => !r.ok).map((r) => `${r.ruleId} ${r.kind} ${r.found} ${r.details ?? ''}`)).toEqual([]);
    expect(new Set(results.map((r) => r.ruleId)).size).toBe(pack.rules.length);
    for (const rule of pack.rules) {
      expect(rule.examples.valid.length, rule.id).toBeGreaterThan(0);
      expect(rule.examples.invalid.length, rule.id).toBeGreaterThan(0);
    }
  });
});
