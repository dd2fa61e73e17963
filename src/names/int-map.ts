/**
 * A small map from non-negative int32 keys to int32 values, open addressing with linear
 * probing, cleared in O(1) by a generation stamp. A query touches a few thousand of the
 * index's million records and a few dozen of its vocabulary tokens: a table sized to those
 * stays in cache, where arrays sized to the whole index cost a memory access per look-up.
 */
export class IntMap {
  private keys: Int32Array;
  private vals: Int32Array;
  private stamps: Int32Array;
  private mask: number;
  private gen = 1;
  private count = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.stamps = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
    if (++this.gen >= 0x7fffffff) {
      this.gen = 1;
      this.stamps.fill(0);
    }
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const stamps = this.stamps;
    const gen = this.gen;
    let h = slot(key) & this.mask;
    while (stamps[h] === gen) {
      if (keys[h] === key) return this.vals[h]!;
      h = (h + 1) & this.mask;
    }
    return -1;
  }

  /** Sets `key` to `val`. */
  set(key: number, val: number): void {
    const h = this.find(key);
    if (this.stamps[h] !== this.gen) {
      this.stamps[h] = this.gen;
      this.keys[h] = key;
      this.count++;
    }
    this.vals[h] = val;
    if (this.count * 2 > this.mask) this.grow();
  }

  /** The value of `key` if present; otherwise sets it to `val` and returns -1. */
  getOrSet(key: number, val: number): number {
    const keys = this.keys;
    const stamps = this.stamps;
    const gen = this.gen;
    const mask = this.mask;
    let h = slot(key) & mask;
    for (;;) {
      if (stamps[h] !== gen) break;
      if (keys[h] === key) return this.vals[h]!;
      h = (h + 1) & mask;
    }
    stamps[h] = gen;
    keys[h] = key;
    this.vals[h] = val;
    if (++this.count * 2 > mask) this.grow();
    return -1;
  }

  private find(key: number): number {
    const keys = this.keys;
    const stamps = this.stamps;
    const gen = this.gen;
    let h = slot(key) & this.mask;
    while (stamps[h] === gen && keys[h] !== key) h = (h + 1) & this.mask;
    return h;
  }

  private grow(): void {
    const { keys, vals, stamps, gen } = this;
    const cap = (this.mask + 1) * 2;
    this.keys = new Int32Array(cap);
    this.vals = new Int32Array(cap);
    this.stamps = new Int32Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (stamps[i] === gen) this.set(keys[i]!, vals[i]!);
  }
}

function slot(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7;
}
