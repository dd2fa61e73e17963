import { describeListing, type ListingsResponse } from '../api';

/** Entities not listed themselves but linked to a listed one through lineage: the chain, the parent's listings, since when. */
export function LinkedList({ linked }: { linked: ListingsResponse['linked'] }) {
  return (
    <ul className="linked">
      {linked.map((x) => (
        <li key={x.entity.id} data-testid="linked">
          <a href={`#/entity/${x.entity.id}`}>{x.entity.name}</a>: {x.via.map((h) => `${h.predicate.replace('_', ' ')} ${h.to.name}`).join(', ')}
          {' '}({x.parentListings.map(describeListing).join('; ')}) — flagged since {x.since ?? 'an unknown date'}
        </li>
      ))}
    </ul>
  );
}
