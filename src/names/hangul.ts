/**
 * Korean names in hangul, romanised syllable by syllable as the press writes them: every
 * syllable a word (`김정은` → `kim jong un`, as Kim Jong Un; `문재인` → `mun jae in`, as Moon
 * Jae-in). any-ascii runs a name's syllables together in Revised Romanisation (`gimjeongeun`),
 * which meets neither the North Korean forms on the lists nor the usual press spellings.
 *
 * The vowels follow McCune-Reischauer without its breves (ㅓ and ㅡ as `o` and `u`), the forms on
 * the UN and US lists; a first syllable's ㄱ, ㄷ, ㅂ are `k`, `t`, `p` there too (Kim, Pak).
 */
const FIRST = 0xac00;
const LAST = 0xd7a3;

const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
/** Word-initial forms where they differ (ㄱ, ㄷ, ㄹ, ㅂ). */
const WORD_INITIALS: Record<number, string> = { 0: 'k', 3: 't', 5: 'r', 7: 'p' };
const MEDIALS = ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'];
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

export const HANGUL = /[\uAC00-\uD7A3]/;
const HANGUL_RUNS = /[\uAC00-\uD7A3]+/g;

function syllable(code: number, wordStart: boolean): string {
  const n = code - FIRST;
  const initial = Math.floor(n / (21 * 28));
  const medial = Math.floor((n % (21 * 28)) / 28);
  const final = n % 28;
  const head = wordStart ? (WORD_INITIALS[initial] ?? INITIALS[initial]!) : INITIALS[initial]!;
  return head + MEDIALS[medial]! + FINALS[final]!;
}

/** Hangul syllables as space-separated Latin syllables; other characters as they are. */
export function romaniseHangul(text: string): string {
  return text.replace(HANGUL_RUNS, (run) => {
    const out: string[] = [];
    for (let i = 0; i < run.length; i++) {
      const code = run.charCodeAt(i);
      if (code >= FIRST && code <= LAST) out.push(syllable(code, i === 0));
    }
    return ` ${out.join(' ')} `;
  });
}
