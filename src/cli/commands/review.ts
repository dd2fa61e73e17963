import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { FACT_STATUSES, type Fact, type FactStatus, PREDICATES, type Predicate } from '../../model/types.js';
import type { Repository } from '../../store/repository.js';
import { type CliIo, parseOutputFormat, writeJson, writeLine } from '../io.js';
import { withStore } from '../store.js';
import { decideFacts } from '../../review/decide.js';
import { corroborationsOf } from '../../registry/reconcile.js';
import { correctProposal } from '../../registry/curation.js';
import { decider } from './decider.js';
import { MAX_ID, parseEntityId } from './entity.js';
import { reviewInteractively } from './review-interactive.js';

interface ReviewListOptions {
  status: string;
  entity?: string;
  predicate?: string;
  origin?: string;
  limit: string;
  format: string;
  db?: string;
}

interface DecideOptions {
  note?: string;
  by?: string;
  format: string;
  db?: string;
}

function parseIds(ids: string[]): number[] {
  return ids.map((raw) => {
    const id = Number(raw);
    if (!/^\d+$/.test(raw) || id < 1 || id > MAX_ID) throw new InputError(`"${raw}" is not a fact id`, { field: 'id' });
    return id;
  });
}


async function describeFact(repo: Repository, fact: Fact): Promise<string> {
  const ids = [fact.subjectId, ...(fact.objectId ? [fact.objectId] : [])];
  const entities = await repo.getEntities(ids);
  const subject = entities.get(fact.subjectId)?.name ?? `entity ${fact.subjectId}`;
  const object = fact.objectId ? (entities.get(fact.objectId)?.name ?? `entity ${fact.objectId}`) : fact.objectLiteral;
  const q = Object.entries(fact.qualifiers).map(([k, v]) => `${k}=${v}`).join(' ');
  return `#${fact.id} [${fact.status}] ${subject} ${fact.predicate}${object ? ` ${object}` : ''}${fact.date ? ` (${fact.date})` : ''}${q ? ` {${q}}` : ''} confidence ${fact.confidence}`;
}

export function registerReview(program: Command, io: CliIo): void {
  const review = program
    .command('review')
    .description('review proposed facts: on a terminal, one by one with their evidence; or list, accept, reject (decisions are recorded, facts never edited)')
    .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
    .action(async (_o: { by?: string; db?: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ by?: string; db?: string }>();
      if (!io.isTty) {
        throw new InputError('interactive review needs a terminal: use `proscribe review list`, `review accept ID...` or `review reject ID... --note TEXT`', { field: 'review' });
      }
      await withStore(opts.db, io, (repo) => reviewInteractively(repo, io, decider(opts.by, io)));
    });

  review
    .command('list')
    .description('facts awaiting review (or with another status)')
    .option('--status <status>', `one of ${FACT_STATUSES.join(', ')}`, 'proposed')
    .option('--entity <id>', 'only facts with this entity as subject or object')
    .option('--predicate <predicate>', `only facts with this predicate (${PREDICATES.join(', ')})`)
    .option('--origin <origin>', 'only facts from articles (document), the cross-list join (join), or list and dataset importers (dataset)')
    .option('--limit <n>', 'most facts to show', '100')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (_o: ReviewListOptions, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ReviewListOptions>();
      const format = parseOutputFormat(opts.format);
      if (!FACT_STATUSES.includes(opts.status as FactStatus)) throw new InputError(`unknown status "${opts.status}"`, { field: 'status' });
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new InputError(`"${opts.limit}" is not a positive whole number`, { field: 'limit' });
      await withStore(opts.db, io, async (repo) => {
        if (opts.predicate !== undefined && !PREDICATES.includes(opts.predicate as Predicate)) throw new InputError(`unknown predicate "${opts.predicate}"`, { field: 'predicate' });
        if (opts.origin !== undefined && !['document', 'join', 'dataset'].includes(opts.origin)) throw new InputError(`origin must be document, join or dataset, not "${opts.origin}"`, { field: 'origin' });
        const facts = await repo.listFacts({
          status: opts.status as FactStatus, limit,
          ...(opts.origin !== undefined ? { origin: opts.origin as 'document' | 'join' | 'dataset' } : {}),
          ...(opts.entity !== undefined ? { entityId: parseEntityId(opts.entity, 'entity') } : {}),
          ...(opts.predicate !== undefined ? { predicate: opts.predicate as Predicate } : {}),
        });
        if (format === 'json') return writeJson(io, { facts });
        writeLine(io, `${facts.length} ${opts.status} fact${facts.length === 1 ? '' : 's'}`);
        for (const f of facts) {
          writeLine(io, `  ${await describeFact(repo, f)}`);
          const doc = f.evidence.find((e) => e.documentId !== null)?.documentId;
          const reportedOn = doc ? ((await repo.getDocument(doc))?.date ?? null) : null;
          for (const c of await corroborationsOf(repo, f, reportedOn)) writeLine(io, `      ${c.status}: ${c.detail}`);
        }
      });
    });

  review
    .command('correct')
    .description('correct a proposal before deciding it: a copy with the corrected subject, object or date and the same evidence; the original is rejected as corrected')
    .argument('<id>', 'the proposed fact')
    .option('--subject <name|id>', 'the right subject: an entity id or name (a new entity when no entity has it)')
    .option('--object <name|id>', 'the right object')
    .option('--date <date>', 'the right date (YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO; "none" for no date)')
    .option('--accept', 'accept the corrected fact at once')
    .option('--note <text>', 'why')
    .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
    .option('--format <format>', 'output: text or json', 'text')
    .action(async (raw: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<{ subject?: string; object?: string; date?: string; accept?: boolean; note?: string; by?: string; format: string; db?: string }>();
      const format = parseOutputFormat(opts.format);
      const [id] = parseIds([raw]);
      const by = decider(opts.by, io);
      const result = await withStore(opts.db, io, (repo) => correctProposal(repo, id!, {
        ...(opts.subject !== undefined ? { subject: opts.subject } : {}), ...(opts.object !== undefined ? { object: opts.object } : {}),
        ...(opts.date !== undefined ? { date: opts.date === 'none' ? null : opts.date } : {}),
      }, by, opts.note ?? null, opts.accept === true));
      if (format === 'json') return writeJson(io, result);
      await withStore(opts.db, io, async (repo) => {
        writeLine(io, `fact ${result.original.id} rejected as corrected by ${by}`);
        writeLine(io, `  ${await describeFact(repo, result.corrected)}`);
      });
    });

  for (const [name, verdict] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
    review
      .command(name)
      .description(`${name} facts by id${verdict === 'rejected' ? ' (a note saying why is required)' : ''}`)
      .argument('<ids...>', 'fact ids')
      .option('--note <text>', 'why')
      .option('--by <name>', 'who decides (default: $PROSCRIBE_USER, else the login name)')
      .option('--format <format>', 'output: text or json', 'text')
      .action(async (ids: string[], _o: DecideOptions, cmd: Command) => {
        const opts = cmd.optsWithGlobals<DecideOptions>();
        const format = parseOutputFormat(opts.format);
        if (verdict === 'rejected' && !opts.note?.trim()) throw new InputError('a rejection needs --note saying why', { field: 'note' });
        const decisions = await withStore(opts.db, io, (repo) => decideFacts(repo, parseIds(ids), verdict, decider(opts.by, io), opts.note ?? null));
        if (format === 'json') return writeJson(io, { decisions });
        for (const d of decisions) writeLine(io, `fact ${d.factId} ${d.verdict} by ${d.by}`);
      });
  }
}
