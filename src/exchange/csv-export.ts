import { stringify } from 'csv-stringify/sync';
import { todayIso } from '../model/partial-date.js';
import { lineageEdges } from '../registry/lineage.js';
import { listingPeriods, periodOn } from '../registry/listings.js';
import { LINEAGE_PREDICATES } from '../model/types.js';
import type { Repository } from '../store/repository.js';
import type { LineWriter } from './ftm-export.js';

export const CSV_COLUMNS = [
  'entity_id', 'name', 'kind', 'refs', 'aliases', 'jurisdiction', 'list', 'listed_from', 'listed_until', 'in_force_on', 'in_force',
  'authority', 'law', 'lineage', 'fact_ids',
] as const;

/**
 * The registry as a spreadsheet for analysts: one row per listing period (an entity banned,
 * lifted and banned again has two rows), plus one row for each registry entity with no listing
 * of its own (an offshoot known only through its lineage). Names and lineage are joined with
 * ` | ` so a row stays one row.
 */
export async function exportCsv(repo: Repository, write: LineWriter, options: { asOf?: string } = {}): Promise<{ rows: number }> {
  const asOf = options.asOf ?? todayIso();
  const facts = await repo.listFacts({ status: 'accepted' });
  const periods = listingPeriods(facts);
  const lineage = lineageEdges(facts.filter((f) => LINEAGE_PREDICATES.includes(f.predicate)));
  const ids = new Set<number>(facts.map((f) => f.subjectId));
  for (const edges of lineage.values()) for (const e of edges) ids.add(e.to);
  const entities = await repo.getEntities([...ids]);
  const aliases = new Map<number, string[]>();
  for await (const page of repo.allNames({ registryOnly: true })) {
    for (const n of page) {
      const e = entities.get(n.entityId);
      if (!e || n.text === e.name) continue;
      const list = aliases.get(n.entityId) ?? [];
      if (!list.includes(n.text)) list.push(n.text);
      aliases.set(n.entityId, list);
    }
  }
  const byId = new Map(facts.map((f) => [f.id, f]));
  await write(stringify([[...CSV_COLUMNS]]).trimEnd());
  let rows = 0;
  const seen = new Set<number>();
  for (const e of [...entities.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.kind === 'place' || e.kind === 'law' || e.kind === 'authority' || e.kind === 'publication') continue;
    const parents = (lineage.get(e.id) ?? []).map((edge) => `${edge.predicate} ${entities.get(edge.to)?.name ?? edge.to}`).join(' | ');
    const base = [e.id, e.name, e.kind, e.refs.join(' | '), (aliases.get(e.id) ?? []).join(' | ')];
    const own = periods.get(e.id) ?? [];
    if (own.length === 0) {
      if (!parents) continue;
      await write(stringify([[...base, '', '', '', '', asOf, 'false', '', '', parents, '']]).trimEnd());
      rows++;
      continue;
    }
    for (const p of own) {
      const ban = byId.get(p.proscribedFacts[0]!);
      const factIds = [...p.proscribedFacts, ...(p.delistedFact ? [p.delistedFact] : [])].join(' | ');
      await write(stringify([[
        ...base, p.jurisdiction, p.list ?? '', p.from === '0000-01-01' ? '' : (p.fromAsStated ?? p.from), p.untilAsStated ?? p.until ?? '', asOf,
        String(periodOn([p], asOf) !== null), ban?.qualifiers.authority ?? '', ban?.qualifiers.law ?? ban?.qualifiers.programs ?? '', parents, factIds,
      ]]).trimEnd());
      rows++;
    }
  }
  return { rows };
}
