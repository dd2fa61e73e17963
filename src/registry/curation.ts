/**
 * Curation: what an analyst changes in the registry by hand. Every change is a fact and a
 * decision — who, when, why, on what source — never a silent edit, and every one is reversed by
 * rejecting its fact:
 * - a fact from a source the analyst holds (a notification, a statutory instrument);
 * - a name added (`alias` fact, action `add`), removed (action `remove`: the name is no longer
 *   screened or resolved) or an entity renamed (action `rename`: the display name changes, the
 *   old one stays a name);
 * - a proposal corrected before it is accepted: a corrected copy with the same evidence, the
 *   original rejected as corrected.
 */
import { InputError, NotFoundError } from '../errors.js';
import { dateBounds } from '../model/partial-date.js';
import { type Entity, type EntityKind, type Fact, type NameType, type Predicate, type Qualifiers, ENTITY_KINDS, PREDICATES } from '../model/types.js';
import { foldName } from '../names/index.js';
import type { Repository } from '../store/repository.js';

export const ANALYST_EXTRACTOR = 'analyst';
/** Name types an analyst gives a name. */
import { CURATED_NAME_TYPES, type CuratedNameType } from '../model/types.js';
export { CURATED_NAME_TYPES, type CuratedNameType };

/** Predicates whose object is an entity (an organisation, a place). */
const OBJECT_PREDICATES: ReadonlySet<Predicate> = new Set([
  'offshoot_of', 'front_for', 'successor_of', 'affiliated_with', 'supported_by', 'allied_with', 'opposes', 'based_in', 'operates_in', 'recruits_in', 'member_of',
]);
const PLACE_PREDICATES: ReadonlySet<Predicate> = new Set(['based_in', 'operates_in', 'recruits_in']);

export interface EntityPick {
  entity: Entity;
  created: boolean;
}

/**
 * The entity an analyst names: an id, or a name that one entity of the kind holds (case, accents
 * and transliteration aside). A name no entity holds makes a new entity when `create` allows; a
 * name several hold is refused with their ids.
 */
export async function pickEntity(tx: Repository, ref: string, kind: EntityKind, create: boolean, field: string): Promise<EntityPick> {
  const text = ref.trim();
  if (text === '') throw new InputError('give an entity id or name', { field });
  if (/^\d+$/.test(text)) {
    if (Number(text) < 1 || Number(text) > 2_147_483_647) throw new InputError(`"${text}" is not an entity id`, { field });
    const entity = await tx.getEntity(Number(text));
    if (!entity) throw new NotFoundError(`no entity with id ${text}`);
    return { entity, created: false };
  }
  const key = foldName(text);
  const holders = new Map<number, Entity>();
  const found = await tx.getEntities(await entitiesNamed(tx, key));
  for (const e of found.values()) if (e.kind === kind) holders.set(e.id, e);
  if (holders.size === 1) return { entity: [...holders.values()][0]!, created: false };
  if (holders.size > 1) {
    throw new InputError(`"${text}" names ${holders.size} ${kind} entities: ${[...holders.values()].map((e) => `${e.id} (${e.name})`).join(', ')}; give the id`, { field });
  }
  if (!create) throw new NotFoundError(`no ${kind} named "${text}"`);
  const entity = await tx.createEntity(kind, text);
  await tx.addName(entity.id, { text, type: 'primary' });
  return { entity, created: true };
}

/** Ids of entities with a name that folds to `key`. */
async function entitiesNamed(tx: Repository, key: string): Promise<number[]> {
  const ids = new Set<number>();
  for await (const page of tx.allNames()) for (const n of page) if (foldName(n.text) === key) ids.add(n.entityId);
  return [...ids];
}

export interface AnalystFactInput {
  /** An entity id or a name. */
  subject: string;
  kind?: EntityKind;
  predicate: Predicate;
  /** For relations: the other entity (id or name); a place for based_in / operates_in / recruits_in. */
  object?: string;
  jurisdiction?: string;
  /** ISO partial date or range as the source gives it. */
  date?: string;
  /** For a ban: the day it ended (a `delisted` fact). */
  until?: string;
  law?: string;
  authority?: string;
  /** A list the ban belongs to (it must be of the jurisdiction). */
  list?: string;
  /** Where the analyst read it: a URL or a citation. */
  source: string;
  note?: string | null;
  by: string;
}

export interface AnalystFactResult {
  subject: EntityPick;
  object: EntityPick | null;
  facts: Fact[];
}

function checkDate(value: string | undefined, field: string): string | undefined {
  if (value !== undefined && !dateBounds(value)) throw new InputError(`"${value}" is not a date as YYYY, YYYY-MM, YYYY-MM-DD or a range FROM/TO`, { field });
  return value;
}

/** Record a fact from a source the analyst holds, accepted by the analyst: the registry grows by hand. */
export async function addAnalystFact(repo: Repository, input: AnalystFactInput): Promise<AnalystFactResult> {
  if (!PREDICATES.includes(input.predicate)) throw new InputError(`unknown predicate "${input.predicate}": one of ${PREDICATES.join(', ')}`, { field: 'predicate' });
  if (input.predicate === 'alias') throw new InputError('names are added with `entity add-name`', { field: 'predicate' });
  if (input.predicate === 'same_as') throw new InputError('two entities are one with `entity merge`', { field: 'predicate' });
  const kind = input.kind ?? (input.predicate === 'member_of' ? 'person' : 'organisation');
  if (!ENTITY_KINDS.includes(kind)) throw new InputError(`kind "${kind}" is not one of ${ENTITY_KINDS.join(', ')}`, { field: 'kind' });
  if (!input.source.trim()) throw new InputError('a fact needs its source: a URL or a citation', { field: 'source' });
  if (!input.by.trim()) throw new InputError('a fact needs who records it', { field: 'by' });
  const date = checkDate(input.date, 'date');
  const until = checkDate(input.until, 'until');
  const listing = input.predicate === 'proscribed' || input.predicate === 'delisted';
  if (listing && !input.jurisdiction) throw new InputError(`a ${input.predicate} fact needs --jurisdiction`, { field: 'jurisdiction' });
  if (until && input.predicate !== 'proscribed') throw new InputError('--until ends a ban: only for proscribed', { field: 'until' });
  if (until && date && dateBounds(until)!.end < dateBounds(date)!.start) throw new InputError(`--until ${until} is before --date ${date}`, { field: 'until' });
  if (OBJECT_PREDICATES.has(input.predicate) && !input.object) throw new InputError(`a ${input.predicate} fact needs --object`, { field: 'object' });
  if (!OBJECT_PREDICATES.has(input.predicate) && input.object) throw new InputError(`a ${input.predicate} fact has no object`, { field: 'object' });

  return repo.transaction(async (tx) => {
    if (input.list) {
      const list = await tx.getList(input.list);
      if (!list) throw new InputError(`no list "${input.list}" in this registry`, { field: 'list' });
      if (list.jurisdiction !== input.jurisdiction) throw new InputError(`list ${list.id} is of ${list.jurisdiction}, not ${input.jurisdiction}`, { field: 'list' });
    }
    const subject = await pickEntity(tx, input.subject, kind, true, 'subject');
    const object = input.object
      ? await pickEntity(tx, input.object, PLACE_PREDICATES.has(input.predicate) ? 'place' : input.predicate === 'member_of' ? 'organisation' : 'organisation', true, 'object')
      : null;
    const qualifiers: Qualifiers = {
      ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
      ...(input.law ? { law: input.law } : {}),
      ...(input.authority ? { authority: input.authority } : {}),
      ...(input.list ? { list: input.list } : {}),
    };
    const evidence = { source: input.source.trim(), attribution: input.authority ?? null, quote: input.note ?? null };
    const record = async (predicate: Predicate, when: string | undefined) => {
      const fact = await tx.addFact({
        subjectId: subject.entity.id, predicate, objectId: object?.entity.id ?? null, date: when ?? null, qualifiers, evidence,
        extractor: ANALYST_EXTRACTOR, confidence: 1,
      });
      await tx.decide({ factId: fact.id, verdict: 'accepted', by: input.by, note: input.note ?? `recorded from ${input.source.trim()}` });
      return (await tx.getFact(fact.id))!;
    };
    const facts = [await record(input.predicate, date)];
    if (until) facts.push(await record('delisted', until));
    return { subject, object, facts };
  });
}

export interface NameChangeInput {
  entityId: number;
  name: string;
  by: string;
  note?: string | null;
  source?: string | null;
}

async function nameFact(tx: Repository, input: NameChangeInput, action: 'add' | 'remove' | 'rename', extra: Qualifiers): Promise<Fact> {
  const fact = await tx.addFact({
    subjectId: input.entityId, predicate: 'alias', objectLiteral: input.name, qualifiers: { action, ...extra },
    evidence: { source: input.source ?? 'analyst', attribution: input.by, quote: input.note ?? null },
    extractor: ANALYST_EXTRACTOR, confidence: 1,
  });
  await tx.decide({ factId: fact.id, verdict: 'accepted', by: input.by, note: input.note ?? `${action} name` });
  return (await tx.getFact(fact.id))!;
}

function cleanName(name: string): string {
  const text = name.replace(/\s+/g, ' ').trim();
  if (text === '') throw new InputError('the name is empty', { field: 'name' });
  if (text.length > 500) throw new InputError(`the name is ${text.length} characters long (at most 500)`, { field: 'name' });
  return text;
}

async function requireEntity(tx: Repository, id: number): Promise<Entity> {
  const entity = await tx.getEntity(id);
  if (!entity) throw new NotFoundError(`no entity with id ${id}`);
  return entity;
}

/** A name the entity is known by from now on (screened and resolved), as an accepted `alias` fact. */
export async function addEntityName(repo: Repository, input: NameChangeInput & { type?: CuratedNameType }): Promise<Fact> {
  const name = cleanName(input.name);
  const type: NameType = input.type ?? 'alias';
  if (!CURATED_NAME_TYPES.includes(type as CuratedNameType)) throw new InputError(`name type "${type}" is not one of ${CURATED_NAME_TYPES.join(', ')}`, { field: 'type' });
  return repo.transaction(async (tx) => {
    const entity = await requireEntity(tx, input.entityId);
    const have = (await tx.namesOf(entity.id)).find((n) => n.text.toLowerCase() === name.toLowerCase() && !n.removedBy);
    if (have) throw new InputError(`entity ${entity.id} already has the name "${have.text}"`, { field: 'name' });
    const fact = await nameFact(tx, { ...input, entityId: entity.id, name }, 'add', { name_type: type });
    await tx.addName(entity.id, { text: name, type, factId: fact.id });
    return fact;
  });
}

/** The entity is no longer known by this name (not screened, not resolved); the name stays on record. */
export async function removeEntityName(repo: Repository, input: NameChangeInput): Promise<Fact> {
  const name = cleanName(input.name);
  return repo.transaction(async (tx) => {
    const entity = await requireEntity(tx, input.entityId);
    const names = await tx.namesOf(entity.id);
    const have = names.find((n) => n.text.toLowerCase() === name.toLowerCase() && !n.removedBy);
    if (!have) throw new InputError(`entity ${entity.id} has no name "${name}"${names.length ? `: its names are ${[...new Set(names.filter((n) => !n.removedBy).map((n) => `"${n.text}"`))].slice(0, 12).join(', ')}` : ''}`, { field: 'name' });
    if (have.text.toLowerCase() === entity.name.toLowerCase()) throw new InputError(`"${have.text}" is the entity's display name: rename it first`, { field: 'name' });
    return nameFact(tx, { ...input, entityId: entity.id, name: have.text }, 'remove', {});
  });
}

/** The entity's display name from now on; the old one stays one of its names. */
export async function renameEntity(repo: Repository, input: NameChangeInput): Promise<Fact> {
  const name = cleanName(input.name);
  return repo.transaction(async (tx) => {
    const entity = await requireEntity(tx, input.entityId);
    if (entity.name === name) throw new InputError(`entity ${entity.id} is already called "${name}"`, { field: 'name' });
    const fact = await nameFact(tx, { ...input, entityId: entity.id, name }, 'rename', { previous: entity.name });
    const names = await tx.namesOf(entity.id);
    if (!names.some((n) => n.text.toLowerCase() === name.toLowerCase() && !n.removedBy)) await tx.addName(entity.id, { text: name, type: 'alias', factId: fact.id });
    await tx.setEntityName(entity.id, name);
    return fact;
  });
}

/**
 * What a decision on a name fact changes beyond its status: a rename rejected gives the entity
 * its previous name back, accepted again the new one. (An added name follows its fact's status
 * by itself, and a removal is read from the accepted removals.)
 */
export async function applyNameDecision(tx: Repository, fact: Fact, verdict: 'accepted' | 'rejected'): Promise<void> {
  if (fact.predicate !== 'alias' || fact.qualifiers.action !== 'rename' || !fact.objectLiteral) return;
  const entity = await tx.getEntity(fact.subjectId);
  if (!entity) return;
  if (verdict === 'rejected' && entity.name === fact.objectLiteral && fact.qualifiers.previous) await tx.setEntityName(entity.id, fact.qualifiers.previous);
  if (verdict === 'accepted' && entity.name !== fact.objectLiteral) await tx.setEntityName(entity.id, fact.objectLiteral);
}

export interface Correction {
  subject?: string;
  object?: string;
  date?: string | null;
}

/**
 * Correct a proposal before deciding it: a copy with the corrected subject, object or date and
 * the same evidence and qualifiers, recorded by the analyst; the original is rejected as
 * corrected, pointing at the copy. The copy is accepted at once when `accept` says so.
 */
export async function correctProposal(repo: Repository, factId: number, change: Correction, by: string, note: string | null, accept: boolean): Promise<{ original: Fact; corrected: Fact }> {
  if (change.subject === undefined && change.object === undefined && change.date === undefined) {
    throw new InputError('give what to correct: the subject, the object or the date', { field: 'subject' });
  }
  if (change.date) checkDate(change.date, 'date');
  if (!by.trim()) throw new InputError('a correction needs who made it', { field: 'by' });
  return repo.transaction(async (tx) => {
    const original = await tx.getFact(factId);
    if (!original) throw new NotFoundError(`no fact with id ${factId}`);
    if (original.status !== 'proposed') throw new InputError(`fact ${factId} is ${original.status}: only a proposal is corrected (record a new fact instead)`, { field: 'id' });
    const kinds = await tx.getEntities([original.subjectId, ...(original.objectId ? [original.objectId] : [])]);
    const subject = change.subject !== undefined
      ? (await pickEntity(tx, change.subject, kinds.get(original.subjectId)?.kind ?? 'organisation', true, 'subject')).entity.id
      : original.subjectId;
    let objectId = original.objectId;
    if (change.object !== undefined) {
      if (original.objectId === null) throw new InputError(`a ${original.predicate} fact has no object to correct`, { field: 'object' });
      objectId = (await pickEntity(tx, change.object, kinds.get(original.objectId)?.kind ?? 'organisation', true, 'object')).entity.id;
    }
    const date = change.date === undefined ? original.date : change.date;
    const corrected = await tx.addFact({
      subjectId: subject, predicate: original.predicate, objectId, objectLiteral: original.objectLiteral, date,
      qualifiers: { ...original.qualifiers, corrects: String(original.id) }, evidence: original.evidence[0] ?? {},
      extractor: ANALYST_EXTRACTOR, confidence: original.confidence,
    });
    for (const ev of original.evidence.slice(1)) await tx.addEvidence(corrected.id, ev);
    const what = [
      change.subject !== undefined ? 'subject' : null, change.object !== undefined ? 'object' : null, change.date !== undefined ? `date ${original.date ?? 'none'} → ${date ?? 'none'}` : null,
    ].filter(Boolean).join(', ');
    await tx.decide({ factId: original.id, verdict: 'rejected', by, note: `corrected (${what}) as fact ${corrected.id}${note ? `: ${note}` : ''}` });
    if (accept) await tx.decide({ factId: corrected.id, verdict: 'accepted', by, note: note ?? `corrected from fact ${original.id}` });
    return { original: (await tx.getFact(original.id))!, corrected: (await tx.getFact(corrected.id))! };
  });
}
