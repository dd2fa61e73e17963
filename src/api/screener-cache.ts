import { Screener } from '../screen/screener.js';
import type { Repository } from '../store/repository.js';

export interface ScreenerCacheOptions {
  /** How long a checked version is trusted before asking the store again (0: every request). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The server's one loaded Screener. Each use asks the store for its registry version (at most
 * once per TTL) and reloads when it moved, so decisions, imports and merges show in screening
 * whether this process or another one on the same database made them. Writes made through this
 * process invalidate at once, without waiting for the TTL.
 */
export class ScreenerCache {
  private screener: Screener | null = null;
  private version: string | null = null;
  private checkedAt = -Infinity;
  /** Bumped by every invalidation, so a check that started before one does not count as after it. */
  private generation = 0;
  private loading: Promise<Screener> | null = null;
  private loadingGeneration = -1;
  private readonly ttlMs: number;
  private readonly now: () => number;
  loadedAt: string | null = null;

  constructor(private readonly repo: Repository, options: ScreenerCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** Make the next use check the store's version. */
  invalidate(): void {
    this.generation++;
    this.checkedAt = -Infinity;
  }

  get nameCount(): number | null {
    return this.screener?.nameCount ?? null;
  }

  async get(): Promise<Screener> {
    if (this.screener && this.now() - this.checkedAt < this.ttlMs) return this.screener;
    // Concurrent requests share one reload; a reload begun before the last invalidation may
    // have read the store before that write, so a new one is queued behind it.
    if (this.loading && this.loadingGeneration === this.generation) return this.loading;
    const generation = this.generation;
    const previous = this.loading;
    const load = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => this.refresh(generation));
    this.loading = load;
    this.loadingGeneration = generation;
    const clear = () => {
      if (this.loading === load) this.loading = null;
    };
    load.then(clear, clear);
    return load;
  }

  private async refresh(generation: number): Promise<Screener> {
    const version = await this.repo.registryVersion();
    if (!this.screener || version !== this.version) {
      // Until the new index is in, requests wait for it rather than screen against the old one.
      // The version is read before loading: a write landing during the load shows at the next check.
      this.screener = await Screener.load(this.repo);
      this.version = version;
      this.loadedAt = new Date().toISOString();
    }
    if (generation === this.generation) this.checkedAt = this.now();
    return this.screener;
  }
}
