/**
 * A set of E.164 numbers (stored as float64: E.164 has at most 15 digits, so every number is exact) that also
 * remembers the order numbers were first seen in, which is their index. Open addressing over typed arrays: the
 * table holds only indexes (4 bytes a slot, at most 75 % full), the numbers live once, in order (8 bytes each) —
 * about 13–19 bytes per number, against ~60 for a `Set<number>` of numbers this large (each one a heap number).
 * Measured by `bench/audience.mjs`.
 */
export class NumberIndex {
  /** index + 1 of the number in each slot, 0 for an empty slot. */
  private table: Uint32Array;
  private mask: number;
  /** Numbers in first-seen order; `order[i]` is the number with index i. */
  private order: Float64Array;
  size = 0;

  constructor(expected = 1024) {
    this.table = new Uint32Array(NumberIndex.capacityFor(expected));
    this.mask = this.table.length - 1;
    this.order = new Float64Array(Math.max(16, expected));
  }

  private static capacityFor(n: number): number {
    let capacity = 1024;
    while (capacity * 0.75 < n) capacity *= 2;
    return capacity;
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
      const slot = this.table[i];
      if (slot === 0) return -1;
      if (this.order[slot - 1] === key) return slot - 1;
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
      const slot = this.table[i];
      if (slot === 0) break;
      if (this.order[slot - 1] === key) return slot - 1;
      i = (i + 1) & this.mask;
    }
    const index = this.size++;
    if (index >= this.order.length) this.order = growFloat64(this.order, index + 1);
    this.order[index] = key;
    this.table[i] = index + 1;
    if (this.size > (this.mask + 1) * 0.75) this.rehash(this.table.length * 2);
    return -1;
  }

  /** Makes room for `n` numbers at once (no growth copies while they arrive). */
  reserve(n: number): void {
    if (n > this.order.length) {
      const next = new Float64Array(n);
      next.set(this.order.subarray(0, this.size));
      this.order = next;
    }
    const capacity = NumberIndex.capacityFor(n);
    if (capacity > this.table.length) this.rehash(capacity);
  }

  /** The numbers in first-seen order (a view, not a copy). */
  inOrder(): Float64Array {
    return this.order.subarray(0, this.size);
  }

  /** The number with a given index (first-seen order). */
  at(index: number): number {
    return this.order[index];
  }

  /** Bytes held, for the benchmark's memory figures. */
  get bytes(): number {
    return this.table.byteLength + this.order.byteLength;
  }

  private rehash(capacity: number): void {
    this.table = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let index = 0; index < this.size; index++) {
      let i = NumberIndex.hash(this.order[index]) & this.mask;
      while (this.table[i] !== 0) i = (i + 1) & this.mask;
      this.table[i] = index + 1;
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
