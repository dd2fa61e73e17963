import type { Repository } from '../store/repository.js';
import { indexFilePath, readIndexFile, writeIndexFile } from './index-file.js';
import { Screener, type ScreenerSnapshot } from './screener.js';

export interface LoadedSnapshot {
  snapshot: ScreenerSnapshot;
  /** The registry version it holds. */
  version: string;
  /** Read from the index file beside the database rather than built. */
  restored: boolean;
}

/**
 * The screening index of the registry as it is now: read from the file beside a SQLite database
 * when that file holds this registry version, else built from the database (and the file
 * written for the next start). `location` is where the database was opened from.
 */
export async function loadSnapshot(repo: Repository, location: string): Promise<LoadedSnapshot> {
  // The version is read before loading: a write landing during the load shows as a newer version next time.
  const version = await repo.registryVersion();
  const path = indexFilePath(location);
  const saved = path ? readIndexFile(path, version) : null;
  if (saved) return { snapshot: saved, version, restored: true };
  const snapshot = (await Screener.load(repo)).toSnapshot();
  if (path) {
    try {
      writeIndexFile(path, version, snapshot);
    } catch {
      // A read-only folder or a full disk costs the next start a build, nothing else.
    }
  }
  return { snapshot, version, restored: false };
}

/** The same, as a ready screener, for a process that screens on its own thread. */
export async function loadScreener(repo: Repository, location: string): Promise<Screener> {
  return Screener.fromSnapshot((await loadSnapshot(repo, location)).snapshot);
}
