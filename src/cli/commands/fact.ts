import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { parseJurisdiction } from '../../lists/jurisdiction.js';
import { ENTITY_KINDS, type EntityKind, PREDICATES, type Predicate } from '../../model/types.js';
import { addAnalystFact, type AnalystFactInput } from '../../registry/curation.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { decider } from './decider.js';

/** The options as commander gives them: strings, checked before they reach the curation layer. */
type FactAddOptions = Omit<AnalystFactInput, 'kind' | 'predicate' | 'note' | 'by'> & {
  kind?: string;
  predicate: string;
  note?: string;
  by?: string;
  format: string;
  db?: string;
};

export function registerFact(program: Command, io: CliIo): void {
  const fact = program.command('fact').description('facts an analyst records by hand, from a source they hold');
  fact
    .command('add')
    .description('record an accepted fact from a source you hold (a notification, a statutory instrument): the entity is created if new')
    .requiredOption('--subject <name|id>', 'the entity: an id, or a name (a new entity when no entity of the kind has it)')
    .option('--kind <kind>', `the subject's kind when it is new (${ENTITY_KINDS.join(', ')}; default organisation)`)
    .requiredOption('--predicate <predicate>', `what the fact says (${PREDICATES.filter((p) => p !== 'alias' && p !== 'same_as').join(', ')})`)
    .option('--object <name|id>', 'for a relation: the other entity (a place for based_in, operates_in, recruits_in)')
    .option('--jurisdiction <code>', 'for a ban or lifting: ISO 3166 alpha-2 code (PK, GB) or UN, EU')
    .option('--date <date>', 'when: YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO, as the source gives it')
    .option('--until <date>', 'for a ban: when it ended (records the lifting too)')
    .option('--law <text>', 'the law it was made under')
    .option('--authority <text>', 'who made it')
    .option('--list <id>', 'the list the ban belongs to (of the jurisdiction)')
    .requiredOption('--source <url|citation>', 'where you read it: the evidence')
    .option('--note <text>', 'the source\'s words or your reason (SI 2026/15)')
    .option('--by <name>', 'who records it (default: $PROSCRIBE_USER, else the login name)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_o: FactAddOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<FactAddOptions>();
      const format = parseOutputFormat(opts.format);
      if (!PREDICATES.includes(opts.predicate as Predicate)) throw new InputError(`unknown predicate "${opts.predicate}": one of ${PREDICATES.join(', ')}`, { field: 'predicate' });
      if (opts.kind !== undefined && !ENTITY_KINDS.includes(opts.kind as EntityKind)) throw new InputError(`kind "${opts.kind}" is not one of ${ENTITY_KINDS.join(', ')}`, { field: 'kind' });
      const by = decider(opts.by, io);
      const result = await withStore(opts.db, io, (repo) => addAnalystFact(repo, {
        subject: opts.subject, predicate: opts.predicate as Predicate, source: opts.source, by,
        ...(opts.kind ? { kind: opts.kind as EntityKind } : {}),
        ...(opts.object ? { object: opts.object } : {}),
        ...(opts.jurisdiction ? { jurisdiction: parseJurisdiction(opts.jurisdiction) } : {}),
        ...(opts.date ? { date: opts.date } : {}),
        ...(opts.until ? { until: opts.until } : {}),
        ...(opts.law ? { law: opts.law } : {}),
        ...(opts.authority ? { authority: opts.authority } : {}),
        ...(opts.list ? { list: opts.list } : {}),
        note: opts.note ?? null,
      }));
      if (format === 'json') return writeJson(io, result);
      const s = result.subject;
      writeLine(io, `${s.created ? 'new' : 'found'} ${s.entity.kind} entity ${s.entity.id}: ${s.entity.name}`);
      if (result.object) writeLine(io, `${result.object.created ? 'new' : 'found'} ${result.object.entity.kind} entity ${result.object.entity.id}: ${result.object.entity.name}`);
      for (const f of result.facts) writeLine(io, `fact ${f.id}: ${f.predicate}${f.date ? ` ${f.date}` : ''} accepted by ${f.decidedBy} (source: ${f.evidence[0]?.source})`);
    });
}
