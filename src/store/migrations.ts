import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect } from './dialect.js';
import { KNOWN_LISTS } from '../lists/catalogue.js';

/**
 * Migrations are written once with Kysely's schema builder so both dialects get the same
 * tables; the only dialect difference is how an auto-incrementing key is spelled.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  const idType = dialect === 'postgres' ? 'serial' : 'integer';
  const realType = dialect === 'postgres' ? 'double precision' : 'real';
  // Migrations run before the typed schema exists, so they address an untyped database.
  type AnyDb = Kysely<any>;
  const id = (db: AnyDb, table: string) =>
    db.schema.createTable(table).addColumn('id', idType, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()));

  return {
    '0001_registry': {
      async up(db: AnyDb) {
        await id(db, 'documents')
          .addColumn('sha256', 'text', (c) => c.notNull().unique())
          .addColumn('date', 'text', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('title', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await id(db, 'entities')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createTable('entity_refs')
          .addColumn('ref', 'text', (c) => c.primaryKey())
          .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id'))
          .execute();
        await db.schema.createIndex('entity_refs_entity').on('entity_refs').column('entity_id').execute();
        await id(db, 'facts')
          .addColumn('subject_id', 'integer', (c) => c.notNull().references('entities.id'))
          .addColumn('predicate', 'text', (c) => c.notNull())
          .addColumn('object_id', 'integer', (c) => c.references('entities.id'))
          .addColumn('object_literal', 'text')
          .addColumn('date', 'text')
          .addColumn('date_start', 'text')
          .addColumn('date_end', 'text')
          .addColumn('jurisdiction', 'text')
          .addColumn('authority', 'text')
          .addColumn('law', 'text')
          .addColumn('instrument', 'text')
          .addColumn('qualifiers', 'text', (c) => c.notNull())
          .addColumn('extractor', 'text', (c) => c.notNull())
          .addColumn('confidence', realType, (c) => c.notNull())
          .addColumn('recorded_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('facts_subject').on('facts').columns(['subject_id', 'predicate']).execute();
        await db.schema.createIndex('facts_object').on('facts').column('object_id').execute();
        await db.schema.createIndex('facts_predicate_jurisdiction').on('facts').columns(['predicate', 'jurisdiction']).execute();
        await id(db, 'names')
          .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('lang', 'text')
          .addColumn('quality', 'text')
          .addColumn('fact_id', 'integer', (c) => c.references('facts.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('names_entity').on('names').column('entity_id').execute();
        await id(db, 'evidence')
          .addColumn('fact_id', 'integer', (c) => c.notNull().references('facts.id'))
          .addColumn('document_id', 'integer', (c) => c.references('documents.id'))
          .addColumn('span_start', 'integer')
          .addColumn('span_end', 'integer')
          .addColumn('attribution', 'text')
          .addColumn('source', 'text')
          .execute();
        await db.schema.createIndex('evidence_fact').on('evidence').column('fact_id').execute();
        await id(db, 'decisions')
          .addColumn('fact_id', 'integer', (c) => c.notNull().references('facts.id'))
          .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('accepted', 'rejected')`))
          .addColumn('decided_by', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('decisions_fact').on('decisions').columns(['fact_id', 'id']).execute();
        await id(db, 'import_runs')
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('published_on', 'text')
          .addColumn('imported_at', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0003_entity_merges': {
      // A merge is an event, not an edit: rows keep their entity ids, reads follow the active
      // merges, and undoing a merge (a split) restores the entity exactly as it was.
      async up(db: AnyDb) {
        await id(db, 'entity_merges')
          .addColumn('entity_id', 'integer', (c) => c.notNull().references('entities.id'))
          .addColumn('into_id', 'integer', (c) => c.notNull().references('entities.id'))
          .addColumn('merged_by', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('merged_at', 'text', (c) => c.notNull())
          .addColumn('undone_by', 'text')
          .addColumn('undo_note', 'text')
          .addColumn('undone_at', 'text')
          .execute();
        await db.schema.createIndex('entity_merges_entity').on('entity_merges').columns(['entity_id', 'undone_at']).execute();
        // Evidence quoted from a source proscribe holds no document for (an FtM summary, a list remark).
        await db.schema.alterTable('evidence').addColumn('quote', 'text').execute();
      },
    },
    '0004_lists': {
      // A list is first-class: each listing fact names its list, so that a delisting from the
      // US FTO list does not end an OFAC designation, and `list --list us-fto` is the FTO list.
      async up(db: AnyDb) {
        await db.schema.createTable('lists')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('jurisdiction', 'text', (c) => c.notNull())
          .addColumn('measure', 'text', (c) => c.notNull().check(sql`measure in ('ban', 'sanctions', 'watch')`))
          .addColumn('authority', 'text')
          .addColumn('law', 'text')
          .addColumn('source_url', 'text')
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('ref_prefix', 'text', (c) => c.notNull())
          .addColumn('notes', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.alterTable('facts').addColumn('list_id', 'text').execute();
        await db.schema.createIndex('facts_list').on('facts').columns(['list_id', 'predicate']).execute();
        await db.schema.alterTable('import_runs').addColumn('list_id', 'text').execute();
        // Facts and runs of the UN and OFAC importers from before lists existed name their list now.
        const now = new Date().toISOString();
        for (const [format, source, listId] of [['un-xml', 'un', 'un-sc'], ['ofac-sdn-csv', 'ofac', 'us-ofac-sdn']] as const) {
          await db.updateTable('facts').set({ list_id: listId }).where('extractor', '=', `importer:${format}`).execute();
          const runs = await db.updateTable('import_runs').set({ list_id: listId }).where('source', '=', source).where('format', '=', format).executeTakeFirst();
          const def = KNOWN_LISTS.find((l) => l.id === listId)!;
          if (Number(runs.numUpdatedRows) > 0) {
            await db.insertInto('lists').values({
              id: def.id, title: def.title, jurisdiction: def.jurisdiction, measure: def.measure, authority: def.authority, law: def.law,
              source_url: def.sourceUrl, format: def.format, ref_prefix: def.refPrefix, notes: def.notes, created_at: now,
            }).execute();
          }
        }
      },
    },
    '0005_staying_current': {
      // The change feed, list sources and their fetches, monitored customer files, news feeds.
      async up(db: AnyDb) {
        const blobType = dialect === 'postgres' ? 'bytea' : 'blob';
        await id(db, 'changes')
          .addColumn('entity_id', 'integer', (c) => c.notNull())
          .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('added', 'removed', 'changed')`))
          .addColumn('list_id', 'text')
          .addColumn('fact_id', 'integer')
          .addColumn('decision_id', 'integer')
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('cause', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('changes_entity').on('changes').column('entity_id').execute();
        await db.schema.createIndex('changes_at').on('changes').column('at').execute();
        // The feed starts with the history already decided: every listing and delisting so far.
        await sql`insert into changes (entity_id, change, list_id, fact_id, decision_id, detail, cause, at)
          select f.subject_id, case when f.predicate = 'proscribed' then 'added' else 'removed' end, f.list_id, f.id, d.id,
            '{"listing":"' || f.predicate || '"' || case when f.date is not null then ',"date":"' || replace(f.date, '"', '') || '"' else '' end || '}',
            d.decided_by || coalesce(': ' || d.note, ''), d.decided_at
          from decisions d join facts f on f.id = d.fact_id
          where d.verdict = 'accepted' and f.predicate in ('proscribed', 'delisted')
          order by d.id`.execute(db);
        await db.schema.createTable('sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('list_id', 'text')
          .addColumn('schedule', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('checked_at', 'text')
          .addColumn('last_outcome', 'text')
          .addColumn('last_error', 'text')
          .execute();
        await id(db, 'fetches')
          .addColumn('source_id', 'text', (c) => c.notNull())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('fetched_at', 'text', (c) => c.notNull())
          .addColumn('http_status', 'integer')
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text')
          .addColumn('bytes', 'integer')
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('error', 'text')
          .addColumn('summary', 'text')
          .execute();
        await db.schema.createIndex('fetches_source').on('fetches').columns(['source_id', 'id']).execute();
        await db.schema.createTable('fetched_files')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('content', blobType, (c) => c.notNull())
          .addColumn('bytes', 'integer', (c) => c.notNull())
          .addColumn('first_fetched_at', 'text', (c) => c.notNull())
          .execute();
        await id(db, 'monitors')
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('column_name', 'text', (c) => c.notNull())
          .addColumn('source_file', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('webhook_url', 'text')
          .addColumn('webhook_secret', 'text')
          .addColumn('last_run_at', 'text')
          .addColumn('last_version', 'text')
          .execute();
        await db.schema.createTable('monitor_rows')
          .addColumn('monitor_id', 'integer', (c) => c.notNull())
          .addColumn('row_no', 'integer', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('monitor_rows_pk', ['monitor_id', 'row_no'])
          .execute();
        await db.schema.createTable('monitor_alerts')
          .addColumn('monitor_id', 'integer', (c) => c.notNull())
          .addColumn('row_no', 'integer', (c) => c.notNull())
          .addColumn('entity_id', 'integer', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('score', realType, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('matched_name', 'text', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .addColumn('first_seen', 'text', (c) => c.notNull())
          .addColumn('last_seen', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('monitor_alerts_pk', ['monitor_id', 'row_no', 'entity_id'])
          .execute();
        await db.schema.createTable('monitor_dismissals')
          .addColumn('monitor_id', 'integer', (c) => c.notNull())
          .addColumn('row_no', 'integer', (c) => c.notNull())
          .addColumn('entity_id', 'integer', (c) => c.notNull())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('dismissed_by', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('dismissed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('monitor_dismissals_pk', ['monitor_id', 'row_no', 'entity_id'])
          .execute();
        await id(db, 'monitor_runs')
          .addColumn('monitor_id', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('registry_version', 'text', (c) => c.notNull())
          .addColumn('baseline', 'integer', (c) => c.notNull())
          .addColumn('new_alerts', 'integer', (c) => c.notNull())
          .addColumn('changed_alerts', 'integer', (c) => c.notNull())
          .addColumn('cleared_alerts', 'integer', (c) => c.notNull())
          .addColumn('report', 'text', (c) => c.notNull())
          .execute();
        await id(db, 'feeds')
          .addColumn('url', 'text', (c) => c.notNull().unique())
          .addColumn('title', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('schedule', 'text')
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('checked_at', 'text')
          .addColumn('last_error', 'text')
          .execute();
        await db.schema.createTable('feed_items')
          .addColumn('feed_id', 'integer', (c) => c.notNull())
          .addColumn('guid', 'text', (c) => c.notNull())
          .addColumn('link', 'text')
          .addColumn('document_id', 'integer')
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('error', 'text')
          .addColumn('seen_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('feed_items_pk', ['feed_id', 'guid'])
          .execute();
        await db.schema.createTable('jobs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('spec', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('owner_key_id', 'integer')
          .addColumn('target', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('started_at', 'text')
          .addColumn('finished_at', 'text')
          .addColumn('claimed_by', 'text')
          .addColumn('heartbeat_at', 'text')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
        await db.schema.createTable('job_files')
          .addColumn('job_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('content', blobType, (c) => c.notNull())
          .addPrimaryKeyConstraint('job_files_pk', ['job_id', 'name'])
          .execute();
        await db.schema.alterTable('documents').addColumn('fetched_at', 'text').execute();
        await db.schema.alterTable('documents').addColumn('duplicate_of', 'integer').execute();
      },
    },
    '0002_api_keys': {
      // Only a SHA-256 of each key is kept: a stolen database file yields no usable key.
      async up(db: AnyDb) {
        await id(db, 'api_keys')
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('viewer', 'analyst', 'admin')`))
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
      },
    },
  };
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // 0002 was written after 0003: a database migrated to 0003 first must still take it.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw error instanceof Error ? error : new Error(`migration ${failed?.migrationName ?? '?'} failed`);
  }
}
