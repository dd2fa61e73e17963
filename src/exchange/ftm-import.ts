import { z } from 'zod';
import { findUnstorableField } from '../documents/characters.js';
import { sha256Hex } from '../documents/normalise.js';
import { InputError } from '../errors.js';
import { dateBounds } from '../model/partial-date.js';
import type { Entity, NameType, Predicate, Qualifiers } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import { knownList } from '../lists/catalogue.js';
import { type FtmEntity, INTERVAL_SCHEMAS, ROLE_PREDICATE, SCHEMA_KIND, SCHEMA_PROPERTIES } from './ftm-schema.js';

export interface FtmImportSummary {
  file: string;
  unchanged: boolean;
  lines: number;
  entitiesCreated: number;
  entitiesMatched: number;
  namesAdded: number;
  factsAdded: number;
  factsKnown: number;
  /** Lines of schemas proscribe does not model (Passport, Ownership, ...), by schema. */
  skippedSchemas: Record<string, number>;
  /** Properties proscribe does not model, by `Schema.property`: reported, not silently lost. */
  ignoredProperties: Record<string, number>;
}

const LINE = z.object({
  id: z.string().min(1).max(512),
  schema: z.string().min(1),
  properties: z.record(z.string(), z.array(z.string())),
});

const IMPORTER = 'importer:ftm';
const NAME_TYPES: [string, NameType][] = [['name', 'alias'], ['alias', 'alias'], ['weakAlias', 'weak'], ['previousName', 'previous']];

interface ParsedLine {
  line: number;
  entity: FtmEntity;
}

/** Parse FollowTheMoney JSON lines; a bad line is an error naming the line and the field. */
export function parseFtmLines(text: string, file: string): ParsedLine[] {
  const out: ParsedLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new InputError(`not JSON: ${(error as Error).message}`, { file, line: i + 1 });
    }
    const parsed = LINE.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(issue.message, { file, line: i + 1, field: issue.path.join('.') || 'line' });
    }
    const entity = parsed.data;
    // A JSON escape can carry what neither database stores faithfully (NUL, a lone surrogate).
    const bad = findUnstorableField(entity);
    if (bad) throw new InputError(`${bad.description} at character ${bad.index + 1}`, { file, line: i + 1, field: bad.field || 'line' });
    out.push({ line: i + 1, entity });
  }
  return out;
}

/** FtM dates are ISO prefixes, sometimes with a time: keep the date part, refuse anything else. */
function ftmDate(value: string | undefined, file: string, line: number, field: string): string | null {
  if (value === undefined || value === '') return null;
  const day = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(value)?.[0];
  if (!day || !dateBounds(day)) throw new InputError(`"${value}" is not an ISO date`, { file, line, field });
  return day;
}

/** The list ref an exported id encodes (`un-QDe.118` → `un:QDe.118`), so re-imports meet the list's entity. */
function listRef(id: string): string | null {
  const m = /^(un|ofac)-(.+)$/.exec(id);
  return m ? `${m[1]}:${m[2]}` : null;
}

/**
 * Import FollowTheMoney JSON lines (as written by `proscribe export ftm` or OpenSanctions) as
 * accepted registry facts: entities with their names, Sanctions as listing periods, Succession
 * and UnknownLink as relations. One transaction; importing the same file again changes nothing.
 */
export async function importFtm(repo: Repository, text: string, file: string): Promise<FtmImportSummary> {
  const lines = parseFtmLines(text, file);
  const sha256 = sha256Hex(text);
  const summary: FtmImportSummary = {
    file, unchanged: false, lines: lines.length, entitiesCreated: 0, entitiesMatched: 0, namesAdded: 0, factsAdded: 0, factsKnown: 0,
    skippedSchemas: {}, ignoredProperties: {},
  };
  return repo.transaction(async (tx) => {
    if ((await tx.importRuns('ftm')).some((r) => r.sha256 === sha256)) return { ...summary, unchanged: true };
    const local = new Map<string, Entity>();
    const at = new Date().toISOString();

    const count = (bag: Record<string, number>, key: string): void => {
      bag[key] = (bag[key] ?? 0) + 1;
    };
    for (const { entity } of lines) {
      const allowed = SCHEMA_PROPERTIES[entity.schema];
      if (!allowed) continue;
      for (const key of Object.keys(entity.properties)) if (!allowed.includes(key)) count(summary.ignoredProperties, `${entity.schema}.${key}`);
    }

    // Entities first, so links may point at entities anywhere in the file.
    for (const { line, entity } of lines) {
      if (INTERVAL_SCHEMAS.has(entity.schema)) continue;
      const kind = SCHEMA_KIND[entity.schema];
      if (!kind) {
        count(summary.skippedSchemas, entity.schema);
        continue;
      }
      const names = (entity.properties.name ?? []).map((n) => n.trim()).filter(Boolean);
      if (names.length === 0) throw new InputError(`${entity.schema} ${entity.id} has no name`, { file, line, field: 'properties.name' });
      const refs = [`ftm:${entity.id}`, ...[listRef(entity.id)].filter((r): r is string => r !== null)];
      let found: Entity | null = null;
      for (const ref of refs) if (!found) found = await tx.findEntityByRef(ref);
      if (found) {
        summary.entitiesMatched++;
        if (!found.refs.includes(refs[0]!)) await tx.addRef(found.id, refs[0]!);
      } else {
        found = await tx.createEntity(kind, names[0]!, refs);
        summary.entitiesCreated++;
      }
      local.set(entity.id, found);
      const known = new Set((await tx.namesOf(found.id)).map((n) => n.text));
      for (const [property, type] of NAME_TYPES) {
        for (const [i, text] of (entity.properties[property] ?? []).entries()) {
          const clean = text.trim();
          if (!clean || known.has(clean)) continue;
          known.add(clean);
          await tx.addName(found.id, { text: clean, type: property === 'name' && i === 0 ? 'primary' : type });
          summary.namesAdded++;
        }
      }
      const founded = ftmDate(entity.properties.incorporationDate?.[0], file, line, 'properties.incorporationDate');
      if (founded) await addAccepted(tx, summary, { subjectId: found.id, predicate: 'founded', date: founded, qualifiers: {}, source: null, origin: `${file}:${line}` }, at);
    }

    const target = async (id: string | undefined, line: number, field: string): Promise<Entity> => {
      if (!id) throw new InputError('missing entity reference', { file, line, field });
      const hit = local.get(id) ?? (await tx.findEntityByRef(`ftm:${id}`)) ?? (listRef(id) ? await tx.findEntityByRef(listRef(id)!) : null);
      if (!hit) throw new InputError(`refers to "${id}", which is neither in this file nor in the registry`, { file, line, field });
      return hit;
    };

    for (const { line, entity } of lines) {
      const p = entity.properties;
      // The import's own place (file:line) goes into the decision note, not the evidence: it is not a source.
      const source = p.sourceUrl?.[0] ?? p.publisher?.[0] ?? null;
      const origin = `${file}:${line}`;
      const sentence = p.summary?.[0] ?? null;
      if (entity.schema === 'Sanction') {
        const subject = await target(p.entity?.[0], line, 'properties.entity');
        const country = p.country?.[0];
        const authority = p.authority?.[0];
        const jurisdiction = country ? country.toUpperCase()
          : p.unscId?.length || /united nations|security council/i.test(authority ?? '') ? 'UN' : null;
        if (!jurisdiction) throw new InputError('a Sanction needs a country, or a UN Security Council id or authority', { file, line, field: 'properties.country' });
        const list = await listOf(tx, p.programId?.[0], jurisdiction);
        const qualifiers: Qualifiers = {
          jurisdiction, ...(authority ? { authority } : {}), ...(p.program?.[0] ? { law: p.program[0] } : {}),
          ...(list ? { list } : p.programId?.[0] ? { program_id: p.programId[0] } : {}),
        };
        const start = ftmDate(p.startDate?.[0] ?? p.listingDate?.[0] ?? p.date?.[0], file, line, 'properties.startDate');
        await addAccepted(tx, summary, { subjectId: subject.id, predicate: 'proscribed', date: start, qualifiers, source, origin, attribution: authority ?? null, sentence }, at);
        const end = ftmDate(p.endDate?.[0], file, line, 'properties.endDate');
        if (end) await addAccepted(tx, summary, { subjectId: subject.id, predicate: 'delisted', date: end, qualifiers, source, origin, attribution: authority ?? null, sentence: p.description?.[0] ?? null }, at);
        for (const id of p.unscId ?? []) await ensureRef(tx, subject, `un:${id}`);
      } else if (entity.schema === 'Succession') {
        const successor = await target(p.successor?.[0], line, 'properties.successor');
        const predecessor = await target(p.predecessor?.[0], line, 'properties.predecessor');
        const date = ftmDate(p.date?.[0] ?? p.startDate?.[0], file, line, 'properties.date');
        await addAccepted(tx, summary, { subjectId: successor.id, predicate: 'successor_of', objectId: predecessor.id, date, qualifiers: {}, source, origin, sentence }, at);
      } else if (entity.schema === 'UnknownLink') {
        const subject = await target(p.subject?.[0], line, 'properties.subject');
        const object = await target(p.object?.[0], line, 'properties.object');
        const role = (p.role?.[0] ?? '').trim().toLowerCase();
        const predicate: Predicate = ROLE_PREDICATE[role] ?? 'affiliated_with';
        const date = ftmDate(p.date?.[0] ?? p.startDate?.[0], file, line, 'properties.date');
        const qualifiers: Qualifiers = ROLE_PREDICATE[role] || !role ? {} : { role };
        await addAccepted(tx, summary, { subjectId: subject.id, predicate, objectId: object.id, date, qualifiers, source, origin, sentence }, at);
      }
    }

    await tx.recordImportRun({ format: 'ftm', source: 'ftm', sha256, publishedOn: null, summary: { ...summary } });
    return summary;
  });
}

/**
 * The registry list a Sanction's programId names: one the registry holds, or one of the lists
 * proscribe knows (then added to the registry). Other programme ids (OpenSanctions') stay a qualifier.
 */
async function listOf(tx: Repository, programId: string | undefined, jurisdiction: string): Promise<string | null> {
  if (!programId) return null;
  const held = await tx.getList(programId);
  if (held) return held.jurisdiction === jurisdiction ? held.id : null;
  const known = knownList(programId);
  if (!known || known.jurisdiction !== jurisdiction) return null;
  await tx.saveList(known);
  return known.id;
}

async function ensureRef(tx: Repository, entity: Entity, ref: string): Promise<void> {
  if (entity.refs.includes(ref)) return;
  const owner = await tx.findEntityByRef(ref);
  if (!owner) {
    await tx.addRef(entity.id, ref);
    entity.refs.push(ref);
  }
}

interface AcceptedFact {
  subjectId: number;
  predicate: Predicate;
  objectId?: number;
  date: string | null;
  qualifiers: Qualifiers;
  source: string | null;
  /** Where in the imported file the statement came from. */
  origin: string;
  attribution?: string | null;
  sentence?: string | null;
}

/** Record an accepted fact unless the registry already holds the same statement. */
async function addAccepted(tx: Repository, summary: FtmImportSummary, f: AcceptedFact, at: string): Promise<void> {
  const existing = await tx.listFacts({ subjectId: f.subjectId, predicate: f.predicate, status: 'accepted' });
  const same = existing.find((e) => e.date === f.date && (e.objectId ?? null) === (f.objectId ?? null)
    && (e.qualifiers.jurisdiction ?? null) === (f.qualifiers.jurisdiction ?? null) && (e.qualifiers.list ?? null) === (f.qualifiers.list ?? null));
  if (same) {
    summary.factsKnown++;
    return;
  }
  // The sentence an exported fact rested on travels as a quote: there is no document to point into.
  const fact = await tx.addFact({
    subjectId: f.subjectId, predicate: f.predicate, objectId: f.objectId ?? null, date: f.date, qualifiers: f.qualifiers,
    evidence: { source: f.source, attribution: f.attribution ?? null, quote: f.sentence ?? null }, extractor: IMPORTER, confidence: 1,
  });
  await tx.decide({ factId: fact.id, verdict: 'accepted', by: IMPORTER, note: `imported from ${f.origin}`, at });
  summary.factsAdded++;
}
