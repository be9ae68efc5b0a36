/**
 * A set of E.164 numbers (stored as float64: E.164 has at most 15 digits, so every number is exact) that also
 * remembers the order numbers were first seen in. Open addressing over typed arrays: about 20 bytes per number
 * (a 12-byte slot at ≤ 75 % load, plus the number in first-seen order), against ~60 for a `Set<number>` of
 * numbers this large (each one a heap number). Measured by `bench/audience.mjs`.
 */
export class NumberIndex {
  private keys: Float64Array;
  private slots: Uint32Array;
  private mask: number;
  /** Numbers in first-seen order; `order[i]` is the number with index i. */
  private order: Float64Array;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity * 0.75 < expected) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.slots = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.order = new Float64Array(Math.max(16, expected));
  }

  private static hash(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The index of a number, or -1. */
  indexOf(key: number): number {
    let i = NumberIndex.hash(key) & this.mask;
    for (;;) {
      const k = this.keys[i];
      if (k === key) return this.slots[i];
      if (k === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }

  has(key: number): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Adds a number (not 0); returns its index if it was already there, or -1 when it is new (its index is then `size - 1`). */
  add(key: number): number {
    let i = NumberIndex.hash(key) & this.mask;
    for (;;) {
      const k = this.keys[i];
      if (k === key) return this.slots[i];
      if (k === 0) break;
      i = (i + 1) & this.mask;
    }
    const index = this.size++;
    this.keys[i] = key;
    this.slots[i] = index;
    if (index >= this.order.length) this.order = growFloat64(this.order, index + 1);
    this.order[index] = key;
    if (this.size > (this.mask + 1) * 0.75) this.rehash();
    return -1;
  }

  /** The number with a given index (first-seen order). */
  at(index: number): number {
    return this.order[index];
  }

  /** Bytes held, for the benchmark's memory figures. */
  get bytes(): number {
    return this.keys.byteLength + this.slots.byteLength + this.order.byteLength;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    const capacity = oldKeys.length * 2;
    this.keys = new Float64Array(capacity);
    this.slots = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j];
      if (key === 0) continue;
      let i = NumberIndex.hash(key) & this.mask;
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.slots[i] = oldSlots[j];
    }
  }
}

/** A copy of `a` with room for at least `needed` entries (grows by half, so appends stay amortised O(1)). */
export function growFloat64(a: Float64Array, needed: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(Math.max(needed, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}

export function growUint32(a: Uint32Array, needed: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(Math.max(needed, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}

export function growUint8(a: Uint8Array, needed: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(needed, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}
