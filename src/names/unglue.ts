import { foldToken } from './fold.js';
import { TokenClass } from './lexicon.js';
import { type NameToken, wordTokens } from './tokens.js';

/**
 * Romanisations glue an Arabic article or an Urdu/Persian izafat to the word before or after
 * it, often dropping a vowel: `Hizbul` (Hizb-ul), `Harkatul`, `Hizbuttahrir`, `Jabhatalnusra`,
 * `LashkareTaiba`, `Alaqsa`. Such a word is split where the pieces are words the index knows,
 * so it meets the spaced spelling; a word the index knows whole is left alone.
 */
const INFIXES = ['ush', 'ash', 'ul', 'ut', 'us', 'ud', 'ur', 'un', 'al', 'el', 'ad', 'at', 'as', 'ar', 'an', 'az', 'e', 'i'];
/** Glued after a word, only before another word: `Harkatul Mujahideen`. A lone `e`/`i` ends too many words. */
const SUFFIXES = ['ush', 'ul', 'ut', 'us', 'ud', 'ur', 'un', 'al', 'el'];
/** Glued before a word: `Alaqsa`, `Ashshabaab`. */
const PREFIXES = ['ash', 'al', 'el', 'ul', 'ad', 'as', 'at', 'ar', 'an', 'az'];
const MIN_PIECE = 3;
const MIN_WORD = 5;

/** The word as one token of the class of words, or null. */
function single(text: string): NameToken | null {
  const t = wordTokens(text);
  return t.length === 1 && (t[0]!.cls === TokenClass.Word || t[0]!.cls === TokenClass.Generic) ? t[0]! : null;
}

function particle(text: string): NameToken | null {
  const t = wordTokens(text);
  return t.length === 1 && t[0]!.cls === TokenClass.Particle ? t[0]! : null;
}

function pieces(word: string, known: (fold: string) => boolean, wordFollows: boolean): NameToken[] | null {
  // Folded and looked up before it is tokenised: most pieces tried are no word (and the token
  // cache is not filled with them).
  const part = (text: string) => {
    if (!known(foldToken(text))) return null;
    const t = single(text);
    return t !== null && known(t.fold) ? t : null;
  };
  for (const p of INFIXES) {
    for (let i = word.indexOf(p, MIN_PIECE); i >= 0 && i + p.length + MIN_PIECE <= word.length; i = word.indexOf(p, i + 1)) {
      const a = part(word.slice(0, i));
      const b = a && part(word.slice(i + p.length));
      const glue = b && particle(p);
      if (a && b && glue) return [a, glue, b];
    }
  }
  if (wordFollows) {
    for (const p of SUFFIXES) {
      if (!word.endsWith(p) || word.length - p.length < MIN_PIECE) continue;
      const a = part(word.slice(0, -p.length));
      const glue = a && particle(p);
      if (a && glue) return [a, glue];
    }
  }
  for (const p of PREFIXES) {
    if (!word.startsWith(p) || word.length - p.length < MIN_PIECE) continue;
    const b = part(word.slice(p.length));
    const glue = b && particle(p);
    if (b && glue) return [glue, b];
  }
  return null;
}

const SPLIT_CACHE_LIMIT = 50_000;

/** How words split (see pieces), for one vocabulary: by the word, and whether another word follows it. */
export class SplitCache {
  private readonly followed = new Map<string, NameToken[] | null>();
  private readonly last = new Map<string, NameToken[] | null>();

  get(word: string, follows: boolean): NameToken[] | null | undefined {
    return (follows ? this.followed : this.last).get(word);
  }

  set(word: string, follows: boolean, split: NameToken[] | null): void {
    const map = follows ? this.followed : this.last;
    if (map.size >= SPLIT_CACHE_LIMIT) map.clear();
    map.set(word, split);
  }

  clear(): void {
    this.followed.clear();
    this.last.clear();
  }
}

/**
 * The tokens with glued words split (see above), marked `via: 'split'`; null when none is.
 * `cache` remembers each word's split for one vocabulary: name words repeat from query to query.
 */
export function unglue(tokens: readonly NameToken[], known: (fold: string) => boolean, cache?: SplitCache): NameToken[] | null {
  let lastWord = -1;
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.cls === TokenClass.Word || tokens[i]!.cls === TokenClass.Generic) lastWord = i;
  let out: NameToken[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let split: NameToken[] | null = null;
    if (t.cls === TokenClass.Word && t.first && t.via === null && t.surface.length >= MIN_WORD) {
      const follows = i < lastWord;
      const cached = cache?.get(t.surface, follows);
      if (cached !== undefined) split = cached;
      else {
        split = known(t.fold) ? null : pieces(t.surface, known, follows);
        cache?.set(t.surface, follows, split);
      }
    }
    if (split) {
      out ??= tokens.slice(0, i);
      // A glued particle is its own written word: it must not weigh as the word before it (see prepare).
      for (let k = 0; k < split.length; k++) {
        const p = split[k]!;
        out.push({ ...p, via: 'split', first: k === 0 || p.cls === TokenClass.Particle, role: t.role, abjad: t.abjad });
      }
    } else out?.push(t);
  }
  return out;
}
