import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startOwnWorker } from './own-worker.js';
import type { NameRow } from './read-names.js';
import type { ScreenOptions, ScreenResult, Screener } from './screener.js';

export interface BatchRequest {
  seq: number;
  names: string[];
  options: ScreenOptions;
}

export interface BatchResponse {
  seq: number;
  results: ScreenResult[];
}

export interface BatchOptions extends ScreenOptions {
  workers?: number;
  /** Names per message to a worker. */
  chunkSize?: number;
  /** Called after each chunk is written, with the rows done so far. */
  onProgress?: (rowsDone: number) => void;
}

export interface BatchRowResult {
  row: NameRow;
  result: ScreenResult;
}

function startWorker(workerData: unknown): Worker {
  return startOwnWorker(import.meta.url, 'batch-worker', workerData);
}

/**
 * Screen a stream of names on worker threads and hand results back in input order.
 * Memory stays bounded whatever the input size: at most a few chunks per worker are in flight,
 * and reading pauses until the oldest chunk has been written.
 */
export async function screenBatch(
  screener: Screener,
  rows: AsyncIterable<NameRow>,
  write: (results: BatchRowResult[]) => Promise<void>,
  options: BatchOptions,
): Promise<number> {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const chunkSize = options.chunkSize ?? 256;
  const maxInFlight = workerCount * 4;
  const snapshot = screener.toSnapshot();
  // A batch searches for every alert; the closest match of a row that raises none only when asked.
  const screenOptions: ScreenOptions = {
    asOf: options.asOf, threshold: options.threshold, limit: options.limit, minScore: options.minScore, explain: options.explain, closest: options.closest ?? false,
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(options.lists?.length ? { lists: options.lists } : {}),
    ...(options.jurisdictions?.length ? { jurisdictions: options.jurisdictions } : {}),
  };

  const workers = Array.from({ length: workerCount }, () => startWorker({ snapshot }));
  const pending = new Map<number, { worker: number; resolve: (r: ScreenResult[]) => void; reject: (e: Error) => void }>();
  // Chunks in flight per worker: each chunk goes to the least busy worker, so that one slower
  // chunk does not leave the other workers waiting.
  const busy = new Array<number>(workerCount).fill(0);
  let failure: Error | null = null;
  for (const w of workers) {
    w.on('message', (msg: BatchResponse) => {
      const p = pending.get(msg.seq);
      pending.delete(msg.seq);
      if (p) busy[p.worker]!--;
      p?.resolve(msg.results);
    });
    w.on('error', (error) => {
      failure = error;
      for (const p of pending.values()) p.reject(error);
    });
  }

  const inFlight: Promise<BatchRowResult[]>[] = [];
  let seq = 0;
  let done = 0;
  const flushOldest = async () => {
    const results = await inFlight.shift()!;
    await write(results);
    done += results.length;
    options.onProgress?.(done);
  };
  const dispatch = (chunk: NameRow[]) => {
    const mySeq = seq++;
    let index = 0;
    for (let i = 1; i < workerCount; i++) if (busy[i]! < busy[index]!) index = i;
    const worker = workers[index]!;
    inFlight.push(new Promise<ScreenResult[]>((resolve, reject) => {
      if (failure) return reject(failure);
      busy[index]!++;
      pending.set(mySeq, { worker: index, resolve, reject });
      worker.postMessage({ seq: mySeq, names: chunk.map((r) => r.name), options: screenOptions } satisfies BatchRequest);
    }).then((results) => results.map((result, i) => ({ row: chunk[i]!, result }))));
  };

  try {
    let chunk: NameRow[] = [];
    for await (const row of rows) {
      chunk.push(row);
      if (chunk.length === chunkSize) {
        dispatch(chunk);
        chunk = [];
        if (inFlight.length >= maxInFlight) await flushOldest();
      }
    }
    if (chunk.length) dispatch(chunk);
    while (inFlight.length) await flushOldest();
    return done;
  } finally {
    // Rejections of chunks never awaited (an input error mid-stream) must not go unhandled.
    for (const p of inFlight) p.catch(() => {});
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
