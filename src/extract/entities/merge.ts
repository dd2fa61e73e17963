/**
 * Mentions to entities, within one document: the same name however it is spelled
 * (`Ansar-ul-Hussain` / `Ansar ul Hussian`), an acronym and its expansion (`TLP`), the inverted
 * form of a body (`Interior Ministry` / `Ministry of Interior`), a surname and the full name,
 * and every alias link. Kinds must agree; `unknown` takes the kind of what it joins.
 */
import { authorityKey } from '../mentions/authorities.js';
import type { AliasLink } from '../mentions/aliases.js';
import type { Mention, MentionKind } from '../mentions/mention.js';
import { ORG_HEADS } from '../lexicon/words.js';
import { basicFold, isAcronymOf, sameName, sameNameKey } from '../names/same-name.js';

export interface EntityDraft {
  index: number;
  kind: MentionKind;
  mentions: Mention[];
  /** Spellings in order of first appearance (no duplicates under folding). */
  names: string[];
  /** Literal aliases stated in the text, with the link type. */
  aliases: { name: string; type: AliasLink['type']; mention: Mention }[];
  country?: string;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    this.parent[i] = r;
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function compatible(a: MentionKind, b: MentionKind): boolean {
  return a === b || a === 'unknown' || b === 'unknown';
}

function allNames(m: Mention): string[] {
  return [m.name, ...(m.altNames ?? [])];
}

function sameThing(a: Mention, b: Mention): boolean {
  if (!compatible(a.kind, b.kind)) return false;
  if (a.kind === 'authority' && b.kind === 'authority' && authorityKey(a.name) === authorityKey(b.name)) return true;
  if (a.acronym || b.acronym) {
    const [acr, full] = a.acronym ? [a, b] : [b, a];
    if (full.acronym) return acr.text === full.text;
    return allNames(full).some((n) => basicFold(n) === basicFold(acr.text)) ||
      ((full.kind === 'organisation' || full.kind === 'authority' || full.kind === 'law') && isAcronymOf(acr.text, full.name));
  }
  if (a.kind === 'person' && b.kind !== 'organisation' && b.kind !== 'place') {
    // A surname alone refers back to the full name given earlier.
    const last = (s: string): string => basicFold(s).split(' ').pop() ?? '';
    if (b.t1 - b.t0 === 1 && last(a.name) === basicFold(b.name)) return true;
  }
  if (b.kind === 'person' && a.t1 - a.t0 === 1 && a.kind === 'unknown') {
    if ((basicFold(b.name).split(' ').pop() ?? '') === basicFold(a.name)) return true;
  }
  return allNames(a).some((x) => allNames(b).some((y) => sameName(x, y)));
}

/**
 * `the Brigalow Legion ... The Legion is an offshoot of ...`: a group's head word alone refers to
 * the one group of the document whose name ends in it.
 */
function headReferences(names: Mention[], uf: UnionFind, index: Map<number, number>): void {
  const fulls = names.filter((m) => m.kind === 'organisation' && m.t1 - m.t0 >= 2 && !m.acronym);
  for (const m of names) {
    if (m.t1 - m.t0 !== 1 || m.acronym || (m.kind !== 'organisation' && m.kind !== 'unknown') || !ORG_HEADS.has(m.name.toLowerCase())) continue;
    const owners = new Set<string>();
    let owner: Mention | undefined;
    for (const f of fulls) {
      if (f.start >= m.start) continue;
      const last = f.name.split(/\s+/).pop() ?? '';
      if (last.toLowerCase() !== m.name.toLowerCase()) continue;
      owners.add(basicFold(f.name));
      owner = f;
    }
    if (owners.size === 1 && owner) uf.union(index.get(owner.id) as number, index.get(m.id) as number);
  }
}

export function mergeMentions(mentions: Mention[], links: AliasLink[]): EntityDraft[] {
  const names = mentions.filter((m) => m.via === 'name');
  const index = new Map<number, number>();
  names.forEach((m, i) => index.set(m.id, i));
  const uf = new UnionFind(names.length);
  for (const l of links) {
    const a = index.get(l.main.id);
    const b = index.get(l.alias.id);
    if (a !== undefined && b !== undefined && compatible(l.main.kind, l.alias.kind)) uf.union(a, b);
  }
  // Exact keys first (cheap), then pairwise among distinct spellings.
  const byKey = new Map<string, number>();
  names.forEach((m, i) => {
    const k = `${m.kind}|${sameNameKey(m.name).key}`;
    const seen = byKey.get(k);
    if (seen === undefined) byKey.set(k, i);
    else uf.union(seen, i);
  });
  const reps = [...byKey.values()];
  for (let x = 0; x < reps.length; x++) {
    for (let y = x + 1; y < reps.length; y++) {
      const a = names[reps[x] as number] as Mention;
      const b = names[reps[y] as number] as Mention;
      if (sameThing(a, b)) uf.union(reps[x] as number, reps[y] as number);
    }
  }
  headReferences(names, uf, index);
  const groups = new Map<number, Mention[]>();
  names.forEach((m, i) => {
    const r = uf.find(i);
    const list = groups.get(r) ?? [];
    list.push(m);
    groups.set(r, list);
  });
  const drafts: EntityDraft[] = [];
  for (const list of groups.values()) {
    // A group whose known kinds disagree (rare: a name reused) splits by kind.
    const kinds = new Set(list.map((m) => m.kind).filter((k) => k !== 'unknown'));
    const parts: Mention[][] = kinds.size <= 1 ? [list] : [...kinds].map((k) => list.filter((m) => m.kind === k || m.kind === 'unknown'));
    for (const part of parts) {
      if (part.length === 0) continue;
      const kind = part.find((m) => m.kind !== 'unknown')?.kind ?? 'unknown';
      const d: EntityDraft = { index: drafts.length, kind, mentions: part.sort((a, b) => a.start - b.start), names: [], aliases: [] };
      const country = part.find((m) => m.country)?.country;
      if (country) d.country = country;
      for (const m of part) {
        m.entity = d.index;
        if (m.kind === 'unknown') m.kind = kind;
      }
      drafts.push(d);
    }
  }
  for (const l of links) {
    const e = l.main.entity;
    if (e === undefined || l.alias.entity !== e) continue;
    (drafts[e] as EntityDraft).aliases.push({ name: l.alias.name, type: l.type, mention: l.alias });
  }
  for (const d of drafts) d.names = orderNames(d);
  drafts.sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  drafts.forEach((d, i) => {
    d.index = i;
    for (const m of d.mentions) m.entity = i;
  });
  return drafts;
}

/** The canonical name first: the most used full spelling, capitalised where the text has it so. */
function orderNames(d: EntityDraft): string[] {
  const counts = new Map<string, { name: string; n: number; first: number; score: number }>();
  const aliasNames = new Set(d.aliases.map((a) => basicFold(a.name)));
  for (const m of d.mentions) {
    for (const [k, n] of allNames(m).entries()) {
      const f = `${n}`;
      const key = f.toLowerCase();
      const c = counts.get(key) ?? { name: f, n: 0, first: m.start + k, score: 0 };
      c.n++;
      // Capitalised forms beat lower-case ones; acronyms and aliases stand behind full names.
      if (/^\p{Lu}/u.test(f) && c.name !== f && !/^\p{Lu}/u.test(c.name)) c.name = f;
      let score = c.n;
      if (m.acronym) score -= 100;
      if (aliasNames.has(basicFold(f))) score -= 50;
      if (k > 0) score -= 0.5;
      if (d.kind === 'law' && /\d{4}/.test(f)) score += 10;
      if (d.kind === 'place' && m.placeLevel === 'country' && k > 0) score += 10;
      // A spelling the gazetteer knows beats a typo of it.
      if (d.kind === 'place' && m.placeLevel !== undefined && k === 0) score += 0.6;
      c.score = Math.max(c.score, score);
      counts.set(key, c);
    }
  }
  const list = [...counts.values()].sort((a, b) => b.score - a.score || a.first - b.first);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    const f = basicFold(c.name);
    if (seen.has(f)) continue;
    seen.add(f);
    out.push(c.name);
  }
  return out;
}
