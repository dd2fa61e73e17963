import { InputError } from '../errors.js';
import type { Decision } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import { keepFirst } from '../registry/join.js';
import { applyNameDecision } from '../registry/curation.js';

export type Verdict = 'accepted' | 'rejected';

/**
 * Record one verdict on each fact, all in one transaction: either every listed fact gets its
 * decision or none does. A rejection must say why, so the history explains itself.
 */
export async function decideFacts(repo: Repository, ids: readonly number[], verdict: Verdict, by: string, note: string | null): Promise<Decision[]> {
  if (ids.length === 0) throw new InputError('no fact ids given', { field: 'id' });
  if (verdict === 'rejected' && !note?.trim()) throw new InputError('a rejection needs a note saying why', { field: 'note' });
  if (!by.trim()) throw new InputError('a decision needs who made it', { field: 'by' });
  return repo.transaction(async (tx) => {
    const out: Decision[] = [];
    for (const id of ids) {
      const fact = await tx.getFact(id);
      if (!fact) throw new InputError(`no fact with id ${id}`, { field: 'id' });
      out.push(await tx.decide({ factId: id, verdict, by, note }));
      await applyNameDecision(tx, fact, verdict);
      // Accepting that two records are one organisation makes them one entity (undone by a split).
      if (verdict === 'accepted' && fact.predicate === 'same_as' && fact.objectId !== null && fact.objectId !== fact.subjectId) {
        const entities = await tx.getEntities([fact.subjectId, fact.objectId]);
        const [a, b] = [entities.get(fact.subjectId)!, entities.get(fact.objectId)!];
        const [keep, other] = keepFirst(a, b) ? [a, b] : [b, a];
        await tx.mergeEntities(keep.id, other.id, by, `same_as fact ${id} accepted${note ? `: ${note}` : ''}`);
      }
    }
    return out;
  });
}
