import { describe, expect, it } from 'vitest';

import { compilePacks } from '../../src/engine/compile.js';
import { loadPackText, PackError } from '../../src/engine/pack.js';
import { builtinFacts } from '../../src/facts/index.js';

const pack = (rules: string) => `kind: rule-pack\nname: mine\nversion: 1.0.0\nappliesTo: [template]\nrules:\n${rules}`;
const rule = (when: string, id = 'mine/rule') =>
  `  - id: ${id}\n    area: phrasing\n    severity: warning\n    weight: 5\n    title: T\n    message: M\n    when:\n${when}\n`;

function compileText(text: string) {
  const p = loadPackText(text, '/repo/my-pack.yaml', '/repo', false);
  return compilePacks([p], builtinFacts());
}

function errorOf(fn: () => unknown): PackError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PackError) return e;
    throw e;
  }
  throw new Error('expected a PackError');
}

describe('rule packs', () => {
  it('compiles a valid user pack and indexes rules by kind', () => {
    const compiled = compileText(pack(rule('      all:\n        - { fact: bodyText, operator: matchesPattern, value: "(?i)act now" }')));
    expect(compiled.byKind.get('template')?.map((r) => r.rule.id)).toEqual(['mine/rule']);
    expect(compiled.byKind.get('campaign')).toBeUndefined();
  });

  it('rejects an unknown fact with the location of the condition', () => {
    const e = errorOf(() => compileText(pack(rule('      all:\n        - { fact: bodyTxt, operator: notEmpty, value: true }'))));
    expect(e.message).toMatch(/unknown fact "bodyTxt" for template documents/);
    expect(e.location).toMatch(/^my-pack\.yaml:\d+:\d+$/);
  });

  it('rejects an unknown operator', () => {
    const e = errorOf(() => compileText(pack(rule('      all:\n        - { fact: bodyText, operator: looksSpammy, value: true }'))));
    expect(e.message).toMatch(/unknown operator "looksSpammy"/);
  });

  it('rejects an invalid pattern at load, not at run time', () => {
    const e = errorOf(() => compileText(pack(rule('      all:\n        - { fact: bodyText, operator: matchesPattern, value: "(unclosed" }'))));
    expect(e.message).toMatch(/invalid pattern/);
    expect(e.span?.line).toBeGreaterThan(5);
  });

  it('rejects duplicate rule ids', () => {
    const when = '      all:\n        - { fact: bodyLength, operator: greaterThan, value: 10 }';
    const e = errorOf(() => compileText(pack(rule(when) + rule(when))));
    expect(e.message).toMatch(/appears twice/);
  });

  it('rejects a pack that does not match its schema, at the offending key', () => {
    const e = errorOf(() => loadPackText(pack(rule('      all: []').replace('severity: warning', 'severity: loud')), '/repo/p.yaml', '/repo', false));
    expect(e.message).toMatch(/severity/);
    expect(e.span?.line).toBe(8); // the "severity: loud" line
  });

  it('rejects a file that is not a pack', () => {
    expect(errorOf(() => loadPackText('name: x\n', '/repo/p.yaml', '/repo', false)).message).toMatch(/not a rule pack|does not know/);
  });
});
