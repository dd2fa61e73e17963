import { EntitySearch } from '../registry/search.js';
import type { Repository } from '../store/repository.js';

/**
 * The server's entity search, built on the first search and again once the registry version
 * has moved (a name added, an entity merged, an import): the search box always finds what the
 * registry holds, from this process or another on the same database.
 */
export class SearchCache {
  private search: EntitySearch | null = null;
  private version: string | null = null;
  private loading: Promise<EntitySearch> | null = null;

  constructor(private readonly repo: Repository) {}

  async get(): Promise<EntitySearch> {
    const version = await this.repo.registryVersion();
    if (this.search && version === this.version) return this.search;
    // Concurrent searches share one build.
    this.loading ??= EntitySearch.load(this.repo).then((s) => {
      this.search = s;
      this.version = version;
      return s;
    }).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
