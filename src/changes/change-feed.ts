import { InputError } from '../errors.js';
import { ftmId } from '../exchange/ftm-export.js';
import { KIND_SCHEMA, NAME_PROPERTY } from '../exchange/ftm-schema.js';
import { isIsoDay } from '../model/partial-date.js';
import type { Entity, NameType } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import type { ChangeKind } from './change-of-decision.js';

/**
 * The change feed: what changed in the registry, in the order it changed, each entry with the
 * list version or decision that caused it. A reader keeps the cursor of the last entry it read
 * and asks for what came after it.
 */
export interface ChangeView {
  /** Opaque position of this entry; pass it as `since` to read what came after. */
  cursor: string;
  at: string;
  change: ChangeKind;
  entity: { id: number; name: string; kind: string; refs: string[] };
  list: string | null;
  fact: number | null;
  decision: number | null;
  detail: Record<string, unknown>;
  cause: string;
}

export interface ChangePage {
  changes: ChangeView[];
  /** The cursor to continue from (the last entry's, or the one given when nothing is new). */
  next: string | null;
  /** More entries wait after this page. */
  more: boolean;
}

export interface ChangeQuery {
  /** A cursor from an earlier page, or a day (YYYY-MM-DD: entries on or after it). */
  since?: string;
  list?: string;
  limit?: number;
}

const MAX_LIMIT = 5000;

/** A cursor is `c` and an entry id; a day is a day. Anything else is refused by name. */
function parseSince(since: string | undefined): { afterId: number } | { fromDay: string } | null {
  if (since === undefined || since === '') return null;
  const cursor = /^c(\d{1,15})$/.exec(since);
  if (cursor) return { afterId: Number(cursor[1]) };
  if (isIsoDay(since)) return { fromDay: since };
  throw new InputError(`since "${since}" is neither a cursor from an earlier page (c123) nor a day (YYYY-MM-DD)`, { field: 'since' });
}

export async function readChanges(repo: Repository, query: ChangeQuery = {}): Promise<ChangePage> {
  const limit = query.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InputError(`limit must be a whole number from 1 to ${MAX_LIMIT}`, { field: 'limit' });
  const since = parseSince(query.since);
  let q = repo.kysely.selectFrom('changes').selectAll().orderBy('id').limit(limit + 1);
  if (since && 'afterId' in since) q = q.where('id', '>', since.afterId);
  if (since && 'fromDay' in since) q = q.where('at', '>=', since.fromDay);
  if (query.list) q = q.where('list_id', '=', query.list);
  const rows = await q.execute();
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const details = page.map((r) => JSON.parse(r.detail) as Record<string, unknown>);
  const others = details.flatMap((d) => [d.of, d.merged, d.split].filter((v): v is number => typeof v === 'number'));
  const entities = await repo.getEntities([...new Set([...page.map((r) => r.entity_id), ...others])]);
  // An entity another change points at is named, not only numbered.
  for (const d of details) {
    for (const key of ['of', 'merged', 'split'] as const) {
      const id = d[key];
      if (typeof id === 'number') d[key] = `${entities.get(id)?.name ?? 'entity'} (entity ${id})`;
    }
  }
  const changes = page.map((r, i): ChangeView => {
    const e = entities.get(r.entity_id);
    return {
      cursor: `c${r.id}`, at: r.at, change: r.change as ChangeKind,
      entity: e ? { id: e.id, name: e.name, kind: e.kind, refs: e.refs } : { id: r.entity_id, name: `entity ${r.entity_id}`, kind: 'organisation', refs: [] },
      list: r.list_id, fact: r.fact_id, decision: r.decision_id, detail: details[i]!, cause: r.cause,
    };
  });
  const last = changes.at(-1)?.cursor ?? (since && 'afterId' in since ? `c${since.afterId}` : null);
  return { changes, next: last, more };
}

/**
 * The same entries as FollowTheMoney delta lines (`{"op": "ADD"|"MOD"|"DEL", "entity": …}`):
 * an entity listed is added, delisted is deleted, anything else modified; the entity is given
 * as it reads now, with its names.
 */
export async function changesAsFtmDelta(repo: Repository, changes: readonly ChangeView[]): Promise<string[]> {
  const lines: string[] = [];
  const cache = new Map<number, Record<string, unknown>>();
  for (const c of changes) {
    let entity = cache.get(c.entity.id);
    if (!entity) {
      entity = await ftmEntity(repo, c.entity as Entity);
      cache.set(c.entity.id, entity);
    }
    const op = c.change === 'added' ? 'ADD' : c.change === 'removed' ? 'DEL' : 'MOD';
    lines.push(JSON.stringify({ op, entity: op === 'DEL' ? { id: entity.id, schema: entity.schema } : entity, cursor: c.cursor, ...(c.list ? { list: c.list } : {}) }));
  }
  return lines;
}

async function ftmEntity(repo: Repository, e: Entity): Promise<Record<string, unknown>> {
  const properties: Record<string, string[]> = { name: [e.name] };
  for (const n of await repo.namesOf(e.id)) {
    if (n.removedBy || n.text === e.name) continue;
    const key = NAME_PROPERTY[n.type as NameType] ?? 'alias';
    const list = properties[key] ?? (properties[key] = []);
    if (!list.includes(n.text)) list.push(n.text);
  }
  return { id: ftmId(e), schema: KIND_SCHEMA[e.kind] ?? 'LegalEntity', properties };
}
