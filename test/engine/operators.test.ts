import { describe, expect, it } from 'vitest';

import { CUSTOM_OPERATORS, findPattern } from '../../src/engine/operators.js';

const op = (name: string) => {
  const found = CUSTOM_OPERATORS.find((o) => o.name === name);
  if (!found) throw new Error(`no operator ${name}`);
  return (a: unknown, b: unknown) => (found as unknown as { evaluate(a: unknown, b: unknown): boolean }).evaluate(a, b);
};

describe('custom operators', () => {
  it('notEmpty / isEmpty on lists, strings and objects', () => {
    expect(op('notEmpty')([1], true)).toBe(true);
    expect(op('notEmpty')([], true)).toBe(false);
    expect(op('notEmpty')('', true)).toBe(false);
    expect(op('isEmpty')({}, true)).toBe(true);
    expect(op('isEmpty')(undefined, true)).toBe(true);
  });

  it('isTrue / isFalse treat a missing fact as false', () => {
    expect(op('isTrue')(true, true)).toBe(true);
    expect(op('isTrue')('yes', true)).toBe(false);
    expect(op('isFalse')(undefined, true)).toBe(true);
  });

  it('between and notBetween are inclusive ranges', () => {
    expect(op('between')(1, [1, 90])).toBe(true);
    expect(op('between')(91, [1, 90])).toBe(false);
    expect(op('notBetween')(0, [1, 90])).toBe(true);
    expect(op('notBetween')('5', [1, 90])).toBe(false);
  });

  it('matchesPattern uses RE2 syntax, with (?i) for case-insensitive', () => {
    expect(op('matchesPattern')('Use code SAVE20', '(?i)use code [A-Z0-9]+')).toBe(true);
    expect(op('matchesPattern')(['a', 'b'], '^b$')).toBe(true);
    expect(op('notMatchesPattern')('hello', 'bye')).toBe(true);
  });

  it('runs a catastrophic pattern in linear time', () => {
    const started = performance.now();
    expect(findPattern('(a+)+$', `${'a'.repeat(50_000)}!`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('findPattern returns UTF-16 offsets of the match', () => {
    const text = 'Olá! Frete grátis hoje';
    const m = findPattern('(?i)frete grátis', text)!;
    expect(text.slice(m[0], m[1])).toBe('Frete grátis');
  });

  it('containsAnyTerm matches whole words, case-insensitively, across spacing', () => {
    expect(op('containsAnyTerm')('Buy   NOW please', ['buy now'])).toBe(true);
    expect(op('containsAnyTerm')('buying nowhere', ['buy now'])).toBe(false);
  });

  it('inIgnoreCase compares enum values in any case', () => {
    expect(op('inIgnoreCase')('marketing', ['MARKETING'])).toBe(true);
    expect(op('notInIgnoreCase')('UTILITY', ['MARKETING'])).toBe(true);
  });
});
