import { hashString } from './keytable.js';

/**
 * Transliteration folding of one normalised word (lower-case ASCII). Three keys, from strict
 * to loose:
 * - fold: spelling variants that romanisations of Arabic, Urdu and Persian treat as the same
 *   letter (`q`/`k`, `ph`/`f`, `dh`/`z`, `w`/`v`, `ee`/`i`, `ou`/`oo`/`u`, `y`/`i`, doubled
 *   letters, a final `h` after a vowel, the Muhammad family). Equal folds are the same name.
 * - skeleton: the consonants of the fold, vowels dropped (a leading vowel kept as `a`) and
 *   digraphs reduced, because romanisations disagree most about vowels and Arabic script
 *   writes none (any-ascii gives `hsyn` for حسين, the skeleton of Husayn/Hussain/Hussian).
 * - phonetic: the skeleton with voiced/unvoiced and near-homophone consonants merged.
 */

const VOWEL = /[aeiou]/;

export function foldToken(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let s = word;
  s = s.replace(/isation(s?)$/, 'ization$1').replace(/ise$/, 'ize');
  s = s.replace(/ph/g, 'f').replace(/ck/g, 'k').replace(/q/g, 'k').replace(/dh/g, 'z').replace(/w/g, 'v');
  // Cyrillic кс is romanised `ks` or `x` (`Aleksandr`/`Alexander`, `Maksim`/`Maxim`).
  if (s.includes('x')) s = s.replace(/x/g, 'ks');
  s = s.replace(/y/g, 'i').replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/ou/g, 'u');
  s = s.replace(/ae|ei|ai/g, 'ai');
  s = s.replace(/(.)\1+/g, '$1');
  if (s.length > 3 && s.endsWith('h') && VOWEL.test(s[s.length - 2]!)) s = s.slice(0, -1);
  // Muhammad is written a dozen ways and is the most frequent token of the lists; its
  // variants differ only in vowels, which the skeleton would catch at a lower similarity.
  if (/^m[ou]h?[ae]m[ae]d$/.test(s)) s = 'muhamad';
  return s;
}

const DIGRAPHS = /([kgstczjbdp])h|x/g;
// Digraphs for one Arabic letter become one symbol, kept apart from the single letter (ش is
// not س, خ is not ك); the phonetic key merges them. French `ch` is English `sh` (Cherif).
const DIGRAPH_MAP: Record<string, string> = { k: 'K', g: 'G', s: 'S', t: 't', c: 'S', z: 'j', j: 'j', b: 'b', d: 'd', p: 'f' };

export function skeletonKey(fold: string): string {
  if (fold === '') return '';
  if (/^\d+$/.test(fold)) return fold;
  // Digraphs first, while their letters are still adjacent as written: after dropping vowels
  // `saheb` would otherwise read as `shb` and meet `shabi`.
  // French romanisation writes s as c before e and i (`Hocine` for Husayn).
  let s = fold.replace(DIGRAPHS, digraph).replace(/c(?=[ei])/g, 's');
  const first = VOWEL.test(s[0]!) ? 'a' : s[0]!;
  // A `w` (folded to `v`) after a consonant is Arabic و written for a long vowel (`dwlh`).
  const rest = s.slice(1).replace(/[aeiou]/g, '').replace(/([^aeiouv])v/g, '$1');
  s = first + rest;
  if (s.length > 2 && s.endsWith('h')) s = s.slice(0, -1);
  return s.replace(/(.)\1+/g, '$1');
}

/**
 * The skeleton of a word transliterated from Arabic script, where و and ي inside a word are
 * usually long vowels (`ywns` for Yunus), not the consonants w and y.
 */
export function abjadSkeletonKey(fold: string): string {
  return skeletonKey(fold.length > 1 ? fold[0] + fold.slice(1).replace(/[vi]/g, '') : fold);
}

/**
 * Where the vowels of a fold sit: its consonant clusters (joined by `|`: compared as one
 * string) and the class mask of each vowel cluster (4 bits each, packed: the first eight in
 * vowelsLo, the next eight in vowelsHi). Flat, so comparing two layouts allocates nothing.
 */
export interface VowelLayout {
  clusterKey: string;
  clusterCount: number;
  vowelsLo: number;
  vowelsHi: number;
  vowelCount: number;
  endsVowel: boolean;
  finalVowels: number;
}

// Romanisations swap a/e, e/i and o/u, rarely a/o or i/u (`Proma`/`Primo`): classes as bits.
const VOWEL_BITS: Record<string, number> = { a: 1, e: 3, i: 6, o: 8, u: 8 };

/** Null when the fold is written without interior vowels (transliterated Arabic script): layout unknown. */
export function vowelLayout(f: string): VowelLayout | null {
  const s = f.replace(DIGRAPHS, digraph);
  const n = s.length;
  if (n >= 3) {
    let interior = false;
    for (let i = 1; i < n - 1; i++) if (VOWEL_BITS[s[i]!] !== undefined) interior = true;
    if (!interior) return null;
  }
  let clusterKey = '';
  let clusterCount = 0;
  let vowelsLo = 0;
  let vowelsHi = 0;
  let vowelCount = 0;
  let cons = '';
  let mask = 0;
  let run = 0;
  const pushVowels = () => {
    if (vowelCount < 8) vowelsLo |= mask << (4 * vowelCount);
    else if (vowelCount < 16) vowelsHi |= mask << (4 * (vowelCount - 8));
    vowelCount++;
  };
  const pushCluster = () => {
    clusterKey = clusterCount === 0 ? cons : `${clusterKey}|${cons}`;
    clusterCount++;
  };
  for (let i = 0; i < n; i++) {
    const c = s[i]!;
    const bits = VOWEL_BITS[c];
    if (bits === undefined) {
      if (mask) pushVowels();
      mask = 0;
      run = 0;
      cons += c;
    } else {
      if (cons) pushCluster();
      cons = '';
      mask |= bits;
      run++;
    }
  }
  if (cons) pushCluster();
  if (mask) pushVowels();
  return { clusterKey, clusterCount, vowelsLo, vowelsHi, vowelCount, endsVowel: run > 0, finalVowels: run };
}

/**
 * How far apart the vowel layouts of two folds with the same skeleton are: 0 when vowels sit
 * between the same consonants and are of compatible quality (`Taiba`/`Toiba`,
 * `Husain`/`Husian`), more when a vowel is inserted into a cluster (`Bakr`/`Bakar`), a suffix
 * vowel is added (`Muhammadiya`) or a suffix changes the final vowels (`Arabiya`/`Arabe`), the vowels sit elsewhere (`Almarai`/`Alamir`) or differ in
 * quality (`Proma`/`Primo`). Null when either layout is unknown.
 */
export function layoutDistance(la: VowelLayout | null, lb: VowelLayout | null): number | null {
  if (la === null || lb === null) return null;
  return distanceTo(la, lb.finalVowels, lb.clusterCount, la.clusterKey === lb.clusterKey, lb.vowelsLo, lb.vowelsHi, lb.vowelCount);
}

/** layoutDistance from `la` to a layout given by its parts (`sameClusters`: the two cluster keys are equal). */
function distanceTo(
  la: VowelLayout, finalB: number, clustersB: number, sameClusters: boolean, vowelsLoB: number, vowelsHiB: number, vowelCountB: number,
): number {
  let d = 0;
  // A layout ends in a vowel exactly when it has final vowels.
  if (la.endsVowel !== finalB > 0) d += Math.max(la.finalVowels, finalB) >= 2 ? 2 : 1;
  // One vowel against several at the end is a suffix (`Arabiya`/`Arabi`/`Arabe`, `Islamiya`/`Islami`).
  else if (la.endsVowel && Math.min(la.finalVowels, finalB) === 1 && Math.max(la.finalVowels, finalB) >= 2) d += 2;
  if (la.clusterCount !== clustersB) d += Math.abs(la.clusterCount - clustersB);
  else if (!sameClusters) d += 2;
  else if (la.vowelCount === vowelCountB) {
    // Nibbles with no class bit in common: vowels of incompatible quality.
    d += disjointNibbles(la.vowelsLo, vowelsLoB, Math.min(8, la.vowelCount));
    if (la.vowelCount > 8) d += disjointNibbles(la.vowelsHi, vowelsHiB, Math.min(8, la.vowelCount - 8));
  }
  return d;
}

function disjointNibbles(a: number, b: number, count: number): number {
  const common = a & b;
  let d = 0;
  for (let i = 0; i < count; i++) if (((common >>> (4 * i)) & 15) === 0) d++;
  return d;
}

/** A 32-bit hash of a string with a seed: two seeds give a 64-bit fingerprint of a layout's clusters. */
export function fingerprint(s: string, seed: number): number {
  return hashString(s, seed) | 0;
}

/**
 * Vowel layouts of many words in flat arrays, filled on first use: layoutDistance for a word
 * of the table without reading an object per word. Clusters are compared by a 64-bit
 * fingerprint of their key.
 */
export class LayoutTable {
  /** 0: not computed yet; 1: unknown layout (null); 2: known. */
  readonly state: Uint8Array;
  private readonly hashA: Int32Array;
  private readonly hashB: Int32Array;
  private readonly clusterCount: Uint8Array;
  private readonly vowelsLo: Int32Array;
  private readonly vowelsHi: Int32Array;
  private readonly vowelCount: Uint8Array;
  private readonly finalVowels: Uint8Array;

  constructor(size: number) {
    this.state = new Uint8Array(size);
    this.hashA = new Int32Array(size);
    this.hashB = new Int32Array(size);
    this.clusterCount = new Uint8Array(size);
    this.vowelsLo = new Int32Array(size);
    this.vowelsHi = new Int32Array(size);
    this.vowelCount = new Uint8Array(size);
    this.finalVowels = new Uint8Array(size);
  }

  set(i: number, l: VowelLayout | null): void {
    if (l === null) {
      this.state[i] = 1;
      return;
    }
    this.state[i] = 2;
    this.hashA[i] = fingerprint(l.clusterKey, 0x3c6ef372);
    this.hashB[i] = fingerprint(l.clusterKey, 0x0a54ff53);
    this.clusterCount[i] = Math.min(255, l.clusterCount);
    this.vowelsLo[i] = l.vowelsLo;
    this.vowelsHi[i] = l.vowelsHi;
    this.vowelCount[i] = Math.min(255, l.vowelCount);
    this.finalVowels[i] = Math.min(255, l.finalVowels);
  }

  /** layoutDistance(la, layout of entry i); the entry must be set. Null when either is unknown. */
  distance(la: VowelLayout | null, laHashA: number, laHashB: number, i: number): number | null {
    if (la === null || this.state[i] !== 2) return null;
    const sameClusters = laHashA === this.hashA[i] && laHashB === this.hashB[i];
    return distanceTo(la, this.finalVowels[i]!, this.clusterCount[i]!, sameClusters, this.vowelsLo[i]!, this.vowelsHi[i]!, this.vowelCount[i]!);
  }
}

export function vowelLayoutDistance(a: string, b: string): number | null {
  return layoutDistance(vowelLayout(a), vowelLayout(b));
}

/** True when a fold has no vowel inside it: a transliteration of a script written without vowels, or an acronym. */
export function hasNoInteriorVowel(f: string): boolean {
  return f.length >= 3 && !/[aeiou]/.test(f.slice(1, -1));
}

function digraph(m: string, c: string | undefined): string {
  return c === undefined ? 'K' : (DIGRAPH_MAP[c] ?? m);
}

const PHONETIC_MAP: Record<string, string> = { p: 'b', v: 'f', c: 'k', g: 'k', z: 's', x: 'k', j: 'j', d: 't', K: 'k', G: 'k', S: 's' };

export function phoneticKey(skeleton: string): string {
  let s = '';
  for (const c of skeleton) s += PHONETIC_MAP[c] ?? c;
  return s.replace(/(.)\1+/g, '$1');
}
