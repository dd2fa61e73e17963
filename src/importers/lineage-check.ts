/**
 * Imported lineage is checked, not trusted. A link of a research dataset (X split from Y) comes
 * with the sentence that states it; where that sentence does not name both groups, the row was
 * joined to the wrong ids or describes something else (the Mapping Militants row that links
 * Lashkar-e-Taiba to Colombia's National Liberation Army is about the Fatah Hawks), and the link
 * is a proposal for an analyst, not an accepted fact.
 *
 * A group is named by a sentence when
 * - a run of the sentence's words scores at least NAMED_THRESHOLD against one of the group's
 *   names, through the names engine ("Hezbollah" names "Hizballah"); a name's parts in and
 *   outside brackets count on their own ("Hay'at Tahrir al-Sham (Formerly Jabhat al-Nusra)" is
 *   named by "Jabhat al-Nusra"), except a one-word qualifier such as "(Colombia)";
 * - or a word of the sentence written in capitals abbreviates one of its names: its letters are
 *   the initials of the name's words in order, particles and function words optional ("HuJI",
 *   "HM" and "TTP" for Harkat-ul-Jihad-al-Islami, Hizb-ul-Mujahideen, Tehrik-i-Taliban
 *   Pakistan), or it is one of the group's acronyms ("ELN").
 * The names are all the names the group has in the registry: once it is joined to a list entry,
 * the list's aliases ("FARC", "Islamic State of Iraq") count too, and a wrong join shows as a
 * sentence that names neither.
 */
import { NameIndex, type NameToken, tokenize } from '../names/index.js';
import { TokenClass } from '../names/lexicon.js';

export const NAMED_THRESHOLD = 0.8;
/** Longest run of words tried against a name. */
const MAX_WINDOW = 10;

export interface GroupNames {
  /** Full names: primary, aliases, previous names, translations. */
  names: readonly string[];
  /** Acronyms as the lists give them (`LeT`, `ELN`). */
  acronyms?: readonly string[];
}

/**
 * The name with a run of its words written as initials, as news writes "Real IRA" for the Real
 * Irish Republican Army: every run of two or more words but the whole name (the whole name as
 * initials is an abbreviation, found separately).
 */
function partlyAbbreviated(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 3) return [];
  const small = new Set(['of', 'the', 'and', 'for', 'in', 'al', 'el', 'ul', 'e', 'i']);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 2; j <= words.length; j++) {
      if (i === 0 && j === words.length) continue;
      const run = words.slice(i, j);
      if (small.has(run[0]!.toLowerCase()) || small.has(run.at(-1)!.toLowerCase())) continue;
      const initials = run.filter((w) => !small.has(w.toLowerCase())).map((w) => w[0]!.toUpperCase()).join('');
      if (initials.length < 2) continue;
      out.push([...words.slice(0, i), initials, ...words.slice(j)].join(' '));
    }
  }
  return out;
}

/** Forms of a name a sentence may use: the name, its parts in and outside brackets, and these partly abbreviated. */
function nameForms(name: string): string[] {
  const forms = bracketForms(name);
  return [...new Set([...forms, ...forms.flatMap(partlyAbbreviated)])];
}

function bracketForms(name: string): string[] {
  if (!/[([]/.test(name)) return [name];
  const inner: string[] = [];
  const outer = name.replace(/[([]([^)\]]*)[)\]]?/g, (_, g: string) => {
    inner.push(g);
    return ' ';
  }).replace(/\s+/g, ' ').trim();
  // Not the bracketed name itself: the names engine would read its bracket alone ("Colombia") as a name.
  const forms = new Set<string>();
  if (/[\p{L}\p{N}]/u.test(outer)) forms.add(outer);
  for (const part of inner) {
    const cleaned = part.replace(/^\s*(formerly|previously|also known as|a\.?k\.?a\.?)\s+/i, '').trim();
    // A bracketed single word is a qualifier ("(Colombia)"), unless it is an acronym ("(JRTN)").
    if (!/[\p{L}\p{N}]/u.test(cleaned) || (!/\s/.test(cleaned) && !/^\p{Lu}[\p{L}-]*\p{Lu}/u.test(cleaned))) continue;
    forms.add(cleaned);
  }
  return [...forms];
}

/** Whether `word` (letters only, upper case) spells the initials of `tokens` in order, particles optional. */
function abbreviates(letters: string, tokens: readonly NameToken[]): boolean {
  const words = tokens.filter((t) => t.first && /[a-z0-9]/.test(t.surface[0] ?? ''));
  if (words.length < 2) return false;
  const optional = (t: NameToken) => t.cls === TokenClass.Particle || t.cls === TokenClass.Stop;
  // Memoised walk over (letter, word): each word is spelled by the next letter, or skipped if optional.
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    if (j === words.length) return i === letters.length;
    const k = i * 64 + j;
    const seen = memo.get(k);
    if (seen !== undefined) return seen;
    const w = words[j]!;
    const result = (i < letters.length && letters[i] === w.surface[0]!.toUpperCase() && go(i + 1, j + 1)) || (optional(w) && go(i, j + 1));
    memo.set(k, result);
    return result;
  };
  return go(0, 0);
}

/** Words of the sentence with where each starts and ends (a hyphen or apostrophe ends a word: runs join them again). */
function words(sentence: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  for (const m of sentence.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Capitalised abbreviations the sentence uses: `HuJI`, `TTP`, `LeT`, `AQ` (with hyphens: `IS-K`). */
function abbreviationsIn(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\-.]*/gu)) {
    const word = m[0].replace(/[.-]+$/, '');
    const letters = word.replace(/[^\p{L}]/gu, '');
    const capitals = letters.replace(/[^\p{Lu}]/gu, '').length;
    if (letters.length >= 2 && letters.length <= 8 && capitals >= 2 && capitals * 2 >= letters.length && /^\p{Lu}/u.test(letters)) out.push(letters.toUpperCase());
  }
  return out;
}

export interface SentenceCheck {
  /** Whether the sentence names each group. */
  named: boolean[];
  /** For each group: the words of the sentence that named it. */
  evidence: (string | null)[];
}

/** The runs of one sentence, indexed once for every link that cites it (a dataset repeats sentences). */
export type SentenceRuns = Map<string, { index: NameIndex; runs: string[] }>;

/** Every run of up to MAX_WINDOW words of the sentence, as "names" the groups' names are searched against. */
function runsOf(sentence: string, cache: SentenceRuns | undefined): { index: NameIndex; runs: string[] } {
  const known = cache?.get(sentence);
  if (known) return known;
  const ws = words(sentence);
  const index = new NameIndex();
  const runs: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    for (let n = 1; n <= MAX_WINDOW && i + n <= ws.length; n++) {
      const text = sentence.slice(ws[i]!.start, ws[i + n - 1]!.end);
      index.add(runs.length, text);
      runs.push(text);
    }
  }
  index.freeze();
  const built = { index, runs };
  cache?.set(sentence, built);
  return built;
}

/** Which of `groups` the sentence names. */
export function sentenceNames(sentence: string | null, groups: readonly GroupNames[], cache?: SentenceRuns): SentenceCheck {
  const named = groups.map(() => false);
  const evidence: (string | null)[] = groups.map(() => null);
  if (!sentence || !/\p{L}/u.test(sentence)) return { named, evidence };

  const abbreviations = abbreviationsIn(sentence);
  groups.forEach((g, i) => {
    const acronyms = new Set((g.acronyms ?? []).map((a) => a.replace(/[^\p{L}]/gu, '').toUpperCase()));
    const tokenised = g.names.flatMap(nameForms).map((f) => tokenize(f));
    const hit = abbreviations.find((a) => acronyms.has(a) || tokenised.some((t) => abbreviates(a, t)));
    if (hit) {
      named[i] = true;
      evidence[i] = hit;
    }
  });
  if (named.every(Boolean)) return { named, evidence };

  const { index, runs } = runsOf(sentence, cache);
  groups.forEach((g, i) => {
    if (named[i]) return;
    for (const form of g.names.flatMap(nameForms)) {
      const [best] = index.search(form, { limit: 1, minScore: NAMED_THRESHOLD });
      if (best) {
        named[i] = true;
        evidence[i] = runs[best.entityId]!;
        return;
      }
    }
  });
  return { named, evidence };
}
