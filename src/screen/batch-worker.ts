import { parentPort, workerData } from 'node:worker_threads';
import { Screener, type ScreenerSnapshot } from './screener.js';
import type { BatchRequest, BatchResponse } from './batch.js';

/** A screening worker: rebuilds the screener from the shared snapshot, then answers chunks. */
const { snapshot } = workerData as { snapshot: ScreenerSnapshot };
const screener = Screener.fromSnapshot(snapshot);

parentPort!.on('message', (request: BatchRequest) => {
  const response: BatchResponse = {
    seq: request.seq,
    results: request.names.map((name) => screener.screen(name, request.options)),
  };
  parentPort!.postMessage(response);
});
