import { buildResolverOffThread, type BuiltResolver } from '../screen/build-off-thread.js';
import { RegistryResolver } from '../ingest/registry-resolver.js';
import { reopenLocation } from '../store/open.js';
import type { Repository } from '../store/repository.js';

/**
 * The one resolver `POST /documents` resolves article mentions with, kept between requests.
 * Built when the names it knows are no longer the registry's (a worker thread builds it in
 * `background` mode); an ingest through it teaches it the entities the ingest created, so the
 * next ingest uses it as it is.
 */
export class ResolverCache {
  private current: BuiltResolver | null = null;
  private building: Promise<BuiltResolver> | null = null;
  /** Resolver builds since start, for the load benchmark and `GET /health`. */
  builds = 0;

  constructor(private readonly repo: Repository, private readonly mode: 'background' | 'inline') {}

  /** Start the first build now, so the first ingest does not wait for it. */
  warm(): void {
    if (this.mode === 'background') void this.fresh().catch(() => undefined);
  }

  /** A resolver that knows every name the registry holds now. */
  async fresh(): Promise<RegistryResolver> {
    const version = await this.repo.namesVersion();
    if (this.current && this.current.version === version) return this.current.resolver;
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    const built = await this.building;
    this.current = built;
    return built.resolver;
  }

  /** After an ingest through `resolver`: it remembered every name the ingest created. */
  async adopt(resolver: RegistryResolver): Promise<void> {
    const version = await this.repo.namesVersion();
    if (this.current?.resolver === resolver) this.current = { resolver, version };
  }

  /** An ingest failed and rolled back: names the resolver remembered from it do not exist. */
  drop(): void {
    this.current = null;
  }

  private async build(): Promise<BuiltResolver> {
    this.builds++;
    if (this.mode === 'background') return buildResolverOffThread(reopenLocation(this.repo));
    const version = await this.repo.namesVersion();
    return { resolver: await RegistryResolver.load(this.repo), version };
  }
}
