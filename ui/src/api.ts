import type { ScreenResult } from '../../src/screen/screener';
import type { EntityProfile } from '../../src/registry/profile';
import type { Decision, Fact, StoredDocument } from '../../src/model/types';
import type { ListHistory, ListSummary } from '../../src/registry/list-history';
import type { Corroboration } from '../../src/registry/reconcile';
import type { ListingView } from '../../src/registry/status';
import type { listingsJson } from '../../src/registry/registry';

export type { ScreenResult, EntityProfile, Decision, Fact, StoredDocument, ListHistory, ListSummary, Corroboration, ListingView };
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
  error?: string | null;
}

/** A fact as `GET /facts` sends it: entities by name, and each evidence with its document and sentence. */
export interface FactView extends Omit<Fact, 'evidence'> {
  subject?: { id: number; name: string } | null;
  object?: { id: number; name: string } | null;
  corroboration?: Corroboration[];
  evidence: (Fact['evidence'][number] & {
    document: { id: number; date: string; url: string | null; title: string | null } | null;
    excerpt: { sentence: string; sentenceStart: number; highlight: { start: number; end: number } } | null;
  })[];
}

/** `pk-nacta since 2016-12-30`, `reported ban (PK) since 2016-12`, `us-ofac-sdn [SDGT] since an unknown date`. */
export function describeListing(l: ListingView): string {
  const where = l.list ?? `reported ban (${l.jurisdiction})`;
  return `${where}${l.programs ? ` [${l.programs}]` : ''} since ${l.sinceAsStated ?? l.since ?? 'an unknown date'}`;
}

export interface DocumentView {
  document: StoredDocument;
  facts: FactView[];
}

