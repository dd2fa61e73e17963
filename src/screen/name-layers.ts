import { NameIndex, type NameIndexSnapshot, type NameMatch, type SearchOptions } from '../names/index.js';

/** Search options of the layers: entities are filtered by id, whichever layer holds their names. */
export type LayeredSearchOptions = Omit<SearchOptions, 'exclude'> & { keepEntity?: (entityId: number) => boolean };

export interface NameLayersSnapshot {
  base: NameIndexSnapshot;
  overlay: NameIndexSnapshot | null;
  shadow: number[];
}

/**
 * The registry's names as a large index built once and a small overlay of the entities changed
 * since: their names in the large index are shadowed (left out of its searches) and searched in
 * the overlay instead, which weighs words by their rarity across both, so the two layers'
 * scores compare and merge. A change then costs an overlay of the entities it touched, not a
 * rebuild of every name; the layers are folded into one by the next full build.
 */
export class NameLayers {
  /** Names searched: the base's less the shadowed ones, plus the overlay's. */
  readonly size: number;

  constructor(readonly base: NameIndex, readonly overlay: NameIndex | null = null, readonly shadow: ReadonlySet<number> = new Set()) {
    let shadowed = 0;
    if (shadow.size) for (let slot = 0; slot < base.size; slot++) if (shadow.has(base.entityOf(slot))) shadowed++;
    this.size = base.size - shadowed + (overlay?.size ?? 0);
  }

  /** Names in the overlay, and entities it replaces: what the next full build folds in. */
  get overlaySize(): number {
    return this.overlay?.size ?? 0;
  }

  get shadowedEntities(): number {
    return this.shadow.size;
  }

  search(query: string, options: LayeredSearchOptions = {}): NameMatch[] {
    const { keepEntity, ...opts } = options;
    const base = this.base;
    const shadow = this.shadow;
    const baseExclude = shadow.size === 0
      ? keepEntity ? (slot: number) => !keepEntity(base.entityOf(slot)) : undefined
      : keepEntity ? (slot: number) => { const e = base.entityOf(slot); return shadow.has(e) || !keepEntity(e); } : (slot: number) => shadow.has(base.entityOf(slot));
    const fromBase = base.search(query, baseExclude ? { ...opts, exclude: baseExclude } : opts);
    const overlay = this.overlay;
    if (!overlay || overlay.size === 0) return fromBase;
    const fromOverlay = overlay.search(query, keepEntity ? { ...opts, exclude: (slot: number) => !keepEntity(overlay.entityOf(slot)) } : opts);
    if (fromOverlay.length === 0) return fromBase;
    // Each layer holds every alerting hit of its own entities (no entity is in both), so the union's best `limit` holds all of them too.
    return [...fromBase, ...fromOverlay].sort((a, b) => b.score - a.score || a.entityId - b.entityId).slice(0, opts.limit ?? 10);
  }

  toSnapshot(): NameLayersSnapshot {
    return { base: this.base.toSnapshot(), overlay: this.overlay ? this.overlay.toSnapshot() : null, shadow: [...this.shadow] };
  }

  static fromSnapshot(s: NameLayersSnapshot): NameLayers {
    const base = NameIndex.fromSnapshot(s.base);
    return new NameLayers(base, s.overlay ? NameIndex.fromSnapshot(s.overlay).weighBeside(base) : null, new Set(s.shadow));
  }
}
