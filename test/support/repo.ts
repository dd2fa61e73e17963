import { openStore } from '../../src/store/open.js';
import type { Repository } from '../../src/store/repository.js';

/** Open the store at `db`, run `work` on it, and close it whatever happens. */
export async function withRepo<T>(db: string, work: (repo: Repository) => Promise<T>): Promise<T> {
  const repo = await openStore(db);
  try {
    return await work(repo);
  } finally {
    await repo.close();
  }
}
