/**
 * From a news article to evidenced fact proposals. A pure function of the text, the
 * publication date and (optionally) a resolver into the registry's names.
 */
import { analyse } from './document.js';
import { resolveReferences } from './entities/coref.js';
import { mergeMentions, type EntityDraft } from './entities/merge.js';
import { findDates } from './dates/find-dates.js';
import { addDays } from './dates/calendar.js';
import { attributions } from './facts/attribution.js';
import { assemble } from './facts/assemble.js';
import { authorityCountries, countrySignals } from './facts/jurisdiction.js';
import { findAliases } from './mentions/aliases.js';
import { findAuthorities } from './mentions/authorities.js';
import { chunkProperNouns, lowerVocabulary } from './mentions/chunk.js';
import { classifyChunk } from './mentions/classify.js';
import { orgContext, personContext, roleApposition, placeCoordination, publicationContext } from './mentions/context.js';
import { findLaws } from './mentions/laws.js';
import type { Mention } from './mentions/mention.js';
import type { Proposal, SentenceContext } from './relations/context.js';
import { founded, membership } from './relations/events.js';
import { links } from './relations/links.js';
import { listEntries } from './relations/list-entries.js';
import { places } from './relations/places.js';
import { delistings, proscriptions } from './relations/proscription.js';
import type { ExtractedEntity, ExtractedFact, ExtractionResult, ExtractOptions } from './types.js';
import type { EntityKind } from '../model/types.js';
import { gazetteer } from './gazetteer/gazetteer.js';

/** Words without which no sentence states a ban or its lifting. */
const BAN_WORDS = /ban|proscri|prohibit|outlaw|designat|list|declar|notif|lift|revok|remov|schedule|unlawful/i;

function overlaps(a: Mention, b: Mention): boolean {
  return a.start < b.end && b.start < a.end;
}

function findMentions(doc: ReturnType<typeof analyse>, nextId: () => number): Mention[] {
  const laws = findLaws(doc, nextId);
  const authorities = findAuthorities(doc, nextId).filter((a) => !laws.some((l) => overlaps(a, l)));
  const fixed = [...laws, ...authorities];
  const taken = new Uint8Array(doc.tokens.length);
  for (const m of fixed) for (let i = m.t0; i < m.t1; i++) taken[i] = 1;
  const chunks = chunkProperNouns(doc, taken, lowerVocabulary(doc));
  const named = chunks.flatMap((c) => classifyChunk(doc, c, nextId));
  const all = [...fixed, ...named].sort((a, b) => a.start - b.start);
  for (const m of all) {
    if (m.kind !== 'unknown') continue;
    // `X, MAL's chief fundraiser`: a stated role outweighs the verb the name follows (`designated X`).
    if (roleApposition(doc, m)) {
      m.kind = 'person';
      m.cue = 'person';
    } else if (orgContext(doc, m)) {
      m.kind = 'organisation';
      m.cue = 'organisation';
    } else if (personContext(doc, m)) {
      m.kind = 'person';
      m.cue = 'person';
    } else if (publicationContext(doc, m)) {
      m.kind = 'publication';
      m.cue = 'publication';
    }
  }
  return all;
}

const WHERE_CUE = /^(?:recruit\w*|operat\w*|active|based|present|presence|attacks?|camps?|members|cells|strongholds?|headquartered|hideouts?|bases?)$/;
const LOCATIVE = new Set(['in', 'from', 'across', 'throughout', 'near', 'around', 'inside']);

/**
 * `recruits in Sopore and Baramulla`, `operates in Swat`: a name the gazetteer does not know, in
 * the place of a where-phrase, is a place (small towns and districts are missing from it).
 */
function whereCue(doc: ReturnType<typeof analyse>, m: Mention): boolean {
  const s = doc.sentences[m.sentence];
  if (!s || m.t1 - m.t0 > 3) return false;
  let k = m.t0 - 1;
  if (doc.tokens[k]?.lower === 'and' || doc.tokens[k]?.text === ',') {
    // The second of `in A and B`: the word before the coordination must itself follow a locative.
    while (k > s.t0 && !LOCATIVE.has(doc.tokens[k]?.lower ?? '') && m.t0 - k < 6) k--;
  }
  if (!LOCATIVE.has(doc.tokens[k]?.lower ?? '') && !(doc.tokens[k]?.lower === 'the' && LOCATIVE.has(doc.tokens[k - 1]?.lower ?? ''))) return false;
  for (let i = Math.max(s.t0, k - 8); i < k; i++) if (WHERE_CUE.test(doc.tokens[i]?.lower ?? '')) return true;
  return false;
}

/**
 * A line that is only a group's name (`Tanzim Ahl al-Raya`, `Northern Fasces Movement (NFM)`),
 * followed by lines about it in the same paragraph: the name heads each of those sentences.
 */
function entryHeadings(doc: ReturnType<typeof analyse>, perSentence: Mention[][]): (Mention | undefined)[] {
  const out: (Mention | undefined)[] = [];
  let current: Mention | undefined;
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    const names = (perSentence[s.index] ?? []).filter((m) => m.via === 'name');
    const only = names[0];
    const isHeading = !!only && (only.kind === 'organisation' || only.kind === 'unknown') && only.start === s.start &&
      !/[.!?:;]$/.test(text) && /^\s*(?:\([^)]*\))?\s*$/.test(doc.text.slice(only.end, s.end));
    const gap = s.index > 0 ? doc.text.slice(doc.sentences[s.index - 1]!.end, s.start) : '';
    if (isHeading) current = only;
    else if (/\n\s*\n/.test(gap)) current = undefined;
    out.push(isHeading ? undefined : current);
  }
  return out;
}

/** `a Kurram-based outfit`: what stands before `-based` is a place. */
function basedPrefix(doc: ReturnType<typeof analyse>, m: Mention): boolean {
  return m.t1 - m.t0 <= 2 && doc.tokens[m.t1]?.text === '-' && /^(?:based|headquartered)$/.test(doc.tokens[m.t1 + 1]?.lower ?? '');
}

function bySentence(count: number, mentions: Mention[]): Mention[][] {
  const out: Mention[][] = Array.from({ length: count }, () => []);
  for (const m of mentions) out[m.sentence]?.push(m);
  for (const list of out) list.sort((a, b) => a.t0 - b.t0);
  return out;
}

/**
 * A statement republished with its own dateline (`Marco Rubio, Secretary of State\n\nFebruary 20,
 * 2025\n\nToday, the State Department ...`): its `today` is the dateline's day, not the day the
 * page was published. Only a line that is nothing but a full date, near the top, within a month
 * before the publication date.
 */
const DATE_LINE = /(?:^|\n)[ \t]*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4}\.?[ \t]*(?:\n|$)/;

function statementDate(text: string, published: string): string {
  // Most articles have no such line: a cheap look before any parsing.
  if (!DATE_LINE.test(text.slice(0, 1200))) return published;
  const probe = analyse(text.slice(0, 1200), published);
  for (const s of probe.sentences.slice(0, 6)) {
    const line = text.slice(s.start, s.end).replace(/[.\s]+$/, '');
    const dates = findDates({ ...probe, sentences: [s] }, []).filter((d) => d.start === s.start && d.end >= s.start + line.length);
    const day = dates[0]?.value;
    if (day && day.length === 10 && day <= published && day >= addDays(published, -30)) return day;
  }
  return published;
}

export function extract(text: string, options: ExtractOptions): ExtractionResult {
  const doc = analyse(text, statementDate(text, options.documentDate));
  let id = 0;
  const nextId = (): number => ++id;

  const mentions = findMentions(doc, nextId);
  const known = mentions.filter((m) => m.kind === 'place');
  for (const m of mentions) {
    if (m.kind === 'unknown' && !m.acronym && (placeCoordination(doc, m, known) || whereCue(doc, m) || basedPrefix(doc, m))) m.kind = 'place';
  }
  const aliasLinks = findAliases(doc, mentions);
  const entities = mergeMentions(mentions, aliasLinks);
  const names = mentions.filter((m) => m.entity !== undefined);
  const references = resolveReferences(doc, bySentence(doc.sentences.length, names), nextId);
  const all = [...names, ...references];
  const perSentence = bySentence(doc.sentences.length, all);
  const dates = findDates(doc, mentions.filter((m) => m.kind === 'law'));

  const proposals: Proposal[] = [];
  const headings = entryHeadings(doc, perSentence);
  const banList = /\b(?:list|schedule) of (?:proscribed|banned|terrorist|designated)|\bproscribed (?:list|organi[sz]ations|entities|outfits)|\bbanned (?:outfits|organi[sz]ations)\b/i.test(text);
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    const inSentence = perSentence[s.index] ?? [];
    const startsAt = new Map<number, Mention>();
    for (const m of inSentence) if (!startsAt.has(m.t0)) startsAt.set(m.t0, m);
    const ctx: SentenceContext = {
      doc, s, text, mentions: inSentence, startsAt, dates: dates.filter((d) => d.sentence === s.index), allDates: dates,
      headline: s.index === 0 && !/[.!?]["”’]?$/.test(text), banList,
    };
    const heading = headings[s.index];
    if (heading) ctx.heading = heading;
    // Every rule needs an organisation (named, unclassified or referred back to) in the sentence.
    // (`That ban lapsed in 2014` speaks of the group whose ban the text just reported.)
    if (!inSentence.some((m) => m.kind === 'organisation' || m.kind === 'unknown') && !heading && !/^(?:that|this|the)\s+(?:ban|proscription|designation|listing)\b/i.test(text)) continue;
    const lifted = BAN_WORDS.test(text) ? delistings(ctx, proposals) : [];
    if (BAN_WORDS.test(text)) proscriptions(ctx, proposals, lifted);
    links(ctx, proposals);
    places(ctx, proposals);
    founded(ctx, proposals);
    membership(ctx, proposals);
  }
  listEntries(doc, all, dates, proposals);
  for (const e of entities) {
    // `the Popular Front of India ... PFI`: an acronym the text uses for a group it named in full is another name of it.
    if (e.kind === 'organisation') {
      const full = e.mentions.find((m) => m.via === 'name' && !m.acronym);
      const stated = new Set(e.aliases.map((a) => a.name));
      const seen = new Set<string>();
      for (const m of e.mentions) {
        if (!full || m.via !== 'name' || !m.acronym || stated.has(m.name) || seen.has(m.name)) continue;
        seen.add(m.name);
        proposals.push({ subject: full, predicate: 'alias', object: m.name, date: null, rule: 'alias.acronym-used', base: 0.7, cue: { start: m.start, end: m.end } });
      }
    }
    for (const a of e.aliases) {
      if (e.kind !== 'organisation' && e.kind !== 'person' && e.kind !== 'unknown') continue;
      proposals.push({
        subject: e.mentions.find((m) => m.via === 'name' && m.name !== a.name) ?? a.mention, predicate: 'alias',
        object: a.name, date: null, rule: `alias.${a.type}`, base: a.type === 'acronym' ? 0.9 : 0.85,
        cue: { start: a.mention.start, end: a.mention.end },
      });
    }
  }

  const signals = countrySignals(doc, entities, perSentence);
  const assembly = assemble(doc, entities, proposals, attributions(doc), {
    doc, entities, mentionsBySentence: perSentence, authorityCountry: authorityCountries(doc, entities, signals, all),
    documentCountry: signals.documentCountry, sentenceGovernment: signals.sentenceGovernment,
  });
  for (const i of assembly.promoted) {
    const e = entities[i];
    if (e && e.kind === 'unknown') e.kind = 'organisation';
  }
  for (const i of assembly.people) {
    const e = entities[i];
    if (e && e.kind === 'unknown') e.kind = 'person';
  }
  return render(options.documentDate, entities, references, assembly.facts, options);
}

/** Output ids `e1`, `e2`... for the entities worth reporting, and facts rewritten to them. */
function render(
  date: string, entities: EntityDraft[], references: Mention[], facts: ExtractedFact[], options: ExtractOptions,
): ExtractionResult {
  const ids = new Map<number, string>();
  const out: ExtractedEntity[] = [];
  for (const e of entities) {
    if (e.kind === 'unknown') continue;
    const eid = `e${out.length + 1}`;
    ids.set(e.index, eid);
    const mentions = [...e.mentions, ...references.filter((r) => r.entity === e.index)].sort((a, b) => a.start - b.start);
    const names = [...e.names];
    for (const a of e.aliases) if (!names.includes(a.name)) names.push(a.name);
    const entity: ExtractedEntity = {
      id: eid, name: names[0] ?? '', kind: e.kind as EntityKind, names,
      mentions: mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, via: m.via })),
    };
    if (e.country) entity.country = e.country;
    const resolved = options.resolver ? resolve(options.resolver, names, entity.kind) : null;
    if (resolved) entity.resolvedTo = resolved;
    out.push(entity);
  }
  // A jurisdiction the text names only by its body or law (`Indian State`, `the Home Office`) still
  // deserves its place entity, so that the registry can link the qualifier.
  const countries = new Map<string, string>();
  for (const e of out) if (e.kind === 'place' && e.country && entities.some((d) => ids.get(d.index) === e.id && d.mentions.some((m) => m.placeLevel === 'country'))) countries.set(e.country, e.id);
  for (const f of facts) {
    const code = f.qualifiers.jurisdiction;
    if (!code || countries.has(code) || code === 'UN' || code === 'EU') continue;
    const name = gazetteer().countryName(code);
    if (!name) continue;
    const eid = `e${out.length + 1}`;
    out.push({ id: eid, name, kind: 'place', names: [name, code], mentions: [], country: code });
    countries.set(code, eid);
  }
  const rendered: ExtractedFact[] = [];
  for (const f of facts) {
    const subject = ids.get(Number(f.subject));
    if (!subject) continue;
    let object = f.object;
    if (object !== null && f.predicate !== 'alias') {
      const o = ids.get(Number(object));
      if (!o) continue;
      object = o;
    }
    const fact: ExtractedFact = { ...f, subject, object };
    if (f.qualifierEntities) {
      const q: NonNullable<ExtractedFact['qualifierEntities']> = {};
      const a = f.qualifierEntities.authority !== undefined ? ids.get(Number(f.qualifierEntities.authority)) : undefined;
      const l = f.qualifierEntities.law !== undefined ? ids.get(Number(f.qualifierEntities.law)) : undefined;
      if (a) q.authority = a;
      if (l) q.law = l;
      fact.qualifierEntities = q;
    }
    rendered.push(fact);
  }
  return { document: { date }, entities: out, facts: rendered };
}

function resolve(resolver: NonNullable<ExtractOptions['resolver']>, names: string[], kind: EntityKind): { entityId: number; name: string } | null {
  for (const n of names) {
    const hit = resolver.resolve(n, kind);
    if (hit) return hit;
  }
  return null;
}
