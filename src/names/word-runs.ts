import converter from 'number-to-words';

/**
 * Rewrites of a name's normalised words that make two ways of writing the same thing meet
 * before folding: numbers written as words or ordinals (`Forty-Four`, `Second`, `21st` →
 * `44`, `2`, `21`), leetspeak (`H4mas`, `B0k0` → `hamas`, `boko`), and legal forms spelled out
 * in any of the languages lists use (`Aktiengesellschaft` → `ag`, `Limited Liability Company`
 * → `llc`, `Sendirian Berhad` → `sdn bhd`). Both the index and the query go through them.
 */

/** Every cardinal and ordinal from 0 to 999 as the number-to-words package writes them, as word runs. */
const NUMBER_PHRASES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const words = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  for (let n = 0; n <= 999; n++) {
    m.set(words(converter.toWords(n)), String(n));
    m.set(words(converter.toWordsOrdinal(n)), String(n));
    // British usage puts an `and` after the hundreds: `three hundred and thirteen`.
    if (n > 100 && n % 100 !== 0) {
      m.set(words(converter.toWords(n)).replace(' hundred ', ' hundred and '), String(n));
      m.set(words(converter.toWordsOrdinal(n)).replace(' hundred ', ' hundred and '), String(n));
    }
  }
  return m;
})();
const NUMBER_WORDS = new Set([...NUMBER_PHRASES.keys()].flatMap((k) => k.split(' ')));
const LONGEST_NUMBER = Math.max(...[...NUMBER_PHRASES.keys()].map((k) => k.split(' ').length));

/** Legal forms spelled out (normalised words) → the short form lists use. */
const LEGAL_PHRASES: [string, string][] = [
  ['aktiengesellschaft', 'ag'],
  ['gesellschaft mit beschrankter haftung', 'gmbh'],
  ['kommanditgesellschaft', 'kg'],
  ['open joint stock company', 'oao'],
  ['closed joint stock company', 'zao'],
  ['public joint stock company', 'pjsc'],
  ['joint stock company', 'jsc'],
  ['limited liability company', 'llc'],
  ['limited liability partnership', 'llp'],
  ['public limited company', 'plc'],
  ['private limited company', 'pte limited'],
  ['private limited', 'pte limited'],
  ['proprietary limited', 'pty limited'],
  ['societe anonyme', 'sa'],
  ['sociedad anonima', 'sa'],
  ['sociedade anonima', 'sa'],
  ['societe a responsabilite limitee', 'sarl'],
  ['sociedad de responsabilidad limitada', 'srl'],
  ['societa a responsabilita limitata', 'srl'],
  ['societa per azioni', 'spa'],
  ['s p a', 'spa'],
  ['sendirian berhad', 'sdn bhd'],
  ['besloten vennootschap', 'bv'],
  ['naamloze vennootschap', 'nv'],
  ['obshchestvo s ogranichennoy otvetstvennostyu', 'ooo'],
  ['obshchestvo s ogranichennoi otvetstvennostyu', 'ooo'],
  ['obshchestvo s ogranichennoi otvetstvennostiu', 'ooo'],
  ['obshestvo s ogranichennoy otvetstvennostyu', 'ooo'],
  ['otkrytoe aktsionernoe obshchestvo', 'oao'],
  ['otkrytoye aktsionernoye obshchestvo', 'oao'],
  ['zakrytoe aktsionernoe obshchestvo', 'zao'],
  ['zakrytoye aktsionernoye obshchestvo', 'zao'],
  ['publichnoe aktsionernoe obshchestvo', 'pao'],
  ['publichnoye aktsionernoye obshchestvo', 'pao'],
  // AO is the Russian for joint stock company.
  ['aktsionernoe obshchestvo', 'jsc'],
  ['aktsionernoye obshchestvo', 'jsc'],
  ['anonim sirketi', 'as'],
];
const LEGAL_BY_FIRST = new Map<string, [string[], string[]][]>();
for (const [phrase, short] of LEGAL_PHRASES) {
  const words = phrase.split(' ');
  const list = LEGAL_BY_FIRST.get(words[0]!) ?? [];
  list.push([words, short.split(' ')]);
  // Longest first, so `open joint stock company` wins over `joint stock company`.
  list.sort((a, b) => b[0].length - a[0].length);
  LEGAL_BY_FIRST.set(words[0]!, list);
}

const ORDINAL_DIGITS = /^(\d+)(st|nd|rd|th)$/;
const LEET: Record<string, string> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', 8: 'b' };

/** A word of letters written with digits for some of them (`h4mas`, `1sl4m1c`): two letters at least, no fewer letters than digits. */
function deLeet(word: string): string {
  if (!/\d/.test(word) || !/[a-z]/.test(word) || !/^[a-z0-9]+$/.test(word)) return word;
  const digits = word.replace(/[^0-9]/g, '');
  const letters = word.length - digits.length;
  if (letters < 2 || letters < digits.length || /[269]/.test(digits)) return word;
  return word.replace(/[0-9]/g, (d) => LEET[d] ?? d);
}

export function rewriteWords(words: readonly string[]): string[] {
  let out: string[] | null = null;
  const emit = (i: number, replacement: string[], consumed: number) => {
    out ??= words.slice(0, i);
    out.push(...replacement);
    return consumed;
  };
  for (let i = 0; i < words.length;) {
    const w = words[i]!;
    const ordinal = ORDINAL_DIGITS.exec(w);
    if (ordinal) {
      i += emit(i, [String(Number(ordinal[1]))], 1);
      continue;
    }
    if (NUMBER_WORDS.has(w)) {
      // The longest run of number words that is one number.
      let found = 0;
      let value = '';
      for (let k = Math.min(LONGEST_NUMBER, words.length - i); k >= 1; k--) {
        const v = NUMBER_PHRASES.get(words.slice(i, i + k).join(' '));
        if (v !== undefined) {
          found = k;
          value = v;
          break;
        }
      }
      // A lone `and` or `hundred` is not a number.
      if (found && !(found === 1 && (w === 'and' || w === 'hundred'))) {
        i += emit(i, [value], found);
        continue;
      }
    }
    const legal = LEGAL_BY_FIRST.get(w);
    const match = legal?.find(([phrase]) => phrase.every((p, k) => words[i + k] === p));
    if (match) {
      i += emit(i, match[1], match[0].length);
      continue;
    }
    const plain = deLeet(w);
    if (out) out.push(plain);
    else if (plain !== w) {
      out = words.slice(0, i);
      out.push(plain);
    }
    i++;
  }
  return out ?? (words as string[]);
}
