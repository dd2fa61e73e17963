import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFtm } from '../exchange/ftm-import.js';
import { importListFile, importScheduleFile } from '../importers/import-file.js';
import { joinLists } from '../registry/join.js';
import type { Repository } from '../store/repository.js';
import { type FetchOptions, FetchError, fetchFile } from './fetch-file.js';
import { type Source, getSource, listSources, sourceValidators } from './sources.js';
import { NotFoundError } from '../errors.js';

/** What `update` did with one source. */
export interface SourceUpdate {
  source: string;
  url: string;
  outcome: 'imported' | 'unchanged' | 'failed';
  /** Why it failed, or why it is unchanged (`not modified`, `same file`). */
  reason: string | null;
  httpStatus: number | null;
  attempts: number;
  sha256: string | null;
  bytes: number | null;
  fetchedAt: string;
  /** Entities the import added to the list, removed from it, and changed otherwise (from the change feed). */
  added: number;
  removed: number;
  changed: number;
  /** The change-feed cursor before this import: `changes --since` it lists what the import did. */
  changesSince: string | null;
}

export interface UpdateOptions extends FetchOptions {
  /** Run the cross-list join after an import (default true). */
  join?: boolean;
}

const EXTENSION: Record<Source['format'], string> = { 'un-xml': 'xml', 'ofac-sdn-csv': 'csv', schedule: 'csv', ftm: 'jsonl' };

/**
 * Fetch each source (or the one asked for) and import what changed. A source whose publisher
 * answers 304, or sends the file last imported, is unchanged; a failed download or a file the
 * importer refuses changes nothing in the registry. Every fetch is recorded, with the file's
 * bytes kept once per content, as the evidence of what the import read.
 */
export async function updateSources(repo: Repository, options: UpdateOptions & { source?: string } = {}): Promise<SourceUpdate[]> {
  let sources: Source[];
  if (options.source) {
    const one = await getSource(repo, options.source);
    if (!one) throw new NotFoundError(`no source "${options.source}" (proscribe sources list)`);
    sources = [one];
  } else sources = await listSources(repo);
  const out: SourceUpdate[] = [];
  for (const source of sources) out.push(await updateOne(repo, source, options));
  return out;
}

async function updateOne(repo: Repository, source: Source, options: UpdateOptions): Promise<SourceUpdate> {
  const fetchedAt = new Date().toISOString();
  const base: SourceUpdate = {
    source: source.id, url: source.url, outcome: 'failed', reason: null, httpStatus: null, attempts: 0, sha256: null, bytes: null, fetchedAt,
    added: 0, removed: 0, changed: 0, changesSince: null,
  };
  let result: Awaited<ReturnType<typeof fetchFile>>;
  try {
    result = await fetchFile(source.url, await sourceValidators(repo, source.id), options);
  } catch (error) {
    const e = error instanceof FetchError ? error : new FetchError((error as Error).message, null, 0);
    const report = { ...base, reason: e.message, httpStatus: e.status, attempts: e.attempts };
    await record(repo, source, report, null, null);
    return report;
  }
  if (result.kind === 'not-modified') {
    const report = { ...base, outcome: 'unchanged' as const, reason: 'not modified (HTTP 304)', httpStatus: 304, attempts: result.attempts };
    await record(repo, source, report, null, null);
    return report;
  }
  const sha256 = createHash('sha256').update(result.body).digest('hex');
  const fetched = { ...base, httpStatus: result.status, attempts: result.attempts, sha256, bytes: result.body.length };
  const validators = { etag: result.etag, lastModified: result.lastModified };
  const last = await repo.kysely.selectFrom('fetches').select('sha256').where('source_id', '=', source.id).where('outcome', '=', 'imported')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (last?.sha256 === sha256) {
    const report = { ...fetched, outcome: 'unchanged' as const, reason: 'the same file as the last import' };
    await record(repo, source, report, result.body, validators);
    return report;
  }
  const before = await lastChangeId(repo);
  try {
    const unchanged = await importBody(repo, source, result.body);
    if (unchanged) {
      const report = { ...fetched, outcome: 'unchanged' as const, reason: 'this file was imported before' };
      await record(repo, source, report, result.body, validators);
      return report;
    }
  } catch (error) {
    // The importers write in one transaction: a refused file left the registry as it was.
    const report = { ...fetched, reason: `the file was not imported: ${(error as Error).message}` };
    await record(repo, source, report, result.body, validators);
    return report;
  }
  if (options.join !== false) await joinLists(repo);
  const counts = await changeCounts(repo, before);
  const report: SourceUpdate = { ...fetched, outcome: 'imported', ...counts, changesSince: `c${before}` };
  await record(repo, source, report, result.body, validators);
  return report;
}

/** Import the body in its format; true when the importer found this exact version already imported. */
async function importBody(repo: Repository, source: Source, body: Buffer): Promise<boolean> {
  if (source.format === 'ftm') return (await importFtm(repo, body.toString('utf8'), source.url)).unchanged;
  const dir = mkdtempSync(join(tmpdir(), 'proscribe-update-'));
  try {
    const file = join(dir, `${source.listId ?? source.id}.${EXTENSION[source.format]}`);
    writeFileSync(file, body);
    if (source.format === 'schedule') return (await importScheduleFile(repo, file, { list: source.listId ?? source.id })).unchanged;
    return (await importListFile(repo, source.format, file)).unchanged;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function lastChangeId(repo: Repository): Promise<number> {
  const r = await repo.kysely.selectFrom('changes').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}

async function changeCounts(repo: Repository, after: number): Promise<{ added: number; removed: number; changed: number }> {
  const rows = await repo.kysely.selectFrom('changes').select(['entity_id', 'change']).where('id', '>', after).execute();
  const of = (kind: string) => new Set(rows.filter((r) => r.change === kind).map((r) => r.entity_id)).size;
  return { added: of('added'), removed: of('removed'), changed: of('changed') };
}

async function record(repo: Repository, source: Source, report: SourceUpdate, body: Buffer | null, validators: { etag: string | null; lastModified: string | null } | null): Promise<void> {
  await repo.transaction(async (tx) => {
    const db = tx.kysely;
    if (body && report.sha256) {
      const have = await db.selectFrom('fetched_files').select('sha256').where('sha256', '=', report.sha256).executeTakeFirst();
      if (!have) await db.insertInto('fetched_files').values({ sha256: report.sha256, content: body, bytes: body.length, first_fetched_at: report.fetchedAt }).execute();
    }
    await db.insertInto('fetches').values({
      source_id: source.id, url: source.url, fetched_at: report.fetchedAt, http_status: report.httpStatus, outcome: report.outcome, sha256: report.sha256,
      bytes: report.bytes, etag: validators?.etag ?? null, last_modified: validators?.lastModified ?? null,
      error: report.outcome === 'failed' ? report.reason : null,
      summary: report.outcome === 'imported' ? JSON.stringify({ added: report.added, removed: report.removed, changed: report.changed, changesSince: report.changesSince }) : null,
    }).execute();
    // Validators are kept only from a fetch whose file was taken in: a refused file is asked for again.
    const keep = report.outcome !== 'failed' && validators ? { etag: validators.etag, last_modified: validators.lastModified } : {};
    await db.updateTable('sources').set({ checked_at: report.fetchedAt, last_outcome: report.outcome, last_error: report.outcome === 'failed' ? report.reason : null, ...keep })
      .where('id', '=', source.id).execute();
  });
}

/** Every fetch of a source, newest first. */
export async function fetchHistory(repo: Repository, sourceId: string, limit = 50): Promise<{ fetchedAt: string; outcome: string; httpStatus: number | null; sha256: string | null; bytes: number | null; error: string | null }[]> {
  const rows = await repo.kysely.selectFrom('fetches').selectAll().where('source_id', '=', sourceId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ fetchedAt: r.fetched_at, outcome: r.outcome, httpStatus: r.http_status, sha256: r.sha256, bytes: r.bytes, error: r.error }));
}
