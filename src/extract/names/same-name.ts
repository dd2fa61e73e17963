/**
 * Within one document, decides whether two spellings name the same thing
 * (`Ansar-ul-Hussain` / `Ansar ul Hussian`, `Khyber Pakhunkhwa` / `Khyber Pakhtunkhwa`).
 * The shared names engine (`src/names/`, `foldName`) is being written in parallel; until it
 * lands this is the one place to swap for it.
 */

/** Romanisation particles that come and go between spellings of one name. */
const PARTICLES = new Set(['ul', 'al', 'el', 'e', 'i', 'o', 'ud', 'ur', 'us', 'ut', 'un', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'wa', 'wal', 'the', 'of', 'and', 'a', 'de', 'la', 'le', 'les', 'du', 'des', 'del', 'los', 'las', 'pour', 'y', 'l', 'd']);

const foldCache = new Map<string, string>();

export function basicFold(s: string): string {
  const cached = foldCache.get(s);
  if (cached !== undefined) return cached;
  if (foldCache.size > 50000) foldCache.clear();
  // Plain ASCII needs no Unicode decomposition; most news text is.
  const base = /^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFKD').replace(/\p{M}/gu, '');
  const value = base.toLowerCase().replace(/['’`ʿʾ]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  foldCache.set(s, value);
  return value;
}

function foldToken(t: string): string {
  return t
    .replace(/ee/g, 'i').replace(/oo/g, 'u').replace(/ou/g, 'u').replace(/q/g, 'k')
    .replace(/ph/g, 'f').replace(/dh/g, 'z').replace(/y/g, 'i').replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1');
}

export interface NameKey {
  /** Folded tokens without particles: `ansar husain`. */
  key: string;
  /** The key without vowels, token boundaries kept: `nsr hsn`. */
  skeleton: string;
}

const keyCache = new Map<string, NameKey>();

export function sameNameKey(name: string): NameKey {
  const cached = keyCache.get(name);
  if (cached) return cached;
  // Articles repeat the same few names; a bounded cache keeps folding off the hot path.
  if (keyCache.size > 20000) keyCache.clear();
  const value = computeKey(name);
  keyCache.set(name, value);
  return value;
}

/** `Jamaatul` is `Jamaat-ul`, `Hizbul` is `Hizb-ul`: a particle fused to the word before it. */
const FUSED = /^(\p{L}{4,}?)(ul|ud|ur|us|ut)$/u;

export function splitFused(tokens: string[]): string[] {
  return tokens.flatMap((t) => {
    const m = FUSED.exec(t);
    return m && m[1] && m[2] ? [m[1], m[2]] : [t];
  });
}

function computeKey(name: string): NameKey {
  const tokens = splitFused(basicFold(name).split(' ')).filter((t) => t && !PARTICLES.has(t));
  const folded = tokens.map(foldToken);
  const key = folded.join(' ');
  const skeleton = folded.map((t) => t.replace(/[aeiou]/g, '') || t).join(' ');
  return { key, skeleton };
}

/** Damerau-Levenshtein (optimal string alignment) distance, small strings only. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= m; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= n; j++) {
      const cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[m] as number[])[n] as number;
}

/**
 * Two spellings in one document name the same thing: same folded key, or same consonant
 * skeleton, or a one-letter slip in a long multi-word name. Short single words must match
 * exactly: `Iran` and `Oran` are different places.
 */
export function sameName(a: string, b: string): boolean {
  const ka = sameNameKey(a);
  const kb = sameNameKey(b);
  if (!ka.key || !kb.key) return false;
  if (ka.key === kb.key) return true;
  // Every rule below needs the same first letter.
  if (ka.key.charCodeAt(0) !== kb.key.charCodeAt(0)) return false;
  const ta = ka.key.split(' ');
  const tb = kb.key.split(' ');
  if (ta.length !== tb.length) return false;
  if (ka.skeleton === kb.skeleton && ka.key.length >= 6) {
    // Vowels carry the difference only: each token must still start alike (`Husain`/`Husian`).
    return ta.every((t, i) => t.charAt(0) === (tb[i] ?? '').charAt(0));
  }
  if (ka.key.length >= 12 && ta.length >= 2) {
    return ta.every((t, i) => t.charAt(0) === (tb[i] ?? '').charAt(0)) && editDistance(ka.key, kb.key) <= 2;
  }
  return false;
}

/** Initials of a name's words, particles optional: `Lashkar-e-Taiba` → [`lt`, `let`]. */
function initialSequences(name: string): string[][] {
  return splitFused(basicFold(name).split(' ').filter(Boolean)).map((w) => [w]);
}

/**
 * True when `acronym` abbreviates `name`: each word contributes a prefix of itself in order,
 * particles and function words may contribute nothing (`NACTA` = NAtional Counter Terrorism
 * Authority, `LeT` = Lashkar-e-Taiba, `ISIS` = Islamic State of Iraq and Syria).
 */
const acronymCache = new Map<string, boolean>();
const FACTION_HEADS = new Set(['group', 'faction', 'wing']);

export function isAcronymOf(acronym: string, name: string): boolean {
  const k = `${acronym}\u0000${name}`;
  const cached = acronymCache.get(k);
  if (cached !== undefined) return cached;
  if (acronymCache.size > 50000) acronymCache.clear();
  const value = computeIsAcronymOf(acronym, name);
  acronymCache.set(k, value);
  return value;
}

function computeIsAcronymOf(acronym: string, name: string): boolean {
  const a = acronym.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (a.length < 2) return false;
  const words = initialSequences(name).map((w) => w[0] ?? '');
  const optional = (w: string): boolean => PARTICLES.has(w) || w === 'for' || w === 'in' || w === 'on';
  const memo = new Map<string, boolean>();
  const go = (ai: number, wi: number): boolean => {
    const k = `${ai},${wi}`;
    const cached = memo.get(k);
    if (cached !== undefined) return cached;
    let ok = false;
    // `JSQM-A` for `Jeay Sindh Quami Mahaz - Aresar Group`: a faction's closing head word may go unabbreviated.
    if (ai === a.length) ok = words.slice(wi).every((w, k, rest) => optional(w) || (k === rest.length - 1 && FACTION_HEADS.has(w)));
    else if (wi < words.length) {
      const w = words[wi] ?? '';
      if (optional(w) && go(ai, wi + 1)) ok = true;
      for (let len = 1; !ok && len <= Math.min(3, w.length) && ai + len <= a.length; len++) {
        if (a.slice(ai, ai + len) !== w.slice(0, len)) break;
        if (go(ai + len, wi + 1)) ok = true;
      }
    }
    memo.set(k, ok);
    return ok;
  };
  return words.length >= 2 && go(0, 0);
}
