import { z } from 'zod';
import { extractingHook, ingestDocuments } from '../../ingest/ingest.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { FactView, IdParams, IsoDay } from '../schemas.js';
import { factViews } from '../views.js';

const DocumentBody = z.object({
  text: z.string().refine((t) => t.trim() !== '', 'the text is empty').describe('the article text'),
  date: IsoDay.describe('publication date, YYYY-MM-DD'),
  url: z.url().max(2000).optional(),
  title: z.string().max(1000).optional(),
  extract: z.boolean().default(true).describe('run extraction and store its facts as proposals (default true)'),
});

const Extraction = z.object({
  entitiesCreated: z.number().int(),
  entitiesResolved: z.number().int(),
  factsProposed: z.number().int(),
  evidenceAdded: z.number().int().describe('statements of facts already recorded, added as further evidence'),
});

const IngestResponse = z.object({
  documents: z.array(z.object({
    id: z.number().int(),
    sha256: z.string(),
    date: z.string(),
    created: z.boolean().describe('false when the same text (normalised) was stored before'),
    extraction: Extraction.optional(),
  })),
});

const DocumentResponse = z.object({
  document: z.object({
    id: z.number().int(), sha256: z.string(), date: z.string(), url: z.string().nullable(), title: z.string().nullable(),
    text: z.string().describe('normalised text: evidence spans are offsets into it'), ingestedAt: z.string(),
  }),
  facts: z.array(FactView).describe('facts with evidence in this document (their evidence from elsewhere included)'),
});

const DocumentsQuery = z.object({
  from: IsoDay.optional().describe('published on or after'),
  to: IsoDay.optional().describe('published on or before'),
  source: z.string().trim().min(1).max(500).optional().describe('a part of the source URL (dawn.com)'),
  q: z.string().trim().min(1).max(500).optional().describe('words the text or title holds'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const DocumentsResponse = z.object({
  documents: z.array(z.object({
    id: z.number().int(), date: z.string(), url: z.string().nullable(), title: z.string().nullable(), ingestedAt: z.string(),
    chars: z.number().int(), snippet: z.string().describe('the start of the text'),
    facts: z.number().int().describe('facts with evidence in it'), proposed: z.number().int().describe('of those, proposals awaiting review'),
  })),
  limit: z.number().int(),
  offset: z.number().int(),
  hasMore: z.boolean(),
});

export function documentRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/documents',
    config: { access: 'viewer' },
    schema: {
      tags: ['documents'],
      summary: 'Stored documents, newest first, with their fact counts',
      description: `As \`proscribe documents list --format json\`; page with limit and offset. ${roleNote('viewer')}`,
      querystring: DocumentsQuery,
      response: { 200: DocumentsResponse, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const q = request.query;
      const docs = await ctx.repo.listDocuments({
        limit: q.limit + 1, offset: q.offset, ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}),
        ...(q.source ? { source: q.source } : {}), ...(q.q ? { q: q.q } : {}),
      });
      return { documents: docs.slice(0, q.limit), limit: q.limit, offset: q.offset, hasMore: docs.length > q.limit };
    },
  });

  app.route({
    method: 'POST',
    url: '/documents',
    bodyLimit: ctx.limits.documentBytes,
    config: { access: 'analyst' },
    schema: {
      tags: ['documents'],
      summary: 'Ingest a document, extracting its facts as proposals',
      description: `Like \`proscribe ingest\`: stored once by the SHA-256 of its normalised text (201 when new, 200 when already stored). `
        + `Body at most ${ctx.limits.documentBytes} bytes. ${roleNote('analyst')}`,
      body: DocumentBody,
      response: { 200: IngestResponse, 201: IngestResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody },
    },
    handler: async (request, reply) => {
      const b = request.body;
      // The long-lived resolver: rebuilt only when names changed other than through it.
      const resolver = b.extract ? await ctx.resolvers.fresh() : undefined;
      const hook = resolver ? await extractingHook(ctx.repo, resolver) : undefined;
      let stored: Awaited<ReturnType<typeof ingestDocuments>>;
      try {
        stored = await ingestDocuments(ctx.repo, [{ text: b.text, date: b.date, url: b.url ?? null, title: b.title ?? null, origin: 'api' }], hook);
      } catch (error) {
        ctx.resolvers.drop();
        throw error;
      }
      if (resolver) await ctx.resolvers.adopt(resolver);
      await ctx.screeners.invalidate();
      const documents = stored.map((d) => ({ id: d.id, sha256: d.sha256, date: d.date, created: d.created, ...(d.extraction ? { extraction: d.extraction } : {}) }));
      return reply.code(stored.some((d) => d.created) ? 201 : 200).send({ documents });
    },
  });

  app.route({
    method: 'GET',
    url: '/documents/:id',
    config: { access: 'viewer' },
    schema: {
      tags: ['documents'],
      summary: 'A stored document with its text and the facts it is evidence for',
      description: `Evidence spans (\`start\`, \`end\`) are character offsets into \`document.text\`. ${roleNote('viewer')}`,
      params: IdParams,
      response: { 200: DocumentResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const doc = await ctx.repo.getDocument(request.params.id);
      if (!doc) throw notFound(`no document with id ${request.params.id}`, 'id');
      const facts = await ctx.repo.listFacts({ documentId: doc.id });
      return { document: doc, facts: await factViews(ctx.repo, facts, new Map([[doc.id, doc]])) };
    },
  });
}
