import { buildScreenerOffThread, type BuiltScreener } from '../screen/build-off-thread.js';
import { indexFilePath, readIndexFile } from '../screen/index-file.js';
import { loadSnapshot } from '../screen/load-snapshot.js';
import { Screener } from '../screen/screener.js';
import { reopenLocation } from '../store/open.js';
import type { Repository } from '../store/repository.js';

export interface ScreenerCacheOptions {
  /** How long a checked version is trusted before asking the store again (0: every request). */
  ttlMs?: number;
  now?: () => number;
  /**
   * `background`: rebuilds run on a worker thread while screening goes on with the index it has,
   * and the new one is swapped in whole when ready. `inline`: a request that finds the registry
   * changed waits for the rebuild on the event loop (a database no other thread can open, such
   * as SQLite in memory, and tests that want each write seen by the next request without delay).
   */
  rebuild?: 'background' | 'inline';
  /**
   * Other server processes on the same database (`serve --processes N`): told of a change made
   * here, settling once each has rebuilt, so the writer's next request screens the change
   * whichever process takes it.
   */
  peers?: ChangePeers;
  /** Entities changed since the last full build at which a full build starts in the background (background mode). */
  compactAt?: number;
  /** Bring the index up to date from the change log (default); false: every change builds it whole. */
  catchUp?: boolean;
}

const COMPACT_AT = 500;

export interface ChangePeers {
  /** Tell the other processes the registry changed; settles when they all have rebuilt. */
  changed(): Promise<void>;
  /** Called when another process made a change; the promise settles once this one has rebuilt. */
  onChange(rebuild: () => Promise<void>): void;
}

/**
 * The server's one loaded Screener. Each use asks the store for its registry version (at most
 * once per TTL) and reloads when it moved, so decisions, imports and merges show in screening
 * whether this process or another one on the same database made them.
 *
 * In `background` mode screening never waits on a rebuild once a first index exists: a change
 * starts a build on a worker thread, requests keep the index they have, and the finished one
 * replaces it in one assignment. A write made through this server awaits `invalidate()`, so
 * its own response comes after the index holds it (the writer waits, screeners do not).
 */
export class ScreenerCache {
  private current: BuiltScreener | null = null;
  private checkedAt = -Infinity;
  /** Bumped by every invalidation, so a build that started before one does not count as after it. */
  private generation = 0;
  private building: Promise<BuiltScreener> | null = null;
  private buildingGeneration = -1;
  private readonly ttlMs: number;
  private readonly now: () => number;
  readonly mode: 'background' | 'inline';
  loadedAt: string | null = null;
  /** Rebuilds done, and how long the last one took (ms), for `GET /health`. */
  rebuilds = 0;
  lastRebuildMs: number | null = null;
  /** Whether the index in use was read from the file beside the database rather than built. */
  restored = false;
  /** Changes applied from the change log into the overlay, the last one's time (ms), and full builds that folded the overlay in. */
  catchUps = 0;
  lastCatchUpMs: number | null = null;
  compactions = 0;
  /** A full build finished in the background, for the next update to start from. */
  private pendingBase: BuiltScreener | null = null;
  private compacting: Promise<void> | null = null;
  /** Entities changed since the last full build at which a background full build starts. */
  private readonly compactAt: number;
  private readonly catchUpEnabled: boolean;

  private readonly peers: ChangePeers | undefined;

  constructor(private readonly repo: Repository, options: ScreenerCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2000;
    this.now = options.now ?? Date.now;
    this.mode = options.rebuild ?? 'inline';
    this.peers = options.peers;
    this.compactAt = options.compactAt ?? COMPACT_AT;
    this.catchUpEnabled = options.catchUp ?? true;
    this.peers?.onChange(() => this.changedHere());
  }

  /**
   * The registry changed through this server. Inline: the next use reloads. Background: a
   * rebuild starts now; the promise settles once the index in use holds the change, here and
   * in the other processes of the same server.
   */
  async invalidate(): Promise<void> {
    await Promise.all([this.changedHere(), this.peers?.changed()]);
  }

  private changedHere(): Promise<void> {
    this.generation++;
    this.checkedAt = -Infinity;
    if (this.mode === 'inline') return Promise.resolve();
    // Also when the first index is still being built: it may have read the store before this change.
    return this.rebuild().then(() => undefined);
  }

  get nameCount(): number | null {
    return this.current?.screener.nameCount ?? null;
  }

  get overlayNames(): number | null {
    return this.current?.screener.overlayNames ?? null;
  }

  get changedEntities(): number | null {
    return this.current?.screener.changedEntities ?? null;
  }

  async get(): Promise<Screener> {
    if (this.current && this.now() - this.checkedAt < this.ttlMs) return this.current.screener;
    if (!this.current) return (await this.rebuild()).screener;
    if (this.mode === 'background') {
      // Another process may have written: compare versions (one indexed query), and if they
      // differ start a rebuild without waiting for it.
      const generation = this.generation;
      const version = await this.repo.registryVersion();
      if (generation === this.generation) this.checkedAt = this.now();
      if (version !== this.current.version) void this.rebuild().catch(() => undefined);
      return this.current.screener;
    }
    const generation = this.generation;
    const version = await this.repo.registryVersion();
    if (version !== this.current.version) return (await this.rebuild()).screener;
    if (generation === this.generation) this.checkedAt = this.now();
    return this.current.screener;
  }

  /**
   * One build at a time: concurrent callers share it; a build begun before the last
   * invalidation may have read the store before that write, so a new one is queued behind it.
   */
  private rebuild(): Promise<BuiltScreener> {
    if (this.building && this.buildingGeneration === this.generation) return this.building;
    const generation = this.generation;
    const previous = this.building;
    const build = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(async () => {
      const started = performance.now();
      const caught = await this.catchUp();
      const built = caught ?? await this.build();
      this.current = built;
      this.loadedAt = new Date().toISOString();
      if (caught) {
        if (caught.changed) {
          this.catchUps++;
          this.lastCatchUpMs = Math.round(performance.now() - started);
        }
        this.compactLater(caught.screener);
      } else {
        this.restored = built.restored ?? false;
        this.rebuilds++;
        this.lastRebuildMs = Math.round(performance.now() - started);
      }
      if (generation === this.generation) this.checkedAt = this.now();
      return built;
    });
    this.building = build;
    this.buildingGeneration = generation;
    const clear = () => {
      if (this.building === build) this.building = null;
    };
    build.then(clear, clear);
    return build;
  }

  /**
   * The index in use (or a full build just finished) brought up to the registry from the change
   * log, or null when a full build is due (no index yet, or the change log cannot say).
   */
  private async catchUp(): Promise<(BuiltScreener & { changed: boolean }) | null> {
    const start = this.pendingBase ?? this.current;
    this.pendingBase = null;
    if (!start) return null;
    if (!this.catchUpEnabled) return start === this.current && start.version === await this.repo.registryVersion() ? { ...start, changed: false } : null;
    // Read first: a write landing meanwhile is caught up again next time, never lost.
    const version = await this.repo.registryVersion();
    if (version === start.version) return { ...start, changed: false };
    const screener = await start.screener.catchUp(this.repo, start.version);
    return screener ? { screener, version, changed: true } : null;
  }

  /**
   * Once many entities changed since the last full build, one is started on a worker thread;
   * the overlay keeps serving meanwhile, and the next update starts from the new build.
   */
  private compactLater(screener: Screener): void {
    if (this.mode !== 'background' || this.compacting || screener.changedEntities < this.compactAt) return;
    const started = performance.now();
    this.compacting = buildScreenerOffThread(reopenLocation(this.repo), { fresh: true }).then((built) => {
      this.pendingBase = built;
      this.compactions++;
      this.rebuilds++;
      this.lastRebuildMs = Math.round(performance.now() - started);
      this.generation++;
      return this.rebuild().then(() => undefined);
    }).catch(() => undefined).finally(() => {
      this.compacting = null;
    });
  }

  private async build(): Promise<BuiltScreener> {
    if (this.mode === 'background') {
      // At start nothing is served yet, and reading the saved index (~0.1 s for the bundled data)
      // is quicker here than starting a worker thread to read or build it.
      if (!this.current) {
        const version = await this.repo.registryVersion();
        const path = indexFilePath(reopenLocation(this.repo));
        const saved = path ? readIndexFile(path) : null;
        if (saved && saved.registryVersion === version) return { screener: Screener.fromSnapshot(saved.snapshot), version, restored: true };
        // An older file: the changes since go into an overlay, a few queries rather than a build.
        const caught = saved && this.catchUpEnabled ? await Screener.fromSnapshot(saved.snapshot).catchUp(this.repo, saved.registryVersion) : null;
        if (caught) return { screener: caught, version, restored: true };
      }
      return buildScreenerOffThread(reopenLocation(this.repo), { catchUp: this.catchUpEnabled });
    }
    const loaded = await loadSnapshot(this.repo, reopenLocation(this.repo), { catchUp: this.catchUpEnabled });
    return { screener: Screener.fromSnapshot(loaded.snapshot), version: loaded.version, restored: loaded.restored };
  }
}
