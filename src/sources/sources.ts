import { InputError, NotFoundError } from '../errors.js';
import { LIST_ID_PATTERN, knownList } from '../lists/catalogue.js';
import type { Repository } from '../store/repository.js';
import { checkSchedule } from '../jobs/cron.js';

/** Formats a source can be fetched in: each has an importer. */
export const SOURCE_FORMATS = ['un-xml', 'ofac-sdn-csv', 'schedule', 'ftm'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface Source {
  id: string;
  format: SourceFormat;
  url: string;
  /** The list a schedule source is a version of. */
  listId: string | null;
  schedule: string | null;
  createdAt: string;
  checkedAt: string | null;
  lastOutcome: string | null;
  lastError: string | null;
}

export interface SourceInput {
  id: string;
  format: string;
  url: string;
  list?: string | null;
  schedule?: string | null;
}

/**
 * The official publishers' files, added by `sources add --defaults` (and by `bootstrap`). The
 * national schedules have no machine-readable file of their own: they are added by hand, a
 * maintained CSV per list, with `--format schedule --list ID`.
 */
export const DEFAULT_SOURCES: readonly SourceInput[] = [
  { id: 'un-sc', format: 'un-xml', url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml', schedule: '0 6 * * *' },
  { id: 'us-ofac-sdn', format: 'ofac-sdn-csv', url: 'https://www.treasury.gov/ofac/downloads/sdn.csv', schedule: '30 6 * * *' },
];

export function checkSourceInput(input: SourceInput): Required<Omit<SourceInput, 'list' | 'schedule'>> & { list: string | null; schedule: string | null; format: SourceFormat } {
  if (!LIST_ID_PATTERN.test(input.id)) throw new InputError(`"${input.id}" is not a source id: lower-case letters, digits and hyphens, 2 to 48 characters`, { field: 'id' });
  if (!(SOURCE_FORMATS as readonly string[]).includes(input.format)) throw new InputError(`format "${input.format}" is not one of ${SOURCE_FORMATS.join(', ')}`, { field: 'format' });
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new InputError(`"${input.url}" is not a URL`, { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(`"${input.url}" is not an http(s) URL`, { field: 'url' });
  const list = input.list ?? (input.format === 'schedule' ? input.id : null);
  if (input.format === 'schedule') {
    if (!list || !LIST_ID_PATTERN.test(list)) throw new InputError('a schedule source needs the list it is a version of (--list)', { field: 'list' });
    const known = knownList(list);
    if (known && known.format !== 'schedule') throw new InputError(`list ${list} is published as ${known.format}, not as a schedule CSV`, { field: 'list' });
  }
  return { id: input.id, format: input.format as SourceFormat, url: url.toString(), list, schedule: checkSchedule(input.schedule) };
}

export async function addSource(repo: Repository, input: SourceInput, options: { replace?: boolean } = {}): Promise<Source> {
  const s = checkSourceInput(input);
  const existing = await getSource(repo, s.id);
  if (existing && !options.replace) throw new InputError(`there is already a source "${s.id}" (${existing.url})`, { field: 'id' });
  const row = { id: s.id, format: s.format, url: s.url, list_id: s.list, schedule: s.schedule };
  if (existing) await repo.kysely.updateTable('sources').set(row).where('id', '=', s.id).execute();
  else {
    await repo.kysely.insertInto('sources').values({
      ...row, created_at: new Date().toISOString(), etag: null, last_modified: null, checked_at: null, last_outcome: null, last_error: null,
    }).execute();
  }
  return (await getSource(repo, s.id))!;
}

/** The default sources not yet configured; returns those it added. */
export async function addDefaultSources(repo: Repository): Promise<Source[]> {
  const added: Source[] = [];
  for (const d of DEFAULT_SOURCES) if (!(await getSource(repo, d.id))) added.push(await addSource(repo, d));
  return added;
}

export async function removeSource(repo: Repository, id: string): Promise<void> {
  const res = await repo.kysely.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new NotFoundError(`no source "${id}"`);
}

export async function getSource(repo: Repository, id: string): Promise<Source | null> {
  const r = await repo.kysely.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSource(r) : null;
}

export async function listSources(repo: Repository): Promise<Source[]> {
  return (await repo.kysely.selectFrom('sources').selectAll().orderBy('id').execute()).map(toSource);
}

export async function sourceValidators(repo: Repository, id: string): Promise<{ etag: string | null; lastModified: string | null }> {
  const r = await repo.kysely.selectFrom('sources').select(['etag', 'last_modified']).where('id', '=', id).executeTakeFirst();
  return { etag: r?.etag ?? null, lastModified: r?.last_modified ?? null };
}

function toSource(r: { id: string; format: string; url: string; list_id: string | null; schedule: string | null; created_at: string; checked_at: string | null; last_outcome: string | null; last_error: string | null }): Source {
  return {
    id: r.id, format: r.format as SourceFormat, url: r.url, listId: r.list_id, schedule: r.schedule, createdAt: r.created_at,
    checkedAt: r.checked_at, lastOutcome: r.last_outcome, lastError: r.last_error,
  };
}
