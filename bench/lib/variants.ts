/**
 * Deterministic spelling variation for the benchmarks: the kinds of differences
 * romanisations and typists introduce (vowel swaps, doubled letters, q/k, ph/f, w/v, ee/i,
 * particles written joined, hyphenated or dropped, one-letter typos). Seeded, so every run
 * builds the same index and asks the same queries.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const SWAPS: [RegExp, string][] = [
  [/a/i, 'e'], [/e/i, 'a'], [/o/i, 'u'], [/u/i, 'o'], [/i/i, 'ee'], [/ee/i, 'i'], [/y/i, 'i'], [/i/i, 'y'],
  [/q/i, 'k'], [/k/i, 'q'], [/ph/i, 'f'], [/f/i, 'ph'], [/w/i, 'v'], [/v/i, 'w'], [/ou/i, 'u'], [/u/i, 'ou'],
  [/([bdfgklmnprstz])\1/i, '$1'], [/([bdlmnrst])(?=[aeiou])/i, '$1$1'], [/dh/i, 'z'], [/z/i, 'dh'],
];

/** One transliteration-style change to a word (or the word itself when none applies). */
export function varyWord(r: () => number, w: string): string {
  for (let tries = 0; tries < 4; tries++) {
    const [re, rep] = pick(r, SWAPS);
    if (re.test(w)) return w.replace(re, rep);
  }
  return w;
}

/** A one-letter typo: deletion, duplication, substitution or swap of neighbours. */
export function typo(r: () => number, w: string): string {
  if (w.length < 4) return w;
  const i = 1 + Math.floor(r() * (w.length - 2));
  switch (Math.floor(r() * 4)) {
    case 0: return w.slice(0, i) + w.slice(i + 1);
    case 1: return w.slice(0, i) + w[i] + w.slice(i);
    case 2: return w.slice(0, i) + pick(r, [...'aeioubdhklmnrst']) + w.slice(i + 1);
    default: return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
  }
}

const PARTICLES = ['al-', 'ul-', 'el-', '-e-', '-i-', 'ud-'];

/** A variant of a whole name: some words respelled, maybe a typo, particles changed. */
export function varyName(r: () => number, name: string, strength = 0.35): string {
  const words = name.split(/\s+/).filter((w) => w !== '');
  const out = words.map((w) => {
    let x = w;
    if (r() < strength) x = varyWord(r, x);
    if (r() < strength / 4) x = typo(r, x);
    if (r() < strength / 4) x = x.replace(/^(al|el|ul)-/i, () => pick(r, PARTICLES).replace(/^-|-$/g, '') + (r() < 0.5 ? '-' : ' '));
    return x;
  });
  return out.join(' ');
}
