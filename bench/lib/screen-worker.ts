import { parentPort, workerData } from 'node:worker_threads';
import { NameIndex, type NameIndexSnapshot, type SearchOptions } from '../../src/names/index.js';

/**
 * A screening worker for bench/screen.ts: attaches to the index snapshot (SharedArrayBuffers,
 * no copy, no rebuild) and answers chunks of queries with each query's top entity and score.
 */
const { snapshot } = workerData as { snapshot: NameIndexSnapshot };
const t0 = performance.now();
const index = NameIndex.fromSnapshot(snapshot);
parentPort!.postMessage({ ready: true, attachMs: performance.now() - t0 });

parentPort!.on('message', (msg: { seq: number; queries: string[]; search: SearchOptions }) => {
  const top: [number, number][] = msg.queries.map((q) => {
    const m = index.search(q, msg.search)[0];
    return m ? [m.entityId, m.score] : [-1, 0];
  });
  parentPort!.postMessage({ seq: msg.seq, top });
});
