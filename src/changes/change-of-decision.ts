/**
 * What a decision on a fact changes for a reader of the registry, as a change-feed entry: a
 * ban accepted adds the entity to a list (or to the news-reported bans), a delisting removes it,
 * names and lineage accepted change it. Rejecting a proposal changes nothing anyone saw; taking
 * back an accepted fact undoes what it did.
 */
export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DecidedFact {
  predicate: string;
  date: string | null;
  objectLiteral: string | null;
  objectId: number | null;
  qualifiers: Record<string, string>;
}

export interface ChangeEntry {
  change: ChangeKind;
  detail: Record<string, unknown>;
}

const LINEAGE = new Set(['offshoot_of', 'front_for', 'successor_of']);

export function changeOfDecision(fact: DecidedFact, verdict: 'accepted' | 'rejected', previous: 'accepted' | 'rejected' | null): ChangeEntry | null {
  const accepted = verdict === 'accepted';
  // Only a move into or out of the registry is a change: accepting twice, or rejecting a proposal, is not.
  if (accepted === (previous === 'accepted')) return null;
  const retracted = !accepted;
  const when = fact.date ? { date: fact.date } : {};
  switch (fact.predicate) {
    case 'proscribed':
      return { change: retracted ? 'removed' : 'added', detail: { listing: 'proscribed', ...when, ...(retracted ? { retracted: true } : {}) } };
    case 'delisted':
      return { change: retracted ? 'added' : 'removed', detail: { listing: 'delisted', ...when, ...(retracted ? { retracted: true } : {}) } };
    case 'alias': {
      const action = fact.qualifiers.action ?? 'add';
      return { change: 'changed', detail: { names: action, name: fact.objectLiteral, ...(retracted ? { retracted: true } : {}) } };
    }
    default:
      if (LINEAGE.has(fact.predicate)) return { change: 'changed', detail: { lineage: fact.predicate, of: fact.objectId, ...(retracted ? { retracted: true } : {}) } };
      return null;
  }
}
