import { z } from 'zod';
import { decideFacts } from '../../review/decide.js';
import { actorOf } from '../auth.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { Decision, FactStatus, FactView, Id, IdParams, MAX_ID, Predicate } from '../schemas.js';
import { factViews } from '../views.js';

const FactsQuery = z.object({
  status: FactStatus.default('proposed').describe('proposed (default), accepted or rejected'),
  predicate: Predicate.optional(),
  entityId: Id.optional().describe('facts with this entity as subject or object'),
  documentId: Id.optional().describe('facts with evidence in this document'),
  jurisdiction: z.string().trim().min(2).max(8).transform((j) => j.toUpperCase()).optional(),
  origin: z.enum(['document', 'join', 'dataset']).optional().describe('document: extracted from an article; join: proposed by the cross-list join; dataset: from a list or dataset importer'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const FactsResponse = z.object({
  facts: z.array(FactView),
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

export function factRoutes(app: Api, ctx: ApiContext): void {
  /** Unknown ids are a 404 naming them, before anything is decided. */
  const requireFacts = async (ids: number[], field: string) => {
    const found = new Set((await ctx.repo.listFacts({ factIds: ids })).map((f) => f.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw notFound(`no fact with id ${missing.join(', ')}`, field);
  };
  const decide = async (ids: number[], verdict: 'accepted' | 'rejected', by: string, note: string | null) => {
    const decisions = await decideFacts(ctx.repo, ids, verdict, by, note);
    ctx.screeners.invalidate();
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
        limit: q.offset + q.limit + 1,
      });
      const page = facts.slice(q.offset, q.offset + q.limit);
      return { facts: await factViews(ctx.repo, page), limit: q.limit, offset: q.offset, hasMore: facts.length > q.offset + q.limit };
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
}
