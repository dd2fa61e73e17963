/**
 * Compact multimaps from 32-bit key hashes to int32 values, in three flat typed arrays:
 * sorted unique keys, offsets, values. A lookup is a binary search. Key strings are not
 * kept: a lookup can return a value whose key merely shares the hash, so callers verify
 * (or accept the 1-in-4-billion chance where that is harmless).
 */

export function hashString(s: string, seed: number): number {
  return finishHash(hashFrom(s, 0, s.length, hashStart(seed)));
}

/** The hash state before any character (hashString = finishHash(hashFrom(s, 0, s.length, hashStart(seed)))). */
export function hashStart(seed: number): number {
  return (0x811c9dc5 ^ seed) >>> 0;
}

/** The hash state after characters [from, to) of s, from state h. */
export function hashFrom(s: string, from: number, to: number, h: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

export function finishHash(state: number): number {
  // Final avalanche so keys differing in the last character spread across the table.
  let h = state;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export interface KeyTableData {
  keys: Uint32Array;
  offsets: Int32Array;
  values: Int32Array;
}

export function allocInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
}
export function allocUint32(n: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
}
export function allocFloat32(n: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
}
export function allocUint8(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(1, n)), 0, n);
}
export function allocUint16(n: number): Uint16Array {
  return new Uint16Array(new SharedArrayBuffer(Math.max(1, n) * 2), 0, n);
}

/** An append-only int32 list that grows by doubling (build time only). */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Collects (key, value) pairs and freezes them into a {@link KeyTable}. */
export class KeyTableBuilder {
  private readonly keys = new IntList(1 << 14);
  private readonly values = new IntList(1 << 14);

  add(key: number, value: number): void {
    this.keys.push(key | 0);
    this.values.push(value);
  }

  build(): KeyTable {
    const n = this.keys.length;
    const [keys, values] = radixSortPairs(new Uint32Array(this.keys.data.buffer, 0, n), this.values.data.subarray(0, n));
    // Drop repeated (key, value) pairs and count unique keys.
    let unique = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && keys[i] === keys[i - 1] && values[i] === values[i - 1]) continue;
      if (kept === 0 || keys[i] !== keys[kept - 1]) unique++;
      keys[kept] = keys[i]!;
      values[kept] = values[i]!;
      kept++;
    }
    const outKeys = allocUint32(unique);
    const offsets = allocInt32(unique + 1);
    const outValues = allocInt32(kept);
    let u = -1;
    for (let i = 0; i < kept; i++) {
      if (i === 0 || keys[i] !== keys[i - 1]) {
        u++;
        outKeys[u] = keys[i]!;
        offsets[u] = i;
      }
      outValues[i] = values[i]!;
    }
    offsets[unique] = kept;
    return new KeyTable({ keys: outKeys, offsets, values: outValues });
  }
}

export class KeyTable {
  readonly keys: Uint32Array;
  readonly offsets: Int32Array;
  readonly values: Int32Array;
  /**
   * Where the keys sharing their top `bits` bits start: keys are hashes, spread evenly, so a
   * look-up reads its bucket's start and scans a few keys, where a binary search over a
   * million keys would miss the cache a dozen times.
   */
  private readonly bucketStart: Int32Array;
  private readonly shift: number;

  constructor(data: KeyTableData) {
    this.keys = data.keys;
    this.offsets = data.offsets;
    this.values = data.values;
    const n = this.keys.length;
    let bits = 1;
    while (bits < 24 && 1 << (bits + 2) <= n) bits++;
    this.shift = 32 - bits;
    const buckets = 1 << bits;
    this.bucketStart = new Int32Array(buckets + 1);
    let b = 0;
    for (let i = 0; i < n; i++) {
      const kb = this.keys[i]! >>> this.shift;
      while (b <= kb) this.bucketStart[b++] = i;
    }
    while (b <= buckets) this.bucketStart[b++] = n;
  }

  get data(): KeyTableData {
    return { keys: this.keys, offsets: this.offsets, values: this.values };
  }

  /** Index of the key's group, or -1; its values are `values[offsets[g] .. offsets[g+1])`. */
  find(key: number): number {
    const keys = this.keys;
    const k = key >>> 0;
    const b = k >>> this.shift;
    const end = this.bucketStart[b + 1]!;
    for (let i = this.bucketStart[b]!; i < end; i++) {
      const x = keys[i]!;
      if (x === k) return i;
      if (x > k) return -1;
    }
    return -1;
  }
}

/** LSD radix sort of uint32 keys carrying int32 values; stable, so values stay in insertion order per key. */
export function radixSortPairs(keysIn: Uint32Array, valuesIn: Int32Array): [Uint32Array, Int32Array] {
  const n = keysIn.length;
  let k = Uint32Array.from(keysIn);
  let v = Int32Array.from(valuesIn);
  let k2 = new Uint32Array(n);
  let v2 = new Int32Array(n);
  const count = new Int32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(k[i]! >>> shift) & 255]!++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b]!;
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const b = (k[i]! >>> shift) & 255;
      const p = count[b]!++;
      k2[p] = k[i]!;
      v2[p] = v[i]!;
    }
    [k, k2] = [k2, k];
    [v, v2] = [v2, v];
  }
  return [k, v];
}
