import { describe, expect, it } from 'vitest';

import { testPacks } from '../../src/engine/pack-test.js';
import { createLinter, loadPacks } from '../../src/lint.js';

const NOW = new Date('2026-11-26T12:00:00Z');

describe('opt-in pack', () => {
  it('every embedded example gives the expected findings', async () => {
    const cwd = process.cwd();
    const linter = createLinter(cwd, { packs: ['recommended'] });
    const pack = loadPacks(['opt-in'], cwd).find((p) => p.name === 'opt-in')!;
    const compiled = linter.compiled.packs.filter((p) => p.file === pack.file);
    const results = await testPacks(linter, compiled, cwd, NOW);
    const failed = results.filter((r) => !r.ok).map((r) => `${r.ruleId} ${r.kind} ${r.file}:${r.span.line}: expected ${r.expected}, got ${r.found}${r.details ? `\n  ${r.details}` : ''}`);
    expect(failed).toEqual([]);
    const rules = new Set(results.map((r) => r.ruleId));
    for (const rule of compiled[0].rules) {
      expect(results.some((r) => r.ruleId === rule.id && r.kind === 'invalid'), `${rule.id} has an invalid example`).toBe(true);
      expect(results.some((r) => r.ruleId === rule.id && r.kind === 'valid'), `${rule.id} has a valid example`).toBe(true);
    }
    expect(rules.size).toBe(compiled[0].rules.length);
  });
});

describe('input pack: audience file rules', () => {
  it('their embedded examples give the expected findings', async () => {
    const cwd = process.cwd();
    const linter = createLinter(cwd, { packs: ['recommended'] });
    const input = linter.compiled.packs.filter((p) => p.name === 'input');
    const results = (await testPacks(linter, input, cwd, NOW)).filter((r) => r.ruleId.startsWith('input/audience'));
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(['input/audience-unreadable', 'input/audience-malformed-rows', 'input/audience-columns']));
    expect(results.filter((r) => !r.ok).map((r) => `${r.ruleId} ${r.kind}: expected ${r.expected}, got ${r.found} ${r.details ?? ''}`)).toEqual([]);
  });
});
