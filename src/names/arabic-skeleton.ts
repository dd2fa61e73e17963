/**
 * Consonant skeletons of an Arabic-script word, built from its letters, in the alphabet of the
 * Latin skeletons of fold.ts (`skeletonKey`): so `عثمان` meets `Usman` and `Uthman`, `ضیا`
 * meets `Zia`, `جماعة` meets `Jamaat`.
 *
 * Transliterating first loses what romanisations disagree on: ث is `th` in Arabic names and
 * `s` in Persian and Urdu ones; ض, ظ and ذ are `d`, `z` or `dh`; ة is silent or `t`; ج is `g` in
 * Egypt, ق `g` in the Gulf. Such a letter gives each of its readings, so a word has one skeleton
 * per combination (at most MAX_SKELETONS).
 */

/** Letters that are vowels in a name's Latin form: long vowels and their seats. */
const VOWEL_LETTERS = new Set(['ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ئ', 'ؤ', 'ے']);
/** Letters that are a consonant at the start of a word and a long vowel inside it. */
const GLIDES: Record<string, string> = { و: 'v', ي: 'i', ی: 'i' };
/** Letters written but not read in Latin (hamza, ayn inside a word). */
const SILENT = new Set(['ء', 'ع']);

/**
 * Each consonant letter's readings, as skeleton letters (`K` kh, `G` gh, `S` sh/ch, as in
 * fold.ts); an empty reading is silent.
 */
const READINGS: Record<string, readonly string[]> = {
  ب: ['b'], پ: ['p'], ت: ['t'], ط: ['t'], ٹ: ['t'], ث: ['t', 's'], ج: ['j', 'g'], چ: ['S'], ح: ['h'], خ: ['K'],
  د: ['d'], ڈ: ['d'], ذ: ['z', 'd'], ر: ['r'], ڑ: ['r'], ز: ['z'], ژ: ['j'], س: ['s'], ص: ['s'], ش: ['S'],
  ض: ['d', 'z'], ظ: ['z', 'd'], غ: ['G'], ف: ['f'], ق: ['k', 'g'], ك: ['k'], ک: ['k'], گ: ['g'], ل: ['l'],
  م: ['m'], ن: ['n'], ں: ['n'], ه: ['h'], ہ: ['h'], ة: ['', 't'],
};
/** ھ marks the consonant before it as aspirated (`کھ` kh, `دھ` dh): it adds no letter. */
const ASPIRATION = 'ھ';

const MAX_SKELETONS = 8;

/**
 * The skeletons of one Arabic-script word (no spaces; short-vowel marks already removed), at
 * least two letters long; empty when the word holds a letter outside the table.
 */
export function arabicSkeletons(word: string): string[] {
  let variants: string[] = [''];
  let firstDone = false;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    let readings: readonly string[];
    if (ch === ASPIRATION) continue;
    if (VOWEL_LETTERS.has(ch) || SILENT.has(ch)) {
      readings = [firstDone ? '' : 'a'];
    } else if (GLIDES[ch] !== undefined) {
      // At the start a consonant (`Yusuf`, `Walid`; the Latin skeleton reads an initial i/y as
      // a vowel); inside a word a long vowel, and و also a `w` (`عويس`, ʿUways: `Aweys`).
      const g = GLIDES[ch]!;
      readings = firstDone ? (g === 'v' ? ['', 'v'] : ['']) : [g === 'i' ? 'a' : 'v'];
    } else {
      const r = READINGS[ch];
      if (r === undefined) return [];
      readings = r;
    }
    firstDone = true;
    const next: string[] = [];
    for (const v of variants) for (const r of readings) if (next.length < MAX_SKELETONS) next.push(v + r);
    variants = next;
  }
  const out = new Set<string>();
  for (let v of variants) {
    // As the Latin skeleton: a `w` right after a consonant is a long vowel, a final h is
    // dropped, repeated letters are one.
    v = v.slice(0, 1) + v.slice(1).replace(/([^aeiouv])v/g, '$1');
    if (v.length > 2 && v.endsWith('h')) v = v.slice(0, -1);
    v = v.replace(/(.)\1+/g, '$1');
    if (v.length >= 2) out.add(v);
  }
  return [...out];
}

const cache = new Map<string, readonly string[]>();

/** arabicSkeletons, remembered: the same words come back in name after name. */
export function arabicSkeletonsCached(word: string): readonly string[] {
  let out = cache.get(word);
  if (!out) {
    if (cache.size >= 100_000) cache.clear();
    out = arabicSkeletons(word);
    cache.set(word, out);
  }
  return out;
}
