import { describe, expect, it } from 'vitest';

import { ObjectCache } from '../../src/documents/object-cache.js';

describe('ObjectCache', () => {
  it('keeps one value per cache and object', () => {
    const a = new ObjectCache<object, string>();
    const b = new ObjectCache<object, number>();
    const x = { name: 'x' };
    const y = { name: 'y' };
    expect(a.get(x)).toBeUndefined();
    a.set(x, 'one');
    b.set(x, 2);
    a.set(y, 'other');
    expect(a.get(x)).toBe('one');
    expect(b.get(x)).toBe(2);
    expect(a.get(y)).toBe('other');
    expect(b.get(y)).toBeUndefined();
    a.set(x, 'replaced');
    expect(a.get(x)).toBe('replaced');
  });

  it('is invisible to JSON, keys, spreads and structured clones, so a shallow copy starts empty', () => {
    const cache = new ObjectCache<object, string[]>();
    const data = { name: 'order_update', components: [{ type: 'BODY' }] };
    cache.set(data, ['cached']);
    expect(JSON.stringify(data)).toBe('{"name":"order_update","components":[{"type":"BODY"}]}');
    expect(Object.keys(data)).toEqual(['name', 'components']);
    const copy = { ...data };
    expect(cache.get(copy)).toBeUndefined();
    expect(cache.get(structuredClone(data))).toBeUndefined();
    expect(copy).toEqual(data);
  });

  it('falls back to a WeakMap for objects that cannot take a property', () => {
    const cache = new ObjectCache<object, number>();
    const frozen = Object.freeze({ a: 1 });
    const sealed = Object.preventExtensions({ b: 2 });
    cache.set(frozen, 1);
    cache.set(sealed, 2);
    expect(cache.get(frozen)).toBe(1);
    expect(cache.get(sealed)).toBe(2);
    expect(Object.isFrozen(frozen)).toBe(true);
  });
});
