import type { Repository } from '../store/repository.js';
import { type JoinSummary, joinLists } from '../registry/join.js';
import { type SentenceRuns, sentenceNames } from './lineage-check.js';
import type { MilitantGraph, MilitantLink } from './mapping-militants.js';

export interface MilitantImportSummary {
  unchanged: boolean;
  groups: number;
  /** Groups found again by their dataset id (an earlier import). */
  groupsKnown: number;
  groupsCreated: number;
  /** Groups that read as a list entry after the cross-list join (their entity was joined to one). */
  groupsMatched: number;
  /** Links whose sentence names both groups: accepted. */
  linksAdded: number;
  /** Links whose sentence does not name both groups: proposed for an analyst instead of accepted. */
  linksDemoted: number;
  linksKnown: number;
  /** A few demoted links, as an analyst would read them. */
  demotedExamples: string[];
  join: JoinSummary | null;
}

const IMPORTER = 'importer:mapping-militants';
const ATTRIBUTION = 'Stanford Mapping Militant Organizations (researchers)';
/** Confidence of a link whose sentence names both groups, and of one whose sentence does not. */
const CHECKED_CONFIDENCE = 0.8;
const UNCHECKED_CONFIDENCE = 0.4;

/**
 * Store the Mapping Militants lineage graph with the researchers' sentence as evidence. Each
 * group is an entity of its own (ref `mmp:ID`), found again by that ref; the cross-list join
 * then folds a group into the list entries that are the same organisation. Each link is checked
 * against its sentence (lineage-check.ts) with every name its groups have after the join: a link
 * whose sentence names both is accepted; one whose sentence does not is left proposed, with the
 * reason, for an analyst. One transaction; the same files again change nothing.
 */
export async function importMilitantGraph(
  repo: Repository, graph: MilitantGraph, source: { sha256: string; label: string }, options: { join?: boolean } = {},
): Promise<MilitantImportSummary> {
  const summary: MilitantImportSummary = {
    unchanged: false, groups: graph.groups.length, groupsKnown: 0, groupsCreated: 0, groupsMatched: 0,
    linksAdded: 0, linksDemoted: 0, linksKnown: 0, demotedExamples: [], join: null,
  };
  return repo.transaction(async (tx) => {
    if ((await tx.importRuns('mapping-militants')).some((r) => r.sha256 === source.sha256)) return { ...summary, unchanged: true };
    const entityOf = new Map<number, number>();
    for (const g of graph.groups) {
      const ref = `mmp:${g.id}`;
      const known = await tx.findEntityByRef(ref);
      if (known) {
        summary.groupsKnown++;
        entityOf.set(g.id, known.id);
        const names = new Set((await tx.namesOf(known.id)).map((n) => n.text));
        if (!names.has(g.name)) await tx.addName(known.id, { text: g.name, type: 'alias' });
        continue;
      }
      const created = await tx.createEntity('organisation', g.name, [ref]);
      await tx.addName(created.id, { text: g.name, type: 'primary' });
      entityOf.set(g.id, created.id);
      summary.groupsCreated++;
    }
    if (options.join !== false) summary.join = await joinLists(tx);
    const joined = await tx.getEntities([...entityOf.values()]);
    for (const id of entityOf.values()) if (joined.get(id)?.refs.some((r) => !r.startsWith('mmp:'))) summary.groupsMatched++;

    // Every name a group has now, read through the join.
    const namesCache = new Map<number, { names: string[]; acronyms: string[] }>();
    const namesOf = async (entityId: number) => {
      let n = namesCache.get(entityId);
      if (!n) {
        const all = (await tx.namesOf(entityId)).filter((x) => x.type !== 'weak');
        n = { names: all.filter((x) => x.type !== 'acronym').map((x) => x.text), acronyms: all.filter((x) => x.type === 'acronym').map((x) => x.text) };
        namesCache.set(entityId, n);
      }
      return n;
    };
    const at = new Date().toISOString();
    const sentences: SentenceRuns = new Map();
    // Each group read through the join, and the links an earlier import recorded, looked up once.
    const roots = await tx.getEntities([...entityOf.values()]);
    const rootOf = (id: number) => roots.get(id)?.id ?? id;
    const linkKey = (subject: number, predicate: string, object: number | null, date: string | null) => `${subject}|${predicate}|${object}|${date}`;
    const recorded = new Map<string, number>();
    for (const f of await tx.listFacts({ predicate: [...new Set(graph.links.map((l) => l.predicate))] })) {
      if (f.extractor === IMPORTER) recorded.set(linkKey(f.subjectId, f.predicate, f.objectId, f.date), f.id);
    }
    for (const link of graph.links) {
      const subjectId = entityOf.get(link.subjectId)!;
      const objectId = entityOf.get(link.objectId)!;
      if (subjectId === objectId) continue;
      const [subjectRoot, objectRoot] = [rootOf(subjectId), rootOf(objectId)];
      const key = linkKey(subjectRoot, link.predicate, objectRoot, link.date);
      const same = recorded.get(key);
      if (same !== undefined) {
        // The dataset records some links twice: keep the second description as more evidence.
        await tx.addEvidence(same, { source: `${source.label}, relationship ${link.id}`, attribution: ATTRIBUTION, quote: link.description });
        summary.linksKnown++;
        continue;
      }
      const check = sentenceNames(link.description, [await namesOf(subjectRoot), await namesOf(objectRoot)], sentences);
      const missing = [link.subject, link.object].filter((_, i) => !check.named[i]);
      const fact = await tx.addFact({
        subjectId, predicate: link.predicate, objectId, date: link.date,
        qualifiers: {
          dataset_link: String(link.id), dataset_type: link.type,
          ...(missing.length ? { check: describeMissing(link, missing) } : { check: `the sentence names both: ${check.evidence.map((e) => `"${e}"`).join(' and ')}` }),
        },
        evidence: { source: `${source.label}, relationship ${link.id}`, attribution: ATTRIBUTION, quote: link.description },
        extractor: IMPORTER, confidence: missing.length ? UNCHECKED_CONFIDENCE : CHECKED_CONFIDENCE,
      });
      recorded.set(key, fact.id);
      if (missing.length === 0) {
        await tx.decide({ factId: fact.id, verdict: 'accepted', by: IMPORTER, note: `${source.label} line ${link.record}; the sentence names both groups`, at });
        summary.linksAdded++;
      } else {
        summary.linksDemoted++;
        if (summary.demotedExamples.length < 5) summary.demotedExamples.push(`${link.subject} ${link.predicate.replace('_', ' ')} ${link.object}: ${describeMissing(link, missing)}`);
      }
    }
    await tx.recordImportRun({
      format: 'mapping-militants', source: 'mapping-militants', sha256: source.sha256, publishedOn: null,
      summary: { ...summary, demotedExamples: summary.demotedExamples.length, join: summary.join ? { joined: summary.join.joined.length, proposed: summary.join.proposed.length } : null },
    });
    return summary;
  });
}

function describeMissing(link: MilitantLink, missing: string[]): string {
  if (!link.description) return 'the dataset gives no sentence for this link: proposed, not accepted';
  return `the sentence does not name ${missing.map((m) => `"${m}"`).join(' or ')}: proposed, not accepted`;
}
