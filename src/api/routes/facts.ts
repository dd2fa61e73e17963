import { z } from 'zod';
import { decideFacts } from '../../review/decide.js';
import { actorOf } from '../auth.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { Decision, EntityKind, FactStatus, FactView, Id, IdParams, MAX_ID, Predicate, ScreenListing } from '../schemas.js';
import { isPartialDate, todayIso } from '../../model/partial-date.js';
import { addAnalystFact, correctProposal } from '../../registry/curation.js';
import { parseJurisdiction } from '../../lists/jurisdiction.js';
import { factViews } from '../views.js';

const FactsQuery = z.object({
  status: FactStatus.default('proposed').describe('proposed (default), accepted or rejected'),
  predicate: Predicate.optional(),
  entityId: Id.optional().describe('facts with this entity as subject or object'),
  documentId: Id.optional().describe('facts with evidence in this document'),
  jurisdiction: z.string().trim().min(2).max(8).transform((j) => j.toUpperCase()).optional(),
  origin: z.enum(['document', 'join', 'dataset']).optional().describe('document: extracted from an article; join: proposed by the cross-list join; dataset: from a list or dataset importer'),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  maxConfidence: z.coerce.number().min(0).max(1).optional(),
  similar: z.enum(['true', 'false']).optional().describe('true: each fact with the registry entities its subject may be (for merging in review)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const Similar = z.object({
  entity: z.object({ id: z.number().int(), name: z.string(), kind: z.string(), refs: z.array(z.string()) }),
  matched_name: z.string(),
  score: z.number(),
  status: z.enum(['listed', 'linked', 'not-listed']),
  listings: z.array(ScreenListing),
});

const FactsResponse = z.object({
  facts: z.array(FactView.extend({ similar: z.array(Similar).optional().describe('with similar=true: up to three registry entities the subject may be') })),
  limit: z.number().int(),
  offset: z.number().int(),
  hasMore: z.boolean().describe('more facts follow: ask again with offset + limit'),
});

const FactResponse = z.object({ fact: FactView, decisions: z.array(Decision).describe('every decision on the fact, oldest first') });
const DecisionsResponse = z.object({ decisions: z.array(Decision) });
const Note = z.string().trim().min(1).max(5000);

const DecisionsBody = z.object({
  ids: z.array(z.number().int().positive().max(MAX_ID)).min(1).max(1000).describe('fact ids, decided in one transaction: all or none'),
  verdict: z.enum(['accepted', 'rejected']),
  note: Note.optional().describe('why (required for a rejection)'),
});

const PartialDate = z.string().trim().refine(isPartialDate, 'a date as YYYY, YYYY-MM, YYYY-MM-DD or a range FROM/TO');
const EntityName = z.string().trim().min(1).max(500).describe('an entity id or name');

const AnalystFactBody = z.object({
  subject: z.union([z.number().int().positive().max(MAX_ID).transform(String), EntityName]).describe('the entity: an id, or a name (a new entity when no entity of the kind has it)'),
  kind: EntityKind.optional().describe('the subject\'s kind when it is new (default organisation)'),
  predicate: Predicate,
  object: z.union([z.number().int().positive().max(MAX_ID).transform(String), EntityName]).optional().describe('for a relation: the other entity'),
  jurisdiction: z.string().trim().transform((j, c) => {
    try {
      return parseJurisdiction(j);
    } catch (error) {
      c.addIssue({ code: 'custom', message: (error as Error).message.replace(/^field "jurisdiction": /, '') });
      return z.NEVER;
    }
  }).optional(),
  date: PartialDate.optional(),
  until: PartialDate.optional().describe('for a ban: when it ended (records the lifting too)'),
  law: z.string().trim().min(1).max(500).optional(),
  authority: z.string().trim().min(1).max(500).optional(),
  list: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/).optional(),
  source: z.string().trim().min(1).max(2000).describe('where the analyst read it: a URL or a citation'),
  note: Note.optional(),
});

const CorrectionBody = z.object({
  subject: z.union([z.number().int().positive().max(MAX_ID).transform(String), EntityName]).optional(),
  object: z.union([z.number().int().positive().max(MAX_ID).transform(String), EntityName]).optional(),
  date: z.union([PartialDate, z.null()]).optional().describe('the right date; null for none'),
  note: Note.optional(),
  accept: z.boolean().optional().describe('accept the corrected fact at once'),
});

const EntityBrief = z.object({ id: z.number().int(), name: z.string(), kind: z.string(), refs: z.array(z.string()) });

export function factRoutes(app: Api, ctx: ApiContext): void {
  /** Unknown ids are a 404 naming them, before anything is decided. */
  const requireFacts = async (ids: number[], field: string) => {
    const found = new Set((await ctx.repo.listFacts({ factIds: ids })).map((f) => f.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw notFound(`no fact with id ${missing.join(', ')}`, field);
  };
  const decide = async (ids: number[], verdict: 'accepted' | 'rejected', by: string, note: string | null) => {
    const decisions = await decideFacts(ctx.repo, ids, verdict, by, note);
    await ctx.screeners.invalidate();
    return { decisions };
  };

  app.route({
    method: 'GET',
    url: '/facts',
    config: { access: 'viewer' },
    schema: {
      tags: ['review'],
      summary: 'Facts by status (proposals by default), with entity names and evidence sentences',
      description: roleNote('viewer'),
      querystring: FactsQuery,
      response: { 200: FactsResponse, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const q = request.query;
      // The store pages by limit only; one more than asked tells whether more follow.
      const facts = await ctx.repo.listFacts({
        status: q.status, predicate: q.predicate, entityId: q.entityId, documentId: q.documentId, jurisdiction: q.jurisdiction, origin: q.origin,
        minConfidence: q.minConfidence, maxConfidence: q.maxConfidence, limit: q.limit + 1, offset: q.offset,
      });
      const page = facts.slice(0, q.limit);
      const views = await factViews(ctx.repo, page);
      if (q.similar === 'true') {
        const screener = await ctx.screeners.get();
        const today = todayIso();
        for (const v of views) {
          const hits = screener.screen(v.subject.name, { asOf: today, limit: 4, minScore: 0.6, explain: false }).hits;
          (v as typeof v & { similar?: unknown }).similar = hits.filter((h) => h.entity.id !== v.subject.id).slice(0, 3)
            .map((h) => ({ entity: h.entity, matched_name: h.matched_name, score: h.score, status: h.status, listings: h.listings }));
        }
      }
      return { facts: views, limit: q.limit, offset: q.offset, hasMore: facts.length > q.limit };
    },
  });

  app.route({
    method: 'GET',
    url: '/facts/:id',
    config: { access: 'viewer' },
    schema: {
      tags: ['review'],
      summary: 'One fact with its evidence and its decision history',
      description: roleNote('viewer'),
      params: IdParams,
      response: { 200: FactResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const fact = await ctx.repo.getFact(request.params.id);
      if (!fact) throw notFound(`no fact with id ${request.params.id}`, 'id');
      const [view] = await factViews(ctx.repo, [fact]);
      return { fact: view!, decisions: await ctx.repo.decisionsOf(fact.id) };
    },
  });

  app.route({
    method: 'POST',
    url: '/facts/:id/accept',
    config: { access: 'analyst' },
    schema: {
      tags: ['review'],
      summary: 'Accept a fact',
      description: `Recorded as decided by the API key's name. ${roleNote('analyst')}`,
      params: IdParams,
      // No body at all is fine: fastify reads it as null.
      body: z.object({ note: Note.optional() }).nullish(),
      response: { 200: DecisionsResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      await requireFacts([request.params.id], 'id');
      return decide([request.params.id], 'accepted', actorOf(request).name, request.body?.note ?? null);
    },
  });

  app.route({
    method: 'POST',
    url: '/facts/:id/reject',
    config: { access: 'analyst' },
    schema: {
      tags: ['review'],
      summary: 'Reject a fact, saying why',
      description: `Recorded as decided by the API key's name. ${roleNote('analyst')}`,
      params: IdParams,
      body: z.object({ note: Note.describe('why the fact is wrong') }),
      response: { 200: DecisionsResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      await requireFacts([request.params.id], 'id');
      return decide([request.params.id], 'rejected', actorOf(request).name, request.body.note);
    },
  });

  app.route({
    method: 'POST',
    url: '/decisions',
    config: { access: 'analyst' },
    schema: {
      tags: ['review'],
      summary: 'Accept or reject many facts at once',
      description: `All ids are decided in one transaction, or none (an unknown id is a 404 and decides nothing). ${roleNote('analyst')}`,
      body: DecisionsBody,
      response: { 200: DecisionsResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const b = request.body;
      await requireFacts([...new Set(b.ids)], 'ids');
      return decide(b.ids, b.verdict, actorOf(request).name, b.note ?? null);
    },
  });

  app.route({
    method: 'POST',
    url: '/facts',
    config: { access: 'analyst' },
    schema: {
      tags: ['review'],
      summary: 'Record a fact from a source the analyst holds',
      description: `As \`proscribe fact add\`: accepted at once by the API key's name, with the source as its evidence; the subject (and object) entity is created if no entity of the kind has the name. ${roleNote('analyst')}`,
      body: AnalystFactBody,
      response: {
        201: z.object({ subject: z.object({ entity: EntityBrief, created: z.boolean() }), object: z.object({ entity: EntityBrief, created: z.boolean() }).nullable(), facts: z.array(FactView) }),
        400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody,
      },
    },
    handler: async (request, reply) => {
      const b = request.body;
      const result = await addAnalystFact(ctx.repo, {
        subject: b.subject, predicate: b.predicate, source: b.source, by: actorOf(request).name, note: b.note ?? null,
        ...(b.kind ? { kind: b.kind } : {}), ...(b.object ? { object: b.object } : {}), ...(b.jurisdiction ? { jurisdiction: b.jurisdiction } : {}),
        ...(b.date ? { date: b.date } : {}), ...(b.until ? { until: b.until } : {}), ...(b.law ? { law: b.law } : {}),
        ...(b.authority ? { authority: b.authority } : {}), ...(b.list ? { list: b.list } : {}),
      });
      await ctx.screeners.invalidate();
      return reply.code(201).send({ subject: result.subject, object: result.object, facts: await factViews(ctx.repo, result.facts) });
    },
  });

  app.route({
    method: 'POST',
    url: '/facts/:id/correct',
    config: { access: 'analyst' },
    schema: {
      tags: ['review'],
      summary: 'Correct a proposal before deciding it',
      description: `As \`proscribe review correct\`: a copy with the corrected subject, object or date and the same evidence; the original is rejected as corrected (by the API key's name). ${roleNote('analyst')}`,
      params: IdParams,
      body: CorrectionBody,
      response: { 200: z.object({ original: FactView, corrected: FactView }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const b = request.body;
      const result = await correctProposal(ctx.repo, request.params.id, {
        ...(b.subject !== undefined ? { subject: b.subject } : {}), ...(b.object !== undefined ? { object: b.object } : {}), ...(b.date !== undefined ? { date: b.date } : {}),
      }, actorOf(request).name, b.note ?? null, b.accept === true);
      await ctx.screeners.invalidate();
      const [original, corrected] = await factViews(ctx.repo, [result.original, result.corrected]);
      return { original: original!, corrected: corrected! };
    },
  });
}
