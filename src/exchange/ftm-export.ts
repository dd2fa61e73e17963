import type { Entity, Fact, NameType } from '../model/types.js';
import { evidenceExcerpt } from '../registry/evidence-text.js';
import { listingPeriods } from '../registry/listings.js';
import type { Repository } from '../store/repository.js';
import { type FtmEntity, KIND_SCHEMA, LINK_ROLE, NAME_PROPERTY } from './ftm-schema.js';

export type LineWriter = (line: string) => void | Promise<void>;

export interface FtmExportSummary {
  entities: number;
  sanctions: number;
  links: number;
}

/**
 * The FtM id of an entity: the id it was imported under, else one made from its list ref
 * (`un-QDe.118`), else a proscribe id. Stable across exports, so a round trip reproduces it.
 */
export function ftmId(entity: Entity): string {
  const imported = entity.refs.find((r) => r.startsWith('ftm:'));
  if (imported) return imported.slice(4);
  const ref = entity.refs[0];
  if (ref) return ref.replace(':', '-');
  return `proscribe-${entity.id}`;
}

/** The start of a partial date or range: FtM dates are ISO prefixes, not ranges. */
function ftmDate(value: string | null): string | null {
  if (!value) return null;
  return value.split('/')[0] ?? null;
}

const PROPERTY_ORDER = ['name', 'full', 'alias', 'weakAlias', 'previousName', 'incorporationDate', 'topics'];

/** Properties in one fixed order, so the same registry always exports the same bytes. */
function ordered(props: Record<string, string[]>): Record<string, string[]> {
  const rank = (k: string): number => (PROPERTY_ORDER.includes(k) ? PROPERTY_ORDER.indexOf(k) : PROPERTY_ORDER.length);
  return Object.fromEntries(Object.entries(props).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)));
}

function add(props: Record<string, string[]>, key: string, value: string | null | undefined): void {
  if (value === null || value === undefined || value === '') return;
  const list = props[key] ?? (props[key] = []);
  if (!list.includes(value)) list.push(value);
}

/**
 * Write the registry (accepted facts only) as FollowTheMoney JSON lines: one line per entity
 * with its names, a Sanction per listing period (authority, country, start and end dates, the
 * source link and the sentence it rests on), and a Succession or UnknownLink per relation.
 */
export async function exportFtm(repo: Repository, write: LineWriter): Promise<FtmExportSummary> {
  const facts = await repo.listFacts({ status: 'accepted' });
  const ids = new Set<number>();
  for (const f of facts) {
    ids.add(f.subjectId);
    if (f.objectId !== null) ids.add(f.objectId);
  }
  const entities = await repo.getEntities([...ids]);
  const exported = new Map<number, { entity: Entity; line: FtmEntity }>();
  for (const e of entities.values()) {
    const schema = KIND_SCHEMA[e.kind];
    if (!schema || exported.has(e.id)) continue;
    const properties: Record<string, string[]> = { name: [e.name] };
    if (schema === 'Address') properties.full = [e.name];
    exported.set(e.id, { entity: e, line: { id: ftmId(e), schema, properties } });
  }
  for await (const page of repo.allNames()) {
    for (const n of page) {
      const item = exported.get(n.entityId);
      if (!item || n.text === item.entity.name) continue;
      add(item.line.properties, NAME_PROPERTY[n.type as NameType] ?? 'alias', n.text);
    }
  }
  for (const f of facts) {
    const item = exported.get(f.subjectId);
    if (item && f.predicate === 'alias' && f.objectLiteral) add(item.line.properties, 'alias', f.objectLiteral);
    if (item && f.predicate === 'founded' && item.line.schema !== 'Address') add(item.line.properties, 'incorporationDate', ftmDate(f.date));
  }

  const periods = listingPeriods(facts);
  for (const [subjectId] of periods) {
    const item = exported.get(subjectId);
    if (item) add(item.line.properties, 'topics', 'sanction');
  }
  const summary: FtmExportSummary = { entities: 0, sanctions: 0, links: 0 };
  for (const { line } of exported.values()) {
    await write(JSON.stringify({ ...line, properties: ordered(line.properties) }));
    summary.entities++;
  }

  const byId = new Map(facts.map((f) => [f.id, f]));
  // Ids are made from names of things, so the same line can be asked for twice (two sources of one link).
  const emitted = new Set<string>();
  const unique = (id: string): string => {
    let out = id;
    for (let n = 2; emitted.has(out); n++) out = `${id}-${n}`;
    emitted.add(out);
    return out;
  };
  const texts = new Map<number, { text: string; url: string | null } | null>();
  const sourceOf = async (f: Fact | undefined): Promise<{ url: string | null; sentence: string | null; source: string | null }> => {
    const ev = f?.evidence[0];
    if (!ev) return { url: null, sentence: null, source: null };
    if (ev.documentId === null) {
      const isUrl = /^https?:\/\//.test(ev.source ?? '');
      return { url: isUrl ? ev.source : null, sentence: ev.quote ?? null, source: isUrl ? null : ev.source };
    }
    if (!texts.has(ev.documentId)) {
      const doc = await repo.getDocument(ev.documentId);
      texts.set(ev.documentId, doc ? { text: doc.text, url: doc.url } : null);
    }
    const doc = texts.get(ev.documentId);
    return { url: doc?.url ?? null, sentence: doc ? (evidenceExcerpt(doc.text, ev.start, ev.end)?.sentence ?? null) : null, source: ev.source };
  };

  for (const [subjectId, list] of periods) {
    const item = exported.get(subjectId);
    if (!item) continue;
    for (const p of list) {
      const ban = byId.get(p.proscribedFacts[0]!);
      const lifted = p.delistedFact === null ? undefined : byId.get(p.delistedFact);
      const props: Record<string, string[]> = { entity: [item.line.id] };
      add(props, 'authority', ban?.qualifiers.authority);
      // UN and EU are jurisdictions of ours but not countries of FtM's.
      if (/^[A-Z]{2}$/.test(p.jurisdiction) && p.jurisdiction !== 'UN' && p.jurisdiction !== 'EU') add(props, 'country', p.jurisdiction.toLowerCase());
      add(props, 'program', ban?.qualifiers.law ?? ban?.qualifiers.programs);
      add(props, 'programId', p.list);
      add(props, 'startDate', ftmDate(p.fromAsStated));
      add(props, 'endDate', ftmDate(p.untilAsStated ?? (p.until ? p.until : null)));
      for (const ref of item.entity.refs) {
        if (ref.startsWith('un:') && p.jurisdiction === 'UN') add(props, 'unscId', ref.slice(3));
        else if (ref.startsWith('ofac:') && p.jurisdiction === 'US') add(props, 'authorityId', ref.slice(5));
      }
      const src = await sourceOf(ban);
      add(props, 'sourceUrl', src.url);
      add(props, 'summary', src.sentence);
      add(props, 'publisher', src.url ? null : src.source);
      if (lifted) add(props, 'description', (await sourceOf(lifted)).sentence);
      const id = unique(`${item.line.id}-sanction-${p.list ?? p.jurisdiction.toLowerCase()}-${ftmDate(p.fromAsStated) ?? 'undated'}`);
      await write(JSON.stringify({ id, schema: 'Sanction', properties: props }));
      summary.sanctions++;
    }
  }

  for (const f of facts) {
    if (f.objectId === null || f.objectId === f.subjectId) continue;
    const subject = exported.get(f.subjectId);
    const object = exported.get(f.objectId);
    if (!subject || !object) continue;
    const src = await sourceOf(f);
    const props: Record<string, string[]> = {};
    let schema: string;
    if (f.predicate === 'successor_of') {
      schema = 'Succession';
      props.predecessor = [object.line.id];
      props.successor = [subject.line.id];
    } else {
      const role = LINK_ROLE[f.predicate];
      if (!role) continue;
      schema = 'UnknownLink';
      props.subject = [subject.line.id];
      props.object = [object.line.id];
      props.role = [role];
    }
    add(props, 'date', ftmDate(f.date));
    add(props, 'sourceUrl', src.url);
    add(props, 'summary', src.sentence);
    add(props, 'publisher', src.url ? null : src.source);
    await write(JSON.stringify({ id: unique(`${subject.line.id}-${f.predicate}-${object.line.id}`), schema, properties: props }));
    summary.links++;
  }
  return summary;
}
