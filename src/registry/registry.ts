import type { Entity } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import { type ListingPeriod, listingPeriods, periodOn } from './listings.js';

export interface Listing {
  entity: Entity;
  jurisdiction: string;
  since: string | null;
  sinceAsStated: string | null;
  factIds: number[];
}

/** Organisations proscribed in `jurisdiction` on `asOf`, from accepted facts. */
export async function listingsAsOf(repo: Repository, jurisdiction: string, asOf: string): Promise<Listing[]> {
  const facts = await repo.listFacts({ status: 'accepted', predicate: ['proscribed', 'delisted'], jurisdiction });
  const inForce: { subjectId: number; period: ListingPeriod }[] = [];
  for (const [subjectId, periods] of listingPeriods(facts)) {
    const period = periodOn(periods, asOf);
    if (period) inForce.push({ subjectId, period });
  }
  const entities = await repo.getEntities(inForce.map((x) => x.subjectId));
  return inForce
    .flatMap(({ subjectId, period }) => {
      const entity = entities.get(subjectId);
      if (!entity) return [];
      return [{
        entity,
        jurisdiction: period.jurisdiction,
        since: period.from === '0000-01-01' ? null : period.from,
        sinceAsStated: period.fromAsStated,
        factIds: period.proscribedFacts,
      }];
    })
    .sort((a, b) => a.entity.name.localeCompare(b.entity.name));
}
