import { z } from 'zod';
import { todayIso } from '../../model/partial-date.js';
import { entityProfile } from '../../registry/profile.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { AsOf, Decision, Entity, EntityKind, EntityName, EntityRef, Evidence, FactStatus, FactView, IdParams, MAX_ID, Predicate, Qualifiers, ScreenListing } from '../schemas.js';
import { cleanQualifiers, factViews } from '../views.js';
import { actorOf } from '../auth.js';
import { CURATED_NAME_TYPES, type CuratedNameType, addEntityName, removeEntityName, renameEntity } from '../../registry/curation.js';
import { SEARCH_TIERS } from '../../registry/search.js';
import type { Fact } from '../../model/types.js';
import { MEASURES } from '../../lists/catalogue.js';

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500).describe('words of a name, in any spelling'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  kinds: z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(EntityKind).min(1)).optional(),
  asOf: AsOf.optional(),
});

const SearchResponse = z.object({
  query: z.string(),
  results: z.array(z.object({
    entity: Entity,
    matched_name: z.string(),
    match: z.enum(SEARCH_TIERS).describe('exact, word (every query word is a word of the name), prefix, acronym or fuzzy: results come in this order'),
    score: z.number(),
    in_registry: z.boolean().describe('some fact about the entity is accepted (else it is known from proposals only)'),
    status: z.enum(['listed', 'linked', 'not-listed']),
    listed: z.boolean(),
    listings: z.array(ScreenListing),
  })),
});

const NameBody = z.object({
  name: z.string().trim().min(1).max(500),
  note: z.string().trim().min(1).max(5000).optional(),
  source: z.string().trim().min(1).max(2000).optional(),
});
const NameFact = z.object({ fact: FactView });
const MergeRow = z.object({
  id: z.number().int(), entityId: z.number().int(), intoId: z.number().int(), by: z.string(), note: z.string().nullable(), at: z.string(),
  undoneBy: z.string().nullable(), undoNote: z.string().nullable(), undoneAt: z.string().nullable(),
});

const ListingPeriod = z.object({
  jurisdiction: z.string(),
  list: z.string().nullable(),
  programs: z.string().nullable(),
  listedAs: z.string().nullable(),
  origin: z.enum(['list', 'news', 'analyst', 'import']),
  from: z.string().describe('first day in force (0000-01-01 when the ban has no date)'),
  fromAsStated: z.string().nullable(),
  until: z.string().nullable().describe('first day no longer in force; null while in force'),
  untilAsStated: z.string().nullable(),
  proscribedFacts: z.array(z.number().int()),
  delistedFact: z.number().int().nullable(),
});

const Merge = z.object({
  id: z.number().int(), entityId: z.number().int(), intoId: z.number().int(), by: z.string(), note: z.string().nullable(), at: z.string(),
  undoneBy: z.string().nullable(), undoNote: z.string().nullable(), undoneAt: z.string().nullable(),
});

const LineageEdge = z.object({ predicate: Predicate, entity: EntityRef, fact: z.number().int(), status: FactStatus });

const Profile = z.object({
  asOf: z.string(),
  entity: Entity,
  requestedId: z.number().int(),
  mergedInto: EntityRef.nullable().describe('set when the id asked for was merged into `entity`'),
  merges: z.array(Merge),
  names: z.array(EntityName),
  listings: z.array(z.object({
    jurisdiction: z.string(), list: z.string().nullable().describe('null: a ban reported by the news or recorded by an analyst'),
    measure: z.enum(MEASURES), inForce: z.boolean(), periods: z.array(ListingPeriod),
  })),
  status: z.enum(['listed', 'linked', 'not-listed']).describe('listed itself, linked through lineage to a listed entity, or neither, on the as-of day'),
  listed: z.boolean().describe('listed itself on the as-of day (an entity linked through lineage is not)'),
  via: z.array(z.object({ from: z.number().int(), to: EntityRef, predicate: Predicate, fact: z.number().int() })).describe('for a linked entity: the chain to the listed one'),
  linked: z.object({ since: z.string().nullable(), parentListings: z.array(ScreenListing) }).nullable(),
  lineage: z.object({ parents: z.array(LineageEdge), children: z.array(LineageEdge) }),
  facts: z.array(z.object({
    id: z.number().int(), subject: EntityRef, predicate: Predicate, object: EntityRef.nullable(), objectLiteral: z.string().nullable(),
    date: z.string().nullable(), qualifiers: Qualifiers, confidence: z.number(), extractor: z.string(), status: FactStatus, recordedAt: z.string(),
    evidence: z.array(Evidence), decisions: z.array(Decision),
  })),
}).meta({ id: 'EntityProfile' });

export function entityRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/entities',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'Search entities by name, for a search box',
      description: `As \`proscribe search\`: entities whose names hold the query's words (whole, then as beginnings) first, then acronyms, then near spellings; within each, listed entities first. ${roleNote('viewer')}`,
      querystring: SearchQuery,
      response: { 200: SearchResponse, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const { q, limit, kinds } = request.query;
      const search = await ctx.searches.get();
      const hits = search.search(q, { limit, asOf: request.query.asOf ?? todayIso(), ...(kinds ? { kinds } : {}) });
      return {
        query: q,
        results: hits.map((h) => ({
          entity: h.entity, matched_name: h.matchedName, match: h.match, score: h.score, in_registry: h.inRegistry, status: h.status,
          listed: h.status === 'listed', listings: h.listings,
        })),
      };
    },
  });

  app.route({
    method: 'GET',
    url: '/entities/:id',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'Entity profile: names, listing periods, lineage both ways, every fact with evidence and decisions',
      description: `An id merged into another entity answers with that entity (\`mergedInto\` says so). ${roleNote('viewer')}`,
      params: IdParams,
      querystring: z.object({ asOf: AsOf.optional() }),
      response: { 200: Profile, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const profile = await entityProfile(ctx.repo, request.params.id, { asOf: request.query.asOf ?? todayIso() });
      if (!profile) throw notFound(`no entity with id ${request.params.id}`, 'id');
      return { ...profile, facts: profile.facts.map((f) => ({ ...f, qualifiers: cleanQualifiers(f.qualifiers) })) };
    },
  });

  const nameRoute = (url: string, summary: string, run: (id: number, body: z.infer<typeof NameBody> & { type?: CuratedNameType }, by: string) => Promise<Fact>, withType: boolean) => {
    app.route({
      method: 'POST',
      url,
      config: { access: 'analyst' },
      schema: {
        tags: ['registry'],
        summary,
        description: `Recorded as an accepted fact and decision by the API key's name; rejecting that fact undoes it. ${roleNote('analyst')}`,
        params: IdParams,
        body: withType ? NameBody.extend({ type: z.enum(CURATED_NAME_TYPES).optional().describe('alias (default), previous, translation, acronym or spelling') }) : NameBody,
        response: { 200: NameFact, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
      handler: async (request) => {
        const fact = await run(request.params.id, request.body, actorOf(request).name);
        await ctx.screeners.invalidate();
        const [view] = await factViews(ctx.repo, [fact]);
        return { fact: view! };
      },
    });
  };
  nameRoute('/entities/:id/names', 'Give an entity another name', (id, b, by) => addEntityName(ctx.repo, {
    entityId: id, name: b.name, by, note: b.note ?? null, source: b.source ?? null, ...(b.type ? { type: b.type } : {}),
  }), true);
  nameRoute('/entities/:id/names/remove', 'Take a name from an entity (no longer screened or resolved)', (id, b, by) => removeEntityName(ctx.repo, {
    entityId: id, name: b.name, by, note: b.note ?? null, source: b.source ?? null,
  }), false);
  nameRoute('/entities/:id/rename', 'Change an entity\'s display name', (id, b, by) => renameEntity(ctx.repo, {
    entityId: id, name: b.name, by, note: b.note ?? null, source: b.source ?? null,
  }), false);

  app.route({
    method: 'POST',
    url: '/entities/:id/merge',
    config: { access: 'analyst' },
    schema: {
      tags: ['registry'],
      summary: 'Fold other entities into this one',
      description: `As \`proscribe entity merge ID OTHERS...\`: their names and facts read as this entity's; one transaction; undone by \`POST /entities/{other}/split\`. ${roleNote('analyst')}`,
      params: IdParams,
      body: z.object({ others: z.array(z.number().int().positive().max(MAX_ID)).min(1).max(100), note: z.string().trim().min(1).max(5000).optional() }),
      response: { 200: z.object({ merges: z.array(MergeRow) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const by = actorOf(request).name;
      const merges = await ctx.repo.transaction(async (tx) => {
        const out = [];
        for (const other of request.body.others) out.push(await tx.mergeEntities(request.params.id, other, by, request.body.note ?? null));
        return out;
      });
      await ctx.screeners.invalidate();
      return { merges };
    },
  });

  app.route({
    method: 'POST',
    url: '/entities/:id/split',
    config: { access: 'analyst' },
    schema: {
      tags: ['registry'],
      summary: 'Undo the merge that folded this entity into another',
      description: `As \`proscribe entity split ID\`. ${roleNote('analyst')}`,
      params: IdParams,
      body: z.object({ note: z.string().trim().min(1).max(5000).optional() }).nullish(),
      response: { 200: z.object({ merge: MergeRow }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const merge = await ctx.repo.undoMerge(request.params.id, actorOf(request).name, request.body?.note ?? null);
      await ctx.screeners.invalidate();
      return { merge };
    },
  });
}
