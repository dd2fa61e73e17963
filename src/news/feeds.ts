import Parser from 'rss-parser';
import { InputError, NotFoundError } from '../errors.js';
import type { AfterStore } from '../ingest/ingest.js';
import { isIsoDay } from '../model/partial-date.js';
import { type FetchOptions, FetchError, fetchFile } from '../sources/fetch-file.js';
import type { Repository } from '../store/repository.js';
import { checkSchedule } from '../jobs/cron.js';
import { fetchPage, ingestPage } from './ingest-page.js';

export interface Feed {
  id: number;
  url: string;
  title: string | null;
  schedule: string | null;
  createdAt: string;
  checkedAt: string | null;
  lastError: string | null;
  items: number;
}

/** One poll of one feed. */
export interface FeedPoll {
  url: string;
  /** Items the feed listed (0 when it answered 304 Not Modified). */
  items: number;
  /** Pages fetched: items not seen before. */
  fetched: number;
  /** Pages stored as new documents (and extracted). */
  new: number;
  /** Items seen before, pages whose text is stored already, and near-copies of a stored story. */
  duplicates: number;
  failed: number;
  errors: string[];
  documents: { url: string; documentId: number; duplicateOf: number | null; factsProposed: number }[];
}

export async function addFeed(repo: Repository, url: string, schedule: string | null = null): Promise<Feed> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`"${url}" is not a URL`, { field: 'url' });
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new InputError(`"${url}" is not an http(s) URL`, { field: 'url' });
  const href = parsed.toString();
  schedule = checkSchedule(schedule);
  if (await repo.kysely.selectFrom('feeds').select('id').where('url', '=', href).executeTakeFirst()) throw new InputError(`the feed ${href} is added already`, { field: 'url' });
  await repo.kysely.insertInto('feeds').values({ url: href, title: null, created_at: new Date().toISOString(), schedule, etag: null, last_modified: null, checked_at: null, last_error: null }).execute();
  return (await listFeeds(repo)).find((f) => f.url === href)!;
}

export async function removeFeed(repo: Repository, url: string): Promise<void> {
  const res = await repo.kysely.deleteFrom('feeds').where('url', '=', url).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new NotFoundError(`no feed ${url}`);
}

export async function listFeeds(repo: Repository): Promise<Feed[]> {
  const feeds = await repo.kysely.selectFrom('feeds').selectAll().orderBy('id').execute();
  const out: Feed[] = [];
  for (const f of feeds) {
    const n = await repo.kysely.selectFrom('feed_items').select((eb) => eb.fn.countAll().as('n')).where('feed_id', '=', f.id).executeTakeFirstOrThrow();
    out.push({ id: f.id, url: f.url, title: f.title, schedule: f.schedule, createdAt: f.created_at, checkedAt: f.checked_at, lastError: f.last_error, items: Number(n.n) });
  }
  return out;
}

/**
 * Read each feed (conditionally), fetch the page of every item not seen before, and store its
 * article (extracted into proposals by `hook`). An item is known by its guid, else its link.
 */
export async function pollFeeds(repo: Repository, options: FetchOptions & { hook?: AfterStore; url?: string } = {}): Promise<FeedPoll[]> {
  let feeds = await repo.kysely.selectFrom('feeds').selectAll().orderBy('id').execute();
  if (options.url) {
    feeds = feeds.filter((f) => f.url === options.url || f.url === safeHref(options.url!));
    if (feeds.length === 0) throw new NotFoundError(`no feed ${options.url} (proscribe feeds list)`);
  }
  const parser = new Parser();
  const out: FeedPoll[] = [];
  for (const feed of feeds) {
    const poll: FeedPoll = { url: feed.url, items: 0, fetched: 0, new: 0, duplicates: 0, failed: 0, errors: [], documents: [] };
    out.push(poll);
    const checkedAt = new Date().toISOString();
    let xml: string;
    let validators: { etag: string | null; last_modified: string | null } = { etag: feed.etag, last_modified: feed.last_modified };
    try {
      const res = await fetchFile(feed.url, { etag: feed.etag, lastModified: feed.last_modified }, { maxBytes: 20 * 2 ** 20, timeoutMs: 30_000, retries: 2, ...options });
      if (res.kind === 'not-modified') {
        await repo.kysely.updateTable('feeds').set({ checked_at: checkedAt, last_error: null }).where('id', '=', feed.id).execute();
        continue;
      }
      xml = res.body.toString('utf8');
      validators = { etag: res.etag, last_modified: res.lastModified };
    } catch (error) {
      poll.errors.push(error instanceof FetchError ? error.message : (error as Error).message);
      poll.failed++;
      await repo.kysely.updateTable('feeds').set({ checked_at: checkedAt, last_error: poll.errors[0]! }).where('id', '=', feed.id).execute();
      continue;
    }
    let items: { guid?: string; link?: string; isoDate?: string; title?: string }[];
    let title: string | null = feed.title;
    try {
      const parsed = await parser.parseString(xml);
      items = parsed.items;
      title = parsed.title?.trim() || title;
    } catch (error) {
      poll.errors.push(`${feed.url} is not an RSS or Atom feed: ${(error as Error).message}`);
      poll.failed++;
      await repo.kysely.updateTable('feeds').set({ checked_at: checkedAt, last_error: poll.errors[0]! }).where('id', '=', feed.id).execute();
      continue;
    }
    poll.items = items.length;
    for (const item of items) {
      const link = item.link?.trim() || null;
      const guid = item.guid?.trim() || link;
      if (!guid) {
        poll.failed++;
        poll.errors.push(`an item of ${feed.url} has neither a guid nor a link${item.title ? ` ("${item.title}")` : ''}`);
        continue;
      }
      const seen = await repo.kysely.selectFrom('feed_items').select('outcome').where('feed_id', '=', feed.id).where('guid', '=', guid).executeTakeFirst();
      if (seen && seen.outcome !== 'failed') {
        poll.duplicates++;
        continue;
      }
      const record = async (outcome: string, documentId: number | null, error: string | null) => {
        await repo.kysely.deleteFrom('feed_items').where('feed_id', '=', feed.id).where('guid', '=', guid).execute();
        await repo.kysely.insertInto('feed_items').values({ feed_id: feed.id, guid, link, document_id: documentId, outcome, error, seen_at: new Date().toISOString() }).execute();
      };
      if (!link) {
        poll.failed++;
        poll.errors.push(`item ${guid} of ${feed.url} has no link`);
        await record('failed', null, 'no link');
        continue;
      }
      try {
        const html = await fetchPage(link, options);
        poll.fetched++;
        const feedDate = item.isoDate && isIsoDay(item.isoDate.slice(0, 10)) ? item.isoDate.slice(0, 10) : null;
        const page = await ingestPage(repo, link, html, { feedDate, ...(options.hook ? { hook: options.hook } : {}) });
        const fresh = page.created && page.duplicateOf === null;
        if (fresh) poll.new++;
        else poll.duplicates++;
        poll.documents.push({ url: link, documentId: page.documentId, duplicateOf: page.duplicateOf, factsProposed: page.extraction?.factsProposed ?? 0 });
        await record(fresh ? 'new' : 'duplicate', page.documentId, null);
      } catch (error) {
        poll.failed++;
        const message = (error as Error).message;
        poll.errors.push(`${link}: ${message}`);
        await record('failed', null, message);
      }
    }
    await repo.kysely.updateTable('feeds').set({ title, checked_at: checkedAt, last_error: poll.errors[0] ?? null, etag: validators.etag, last_modified: validators.last_modified })
      .where('id', '=', feed.id).execute();
  }
  return out;
}

function safeHref(url: string): string {
  try {
    return new URL(url).toString();
  } catch {
    return url;
  }
}
