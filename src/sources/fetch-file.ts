import pRetry, { AbortError } from 'p-retry';

/**
 * One HTTP GET of a publisher's file: conditional on what the last fetch saw (ETag,
 * Last-Modified), bounded in time and size, retried with backoff on a network error or a
 * server error (5xx, 429), never on an answer that says the request itself is wrong.
 */
export interface FetchOptions {
  /** Per attempt, in ms (default 60 s). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 200 MiB). */
  maxBytes?: number;
  /** Attempts after the first (default 3). */
  retries?: number;
  /** First wait before a retry, in ms; doubled each time (default 1 s). */
  minBackoffMs?: number;
  userAgent?: string;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'not-modified'; status: 304; attempts: number }
  | { kind: 'body'; status: number; body: Buffer; etag: string | null; lastModified: string | null; contentType: string | null; attempts: number };

export class FetchError extends Error {
  constructor(message: string, readonly status: number | null, readonly attempts: number) {
    super(message);
  }
}

const DEFAULTS = { timeoutMs: 60_000, maxBytes: 200 * 2 ** 20, retries: 3, minBackoffMs: 1000, userAgent: 'proscribe (+https://github.com/proscribe)' };

export async function fetchFile(url: string, validators: Validators | null, options: FetchOptions = {}): Promise<FetchResult> {
  const o = { ...DEFAULTS, ...options };
  let attempts = 0;
  let lastStatus: number | null = null;
  try {
    return await pRetry(async () => {
      attempts++;
      const headers: Record<string, string> = { 'user-agent': o.userAgent, accept: '*/*' };
      if (validators?.etag) headers['if-none-match'] = validators.etag;
      if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
      let res: Response;
      try {
        res = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(o.timeoutMs) });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = (error as Error).name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : cause?.code ?? cause?.message ?? (error as Error).message;
        throw new FetchError(`cannot fetch ${url}: ${why}`, null, attempts);
      }
      lastStatus = res.status;
      if (res.status === 304) {
        await res.body?.cancel();
        return { kind: 'not-modified', status: 304, attempts } as const;
      }
      if (!res.ok) {
        await res.body?.cancel();
        const error = new FetchError(`${url} answered HTTP ${res.status} ${res.statusText}`.trim(), res.status, attempts);
        // A server error or a rate limit may pass; a 404 or 403 will not.
        if (res.status >= 500 || res.status === 429) throw error;
        throw new AbortError(error);
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        await res.body?.cancel();
        throw new AbortError(new FetchError(`${url} is ${declared} bytes, over the limit of ${o.maxBytes}`, res.status, attempts));
      }
      const body = await readCapped(res, o.maxBytes, url, attempts);
      return {
        kind: 'body', status: res.status, body, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified'),
        contentType: res.headers.get('content-type'), attempts,
      } as const;
    }, { retries: o.retries, minTimeout: o.minBackoffMs, factor: 2, randomize: true });
  } catch (error) {
    if (error instanceof FetchError) throw new FetchError(error.message, error.status, attempts);
    throw new FetchError(`cannot fetch ${url}: ${(error as Error).message}`, lastStatus, attempts);
  }
}

/** The body, refused once it passes `maxBytes` (a server may send more than it declared, or not declare). */
async function readCapped(res: Response, maxBytes: number, url: string, attempts: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new AbortError(new FetchError(`${url} sent more than the limit of ${maxBytes} bytes`, res.status, attempts));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
