import type { ScreenResult } from '../../src/screen/screener';
import type { EntityProfile } from '../../src/registry/profile';
import type { Decision, Fact, StoredDocument } from '../../src/model/types';

export type { ScreenResult, EntityProfile, Decision, Fact, StoredDocument };
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

export interface FactView extends Fact {
  subject?: { id: number; name: string } | null;
  object?: { id: number; name: string } | null;
  evidenceText?: (string | null)[];
}

export interface DocumentView {
  document: StoredDocument;
  facts: FactView[];
}

export interface Listing {
  entity: { id: number; name: string; kind: string; refs: string[] };
  since: string | null;
  sinceAsStated: string | null;
}
