import { InputError } from '../errors.js';
import { type AfterStore, ingestDocuments } from '../ingest/ingest.js';
import type { StoredExtraction } from '../ingest/store-extraction.js';
import { type FetchOptions, fetchFile } from '../sources/fetch-file.js';
import type { Repository } from '../store/repository.js';
import { articleOfPage } from './article-text.js';
import { findNearCopy } from './near-duplicate.js';

export interface PageIngest {
  url: string;
  documentId: number;
  /** False when this exact text was stored before. */
  created: boolean;
  /** The document this one is a near-copy of (the same story elsewhere): stored, linked, not extracted again. */
  duplicateOf: number | null;
  title: string | null;
  byline: string | null;
  date: string;
  /** Where the date came from: the page's metadata, the feed item, or the day it was fetched. */
  dateFrom: 'page' | 'feed' | 'fetched';
  chars: number;
  extraction?: StoredExtraction;
}

/** The HTML of a web page (a redirect followed, size and time bounded, retried on server errors). */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<string> {
  const res = await fetchFile(url, null, { maxBytes: 10 * 2 ** 20, timeoutMs: 30_000, retries: 2, ...options });
  if (res.kind !== 'body') throw new InputError(`${url} answered ${res.status} to an unconditional request`, { field: 'url' });
  const type = res.contentType ?? '';
  if (type && !/html|xml|text\/plain/i.test(type)) throw new InputError(`${url} is ${type}, not a web page`, { field: 'url' });
  const charset = /charset=([\w-]+)/i.exec(type)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(res.body);
  } catch {
    return new TextDecoder('utf-8').decode(res.body);
  }
}

/**
 * Store a web page's article as a document (its URL, title and fetch time kept) and extract its
 * proposals, unless it is a near-copy of a stored one: then it is stored and linked to it, and
 * not extracted, so one story is not counted as two sources.
 */
export async function ingestPage(repo: Repository, url: string, html: string, options: { feedDate?: string | null; fetchedAt?: string; hook?: AfterStore } = {}): Promise<PageIngest> {
  const article = articleOfPage(html, url);
  if (!article) throw new InputError(`no article text found in the page ${url}`, { field: 'url' });
  const fetchedAt = options.fetchedAt ?? new Date().toISOString();
  const dateFrom = article.date ? 'page' : options.feedDate ? 'feed' : 'fetched';
  const date = article.date ?? options.feedDate ?? fetchedAt.slice(0, 10);
  const text = article.text;
  const copy = await findNearCopy(repo, text, date);
  return repo.transaction(async (tx) => {
    const [stored] = await ingestDocuments(tx, [{ date, text, url, title: article.title, origin: url }], copy ? undefined : options.hook);
    if (stored!.created) {
      await tx.kysely.updateTable('documents').set({ fetched_at: fetchedAt, duplicate_of: copy && copy.documentId !== stored!.id ? copy.documentId : null }).where('id', '=', stored!.id).execute();
    }
    return {
      url, documentId: stored!.id, created: stored!.created, duplicateOf: copy && copy.documentId !== stored!.id ? copy.documentId : null, title: article.title, byline: article.byline,
      date, dateFrom, chars: stored!.chars, ...(stored!.extraction ? { extraction: stored!.extraction } : {}),
    };
  });
}
