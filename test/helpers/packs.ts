import { expect } from 'vitest';

import { testPacks } from '../../src/engine/pack-test.js';
import { createLinter, loadPacks } from '../../src/lint.js';

const NOW = new Date('2026-11-26T12:00:00Z');

/** Runs a built-in pack's embedded examples with every built-in pack active: all pass, and every rule has an invalid and a valid one. */
export async function expectPackExamples(name: string): Promise<void> {
  const cwd = process.cwd();
  const linter = createLinter(cwd, { packs: ['recommended'] });
  const pack = loadPacks([name], cwd).find((p) => p.name === name)!;
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
}
