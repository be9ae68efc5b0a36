import { describe, expect, it } from 'vitest';

import { documentIdentity, findingKey, hashText, occurrenceFingerprints } from '../../src/report/fingerprint.js';
import { finding, result } from './sample.js';

describe('finding keys (baselines, SARIF partialFingerprints)', () => {
  it('ignore line and column, so moving unrelated lines keeps the key', () => {
    const a = findingKey(result(), finding({ line: 6, column: 16 }));
    const b = findingKey(result(), finding({ line: 40, column: 3, endLine: 41 }));
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('change with the rule, the JSON path, the matched text and the document', () => {
    const base = findingKey(result(), finding()).fingerprint;
    expect(findingKey(result(), finding({ ruleId: 'phrasing/other' })).fingerprint).not.toBe(base);
    expect(findingKey(result(), finding({ path: '/components/1/text' })).fingerprint).not.toBe(base);
    expect(findingKey(result(), finding({ matchedText: 'HUGE SALE' })).fingerprint).not.toBe(base);
    expect(findingKey(result({ language: 'es' }), finding()).fingerprint).not.toBe(base);
    expect(findingKey(result({ name: 'promo2' }), finding()).fingerprint).not.toBe(base);
  });

  it('identify templates by kind, name and language (moving a template to another file keeps its key), anything else by file', () => {
    expect(documentIdentity(result())).toBe('template promo en_US');
    expect(findingKey(result({ file: 'elsewhere/all.json' }), finding()).fingerprint).toBe(findingKey(result(), finding()).fingerprint);
    expect(documentIdentity(result({ kind: 'campaign', name: 'bf', file: 'campaigns/bf.yaml' }))).toBe('campaign campaigns/bf.yaml');
    expect(documentIdentity(result({ kind: 'unknown', name: undefined, file: 'broken.yaml' }))).toBe('file broken.yaml');
    expect(documentIdentity(result({ name: undefined }))).toBe('template templates/promo.yaml');
  });

  it('hash the matched text with white space collapsed (reflowing a block scalar is not a new finding)', () => {
    expect(hashText('BIG  SALE\n now')).toBe(hashText('BIG SALE now'));
    expect(hashText(undefined)).toBe('');
    expect(hashText('   ')).toBe('');
  });

  it('number identical findings like a multiset', () => {
    const r = result();
    const prints = occurrenceFingerprints(r, [finding(), finding({ line: 9 }), finding({ matchedText: 'OTHER WORDS' })]);
    expect(prints[0].endsWith(':1')).toBe(true);
    expect(prints[1]).toBe(prints[0].replace(/:1$/, ':2'));
    expect(prints[2].endsWith(':1')).toBe(true);
    expect(new Set(prints).size).toBe(3);
  });
});
