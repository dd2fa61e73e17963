import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import { InputError } from '../errors.js';
import { dateBounds } from '../model/partial-date.js';
import {
  type Decision, type DecisionInput, type DocumentInput, type Entity, type EntityKind, type EntityMerge, type EntityName, type Evidence, type Fact,
  type FactInput, type FactStatus, type NameType, type Predicate, type Qualifiers, type StoredDocument,
  ENTITY_KINDS, NAME_TYPES, PREDICATES,
} from '../model/types.js';
import type { Dialect } from './dialect.js';
import type {
  AllNamesOptions, DocumentFilter, DocumentSummary, FactFilter, ImportRun, ImportRunInput, ListRecord, NameInput, RawEntity, Repository, StoredName,
} from './repository.js';
import { API_KEY_ROLES, type ApiKey, type ApiKeyRole, type ChangeInput } from './repository.js';
import { changeOfDecision } from '../changes/change-of-decision.js';
import type { ApiKeysTable, Database, DocumentsTable, EntityMergesTable, FactsTable, ImportRunsTable, ListsTable } from './schema.js';
import type { ListDefinition, ListFormat, Measure } from '../lists/catalogue.js';

type Db = Kysely<Database> | Transaction<Database>;

const nowIso = (): string => new Date().toISOString();

/** How ids read under the active merges: `root` maps a folded id to the entity it reads as. */
interface MergeView {
  root: Map<number, number>;
  /** Every id that reads as a root, the root included (only roots with merged members). */
  members: Map<number, number[]>;
}

const rootOf = (view: MergeView, id: number): number => view.root.get(id) ?? id;
const membersOf = (view: MergeView, id: number): number[] => view.members.get(rootOf(view, id)) ?? [rootOf(view, id)];

function toMerge(r: Selectable<EntityMergesTable>): EntityMerge {
  return {
    id: r.id, entityId: r.entity_id, intoId: r.into_id, by: r.merged_by, note: r.note, at: r.merged_at,
    undoneBy: r.undone_by, undoNote: r.undo_note, undoneAt: r.undone_at,
  };
}

function toDocument(row: Selectable<DocumentsTable>): StoredDocument {
  return { id: row.id, sha256: row.sha256, date: row.date, url: row.url, title: row.title, text: row.text, ingestedAt: row.ingested_at };
}

function qualifierColumns(q: Qualifiers | undefined): Pick<FactsTable, 'jurisdiction' | 'authority' | 'law' | 'instrument' | 'list_id' | 'qualifiers'> {
  const clean: Qualifiers = {};
  for (const [k, v] of Object.entries(q ?? {})) if (v !== undefined && v !== null && v !== '') clean[k] = String(v);
  return {
    jurisdiction: clean.jurisdiction ?? null,
    authority: clean.authority ?? null,
    law: clean.law ?? null,
    instrument: clean.instrument ?? null,
    list_id: clean.list ?? null,
    qualifiers: JSON.stringify(clean),
  };
}

/** The repository over Kysely: one implementation, SQLite and PostgreSQL dialects. */
export class KyselyRepository implements Repository {
  constructor(
    private readonly db: Db,
    readonly dialect: Dialect,
    readonly location: string,
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly inTransaction = false,
  ) {}

  get kysely(): Kysely<Database> {
    return this.db;
  }

  async recordChange(change: ChangeInput): Promise<void> {
    await this.db.insertInto('changes').values({
      entity_id: change.entityId, change: change.change, list_id: change.listId ?? null, fact_id: change.factId ?? null, decision_id: null,
      detail: JSON.stringify(change.detail), cause: change.cause, at: change.at ?? nowIso(),
    }).execute();
  }

  async transaction<T>(work: (tx: Repository) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return (this.db as Kysely<Database>).transaction().execute((trx) => work(new KyselyRepository(trx, this.dialect, this.location, async () => {}, true)));
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  // ---- documents -------------------------------------------------------------------------

  async findDocumentBySha(sha256: string): Promise<StoredDocument | null> {
    const row = await this.db.selectFrom('documents').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    return row ? toDocument(row) : null;
  }

  async insertDocument(doc: Omit<DocumentInput, 'origin'> & { sha256: string }): Promise<StoredDocument> {
    const row = await this.db
      .insertInto('documents')
      .values({ sha256: doc.sha256, date: doc.date, url: doc.url ?? null, title: doc.title ?? null, text: doc.text, ingested_at: nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDocument(row);
  }

  async getDocument(id: number): Promise<StoredDocument | null> {
    const row = await this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDocument(row) : null;
  }

  async listDocuments(filter: DocumentFilter = {}): Promise<DocumentSummary[]> {
    const escaped = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    let q = this.db.selectFrom('documents').select(['id', 'date', 'url', 'title', 'ingested_at', sql<number>`length(text)`.as('chars'), sql<string>`substr(text, 1, 240)`.as('snippet')]);
    if (filter.from) q = q.where('date', '>=', filter.from);
    if (filter.to) q = q.where('date', '<=', filter.to);
    if (filter.source) q = q.where(sql`lower(coalesce(url, ''))`, 'like', sql`${escaped(filter.source)} escape '\\'`);
    if (filter.q) {
      const pattern = escaped(filter.q);
      q = q.where((w) => w.or([w(sql`lower(text)`, 'like', sql`${pattern} escape '\\'`), w(sql`lower(coalesce(title, ''))`, 'like', sql`${pattern} escape '\\'`)]));
    }
    const rows = await q.orderBy('date', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 50).offset(filter.offset ?? 0).execute();
    if (rows.length === 0) return [];
    // Fact counts per document: every fact with evidence in it, and the proposals among them.
    const latestVerdict = sql<string | null>`(select d.verdict from decisions d where d.fact_id = evidence.fact_id order by d.id desc limit 1)`;
    const counts = await this.db.selectFrom('evidence').select(['document_id', 'fact_id', latestVerdict.as('verdict')])
      .where('document_id', 'in', rows.map((r) => r.id)).execute();
    const facts = new Map<number, Set<number>>();
    const proposed = new Map<number, Set<number>>();
    for (const c of counts) {
      const d = c.document_id!;
      if (!facts.has(d)) (facts.set(d, new Set()), proposed.set(d, new Set()));
      facts.get(d)!.add(c.fact_id);
      if (c.verdict === null) proposed.get(d)!.add(c.fact_id);
    }
    return rows.map((r) => ({
      id: r.id, date: r.date, url: r.url, title: r.title, ingestedAt: r.ingested_at, chars: Number(r.chars), snippet: r.snippet,
      facts: facts.get(r.id)?.size ?? 0, proposed: proposed.get(r.id)?.size ?? 0,
    }));
  }

  // ---- entities and names ----------------------------------------------------------------

  async createEntity(kind: EntityKind, name: string, refs: string[] = []): Promise<Entity> {
    if (!ENTITY_KINDS.includes(kind)) throw new InputError(`unknown entity kind "${kind}"`, { field: 'kind' });
    if (name.trim() === '') throw new InputError('an entity needs a name', { field: 'name' });
    const row = await this.db.insertInto('entities').values({ kind, name, created_at: nowIso() }).returningAll().executeTakeFirstOrThrow();
    for (const ref of refs) await this.addRef(row.id, ref);
    return { id: row.id, kind, name, refs: [...refs] };
  }

  async addRef(entityId: number, ref: string): Promise<void> {
    await this.db.insertInto('entity_refs').values({ ref, entity_id: entityId }).execute();
  }

  async getEntity(id: number): Promise<Entity | null> {
    return (await this.getEntities([id])).get(id) ?? null;
  }

  /** Entities by id; an id merged away maps to the entity it reads as, with the refs of all its members. */
  async getEntities(ids: number[]): Promise<Map<number, Entity>> {
    const view = await this.mergeView();
    const roots = [...new Set(ids.map((id) => rootOf(view, id)))];
    const byRoot = new Map<number, Entity>();
    for (let i = 0; i < roots.length; i += 500) {
      const chunk = roots.slice(i, i + 500);
      const rows = await this.db.selectFrom('entities').selectAll().where('id', 'in', chunk).execute();
      for (const r of rows) byRoot.set(r.id, { id: r.id, kind: r.kind as EntityKind, name: r.name, refs: [] });
      const memberIds = chunk.flatMap((root) => membersOf(view, root));
      for (let j = 0; j < memberIds.length; j += 500) {
        const refs = await this.db.selectFrom('entity_refs').selectAll().where('entity_id', 'in', memberIds.slice(j, j + 500)).execute();
        for (const r of refs) byRoot.get(rootOf(view, r.entity_id))?.refs.push(r.ref);
      }
    }
    for (const e of byRoot.values()) e.refs.sort();
    const result = new Map<number, Entity>();
    for (const id of ids) {
      const e = byRoot.get(rootOf(view, id));
      if (e) result.set(id, e);
    }
    return result;
  }

  async findEntityByRef(ref: string): Promise<Entity | null> {
    const row = await this.db.selectFrom('entity_refs').select('entity_id').where('ref', '=', ref).executeTakeFirst();
    return row ? this.getEntity(row.entity_id) : null;
  }

  async refsWithPrefix(prefix: string): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('entity_refs').selectAll().where('ref', 'like', `${prefix}%`).execute();
    return new Map(rows.map((r) => [r.ref, r.entity_id]));
  }

  async addName(entityId: number, name: NameInput): Promise<EntityName> {
    if (!NAME_TYPES.includes(name.type)) throw new InputError(`unknown name type "${name.type}"`, { field: 'type' });
    const row = await this.db
      .insertInto('names')
      .values({
        entity_id: entityId, text: name.text, type: name.type, lang: name.lang ?? null, quality: name.quality ?? null,
        fact_id: name.factId ?? null, created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, entityId, text: row.text, type: row.type as NameType, lang: row.lang, quality: row.quality, factId: row.fact_id };
  }

  async namesOf(entityId: number): Promise<EntityName[]> {
    const view = await this.mergeView();
    const root = rootOf(view, entityId);
    const members = membersOf(view, root);
    const rows = await this.db.selectFrom('names').selectAll().where('entity_id', 'in', members).orderBy('id').execute();
    const removals = await this.nameRemovals(members);
    return rows.map((r) => ({
      id: r.id, entityId: root, text: r.text, type: r.type as NameType, lang: r.lang, quality: r.quality, factId: r.fact_id,
      removedBy: removals.get(`${root}\u0000${r.text.toLowerCase()}`) ?? null,
    }));
  }

  async setEntityName(entityId: number, name: string): Promise<void> {
    if (name.trim() === '') throw new InputError('an entity needs a name', { field: 'name' });
    await this.db.updateTable('entities').set({ name }).where('id', '=', entityId).execute();
  }

  /**
   * Names an analyst removed (accepted `alias` facts with `action: remove`), keyed by the entity
   * they read as and the name in lower case. Removing is a fact and a decision, so rejecting the
   * fact brings the name back.
   */
  private async nameRemovals(entityIds?: number[]): Promise<Map<string, number>> {
    const facts = await this.listFacts({ predicate: 'alias', status: 'accepted', ...(entityIds?.length === 1 ? { subjectId: entityIds[0] } : {}) });
    const out = new Map<string, number>();
    for (const f of facts) {
      if (f.qualifiers.action !== 'remove' || !f.objectLiteral) continue;
      out.set(`${f.subjectId}\u0000${f.objectLiteral.toLowerCase()}`, f.id);
    }
    return out;
  }

  /** Facts whose latest decision is a rejection: the names they brought are no name of their entity. */
  private async rejectedFactIds(): Promise<Set<number>> {
    const latest = this.db.selectFrom('decisions').select((eb) => ['fact_id', eb.fn.max('id').as('last_id')]).groupBy('fact_id').as('latest');
    const rows = await this.db.selectFrom('decisions as d').innerJoin(latest, 'latest.last_id', 'd.id').select('d.fact_id').where('d.verdict', '=', 'rejected').execute();
    return new Set(rows.map((r) => r.fact_id));
  }

  async rawEntities(kinds: readonly EntityKind[]): Promise<RawEntity[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db.selectFrom('entities').select(['id', 'kind', 'name']).where('kind', 'in', [...kinds]).orderBy('id').execute();
    const byId = new Map<number, RawEntity>(rows.map((r) => [r.id, { id: r.id, kind: r.kind as EntityKind, name: r.name, refs: [], names: [] }]));
    const refs = await this.db.selectFrom('entity_refs').innerJoin('entities', 'entities.id', 'entity_refs.entity_id')
      .select(['entity_refs.entity_id', 'entity_refs.ref']).where('entities.kind', 'in', [...kinds]).execute();
    for (const r of refs) byId.get(r.entity_id)?.refs.push(r.ref);
    const names = await this.db.selectFrom('names').innerJoin('entities', 'entities.id', 'names.entity_id')
      .select(['names.entity_id', 'names.text', 'names.type']).where('entities.kind', 'in', [...kinds]).orderBy('names.id').execute();
    for (const n of names) byId.get(n.entity_id)?.names.push({ text: n.text, type: n.type as NameType });
    for (const e of byId.values()) e.refs.sort();
    return [...byId.values()];
  }

  async *allNames(options: AllNamesOptions = {}): AsyncIterable<StoredName[]> {
    const pageSize = options.pageSize ?? 20_000;
    const view = await this.mergeView();
    if (options.entities) {
      yield* this.namesOfEntities(view, options.entities, options.registryOnly === true);
      return;
    }
    let keep: ((r: { entity_id: number; fact_id: number | null }) => boolean) | null = null;
    if (options.registryOnly) {
      // One pass over the latest decisions beats a correlated lookup per name.
      const latest = this.db.selectFrom('decisions').select((eb) => ['fact_id', eb.fn.max('id').as('last_id')]).groupBy('fact_id').as('latest');
      const rows = await this.db
        .selectFrom('decisions as d').innerJoin(latest, 'latest.last_id', 'd.id').innerJoin('facts as f', 'f.id', 'd.fact_id')
        .select(['f.id', 'f.subject_id']).where('d.verdict', '=', 'accepted').execute();
      const acceptedFacts = new Set(rows.map((r) => r.id));
      const registryEntities = new Set(rows.map((r) => rootOf(view, r.subject_id)));
      keep = (r) => registryEntities.has(rootOf(view, r.entity_id)) && (r.fact_id === null || acceptedFacts.has(r.fact_id));
    }
    // A name an analyst removed, or that came with a fact since rejected, is no name of its entity.
    const removed = await this.nameRemovals();
    const rejected = await this.rejectedFactIds();
    const stillNamed = (r: { entity_id: number; fact_id: number | null; text: string }) =>
      !(r.fact_id !== null && rejected.has(r.fact_id)) && !removed.has(`${rootOf(view, r.entity_id)}\u0000${r.text.toLowerCase()}`);
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('names').innerJoin('entities', 'entities.id', 'names.entity_id')
        .select(['names.id', 'names.entity_id', 'names.fact_id', 'names.text', 'names.type', 'entities.kind'])
        .where('names.id', '>', after).orderBy('names.id').limit(pageSize).execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      const kept = rows.filter((r) => stillNamed(r) && (!keep || keep(r)));
      if (kept.length) {
        // A folded entity's names read as its root's, under the root's kind.
        const kinds = view.root.size ? await this.kindsOf(kept.map((r) => rootOf(view, r.entity_id)).filter((id, i) => id !== kept[i]!.entity_id)) : new Map<number, EntityKind>();
        yield kept.map((r) => {
          const root = rootOf(view, r.entity_id);
          return { entityId: root, kind: kinds.get(root) ?? (r.kind as EntityKind), text: r.text, type: r.type as NameType };
        });
      }
      if (rows.length < pageSize) return;
    }
  }

  /**
   * allNames for a few entities (bringing a screening index up to date): the same rules, with
   * decisions and removals read for these entities' facts only, not for the whole registry.
   */
  private async *namesOfEntities(view: MergeView, entities: ReadonlySet<number>, registryOnly: boolean): AsyncIterable<StoredName[]> {
    const roots = [...new Set([...entities].map((id) => rootOf(view, id)))];
    const members = [...new Set(roots.flatMap((id) => membersOf(view, id)))];
    if (members.length === 0) return;
    const rows: { id: number; entity_id: number; fact_id: number | null; text: string; type: string; kind: string }[] = [];
    const subjectFacts: { id: number; subject_id: number }[] = [];
    for (let i = 0; i < members.length; i += 500) {
      const chunk = members.slice(i, i + 500);
      rows.push(...await this.db.selectFrom('names').innerJoin('entities', 'entities.id', 'names.entity_id')
        .select(['names.id', 'names.entity_id', 'names.fact_id', 'names.text', 'names.type', 'entities.kind'])
        .where('names.entity_id', 'in', chunk).execute());
      subjectFacts.push(...await this.db.selectFrom('facts').select(['id', 'subject_id']).where('subject_id', 'in', chunk).execute());
    }
    const factIds = [...new Set([...subjectFacts.map((f) => f.id), ...rows.flatMap((r) => (r.fact_id === null ? [] : [r.fact_id]))])];
    const verdicts = new Map<number, string>();
    for (let i = 0; i < factIds.length; i += 500) {
      const chunk = factIds.slice(i, i + 500);
      const latest = this.db.selectFrom('decisions').select((eb) => eb.fn.max('id').as('last_id')).where('fact_id', 'in', chunk).groupBy('fact_id');
      for (const d of await this.db.selectFrom('decisions').select(['fact_id', 'verdict']).where('id', 'in', latest).execute()) verdicts.set(d.fact_id, d.verdict);
    }
    const registryEntities = new Set(subjectFacts.filter((f) => verdicts.get(f.id) === 'accepted').map((f) => rootOf(view, f.subject_id)));
    const removed = new Set<string>();
    for (const f of await this.listFacts({ predicate: 'alias', status: 'accepted', subjectIds: roots })) {
      if (f.qualifiers.action === 'remove' && f.objectLiteral) removed.add(`${f.subjectId}\u0000${f.objectLiteral.toLowerCase()}`);
    }
    const kept = rows.filter((r) => {
      const root = rootOf(view, r.entity_id);
      if (r.fact_id !== null && verdicts.get(r.fact_id) === 'rejected') return false;
      if (removed.has(`${root}\u0000${r.text.toLowerCase()}`)) return false;
      return !registryOnly || (registryEntities.has(root) && (r.fact_id === null || verdicts.get(r.fact_id) === 'accepted'));
    }).sort((a, b) => a.id - b.id);
    if (kept.length === 0) return;
    const kinds = await this.kindsOf(roots);
    yield kept.map((r) => {
      const root = rootOf(view, r.entity_id);
      return { entityId: root, kind: kinds.get(root) ?? (r.kind as EntityKind), text: r.text, type: r.type as NameType };
    });
  }

  // ---- facts, evidence, decisions --------------------------------------------------------

  async addFact(input: FactInput): Promise<Fact> {
    if (!PREDICATES.includes(input.predicate)) throw new InputError(`unknown predicate "${input.predicate}"`, { field: 'predicate' });
    if (!(input.confidence >= 0 && input.confidence <= 1)) throw new InputError(`confidence ${input.confidence} is not in [0,1]`, { field: 'confidence' });
    let bounds = null;
    if (input.date) {
      bounds = dateBounds(input.date);
      if (!bounds) throw new InputError(`"${input.date}" is not an ISO partial date or range`, { field: 'date' });
    }
    const columns = qualifierColumns(input.qualifiers);
    const row = await this.db
      .insertInto('facts')
      .values({
        subject_id: input.subjectId,
        predicate: input.predicate,
        object_id: input.objectId ?? null,
        object_literal: input.objectLiteral ?? null,
        date: input.date ?? null,
        date_start: bounds?.start ?? null,
        date_end: bounds?.end ?? null,
        ...columns,
        extractor: input.extractor,
        confidence: input.confidence,
        recorded_at: nowIso(),
      })
      .returning(['id', 'recorded_at'])
      .executeTakeFirstOrThrow();
    const ev = input.evidence;
    const evidence: Evidence[] = [];
    if (ev && Object.values(ev).some((v) => v !== null && v !== undefined)) {
      const stored: Evidence = {
        documentId: ev.documentId ?? null, start: ev.start ?? null, end: ev.end ?? null, attribution: ev.attribution ?? null, source: ev.source ?? null,
        ...(ev.quote ? { quote: ev.quote } : {}),
      };
      await this.db.insertInto('evidence').values({
        fact_id: row.id, document_id: stored.documentId, span_start: stored.start, span_end: stored.end, attribution: stored.attribution, source: stored.source,
        quote: ev.quote ?? null,
      }).execute();
      evidence.push(stored);
    }
    return {
      id: row.id, subjectId: input.subjectId, predicate: input.predicate, objectId: input.objectId ?? null, objectLiteral: input.objectLiteral ?? null,
      date: input.date ?? null, qualifiers: JSON.parse(columns.qualifiers) as Qualifiers, evidence, extractor: input.extractor,
      confidence: input.confidence, status: 'proposed', recordedAt: row.recorded_at, decidedBy: null, decidedAt: null,
    };
  }

  async addEvidence(factId: number, ev: Partial<Evidence>): Promise<void> {
    await this.db.insertInto('evidence').values({
      fact_id: factId, document_id: ev.documentId ?? null, span_start: ev.start ?? null, span_end: ev.end ?? null,
      attribution: ev.attribution ?? null, source: ev.source ?? null, quote: ev.quote ?? null,
    }).execute();
  }

  async getFact(id: number): Promise<Fact | null> {
    const [fact] = await this.listFacts({ factIds: [id] });
    return fact ?? null;
  }

  async listFacts(filter: FactFilter = {}): Promise<Fact[]> {
    // The status of a fact is its latest decision: decisions are appended, facts never edited.
    const latestVerdict = sql<string | null>`(select d.verdict from decisions d where d.fact_id = facts.id order by d.id desc limit 1)`;
    const view = await this.mergeView();
    let q = this.db.selectFrom('facts').selectAll('facts').select(latestVerdict.as('verdict'));
    if (filter.factIds) q = q.where('facts.id', 'in', filter.factIds.length ? filter.factIds : [-1]);
    if (filter.subjectId !== undefined) q = q.where('subject_id', 'in', membersOf(view, filter.subjectId));
    if (filter.subjectIds !== undefined) {
      const members = [...new Set(filter.subjectIds.flatMap((id) => membersOf(view, id)))];
      q = q.where('subject_id', 'in', members.length ? members : [-1]);
    }
    if (filter.entityId !== undefined) {
      const e = membersOf(view, filter.entityId);
      q = q.where((w) => w.or([w('subject_id', 'in', e), w('object_id', 'in', e)]));
    }
    if (filter.predicate !== undefined) {
      const preds = Array.isArray(filter.predicate) ? filter.predicate : [filter.predicate];
      q = q.where('predicate', 'in', preds);
    }
    if (filter.jurisdiction !== undefined) q = q.where('jurisdiction', '=', filter.jurisdiction);
    if (filter.minConfidence !== undefined) q = q.where('confidence', '>=', filter.minConfidence);
    if (filter.maxConfidence !== undefined) q = q.where('confidence', '<=', filter.maxConfidence);
    if (filter.origin === 'document') q = q.where('facts.id', 'in', this.db.selectFrom('evidence').select('fact_id').where('document_id', 'is not', null));
    else if (filter.origin === 'join') q = q.where('extractor', '=', 'importer:join');
    else if (filter.origin === 'dataset') q = q.where('extractor', 'like', 'importer:%').where('extractor', '!=', 'importer:join');
    if (filter.list === null) q = q.where('list_id', 'is', null);
    else if (filter.list !== undefined) {
      const lists = Array.isArray(filter.list) ? filter.list : [filter.list];
      q = q.where('list_id', 'in', lists.length ? lists : ['']);
    }
    if (filter.documentId !== undefined) {
      const d = filter.documentId;
      q = q.where('facts.id', 'in', this.db.selectFrom('evidence').select('fact_id').where('document_id', '=', d));
    }
    if (filter.status === 'proposed') q = q.where(latestVerdict, 'is', null);
    else if (filter.status) q = q.where(latestVerdict, '=', filter.status);
    q = q.orderBy('facts.id');
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    if (filter.offset !== undefined) q = (filter.limit === undefined ? q.limit(2 ** 31 - 1) : q).offset(filter.offset);
    const rows = await q.execute();
    if (rows.length === 0) return [];

    const ids = rows.map((r) => r.id);
    const evidence = new Map<number, Evidence[]>();
    const decided = new Map<number, Decision>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const e of await this.db.selectFrom('evidence').selectAll().where('fact_id', 'in', chunk).orderBy('id').execute()) {
        const list = evidence.get(e.fact_id) ?? [];
        list.push({
          documentId: e.document_id, start: e.span_start, end: e.span_end, attribution: e.attribution, source: e.source,
          ...(e.quote ? { quote: e.quote } : {}),
        });
        evidence.set(e.fact_id, list);
      }
      for (const d of await this.db.selectFrom('decisions').selectAll().where('fact_id', 'in', chunk).orderBy('id').execute()) {
        decided.set(d.fact_id, toDecision(d));
      }
    }
    return rows.map((r) => {
      const decision = decided.get(r.id);
      return {
        id: r.id,
        subjectId: rootOf(view, r.subject_id),
        predicate: r.predicate as Predicate,
        objectId: r.object_id === null ? null : rootOf(view, r.object_id),
        objectLiteral: r.object_literal,
        date: r.date,
        qualifiers: JSON.parse(r.qualifiers) as Qualifiers,
        evidence: evidence.get(r.id) ?? [],
        extractor: r.extractor,
        confidence: Number(r.confidence),
        status: (decision?.verdict ?? 'proposed') as FactStatus,
        recordedAt: r.recorded_at,
        decidedBy: decision?.by ?? null,
        decidedAt: decision?.at ?? null,
      };
    });
  }

  async decide(input: DecisionInput): Promise<Decision> {
    if (input.verdict !== 'accepted' && input.verdict !== 'rejected') {
      throw new InputError(`verdict must be accepted or rejected, not "${String(input.verdict)}"`, { field: 'verdict' });
    }
    // The fact and its latest verdict in one round trip: a bootstrap decides tens of thousands of facts.
    const fact = await this.db.selectFrom('facts')
      .select(['id', 'subject_id', 'predicate', 'date', 'object_literal', 'object_id', 'qualifiers', 'list_id'])
      .select(sql<string | null>`(select d.verdict from decisions d where d.fact_id = facts.id order by d.id desc limit 1)`.as('previous'))
      .where('id', '=', input.factId).executeTakeFirst();
    if (!fact) throw new InputError(`no fact with id ${input.factId}`, { field: 'factId' });
    const previous = { verdict: fact.previous };
    const row = await this.db
      .insertInto('decisions')
      .values({ fact_id: input.factId, verdict: input.verdict, decided_by: input.by, note: input.note ?? null, decided_at: input.at ?? nowIso() })
      .returningAll()
      .executeTakeFirstOrThrow();
    // The change feed gets its entry in the same transaction as the decision that causes it.
    const entry = changeOfDecision(
      { predicate: fact.predicate, date: fact.date, objectLiteral: fact.object_literal, objectId: fact.object_id, qualifiers: JSON.parse(fact.qualifiers) as Record<string, string> },
      input.verdict, (previous?.verdict ?? null) as 'accepted' | 'rejected' | null,
    );
    if (entry) {
      await this.db.insertInto('changes').values({
        entity_id: fact.subject_id, change: entry.change, list_id: fact.list_id, fact_id: fact.id, decision_id: row.id,
        detail: JSON.stringify(entry.detail), cause: input.note ? `${input.by}: ${input.note}` : input.by, at: row.decided_at,
      }).execute();
    }
    return toDecision(row);
  }

  async decisionsOf(factId: number): Promise<Decision[]> {
    const rows = await this.db.selectFrom('decisions').selectAll().where('fact_id', '=', factId).orderBy('id').execute();
    return rows.map(toDecision);
  }

  // ---- import runs -----------------------------------------------------------------------

  async recordImportRun(run: ImportRunInput): Promise<ImportRun> {
    const row = await this.db
      .insertInto('import_runs')
      .values({
        format: run.format, source: run.source, sha256: run.sha256, published_on: run.publishedOn, imported_at: nowIso(),
        summary: JSON.stringify(run.summary), list_id: run.listId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...run, listId: run.listId ?? null, id: row.id, importedAt: row.imported_at };
  }

  async importRunsOfList(listId: string): Promise<ImportRun[]> {
    const rows = await this.db.selectFrom('import_runs').selectAll().where('list_id', '=', listId).orderBy('id').execute();
    return rows.map(toImportRun);
  }

  // ---- lists -----------------------------------------------------------------------------

  async saveList(list: ListDefinition): Promise<ListRecord> {
    const existing = await this.getList(list.id);
    const described = { title: list.title, authority: list.authority, law: list.law, source_url: list.sourceUrl, notes: list.notes };
    if (existing) {
      await this.db.updateTable('lists').set(described).where('id', '=', list.id).execute();
    } else {
      await this.db.insertInto('lists').values({
        id: list.id, jurisdiction: list.jurisdiction, measure: list.measure, format: list.format, ref_prefix: list.refPrefix, created_at: nowIso(), ...described,
      }).execute();
    }
    return (await this.getList(list.id))!;
  }

  async getList(id: string): Promise<ListRecord | null> {
    const row = await this.db.selectFrom('lists').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toList(row) : null;
  }

  async lists(): Promise<ListRecord[]> {
    return (await this.db.selectFrom('lists').selectAll().orderBy('id').execute()).map(toList);
  }

  async importRuns(source?: string): Promise<ImportRun[]> {
    let q = this.db.selectFrom('import_runs').selectAll().orderBy('id');
    if (source !== undefined) q = q.where('source', '=', source);
    const rows = await q.execute();
    return rows.map(toImportRun);
  }

  // ---- merges ----------------------------------------------------------------------------

  private async mergeView(): Promise<MergeView> {
    const rows = await this.db.selectFrom('entity_merges').select(['entity_id', 'into_id']).where('undone_at', 'is', null).orderBy('id').execute();
    const into = new Map(rows.map((r) => [r.entity_id, r.into_id]));
    const root = new Map<number, number>();
    const members = new Map<number, number[]>();
    for (const id of into.keys()) {
      // Chains (A into B, B into C) read as their end; merges refuse cycles, the bound is a guard.
      let r = id;
      for (let hops = 0; into.has(r) && hops <= into.size; hops++) r = into.get(r)!;
      root.set(id, r);
      const list = members.get(r) ?? [r];
      list.push(id);
      members.set(r, list);
    }
    return { root, members };
  }

  private async kindsOf(ids: number[]): Promise<Map<number, EntityKind>> {
    const unique = [...new Set(ids)];
    const out = new Map<number, EntityKind>();
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.selectFrom('entities').select(['id', 'kind']).where('id', 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, r.kind as EntityKind);
    }
    return out;
  }

  async resolveEntityId(id: number): Promise<number> {
    return rootOf(await this.mergeView(), id);
  }

  async mergeEntities(keepId: number, otherId: number, by: string, note: string | null = null): Promise<EntityMerge> {
    return this.transaction(async (tx) => (tx as KyselyRepository).mergeInTransaction(keepId, otherId, by, note));
  }

  private async mergeInTransaction(keepId: number, otherId: number, by: string, note: string | null): Promise<EntityMerge> {
    if (!by.trim()) throw new InputError('a merge needs who made it', { field: 'by' });
    const rows = await this.db.selectFrom('entities').select(['id', 'kind', 'name']).where('id', 'in', [keepId, otherId]).execute();
    const keep = rows.find((r) => r.id === keepId);
    const other = rows.find((r) => r.id === otherId);
    if (!keep) throw new InputError(`no entity with id ${keepId}`, { field: 'keep' });
    if (!other) throw new InputError(`no entity with id ${otherId}`, { field: 'other' });
    const view = await this.mergeView();
    if (view.root.has(otherId)) throw new InputError(`entity ${otherId} is already merged into ${rootOf(view, otherId)}`, { field: 'other' });
    if (rootOf(view, keepId) === otherId || keepId === otherId) {
      throw new InputError(`entity ${keepId} reads as ${otherId}: merging would fold it into itself`, { field: 'keep' });
    }
    if (keep.kind !== other.kind) {
      throw new InputError(`cannot merge ${other.kind} ${other.id} (${other.name}) into ${keep.kind} ${keep.id} (${keep.name}): the kinds differ`, { field: 'kind' });
    }
    const row = await this.db
      .insertInto('entity_merges')
      .values({ entity_id: otherId, into_id: keepId, merged_by: by, note, merged_at: nowIso(), undone_by: null, undo_note: null, undone_at: null })
      .returningAll().executeTakeFirstOrThrow();
    await this.recordChange({ entityId: keepId, change: 'changed', detail: { merged: otherId, merged_name: other.name }, cause: note ? `${by}: ${note}` : by, at: row.merged_at });
    return toMerge(row);
  }

  async undoMerge(entityId: number, by: string, note: string | null = null): Promise<EntityMerge> {
    if (!by.trim()) throw new InputError('a split needs who made it', { field: 'by' });
    return this.transaction(async (tx) => {
      const db = (tx as KyselyRepository).db;
      const active = await db.selectFrom('entity_merges').selectAll().where('entity_id', '=', entityId).where('undone_at', 'is', null).executeTakeFirst();
      if (!active) throw new InputError(`entity ${entityId} is not merged into another entity`, { field: 'id' });
      const row = await db.updateTable('entity_merges').set({ undone_by: by, undo_note: note, undone_at: nowIso() })
        .where('id', '=', active.id).returningAll().executeTakeFirstOrThrow();
      await tx.recordChange({ entityId: active.into_id, change: 'changed', detail: { split: entityId }, cause: note ? `${by}: ${note}` : by, at: row.undone_at! });
      return toMerge(row);
    });
  }

  async merges(entityId?: number): Promise<EntityMerge[]> {
    let q = this.db.selectFrom('entity_merges').selectAll().orderBy('id');
    if (entityId !== undefined) q = q.where((w) => w.or([w('entity_id', '=', entityId), w('into_id', '=', entityId)]));
    return (await q.execute()).map(toMerge);
  }

  // ---- API keys --------------------------------------------------------------------------

  async createApiKey(key: { name: string; role: ApiKeyRole; keyHash: string }): Promise<ApiKey> {
    if (!key.name.trim()) throw new InputError('an API key needs a name', { field: 'name' });
    if (!API_KEY_ROLES.includes(key.role)) throw new InputError(`role must be one of ${API_KEY_ROLES.join(', ')}, not "${key.role}"`, { field: 'role' });
    const row = await this.db.insertInto('api_keys')
      .values({ name: key.name, role: key.role, key_hash: key.keyHash, created_at: nowIso(), revoked_at: null })
      .returningAll().executeTakeFirstOrThrow();
    return toApiKey(row);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKey | null> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row ? toApiKey(row) : null;
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return (await this.db.selectFrom('api_keys').selectAll().orderBy('id').execute()).map(toApiKey);
  }

  async revokeApiKey(id: number): Promise<ApiKey | null> {
    await this.db.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApiKey(row) : null;
  }

  async namesVersion(): Promise<string> {
    const row = await this.db.selectNoFrom([
      sql<number | null>`(select max(id) from names)`.as('names'), sql<number | null>`(select max(id) from entities)`.as('entities'),
      sql<number | null>`(select max(id) from entity_merges)`.as('merges'),
      sql<number>`(select count(*) from entity_merges where undone_at is not null)`.as('undone'),
    ]).executeTakeFirstOrThrow();
    return [row.names, row.entities, row.merges, row.undone].map((v) => String(v ?? 0)).join('.');
  }

  async registryVersion(): Promise<string> {
    // Rows are appended, never deleted, so the highest ids move on every write; undone merges
    // are the one update in place, hence their count. Each max is one index lookup.
    const max = (table: 'names' | 'facts' | 'evidence' | 'decisions' | 'entities' | 'entity_merges' | 'import_runs') =>
      sql<number | null>`(select max(id) from ${sql.table(table)})`;
    const row = await this.db.selectNoFrom([
      max('names').as('names'), max('facts').as('facts'), max('evidence').as('evidence'), max('decisions').as('decisions'),
      max('entities').as('entities'), max('entity_merges').as('merges'), max('import_runs').as('runs'),
      sql<number>`(select count(*) from entity_merges where undone_at is not null)`.as('undone'),
    ]).executeTakeFirstOrThrow();
    return [row.names, row.facts, row.evidence, row.decisions, row.entities, row.merges, row.runs, row.undone].map((v) => String(v ?? 0)).join('.');
  }

  async changedSince(registryVersion: string): Promise<Set<number> | null> {
    const was = registryVersion.split('.').map(Number);
    const now = (await this.registryVersion()).split('.').map(Number);
    if (was.length !== now.length || was.some((v, i) => !Number.isInteger(v) || v > now[i]!)) return null;
    const [names, facts, evidence, decisions, entities, merges, , undone] = was as [number, number, number, number, number, number, number, number];
    // An unmerge changes a row in place: the ids cannot say what it touched.
    if (undone !== now[7]) return null;
    const touched = new Set<number>();
    const add = (ids: Iterable<number | null>) => { for (const id of ids) if (id !== null) touched.add(id); };
    add((await this.db.selectFrom('names').select('entity_id').where('id', '>', names).execute()).map((r) => r.entity_id));
    const factsSince = this.db.selectFrom('facts').select(['subject_id', 'object_id']);
    for (const r of await factsSince.where('id', '>', facts).execute()) add([r.subject_id, r.object_id]);
    for (const r of await factsSince.where('id', 'in', this.db.selectFrom('decisions').select('fact_id').where('id', '>', decisions)).execute()) add([r.subject_id, r.object_id]);
    for (const r of await factsSince.where('id', 'in', this.db.selectFrom('evidence').select('fact_id').where('id', '>', evidence)).execute()) add([r.subject_id, r.object_id]);
    add((await this.db.selectFrom('entities').select('id').where('id', '>', entities).execute()).map((r) => r.id));
    for (const r of await this.db.selectFrom('entity_merges').select(['entity_id', 'into_id']).where('id', '>', merges).execute()) add([r.entity_id, r.into_id]);
    if (touched.size === 0) return touched;
    // An entity merged since reads as its survivor now; both are touched.
    const view = await this.mergeView();
    for (const id of [...touched]) touched.add(rootOf(view, id));
    return touched;
  }

  async counts(): Promise<Record<'documents' | 'entities' | 'names' | 'facts' | 'evidence' | 'decisions', number>> {
    const tables = ['documents', 'entities', 'names', 'facts', 'evidence', 'decisions'] as const;
    const out = {} as Record<(typeof tables)[number], number>;
    for (const t of tables) {
      const row = await this.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      out[t] = Number(row.n);
    }
    return out;
  }
}

function toImportRun(r: Selectable<ImportRunsTable>): ImportRun {
  return {
    id: r.id, format: r.format, source: r.source, listId: r.list_id, sha256: r.sha256, publishedOn: r.published_on, importedAt: r.imported_at,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
  };
}

function toList(r: Selectable<ListsTable>): ListRecord {
  return {
    id: r.id, title: r.title, jurisdiction: r.jurisdiction, measure: r.measure as Measure, authority: r.authority, law: r.law, sourceUrl: r.source_url,
    format: r.format as ListFormat, refPrefix: r.ref_prefix, notes: r.notes, createdAt: r.created_at,
  };
}

function toApiKey(r: Selectable<ApiKeysTable>): ApiKey {
  return { id: r.id, name: r.name, role: r.role as ApiKeyRole, keyHash: r.key_hash, createdAt: r.created_at, revokedAt: r.revoked_at };
}

function toDecision(row: { id: number; fact_id: number; verdict: string; decided_by: string; note: string | null; decided_at: string }): Decision {
  return { id: row.id, factId: row.fact_id, verdict: row.verdict as Decision['verdict'], by: row.decided_by, note: row.note, at: row.decided_at };
}
