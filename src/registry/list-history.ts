import { NotFoundError } from '../errors.js';
import type { Entity } from '../model/types.js';
import type { ImportRun, ListRecord, Repository } from '../store/repository.js';
import { type ListingPeriod, UNKNOWN_START, listingPeriods, periodOn } from './listings.js';

/** One change to a list: an entry added, added again after a delisting, or removed. */
export interface ListChange {
  day: string;
  /** The date as the list gave it (`2016-12`). */
  asStated: string | null;
  change: 'added' | 'relisted' | 'removed';
  entity: Pick<Entity, 'id' | 'name' | 'kind'>;
  /** The fact that made the change. */
  fact: number;
}

export interface YearOfChanges {
  year: number;
  added: number;
  relisted: number;
  removed: number;
}

export interface ListHistory {
  list: ListRecord;
  from: string | null;
  to: string | null;
  /** The changes between `from` and `to` (both included), oldest first. */
  changes: ListChange[];
  /** Every change of the list, per year (for a chart). */
  perYear: YearOfChanges[];
  /** Entries the list gives no listing date for: on it since before any date known. */
  undated: number;
}

export interface ListSummary {
  list: ListRecord;
  /** Entries ever on the list. */
  entries: number;
  /** Entries in force on `asOf`. */
  inForce: number;
  asOf: string;
  /** The latest imported version's date, where it has one. */
  versionOf: string | null;
  lastImport: ImportRun | null;
  imports: number;
}

async function periodsOfList(repo: Repository, listId: string): Promise<Map<number, ListingPeriod[]>> {
  return listingPeriods(await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], list: listId }));
}

async function requireList(repo: Repository, listId: string): Promise<ListRecord> {
  const list = await repo.getList(listId);
  if (!list) {
    const known = (await repo.lists()).map((l) => l.id);
    throw new NotFoundError(`no list "${listId}" in this registry: it has ${known.join(', ') || 'none yet (run proscribe bootstrap)'}`);
  }
  return list;
}

/** What a list added, re-added and removed between two days, with the dates the list gives. */
export async function listHistory(repo: Repository, listId: string, range: { from?: string; to?: string } = {}): Promise<ListHistory> {
  const list = await requireList(repo, listId);
  const periods = await periodsOfList(repo, listId);
  const entities = await repo.getEntities([...periods.keys()]);
  const all: ListChange[] = [];
  let undated = 0;
  for (const [subjectId, ps] of periods) {
    const e = entities.get(subjectId);
    const entity = { id: subjectId, name: e?.name ?? `entity ${subjectId}`, kind: e?.kind ?? 'organisation' };
    ps.forEach((p, i) => {
      if (p.from === UNKNOWN_START) undated++;
      else all.push({ day: p.from, asStated: p.fromAsStated, change: i === 0 ? 'added' : 'relisted', entity, fact: p.proscribedFacts[0]! });
      if (p.until !== null) all.push({ day: p.until, asStated: p.untilAsStated, change: 'removed', entity, fact: p.delistedFact! });
    });
  }
  all.sort((a, b) => a.day.localeCompare(b.day) || a.entity.name.localeCompare(b.entity.name));
  const years = new Map<number, YearOfChanges>();
  for (const c of all) {
    const year = Number(c.day.slice(0, 4));
    const y = years.get(year) ?? { year, added: 0, relisted: 0, removed: 0 };
    y[c.change]++;
    years.set(year, y);
  }
  const changes = all.filter((c) => (!range.from || c.day >= range.from) && (!range.to || c.day <= range.to));
  return { list, from: range.from ?? null, to: range.to ?? null, changes, perYear: [...years.values()].sort((a, b) => a.year - b.year), undated };
}

async function summaryOf(repo: Repository, list: ListRecord, asOf: string): Promise<ListSummary> {
  const periods = await periodsOfList(repo, list.id);
  let inForce = 0;
  for (const ps of periods.values()) if (periodOn(ps, asOf)) inForce++;
  const runs = await repo.importRunsOfList(list.id);
  const versionOf = runs.map((r) => r.publishedOn).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  return { list, entries: periods.size, inForce, asOf, versionOf, lastImport: runs.at(-1) ?? null, imports: runs.length };
}

/** Every list with its size, what is in force on `asOf`, and its imports. */
export async function listSummaries(repo: Repository, asOf: string): Promise<ListSummary[]> {
  const out: ListSummary[] = [];
  for (const list of await repo.lists()) out.push(await summaryOf(repo, list, asOf));
  return out;
}

export async function listSummary(repo: Repository, listId: string, asOf: string): Promise<ListSummary> {
  return summaryOf(repo, await requireList(repo, listId), asOf);
}
