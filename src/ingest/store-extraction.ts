import type { ExtractedEntity, ExtractionResult } from '../extract/index.js';
import type { Fact, FactInput, StoredDocument } from '../model/types.js';
import { dateBounds } from '../model/partial-date.js';
import { foldName } from '../names/index.js';
import type { Repository } from '../store/repository.js';
import type { RegistryResolver } from './registry-resolver.js';

export interface StoredExtraction {
  /** Entities the article introduced to the registry (proposed, until a fact about them is accepted). */
  entitiesCreated: number;
  /** Article entities found in the registry. */
  entitiesResolved: number;
  /** New proposals. */
  factsProposed: number;
  /** Statements of facts already recorded, added as further evidence. */
  evidenceAdded: number;
}

function sameFact(a: Fact, b: FactInput): boolean {
  return a.predicate === b.predicate && a.subjectId === b.subjectId && (a.objectId ?? null) === (b.objectId ?? null)
    && (a.objectLiteral === null ? b.objectLiteral == null : b.objectLiteral != null && foldName(a.objectLiteral) === foldName(b.objectLiteral))
    && sameOrVaguer(a.date, b.date ?? null)
    && (a.qualifiers.jurisdiction ?? null) === (b.qualifiers?.jurisdiction ?? null);
}

/**
 * The dates of one event: equal, or the new one a vaguer statement of the recorded one (`first
 * outlawed in 2021` about the ban of 2021-04-15), which then adds evidence instead of a second
 * ban read from 2021-01-01. A more precise new date is a fact of its own for the analyst.
 */
function sameOrVaguer(recorded: string | null, stated: string | null): boolean {
  if (recorded === stated) return true;
  if (recorded === null || stated === null) return false;
  const r = dateBounds(recorded);
  const s = dateBounds(stated);
  if (!r || !s) return false;
  return s.start <= r.start && r.end <= s.end && (s.start !== r.start || s.end !== r.end);
}

/**
 * Store one document's extraction as proposals: resolve its entities to the registry (or create
 * them), and record each fact with its evidence span and attribution. A fact already recorded
 * (from another article, or a list) gains this article as further evidence instead of a copy.
 * New spellings of a registry entity become proposed `alias` facts, and their names are
 * screened only once an analyst accepts them.
 */
export async function storeExtraction(tx: Repository, doc: StoredDocument, result: ExtractionResult, resolver: RegistryResolver): Promise<StoredExtraction> {
  const out: StoredExtraction = { entitiesCreated: 0, entitiesResolved: 0, factsProposed: 0, evidenceAdded: 0 };
  const ids = new Map<string, number>();
  const aliasFacts: { entity: number; text: string; start: number; end: number }[] = [];

  for (const e of result.entities) {
    const found = e.resolvedTo ?? resolveAny(resolver, e);
    if (found) {
      ids.set(e.id, found.entityId);
      out.entitiesResolved++;
      const known = new Set((await tx.namesOf(found.entityId)).map((n) => foldName(n.text)));
      // Only a group's or a person's name matters to screening, and only as the article writes it:
      // a place's code the extractor added (`PK`) is no spelling seen.
      if (e.kind !== 'organisation' && e.kind !== 'person') continue;
      for (const spelling of e.names) {
        const seen = e.mentions.find((m) => m.via === 'name' && foldName(m.text) === foldName(spelling));
        if (known.has(foldName(spelling)) || !seen) continue;
        known.add(foldName(spelling));
        aliasFacts.push({ entity: found.entityId, text: spelling, start: seen.start, end: seen.end });
      }
      continue;
    }
    const created = await tx.createEntity(e.kind, e.name);
    ids.set(e.id, created.id);
    out.entitiesCreated++;
    const seen = new Set<string>();
    for (const [i, text] of [e.name, ...e.names].entries()) {
      if (seen.has(foldName(text)) && i > 0) continue;
      seen.add(foldName(text));
      await tx.addName(created.id, { text, type: i === 0 ? 'primary' : 'spelling' });
      resolver.rememberName(created.id, e.kind, text, e.name);
    }
  }

  const existing = new Map<number, Fact[]>();
  const factsAbout = async (subjectId: number) => {
    if (!existing.has(subjectId)) existing.set(subjectId, await tx.listFacts({ subjectId }));
    return existing.get(subjectId)!;
  };
  const record = async (input: FactInput, supporting: FactInput['evidence'][] = []) => {
    const prior = (await factsAbout(input.subjectId)).find((f) => sameFact(f, input));
    if (prior) {
      for (const ev of [input.evidence, ...supporting]) if (ev) await tx.addEvidence(prior.id, ev);
      out.evidenceAdded++;
      return prior;
    }
    const fact = await tx.addFact(input);
    for (const ev of supporting) if (ev) await tx.addEvidence(fact.id, ev);
    existing.get(input.subjectId)?.push(fact);
    out.factsProposed++;
    return fact;
  };

  for (const f of result.facts) {
    const subjectId = ids.get(f.subject);
    if (subjectId === undefined) throw new Error(`extraction fact names unknown subject ${f.subject}`);
    const isLiteral = f.predicate === 'alias';
    const objectId = !isLiteral && f.object !== null ? ids.get(f.object) : undefined;
    if (!isLiteral && f.object !== null && objectId === undefined) throw new Error(`extraction fact names unknown object ${f.object}`);
    const evidence = (ev: typeof f.evidence) => ({ documentId: doc.id, start: ev.start, end: ev.end, attribution: ev.attribution });
    const fact = await record({
      subjectId,
      predicate: f.predicate,
      objectId: objectId ?? null,
      objectLiteral: isLiteral ? f.object : null,
      date: f.date,
      qualifiers: { ...f.qualifiers },
      evidence: evidence(f.evidence),
      extractor: `extract:${f.rule}`,
      confidence: f.confidence,
    }, (f.supporting ?? []).map(evidence));
    if (isLiteral && f.object && fact.recordedAt && !(await tx.namesOf(subjectId)).some((n) => foldName(n.text) === foldName(f.object!))) {
      await tx.addName(subjectId, { text: f.object, type: 'alias', factId: fact.id });
    }
  }

  // Spellings of registry entities seen in this article: proposed names, screened once accepted.
  for (const a of aliasFacts) {
    const fact = await record({
      subjectId: a.entity, predicate: 'alias', objectLiteral: a.text, extractor: 'extract:spelling', confidence: 0.6,
      evidence: { documentId: doc.id, start: a.start, end: a.end, attribution: 'spelling seen in the article' },
    });
    await tx.addName(a.entity, { text: a.text, type: 'spelling', factId: fact.id });
  }
  return out;
}

function resolveAny(resolver: RegistryResolver, e: ExtractedEntity): { entityId: number; name: string } | null {
  for (const name of [e.name, ...e.names]) {
    const found = resolver.resolve(name, e.kind);
    if (found) return found;
  }
  return null;
}
