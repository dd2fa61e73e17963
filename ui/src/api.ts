import type { ScreenResult } from '../../src/screen/screener';
import type { EntityProfile } from '../../src/registry/profile';
import type { Decision, Fact, StoredDocument } from '../../src/model/types';
import type { ListHistory, ListSummary } from '../../src/registry/list-history';
import type { Corroboration } from '../../src/registry/reconcile';
import type { ListingView } from '../../src/registry/status';
import type { z } from 'zod';
import type { FactView as FactViewSchema } from '../../src/api/schemas';
import type { listingsJson } from '../../src/registry/registry';
import type { JobSummary } from '../../src/api/jobs';
import type { DocumentSummary } from '../../src/store/repository';
import type { MonitorAlert, MonitorRun, MonitorSummary } from '../../src/monitor/monitor';
import type { ChangePage } from '../../src/changes/change-feed';

export type { MonitorAlert, MonitorRun, MonitorSummary, ChangePage };
export type { JobSummary, DocumentSummary, ScreenResult, EntityProfile, Decision, Fact, StoredDocument, ListHistory, ListSummary, Corroboration, ListingView };
/** `GET /listings`: the same JSON as `proscribe list --format json`. */
export type ListingsResponse = ReturnType<typeof listingsJson>;
/** `GET /lists/{id}`: the list, its size and imports, and its changes per year. */
export type ListDetail = ListSummary & Pick<ListHistory, 'perYear' | 'undated'>;
export type ScreenHit = ScreenResult['hits'][number];

const KEY_STORAGE = 'proscribe.apiKey';

export function apiKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key) localStorage.setItem(KEY_STORAGE, key);
  else localStorage.removeItem(KEY_STORAGE);
}

/** An error the API answered with: its status and the message it gave (naming the field). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = apiKey();
  return { ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra };
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  if (res.ok) return (await res.json()) as T;
  let message = `${res.status} ${res.statusText}`;
  let field: string | undefined;
  try {
    const body = (await res.json()) as { error?: { message?: string; field?: string } };
    if (body.error?.message) message = body.error.message;
    field = body.error?.field;
  } catch {
    // A body that is not JSON keeps the status line as the message.
  }
  throw new ApiError(res.status, message, field);
}

export async function get<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { headers: headers() }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(path, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }));
}

export async function postForm<T>(path: string, form: FormData): Promise<T> {
  return parse<T>(await fetch(path, { method: 'POST', headers: headers(), body: form }));
}

/** A download that needs the key: fetch it, then hand the browser a blob URL. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) await parse(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export interface ScreenResponse {
  asOf: string;
  threshold: number;
  results: ScreenResult[];
}

export interface JobStatus {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  processed: number;
  total?: number | null;
  asOf: string;
  threshold: number;
  error?: { code: string; message: string } | null;
  summary?: JobSummary | null;
}


/** `GET /entities?q=`: a search box's answer. */
export interface SearchResult {
  entity: { id: number; name: string; kind: string; refs: string[] };
  matched_name: string;
  match: 'exact' | 'word' | 'prefix' | 'acronym' | 'fuzzy';
  score: number;
  in_registry: boolean;
  status: 'listed' | 'linked' | 'not-listed';
  listings: ListingView[];
}


/**
 * Who vouches for a piece of evidence, as English. In an article it is the words of the text
 * ("according to a notification issued by ...", "believed to be"); for a list or an analyst's
 * source it is who made it ("Ministry of Interior (Pakistan)").
 */
export function attributionText(attribution: string | null | undefined, inDocument: boolean): string | null {
  if (!attribution) return null;
  const text = attribution.trim();
  if (!inDocument) return `said by ${text}`;
  return /^according to\b/i.test(text) ? `${text[0]!.toUpperCase()}${text.slice(1)}` : `attributed in the text: “${text}”`;
}

/** A fact as `GET /facts` sends it: the API's own schema, so the page reads only what is sent. */
export type FactView = z.infer<typeof FactViewSchema> & {
  similar?: { entity: { id: number; name: string; kind: string; refs: string[] }; matched_name: string; score: number; status: string; listings: ListingView[] }[];
};

/** A listing's list, else where its ban was recorded from: `pk-nacta`, `ban reported in the news (PK)`. */
export function listingLabel(l: { list: string | null; jurisdiction: string; origin?: string }): string {
  if (l.list) return l.list;
  const from = l.origin === 'analyst' ? 'recorded by an analyst' : l.origin === 'import' ? 'imported' : 'reported in the news';
  return `ban ${from} (${l.jurisdiction})`;
}

/** `pk-nacta since 2016-12-30`, `ban reported in the news (PK) since 2016-12`, `us-ofac-sdn [SDGT] since an unknown date`. */
export function describeListing(l: ListingView): string {
  const where = listingLabel(l);
  return `${where}${l.programs ? ` [${l.programs}]` : ''} since ${l.sinceAsStated ?? l.since ?? 'an unknown date'}`;
}

/** A stored timestamp as people read it: `2026-12-06 20:31 UTC`. */
export function isoMinute(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface DocumentView {
  document: StoredDocument;
  facts: FactView[];
}

