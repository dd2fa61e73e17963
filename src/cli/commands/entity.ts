import type { Command } from 'commander';
import { InputError, NotFoundError } from '../../errors.js';
import { isIsoDay, todayIso } from '../../model/partial-date.js';
import { type EntityProfile, entityProfile } from '../../registry/profile.js';
import { listingLabel } from '../../registry/listings.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { decider } from './decider.js';
import { CURATED_NAME_TYPES, type CuratedNameType, addEntityName, removeEntityName, renameEntity } from '../../registry/curation.js';
import type { Fact } from '../../model/types.js';
import type { Repository } from '../../store/repository.js';

interface ShowOptions {
  asOf?: string;
  format: string;
  db?: string;
}

interface MergeOptions {
  note?: string;
  by?: string;
  format: string;
  db?: string;
}

/** The largest id a row can have (PostgreSQL `serial`). */
export const MAX_ID = 2_147_483_647;

export function parseEntityId(raw: string, field = 'id'): number {
  const id = Number(raw);
  // Ids are 32-bit in both databases: a larger number names nothing (and would be a server error).
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1 || id > MAX_ID) throw new InputError(`"${raw}" is not an entity id`, { field });
  return id;
}

function describePeriod(p: EntityProfile['listings'][number]['periods'][number]): string {
  const from = p.from === '0000-01-01' ? 'an unknown date' : (p.fromAsStated ?? p.from);
  return p.until ? `from ${from} until ${p.untilAsStated ?? p.until}` : `since ${from}`;
}

function printProfile(io: CliIo, p: EntityProfile): void {
  const e = p.entity;
  writeLine(io, `${e.name}  (${e.kind}, entity ${e.id}${e.refs.length ? `; ${e.refs.join(', ')}` : ''})`);
  if (p.mergedInto) writeLine(io, `  entity ${p.requestedId} was merged into this entity`);
  if (p.status === 'listed') writeLine(io, `  LISTED on ${p.asOf}: ${p.listings.filter((l) => l.inForce).map((l) => `${listingLabel({ ...l, origin: l.periods[0]?.origin ?? 'news' })} (${l.measure})`).join(', ')}`);
  else if (p.status === 'linked') {
    writeLine(io, `  not listed itself on ${p.asOf}; LINKED through lineage since ${p.linked?.since ?? 'an unknown date'}: ${p.via.map((v) => `${v.predicate.replace('_', ' ')} ${v.to.name}`).join(' → ')} (${p.linked?.parentListings.map((l) => l.list ?? l.jurisdiction).join(', ')})`);
  } else writeLine(io, `  not listed on ${p.asOf}`);
  writeLine(io, '  names:');
  for (const n of p.names) writeLine(io, `    ${n.text}  [${n.type}${n.quality ? `, ${n.quality}` : ''}${n.removedBy ? `, removed by fact ${n.removedBy}` : ''}]`);
  if (p.listings.length) writeLine(io, '  listings:');
  for (const l of p.listings) writeLine(io, `    ${listingLabel({ ...l, origin: l.periods[0]?.origin ?? 'news' })} [${l.jurisdiction}, ${l.measure}]: ${l.periods.map(describePeriod).join('; ')}${l.inForce ? '  (in force)' : ''}`);
  const lineage = [...p.lineage.parents.map((x) => `${x.predicate} ${x.entity.name} (fact ${x.fact}, ${x.status})`),
    ...p.lineage.children.map((x) => `${x.entity.name} is ${x.predicate} this (fact ${x.fact}, ${x.status})`)];
  if (lineage.length) writeLine(io, '  lineage:');
  for (const l of lineage) writeLine(io, `    ${l}`);
  const accepted = p.facts.filter((f) => f.status === 'accepted');
  const proposed = p.facts.filter((f) => f.status === 'proposed').length;
  const rejected = p.facts.filter((f) => f.status === 'rejected').length;
  writeLine(io, `  facts: ${accepted.length} accepted${proposed ? `; ${proposed} proposed, awaiting review (proscribe review list --entity ${p.entity.id})` : ''}${rejected ? `; ${rejected} rejected` : ''}`);
  for (const f of accepted) {
    const object = f.object?.name ?? f.objectLiteral ?? '';
    writeLine(io, `    #${f.id} [${f.status}] ${f.subject.name} ${f.predicate}${object ? ` ${object}` : ''}${f.date ? ` (${f.date})` : ''} confidence ${f.confidence}`);
    for (const ev of f.evidence) {
      const where = ev.document ? `document ${ev.document.id}, ${ev.document.date}${ev.document.url ? `, ${ev.document.url}` : ''}` : (ev.source ?? 'no source');
      writeLine(io, `      evidence: ${where}${ev.attribution ? `; ${ev.document ? (/^according to\b/i.test(ev.attribution) ? ev.attribution : `attributed in the text: “${ev.attribution}”`) : `said by ${ev.attribution}`}` : ''}`);
      if (ev.excerpt) writeLine(io, `        "${ev.excerpt.sentence.replace(/\s+/g, ' ')}"`);
    }
    for (const d of f.decisions) writeLine(io, `      ${d.verdict} by ${d.by} at ${d.at}${d.note ? `: ${d.note}` : ''}`);
  }
  for (const m of p.merges) {
    writeLine(io, `  merge #${m.id}: entity ${m.entityId} into ${m.intoId} by ${m.by} at ${m.at}${m.undoneAt ? `, undone by ${m.undoneBy} at ${m.undoneAt}` : ''}`);
  }
}

export function registerEntity(program: Command, io: CliIo): void {
  const entity = program.command('entity').description('one entity: its profile, its names (add, remove, rename), and merging spelling variants into it (reversibly)');
  registerEntityNames(entity, io);

  entity
    .command('show')
    .description('names, listing timeline per jurisdiction, lineage, and every fact with its evidence and decisions')
    .argument('<id>', 'entity id')
    .option('--as-of <YYYY-MM-DD>', 'the day listing status is given for (default: today)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (raw: string, _o: ShowOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ShowOptions>();
      const format = parseOutputFormat(opts.format);
      const asOf = opts.asOf ?? todayIso();
      if (!isIsoDay(asOf)) throw new InputError(`"${asOf}" is not a calendar date YYYY-MM-DD`, { field: 'as-of' });
      const id = parseEntityId(raw);
      const profile = await withStore(opts.db, io, (repo) => entityProfile(repo, id, { asOf }));
      if (!profile) throw new NotFoundError(`no entity with id ${id}`);
      if (format === 'json') writeJson(io, profile);
      else printProfile(io, profile);
    });

  entity
    .command('merge')
    .description('fold OTHER entities into KEEP: their names and facts read as KEEP\'s (undo with `entity split`)')
    .argument('<keep>', 'the entity that stays')
    .argument('<others...>', 'entities folded into it')
    .option('--note <text>', 'why')
    .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (keepRaw: string, othersRaw: string[], _o: MergeOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<MergeOptions>();
      const format = parseOutputFormat(opts.format);
      const keep = parseEntityId(keepRaw, 'keep');
      const others = othersRaw.map((r) => parseEntityId(r, 'other'));
      const by = decider(opts.by, io);
      // One transaction: every listed entity is folded in, or none.
      const merges = await withStore(opts.db, io, (repo) => repo.transaction(async (tx) => {
        const out = [];
        for (const other of others) out.push(await tx.mergeEntities(keep, other, by, opts.note ?? null));
        return out;
      }));
      if (format === 'json') return writeJson(io, { merges });
      for (const m of merges) writeLine(io, `entity ${m.entityId} merged into ${m.intoId} (merge #${m.id})`);
    });

  entity
    .command('split')
    .description('undo the merge that folded ID into another entity: it reads as itself again, with its own names and facts')
    .argument('<id>', 'the entity that was merged away')
    .option('--note <text>', 'why')
    .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (raw: string, _o: MergeOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<MergeOptions>();
      const format = parseOutputFormat(opts.format);
      const id = parseEntityId(raw);
      const merge = await withStore(opts.db, io, (repo) => repo.undoMerge(id, decider(opts.by, io), opts.note ?? null));
      if (format === 'json') return writeJson(io, { merge });
      writeLine(io, `entity ${merge.entityId} split from ${merge.intoId} (merge #${merge.id} undone)`);
    });
}

interface NameOptions {
  type?: string;
  note?: string;
  source?: string;
  by?: string;
  format: string;
  db?: string;
}

/** `entity add-name`, `entity remove-name`, `entity rename`: each an accepted fact and decision, undone by rejecting it. */
export function registerEntityNames(entity: Command, io: CliIo): void {
  const nameCommand = (name: string, description: string, run: (repo: Repository, id: number, text: string, opts: NameOptions, by: string) => Promise<Fact>) => {
    const cmd = entity
      .command(name)
      .description(description)
      .argument('<id>', 'entity id')
      .argument('<name>', 'the name')
      .option('--note <text>', 'why, or the source\'s words')
      .option('--source <url|citation>', 'where the name comes from')
      .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
      .option('--format <format>', 'output: text or json', 'text');
    if (name === 'add-name') cmd.option('--type <type>', `${CURATED_NAME_TYPES.join(', ')} (default alias)`);
    cmd.action(async (raw: string, text: string, _o: NameOptions, c: Command) => {
      const opts = c.optsWithGlobals<NameOptions>();
      const format = parseOutputFormat(opts.format);
      const id = parseEntityId(raw);
      const by = decider(opts.by, io);
      const fact = await withStore(opts.db, io, (repo) => run(repo, id, text, opts, by));
      if (format === 'json') return writeJson(io, { fact });
      writeLine(io, `entity ${fact.subjectId}: ${name} "${fact.objectLiteral}" recorded as fact ${fact.id}, accepted by ${by} (undo: proscribe review reject ${fact.id} --note ...)`);
    });
  };
  nameCommand('add-name', 'give an entity another name (screened and resolved from now on)', (repo, id, text, opts, by) =>
    addEntityName(repo, { entityId: id, name: text, by, note: opts.note ?? null, source: opts.source ?? null, ...(opts.type ? { type: opts.type as CuratedNameType } : {}) }));
  nameCommand('remove-name', 'take a name from an entity (no longer screened or resolved; it stays on record)', (repo, id, text, opts, by) =>
    removeEntityName(repo, { entityId: id, name: text, by, note: opts.note ?? null, source: opts.source ?? null }));
  nameCommand('rename', 'change an entity\'s display name (the old one stays one of its names)', (repo, id, text, opts, by) =>
    renameEntity(repo, { entityId: id, name: text, by, note: opts.note ?? null, source: opts.source ?? null }));
}
