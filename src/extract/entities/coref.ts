/**
 * References back to an organisation, enough for news: `it`, `its`, `the group`,
 * `the organisation`, `the outfit`, `the banned group`. The antecedent is the organisation
 * the text is about at that point: the clause subject of the nearest sentence before that has
 * one (centering), else the most recent organisation named. Pleonastic `it` (`it is believed`),
 * a document speaking (`It further states`) and restrictive descriptions (`the group that ...`)
 * refer to nothing.
 */
import type { Doc, Sentence } from '../document.js';
import { GENERIC_ORG_NOUNS } from '../lexicon/words.js';
import type { Mention } from '../mentions/mention.js';
import { governingPreposition } from '../mentions/position.js';
import type { Token } from '../text/tokenize.js';

const DESCRIPTION_ADJECTIVES = new Set([
  'banned', 'outlawed', 'proscribed', 'militant', 'terror', 'terrorist', 'sectarian', 'jihadist', 'extremist', 'same',
  'new', 'armed', 'islamist', 'separatist', 'insurgent', 'pro-iran', 'shia', 'sunni',
]);
/** Heads of a company's name: `the company`, `the firm` refer back only to such a name. */
const COMPANY = /\b(?:company|co|llc|ltd|limited|inc|corp|corporation|plc|gmbh|fze|fzco|trading|exchange|enterprises?|holdings?|industries)\b/i;
/** Nouns that refer back only to a name with a matching head: `the foundation` to `Nur Charitable Foundation`. */
const HEADED: Record<string, RegExp> = {
  company: COMPANY,
  firm: COMPANY,
  business: COMPANY,
  foundation: /\bfoundation\b/i,
  trust: /\btrust\b/i,
  charity: /\b(?:charity|charitable|relief|welfare|foundation|trust)\b/i,
};
/** Heads of names that `the group` or `the outfit` does not refer back to. */
const NOT_A_GROUP = /\b(?:company|llc|ltd|limited|inc|corp|corporation|plc|gmbh|fze|fzco|trading|exchange|bank|foundation|trust|charity|charitable|relief)\s*$/i;
const SINGULAR = new Set([...[...GENERIC_ORG_NOUNS].filter((w) => !w.endsWith('s') || w === 'organisations'), ...Object.keys(HEADED)]);

/** Whether the description `a` can refer back to the organisation `m`. */
function fits(doc: Doc, a: Anaphor, m: Mention): boolean {
  if (a.via !== 'description') return true;
  const noun = (doc.tokens[a.t1 - 1] as Token).lower;
  const headed = HEADED[noun];
  if (headed) return headed.test(m.name);
  return !NOT_A_GROUP.test(m.name);
}
const NOT_AFTER_IT = new Set([
  'further', 'states', 'stated', 'said', 'says', 'added', 'read', 'reads', 'notes', 'noted', 'mentions', 'mentioned',
  'rained', 'seems', 'seemed', 'appears', 'appeared', 'remains',
]);
const PLEONASTIC = /^(?:is|was|has been|had been|will be|would be)\s+(?:believed|reported|said|learnt|learned|understood|unclear|clear|likely|unlikely|possible|expected|feared|alleged|not|important|necessary|time|also|now|thought)\b/;

function isOrg(m: Mention): boolean {
  if (m.entity === undefined) return false;
  // An unclassified name written as a group's names are (`Islam4UK`, `JSQM-A`) can be what `it` refers to.
  return m.kind === 'organisation' || (m.kind === 'unknown' && m.via === 'name' && (m.acronym || /[\d‐‑-]/.test(m.text)));
}

/** First organisation in the sentence that no preposition governs. */
export function clauseSubject(doc: Doc, s: Sentence, mentions: Mention[]): Mention | undefined {
  return mentions.find((m) => isOrg(m) && governingPreposition(doc, m.t0, s.t0) === null);
}

interface Anaphor {
  t0: number;
  t1: number;
  via: 'pronoun' | 'description';
}

function first0(doc: Doc, a: Anaphor): string {
  return (doc.tokens[a.t0] as Token).lower;
}

function findAnaphors(doc: Doc, s: Sentence, names: Mention[]): Anaphor[] {
  const out: Anaphor[] = [];
  const toks = doc.tokens;
  const nameAt = new Set(names.map((m) => m.t0));
  for (let i = s.t0; i < s.t1; i++) {
    const t = toks[i] as Token;
    if (t.lower === 'it' || t.lower === 'its') {
      const next = toks[i + 1];
      if (t.lower === 'it') {
        if (!next || next.type !== 'word' || next.cap || NOT_AFTER_IT.has(next.lower)) continue;
        const rest = doc.text.slice(next.start, Math.min(s.end, next.start + 40)).toLowerCase();
        if (PLEONASTIC.test(rest)) continue;
      }
      out.push({ t0: i, t1: i + 1, via: 'pronoun' });
      continue;
    }
    if (t.lower !== 'the' && t.lower !== 'this') continue;
    let j = i + 1;
    while (j < s.t1 && DESCRIPTION_ADJECTIVES.has((toks[j] as Token).lower)) j++;
    const noun = toks[j];
    if (!noun || !SINGULAR.has(noun.lower) || noun.cap) continue;
    const after = toks[j + 1];
    // `the group X` names X; `the group that ...` and `the group of ...` are other groups.
    if (after && (nameAt.has(j + 1) || ['that', 'which', 'who', 'whose', 'of', 'it', 'called', 'named', 'led', 'headed', 'based', 'known', 'founded', 'formed', 'responsible', 'behind'].includes(after.lower) || after.cap)) continue;
    out.push({ t0: i, t1: j + 1, via: 'description' });
    i = j;
  }
  return out;
}

/**
 * Adds reference mentions (kind `organisation`, with `entity` and `antecedent` set) for every
 * resolvable anaphor; returns them. `byPosition` lists name mentions per sentence in order.
 */
export function resolveReferences(doc: Doc, byPosition: Mention[][], nextId: () => number): Mention[] {
  const added: Mention[] = [];
  const subjects: (Mention | undefined)[] = [];
  let lastOrg: Mention | undefined;
  const history: Mention[] = [];
  for (const s of doc.sentences) {
    const names = byPosition[s.index] ?? [];
    const inSentence: Mention[] = [...names];
    for (const a of findAnaphors(doc, s, names)) {
      const before = inSentence.filter((m) => m.t1 <= a.t0 && isOrg(m)).sort((x, y) => x.t0 - y.t0);
      let antecedent: Mention | undefined;
      // `The ISIS group has lost its territory`: a subject earlier in the same sentence.
      const local = before.find((m) => governingPreposition(doc, m.t0, s.t0) === null);
      // `recognise X as aliases of the group`: a description after a preposition looks back past the sentence's own names.
      const governed = a.via === 'description' && governingPreposition(doc, a.t0, s.t0) !== null;
      if (local && a.t0 > s.t0 + 1 && !governed && fits(doc, a, local)) antecedent = local;
      // `X (XA), its student wing, Y`, `X and its affiliates`: `its` in a coordination is the name just before.
      const joined = first0(doc, a) === 'its' && /^(?:,|and|&|\(|including)$/.test(doc.tokens[a.t0 - 1]?.lower ?? '');
      if (joined) {
        let k = a.t0 - 1;
        while (k > s.t0 && /^(?:,|and|&|\(|\)|including)$/.test(doc.tokens[k]?.lower ?? '')) k--;
        const near = [...before].reverse().find((m) => m.t1 === k + 1 || (doc.tokens[k]?.text === ')' && m.t1 <= k && m.t1 >= k - 3));
        if (near) antecedent = near;
      }
      // `... aid Ukraine wherever we can in its fight`: another name nearer than any organisation.
      const nearer = names.filter((m) => m.t1 <= a.t0 && m.kind === 'place' && (!antecedent || m.t0 > antecedent.t0));
      if (first0(doc, a) === 'its' && nearer.length > 0) continue;
      for (let k = s.index - 1; !antecedent && k >= Math.max(0, s.index - 3); k--) {
        const c = subjects[k];
        if (c && fits(doc, a, c)) antecedent = c;
      }
      if (!antecedent && lastOrg && fits(doc, a, lastOrg)) antecedent = lastOrg;
      // `the group's leader` after a company and its owner: the last organisation the noun fits.
      antecedent ??= [...history].reverse().find((m) => m.sentence >= s.index - 6 && fits(doc, a, m));
      if (!antecedent || antecedent.entity === undefined) continue;
      const first = doc.tokens[a.t0] as Token;
      const last = doc.tokens[a.t1 - 1] as Token;
      const m: Mention = {
        id: nextId(), start: first.start, end: last.end, t0: a.t0, t1: a.t1, sentence: s.index,
        text: doc.text.slice(first.start, last.end), name: antecedent.name, kind: 'organisation', via: a.via,
        acronym: false, antecedent: antecedent.id, entity: antecedent.entity,
      };
      added.push(m);
      inSentence.push(m);
    }
    inSentence.sort((x, y) => x.t0 - y.t0);
    // `The Sikh X Lehar, which campaigned ..., was banned in 2002.`: a name nothing has classified,
    // spoken of as a thing (`which`, not `who`), is the subject `it` refers to in the next sentences.
    const banSentence = /\b(?:banned|proscribed|outlawed|designated|listed|declared)\b/i.test(doc.text.slice(s.start, s.end));
    const subject = clauseSubject(doc, s, inSentence) ??
      (banSentence ? inSentence.find((m) => m.kind === 'unknown' && m.entity !== undefined && m.via === 'name' && m.t1 - m.t0 >= 2 &&
        governingPreposition(doc, m.t0, s.t0) === null && /^\s*(?:\([^)]*\))?\s*,\s*which\b/i.test(doc.text.slice(m.end, m.end + 30))) : undefined);
    subjects[s.index] = subject;
    const orgs = inSentence.filter(isOrg);
    if (orgs.length > 0) lastOrg = subject ?? orgs[orgs.length - 1];
    history.push(...orgs.filter((m) => m.via === 'name'));
  }
  return added;
}
