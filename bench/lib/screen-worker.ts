import { parentPort, workerData } from 'node:worker_threads';
import { NameIndex, type NameIndexSnapshot, type SearchOptions } from '../../src/names/index.js';

/**
 * A screening worker for bench/screen.ts: attaches to the index snapshot (SharedArrayBuffers,
 * no copy, no rebuild) and answers chunks of queries with, per query, the number of hits, the
 * number of alerting hits, and the top entity and score.
 */
const { snapshot, threshold } = workerData as { snapshot: NameIndexSnapshot; threshold: number };
const t0 = performance.now();
const index = NameIndex.fromSnapshot(snapshot);
parentPort!.postMessage({ ready: true, attachMs: performance.now() - t0 });

parentPort!.on('message', (msg: { seq: number; queries: string[]; search: SearchOptions }) => {
  const rows: [number, number, number, number][] = msg.queries.map((q) => {
    const hits = index.search(q, msg.search);
    let alerts = 0;
    for (const h of hits) if (h.score >= threshold) alerts++;
    return [hits.length, alerts, hits[0]?.entityId ?? -1, hits[0]?.score ?? 0];
  });
  parentPort!.postMessage({ seq: msg.seq, rows });
});
