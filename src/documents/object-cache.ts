/**
 * Values computed from an object (a document's data, one of its texts), kept on the object itself: a
 * non-enumerable array under one private symbol, a slot per cache. Invisible to JSON, spreads, Object.keys
 * and structured clones, so a shallow copy of the object starts with no cached values (documents/release.ts).
 *
 * Not a WeakMap: a module's WeakMap lives in V8's old generation, and the scavenger keeps every young value
 * of it alive until a full collection, so each document's facts were promoted and collected late: measured on
 * 10,000 templates, one thread, peak RSS 366 → 327 MB and 5.65 → 5.24 s with this instead. Here a value dies
 * with its object, young.
 */
const SLOTS = Symbol('msglint cached values');

type Holder = { [SLOTS]?: unknown[] };

let nextSlot = 0;

export class ObjectCache<K extends object, V> {
  private readonly slot = nextSlot++;
  /** For objects that cannot take a property (frozen, sealed, non-extensible). */
  private fallback?: WeakMap<K, V>;

  get(key: K): V | undefined {
    const slots = (key as Holder)[SLOTS];
    if (slots !== undefined) return slots[this.slot] as V | undefined;
    return this.fallback?.get(key);
  }

  set(key: K, value: V): void {
    let slots = (key as Holder)[SLOTS];
    if (slots === undefined) {
      if (!Object.isExtensible(key)) {
        (this.fallback ??= new WeakMap()).set(key, value);
        return;
      }
      slots = [];
      Object.defineProperty(key, SLOTS, { value: slots, writable: false, enumerable: false, configurable: true });
    }
    slots[this.slot] = value;
  }
}
