import type { z } from 'zod';
import type { Entity, Fact, StoredDocument } from '../model/types.js';
import { evidenceExcerpt } from '../registry/evidence-text.js';
import { type Corroboration, corroborationsOf, isReported } from '../registry/reconcile.js';
import type { Repository } from '../store/repository.js';
import type { EntityRef, FactView } from './schemas.js';

export type FactViewData = z.infer<typeof FactView>;
type EntityRefData = z.infer<typeof EntityRef>;

function ref(entities: Map<number, Entity>, id: number): EntityRefData {
  const e = entities.get(id);
  return { id, name: e?.name ?? `entity ${id}`, kind: e?.kind ?? 'organisation' };
}

/**
 * Facts as a reviewer reads them: the entities by name, and each piece of evidence with its
 * document and the sentence around its span (so a UI can show and highlight it). Documents are
 * read once each however many facts point into them.
 */
export async function factViews(repo: Repository, facts: Fact[], known: Map<number, StoredDocument> = new Map()): Promise<FactViewData[]> {
  const ids = new Set<number>();
  for (const f of facts) {
    ids.add(f.subjectId);
    if (f.objectId !== null) ids.add(f.objectId);
  }
  const entities = await repo.getEntities([...ids]);
  const documents = new Map<number, StoredDocument | null>(known);
  for (const f of facts) {
    for (const ev of f.evidence) {
      if (ev.documentId !== null && !documents.has(ev.documentId)) documents.set(ev.documentId, await repo.getDocument(ev.documentId));
    }
  }
  const corroborations = new Map<number, Corroboration[]>();
  for (const f of facts) {
    if (!isReported(f)) continue;
    const docId = f.evidence.find((e) => e.documentId !== null)?.documentId ?? null;
    const reportedOn = docId === null ? null : (documents.get(docId)?.date ?? null);
    corroborations.set(f.id, await corroborationsOf(repo, f, reportedOn));
  }
  return facts.map((f) => ({
    id: f.id,
    subject: ref(entities, f.subjectId),
    predicate: f.predicate,
    object: f.objectId === null ? null : ref(entities, f.objectId),
    objectLiteral: f.objectLiteral,
    date: f.date,
    qualifiers: cleanQualifiers(f.qualifiers),
    confidence: f.confidence,
    extractor: f.extractor,
    status: f.status,
    recordedAt: f.recordedAt,
    decidedBy: f.decidedBy,
    decidedAt: f.decidedAt,
    ...(corroborations.has(f.id) ? { corroboration: corroborations.get(f.id)! } : {}),
    evidence: f.evidence.map((ev) => {
      const doc = ev.documentId === null ? null : (documents.get(ev.documentId) ?? null);
      return {
        documentId: ev.documentId, start: ev.start, end: ev.end, attribution: ev.attribution, source: ev.source, quote: ev.quote ?? null,
        document: doc ? { id: doc.id, date: doc.date, url: doc.url, title: doc.title } : null,
        excerpt: doc ? evidenceExcerpt(doc.text, ev.start, ev.end) : null,
      };
    }),
  }));
}

export function cleanQualifiers(q: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out[k] = v;
  return out;
}
