import { openStore, resolveDbLocation } from '../store/open.js';
import type { Repository } from '../store/repository.js';
import type { CliIo } from './io.js';

/** Open the store named by --db / PROSCRIBE_DB, run `work`, and always close it. */
export async function withStore<T>(dbFlag: string | undefined, io: CliIo, work: (repo: Repository) => Promise<T>): Promise<T> {
  const repo = await openStore(resolveDbLocation(dbFlag, io.env));
  try {
    return await work(repo);
  } finally {
    await repo.close();
  }
}
