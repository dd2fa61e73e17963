/**
 * Sorting small sets of indexes by numeric keys without allocating: the search sorts a few
 * dozen to a few hundred alternatives or candidates per query, and Array.prototype.sort's
 * temporaries were a sixth of what a query allocated.
 */

/**
 * Sorts idx[0 .. n) by (key1[i] × dir1, then key2[i] × dir2, then tie[i] ascending, then i
 * ascending): dir +1 ascending, -1 descending; key2 and tie may be null. Insertion sort for
 * short runs, heapsort beyond.
 */
export function sortIndexes(
  idx: Int32Array, n: number, key1: Float64Array | Int32Array, dir1: number, key2: Float64Array | Int32Array | null, dir2: number, tie: Int32Array | null = null,
): void {
  if (n <= 32) {
    for (let i = 1; i < n; i++) {
      const x = idx[i]!;
      let j = i - 1;
      while (j >= 0 && before(x, idx[j]!, key1, dir1, key2, dir2, tie)) {
        idx[j + 1] = idx[j]!;
        j--;
      }
      idx[j + 1] = x;
    }
    return;
  }
  for (let start = (n >> 1) - 1; start >= 0; start--) sift(idx, start, n, key1, dir1, key2, dir2, tie);
  for (let end = n - 1; end > 0; end--) {
    const t = idx[0]!;
    idx[0] = idx[end]!;
    idx[end] = t;
    sift(idx, 0, end, key1, dir1, key2, dir2, tie);
  }
}

function before(a: number, b: number, key1: Float64Array | Int32Array, dir1: number, key2: Float64Array | Int32Array | null, dir2: number, tie: Int32Array | null): boolean {
  const d1 = (key1[a]! - key1[b]!) * dir1;
  if (d1 !== 0) return d1 < 0;
  if (key2 !== null) {
    const d2 = (key2[a]! - key2[b]!) * dir2;
    if (d2 !== 0) return d2 < 0;
  }
  if (tie !== null && tie[a] !== tie[b]) return tie[a]! < tie[b]!;
  return a < b;
}

/** Heapsort's sift-down, with the element last in order rising to the top. */
function sift(idx: Int32Array, start: number, end: number, key1: Float64Array | Int32Array, dir1: number, key2: Float64Array | Int32Array | null, dir2: number, tie: Int32Array | null): void {
  let root = start;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && before(idx[child]!, idx[child + 1]!, key1, dir1, key2, dir2, tie)) child++;
    if (!before(idx[root]!, idx[child]!, key1, dir1, key2, dir2, tie)) return;
    const t = idx[root]!;
    idx[root] = idx[child]!;
    idx[child] = t;
    root = child;
  }
}
