import type { Repository } from '../store/repository.js';
import { RegistryResolver } from '../ingest/registry-resolver.js';
import type { MilitantGraph } from './mapping-militants.js';

export interface MilitantImportSummary {
  unchanged: boolean;
  groups: number;
  /** Groups that resolved to an entity already in the store (a list entry, an article's group). */
  groupsMatched: number;
  groupsCreated: number;
  linksAdded: number;
  linksKnown: number;
}

const IMPORTER = 'importer:mapping-militants';
const ATTRIBUTION = 'Stanford Mapping Militant Organizations (researchers)';

/**
 * Store the Mapping Militants lineage graph as accepted facts with the researchers' sentence as
 * evidence. Each group is found again by its dataset id, else resolved through the names engine
 * to an entity already known (so a split from a UN-listed group reaches the UN entry), else
 * created. One transaction; the same files again change nothing.
 */
export async function importMilitantGraph(
  repo: Repository, graph: MilitantGraph, source: { sha256: string; label: string },
): Promise<MilitantImportSummary> {
  const summary: MilitantImportSummary = { unchanged: false, groups: graph.groups.length, groupsMatched: 0, groupsCreated: 0, linksAdded: 0, linksKnown: 0 };
  return repo.transaction(async (tx) => {
    if ((await tx.importRuns('mapping-militants')).some((r) => r.sha256 === source.sha256)) return { ...summary, unchanged: true };
    const resolver = await RegistryResolver.load(tx);
    const entityOf = new Map<number, number>();
    for (const g of graph.groups) {
      const ref = `mmp:${g.id}`;
      const byRef = await tx.findEntityByRef(ref);
      const resolved = byRef ? { entityId: byRef.id } : resolver.resolve(g.name, 'organisation');
      if (resolved) {
        summary.groupsMatched++;
        entityOf.set(g.id, resolved.entityId);
        if (!byRef) await tx.addRef(resolved.entityId, ref);
        const names = new Set((await tx.namesOf(resolved.entityId)).map((n) => n.text));
        if (!names.has(g.name)) await tx.addName(resolved.entityId, { text: g.name, type: 'alias' });
        continue;
      }
      const created = await tx.createEntity('organisation', g.name, [ref]);
      await tx.addName(created.id, { text: g.name, type: 'primary' });
      resolver.rememberName(created.id, 'organisation', g.name, g.name);
      entityOf.set(g.id, created.id);
      summary.groupsCreated++;
    }
    const at = new Date().toISOString();
    for (const link of graph.links) {
      const subjectId = entityOf.get(link.subjectId)!;
      const objectId = entityOf.get(link.objectId)!;
      if (subjectId === objectId) continue;
      const existing = await tx.listFacts({ subjectId, predicate: link.predicate });
      const same = existing.find((f) => f.objectId === objectId && f.date === link.date && f.extractor === IMPORTER);
      if (same) {
        // The dataset records some links twice: keep the second description as more evidence.
        await tx.addEvidence(same.id, { source: `${source.label}, relationship ${link.id}`, attribution: ATTRIBUTION, quote: link.description });
        summary.linksKnown++;
        continue;
      }
      const fact = await tx.addFact({
        subjectId, predicate: link.predicate, objectId, date: link.date, qualifiers: { dataset_link: String(link.id), dataset_type: link.type },
        evidence: { source: `${source.label}, relationship ${link.id}`, attribution: ATTRIBUTION, quote: link.description },
        extractor: IMPORTER, confidence: 0.8,
      });
      await tx.decide({ factId: fact.id, verdict: 'accepted', by: IMPORTER, note: `${source.label} line ${link.record}`, at });
      summary.linksAdded++;
    }
    await tx.recordImportRun({ format: 'mapping-militants', source: 'mapping-militants', sha256: source.sha256, publishedOn: null, summary: { ...summary } });
    return summary;
  });
}
