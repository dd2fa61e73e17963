/**
 * String similarities between two folded tokens (never whole names: see the scorer). The
 * cores work on UTF-16 code arrays, so the index compares its stored words where they lie
 * (the vocabulary's code array) without decoding them into strings.
 */

const MAX_WORD = 255;
const codesA = new Uint16Array(MAX_WORD);
const codesB = new Uint16Array(MAX_WORD);

/** Copies a word's first MAX_WORD code units into `out`; returns their count. */
export function toCodes(s: string, out: Uint16Array): number {
  const n = Math.min(s.length, out.length);
  for (let i = 0; i < n; i++) out[i] = s.charCodeAt(i);
  return n;
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  return jaroWinklerCodes(codesA, 0, toCodes(a, codesA), codesB, 0, toCodes(b, codesB));
}

/** Per character code below 128: the positions of b where it occurs, as bits (filled and cleared per call). */
const positions = new Int32Array(128);

/** Jaro-Winkler of a[aStart .. aStart+la) and b[bStart .. bStart+lb). */
export function jaroWinklerCodes(a: Uint16Array, aStart: number, la: number, b: Uint16Array, bStart: number, lb: number): number {
  if (la === 0 || lb === 0) return 0;
  if (la > 31 || lb > 31) return jaroWinklerScan(a, aStart, la, b, bStart, lb);
  for (let j = 0; j < lb; j++) {
    if (b[bStart + j]! >= 128) {
      for (let x = 0; x < j; x++) positions[b[bStart + x]!] = 0;
      return jaroWinklerScan(a, aStart, la, b, bStart, lb);
    }
    positions[b[bStart + j]!]! |= 1 << j;
  }
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  // Each position of a, in order, takes the first free position of b holding its letter within
  // the window: the same greedy matching as the scan, found with bit operations.
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a[aStart + i]!;
    if (c >= 128) continue;
    const lo = i - window;
    const hi = i + window;
    let inWindow = hi >= 30 ? -1 : (1 << (hi + 1)) - 1;
    if (lo > 0) inWindow &= ~((1 << lo) - 1);
    const free = positions[c]! & inWindow & ~matchedB;
    if (free === 0) continue;
    matchedB |= free & -free;
    matchedA |= 1 << i;
    matches++;
  }
  for (let j = 0; j < lb; j++) positions[b[bStart + j]!] = 0;
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!(matchedA & (1 << i))) continue;
    while (!(matchedB & (1 << k))) k++;
    if (a[aStart + i] !== b[bStart + k]) transpositions++;
    k++;
  }
  return finishJaroWinkler(a, aStart, la, b, bStart, lb, matches, transpositions);
}

function finishJaroWinkler(a: Uint16Array, aStart: number, la: number, b: Uint16Array, bStart: number, lb: number, m: number, transpositions: number): number {
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[aStart + prefix] === b[bStart + prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** The plain form, for words longer than 31 letters or with letters beyond ASCII. */
export function jaroWinklerScan(a: Uint16Array, aStart: number, la: number, b: Uint16Array, bStart: number, lb: number): number {
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  // Tokens are short: bit masks avoid allocating per comparison.
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    const c = a[aStart + i]!;
    for (let j = lo; j <= hi; j++) {
      if (j < 31 && matchedB & (1 << j)) continue;
      if (b[bStart + j] !== c) continue;
      if (j < 31) matchedB |= 1 << j;
      if (i < 31) matchedA |= 1 << i;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la && i < 31; i++) {
    if (!(matchedA & (1 << i))) continue;
    while (k < lb && k < 31 && !(matchedB & (1 << k))) k++;
    if (k < lb && a[aStart + i] !== b[bStart + k]) transpositions++;
    k++;
  }
  return finishJaroWinkler(a, aStart, la, b, bStart, lb, matches, transpositions);
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition: `Hussian`),
 * giving up early with `max + 1` once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  return editDistanceCodes(codesA, 0, toCodes(a, codesA), codesB, 0, toCodes(b, codesB), max);
}

/** editDistance of a[aStart .. aStart+la) and b[bStart .. bStart+lb). */
export function editDistanceCodes(a: Uint16Array, aStart: number, la: number, b: Uint16Array, bStart: number, lb: number, max: number): number {
  if (Math.abs(la - lb) > max) return max + 1;
  if (rows[0]!.length < lb + 1) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(2 * (lb + 1));
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a[aStart + i - 1]!;
    for (let j = 1; j <= lb; j++) {
      const cb = b[bStart + j - 1]!;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b[bStart + j - 2] && a[aStart + i - 2] === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

/** Three rows of the distance table, reused from call to call. */
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
