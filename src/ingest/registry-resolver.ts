import type { MentionResolver } from '../extract/index.js';
import type { EntityKind } from '../model/types.js';
import { NameIndex, foldName, type NameIndexSnapshot } from '../names/index.js';
import type { Repository } from '../store/repository.js';

/**
 * Score at or above which an organisation or person mentioned in an article is taken to be a
 * registry entity. Higher than the screening alert threshold: a wrong resolution attaches the
 * article's facts to the wrong entity, while a missed one only proposes a new entity that an
 * analyst can merge.
 */
export const RESOLVE_THRESHOLD = 0.92;

/**
 * A mention worth resolving by similarity: two words or more and eight letters. A short name or
 * an acronym (`IS`, `Hizb`, `TTP`) resolves only to a registry name it equals.
 */
function fuzzyWorthy(name: string): boolean {
  const words = foldName(name).split(' ').filter(Boolean);
  return words.length >= 2 && words.join('').length >= 8;
}

export interface RegistryResolverParts {
  index: NameIndexSnapshot;
  exact: (readonly [string, number, string])[];
}

/** Kinds resolved through the names engine; the others (places, laws, authorities) by folded name. */
const FUZZY_KINDS: ReadonlySet<EntityKind> = new Set(['organisation', 'person']);

/**
 * Resolves article mentions to registry entities (proposals included), and remembers the
 * entities created while ingesting so that later documents of the same call find them.
 */
export class RegistryResolver implements MentionResolver {
  private readonly exact = new Map<string, { entityId: number; name: string }>();

  private constructor(private readonly index: NameIndex) {}

  /** What a worker thread hands back: the fuzzy index's snapshot and the exact names. */
  toParts(): RegistryResolverParts {
    return { index: this.index.toSnapshot(), exact: [...this.exact].map(([key, v]) => [key, v.entityId, v.name] as const) };
  }

  static fromParts(parts: RegistryResolverParts): RegistryResolver {
    const resolver = new RegistryResolver(NameIndex.fromSnapshot(parts.index));
    for (const [key, entityId, name] of parts.exact) resolver.exact.set(key, { entityId, name });
    return resolver;
  }

  static async load(repo: Repository): Promise<RegistryResolver> {
    const index = new NameIndex();
    const resolver = new RegistryResolver(index);
    for await (const page of repo.allNames()) {
      for (const n of page) {
        // A list's weak alias (`ISS` of ISIS-Somalia) is too loose to pin an article's mention on.
        if (n.type === 'weak') continue;
        if (FUZZY_KINDS.has(n.kind)) index.add(n.entityId, n.text, n.type);
        resolver.rememberName(n.entityId, n.kind, n.text, n.text);
      }
    }
    index.freeze();
    return resolver;
  }

  /** Names in the fuzzy index (organisations and persons). */
  get size(): number {
    return this.index.size;
  }

  private static key(kind: EntityKind, name: string): string {
    return `${kind}\u0000${foldName(name)}`;
  }

  /** Make `name` resolve to the entity (a new entity, or a new name of one) from now on. */
  rememberName(entityId: number, kind: EntityKind, name: string, canonical: string): void {
    const key = RegistryResolver.key(kind, name);
    if (!this.exact.has(key)) this.exact.set(key, { entityId, name: canonical });
  }

  resolve(name: string, kind: EntityKind): { entityId: number; name: string } | null {
    const exact = this.exact.get(RegistryResolver.key(kind, name));
    if (exact) return exact;
    if (!FUZZY_KINDS.has(kind) || this.index.size === 0 || !fuzzyWorthy(name)) return null;
    const [best] = this.index.search(name, { limit: 1, minScore: RESOLVE_THRESHOLD });
    // `ISIS` is not `ISIS-West Africa`: every word of both names must take part in the match.
    if (!best || best.explanation.rules.includes('unmatched-tokens')) return null;
    // The fuzzy index holds organisations and persons together: keep the kind apart.
    const sameKind = this.exact.get(RegistryResolver.key(kind, best.matchedName));
    return sameKind && sameKind.entityId === best.entityId ? sameKind : null;
  }
}
