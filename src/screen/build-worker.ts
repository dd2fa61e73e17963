import { parentPort, workerData } from 'node:worker_threads';
import { RegistryResolver } from '../ingest/registry-resolver.js';
import { openStore } from '../store/open.js';
import { loadSnapshot } from './load-snapshot.js';
import { transferablesOf, type BuildReply, type BuildRequest } from './build-off-thread.js';

/**
 * Builds a screening index or an ingest resolver from the database on its own thread and hands
 * back its snapshot, so the process that serves requests never spends its event loop on one.
 */
const { location, what, fresh, catchUp } = workerData as BuildRequest;

async function build(): Promise<void> {
  const repo = await openStore(location);
  try {
    if (what === 'resolver') {
      // The version is read first: a write landing during the load shows as a newer version next time.
      const version = await repo.namesVersion();
      const parts = (await RegistryResolver.load(repo)).toParts();
      const reply: BuildReply = { ok: true, what, version, parts };
      parentPort!.postMessage(reply, transferablesOf(parts.index));
      return;
    }
    const { snapshot, version, restored } = await loadSnapshot(repo, location, { fresh: fresh === true, catchUp: catchUp !== false });
    const reply: BuildReply = { ok: true, what, version, snapshot, restored };
    // The index's arrays move to the caller without a copy.
    parentPort!.postMessage(reply, transferablesOf(snapshot.index));
  } finally {
    await repo.close();
  }
}

build().catch((error: unknown) => {
  const reply: BuildReply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  parentPort!.postMessage(reply);
});
