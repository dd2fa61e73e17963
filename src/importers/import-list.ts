import { InputError } from '../errors.js';
import type { Fact } from '../model/types.js';
import { listingPeriods } from '../registry/listings.js';
import type { Repository } from '../store/repository.js';
import type { ListDefinition } from '../lists/catalogue.js';
import type { ListEntry, ParsedList } from './types.js';

export interface ImportSource {
  /** Parser format, e.g. `un-xml`. */
  format: string;
  /** The import-run source of this list (`un`); its entries' refs start with `${source}:`. */
  source: string;
  /** The list this file is a version of (`un-sc`): named by every listing fact it makes. */
  list: ListDefinition;
  /** SHA-256 of the file(s) as read. */
  sha256: string;
  /** The list's publication date: dates re-listings and delistings this version reveals. */
  publishedOn: string | null;
  /** Human name of the list version for evidence: "UN consolidated list 2018-10-29". */
  label: string;
}

export interface ImportSummary {
  source: string;
  format: string;
  publishedOn: string | null;
  /** True when this exact file was the last version imported: nothing was written. */
  unchanged: boolean;
  entries: number;
  added: string[];
  relisted: string[];
  delisted: string[];
  namesAdded: number;
}

/**
 * Store one version of a public list as accepted registry facts. Each entry becomes an entity
 * (found again by its ref), its names, and an accepted `proscribed` fact whose evidence is the
 * list; entries that were listed by the previous version and are missing from this one get an
 * accepted `delisted` fact. Runs in one transaction: a failure leaves the store as it was.
 */
export async function importList(repo: Repository, list: ParsedList, source: ImportSource, decidedAt?: string): Promise<ImportSummary> {
  return repo.transaction(async (tx) => {
    const summary: ImportSummary = {
      source: source.source, format: source.format, publishedOn: source.publishedOn, unchanged: false,
      entries: list.entries.length, added: [], relisted: [], delisted: [], namesAdded: 0,
    };
    if (list.entries.length === 0) {
      // An empty version would delist everything; a real list is never empty.
      throw new InputError(`${source.label} has no entries: refusing to treat it as a new version of the list`, { file: source.label });
    }
    const runs = await tx.importRuns(source.source);
    if (runs.some((r) => r.sha256 === source.sha256)) return { ...summary, unchanged: true };
    // Delistings are read off the difference with the last version, so versions must come in order.
    const latest = runs.filter((r) => r.publishedOn !== null).map((r) => r.publishedOn!).sort().at(-1);
    if (latest && source.publishedOn && source.publishedOn < latest) {
      throw new InputError(`this version (${source.publishedOn}) is older than the last imported one (${latest}): import versions of a list in date order`, { file: source.label, field: 'publishedOn' });
    }

    const importer = `importer:${source.format}`;
    const at = decidedAt ?? new Date().toISOString();
    await tx.saveList(source.list);
    const known = await tx.refsWithPrefix(`${source.source}:`);
    const listedNow = await currentlyListed(tx, [...known.values()], source.list.id);
    const seen = new Set<string>();

    const listingFact = async (entityId: number, entry: Pick<ListEntry, 'jurisdiction' | 'authority' | 'programs'> & { primaryName?: string }, predicate: 'proscribed' | 'delisted', date: string | null) => {
      const fact = await tx.addFact({
        subjectId: entityId,
        predicate,
        date,
        qualifiers: {
          jurisdiction: entry.jurisdiction,
          authority: entry.authority,
          list: source.list.id,
          ...(entry.primaryName ? { list_name: entry.primaryName } : {}),
          instrument: source.label,
          ...(entry.programs.length ? { programs: entry.programs.join(', ') } : {}),
        },
        evidence: { source: `${source.label} (sha256 ${source.sha256.slice(0, 12)})`, attribution: entry.authority },
        extractor: importer,
        confidence: 1,
      });
      await tx.decide({ factId: fact.id, verdict: 'accepted', by: importer, note: `official list: ${source.label}`, at });
    };

    for (const entry of list.entries) {
      seen.add(entry.ref);
      const existingId = known.get(entry.ref);
      if (existingId === undefined) {
        const entity = await tx.createEntity(entry.kind, entry.primaryName, [entry.ref]);
        await tx.addName(entity.id, { text: entry.primaryName, type: 'primary' });
        for (const n of entry.names) await tx.addName(entity.id, { text: n.text, type: n.type, quality: n.quality ?? null });
        summary.namesAdded += 1 + entry.names.length;
        await listingFact(entity.id, entry, 'proscribed', entry.listedOn);
        summary.added.push(entry.ref);
        continue;
      }
      const have = new Set((await tx.namesOf(existingId)).map((n) => n.text));
      const namesAdded: string[] = [];
      for (const n of [{ text: entry.primaryName, type: 'primary' as const, quality: undefined }, ...entry.names]) {
        if (have.has(n.text)) continue;
        await tx.addName(existingId, { text: n.text, type: n.type === 'primary' ? 'alias' : n.type, quality: n.quality ?? null });
        have.add(n.text);
        namesAdded.push(n.text);
        summary.namesAdded++;
      }
      if (namesAdded.length) {
        await tx.recordChange({ entityId: existingId, change: 'changed', listId: source.list.id, detail: { names_added: namesAdded }, cause: `${importer}: official list: ${source.label}`, at });
      }
      if (!listedNow.has(existingId)) {
        // Back on the list after a delisting: the list still shows the first listing date, so
        // the new period starts with this version.
        await listingFact(existingId, entry, 'proscribed', source.publishedOn ?? entry.listedOn);
        summary.relisted.push(entry.ref);
      }
    }

    const listedBy = { jurisdiction: list.entries[0]!.jurisdiction, authority: list.entries[0]!.authority, programs: [] };
    for (const [ref, entityId] of known) {
      if (seen.has(ref) || !listedNow.has(entityId)) continue;
      await listingFact(entityId, listedBy, 'delisted', source.publishedOn);
      summary.delisted.push(ref);
    }

    await tx.recordImportRun({
      format: source.format, source: source.source, listId: source.list.id, sha256: source.sha256, publishedOn: source.publishedOn,
      summary: { entries: summary.entries, added: summary.added.length, relisted: summary.relisted.length, delisted: summary.delisted.length, namesAdded: summary.namesAdded },
    });
    return summary;
  });
}

/**
 * Entities among `ids` whose listing on the list is open (not ended by a delisting). Facts read
 * as the entity an id was joined into; a joined entity holds one entry of a list, so its
 * periods on this list are the entry's.
 */
export async function currentlyListed(repo: Repository, ids: number[], listId: string): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const facts: Fact[] = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], list: listId });
  const roots = await repo.getEntities(ids);
  const open = new Set<number>();
  for (const [subjectId, periods] of listingPeriods(facts)) {
    if (periods.some((p) => p.until === null)) open.add(subjectId);
  }
  return new Set(ids.filter((id) => open.has(roots.get(id)?.id ?? id)));
}
