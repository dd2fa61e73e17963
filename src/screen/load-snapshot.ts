import type { Repository } from '../store/repository.js';
import { indexFilePath, readIndexFile, writeIndexFile } from './index-file.js';
import { Screener, type ScreenerSnapshot } from './screener.js';

export interface LoadedSnapshot {
  snapshot: ScreenerSnapshot;
  /** The registry version it holds. */
  version: string;
  /** Read from the index file beside the database rather than built. */
  restored: boolean;
  /** Read from a file of an earlier registry version and brought up to date from the change log. */
  caughtUp?: boolean;
}

/**
 * The screening index of the registry as it is now (`fresh`: built, whatever the file holds; `catchUp: false`: the file is used only if it holds this version): read from the file beside a SQLite database
 * when that file holds this registry version, or an earlier one the change log can bring up to
 * date (the changed entities in an overlay), else built from the database (and the file
 * written for the next start). `location` is where the database was opened from.
 */
export async function loadSnapshot(repo: Repository, location: string, options: { fresh?: boolean; catchUp?: boolean } = {}): Promise<LoadedSnapshot> {
  // The version is read before loading: a write landing during the load shows as a newer version next time.
  const version = await repo.registryVersion();
  const path = indexFilePath(location);
  const saved = path && !options.fresh ? readIndexFile(path) : null;
  if (saved && saved.registryVersion === version) return { snapshot: saved.snapshot, version, restored: true };
  if (saved && options.catchUp !== false) {
    const caught = await Screener.fromSnapshot(saved.snapshot).catchUp(repo, saved.registryVersion);
    if (caught) return { snapshot: caught.toSnapshot(), version, restored: true, caughtUp: true };
  }
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
