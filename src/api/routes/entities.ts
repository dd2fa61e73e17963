import { z } from 'zod';
import { todayIso } from '../../model/partial-date.js';
import { entityProfile } from '../../registry/profile.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { AsOf, Decision, Entity, EntityName, EntityRef, Evidence, FactStatus, IdParams, Predicate, Qualifiers, ScreenListing } from '../schemas.js';
import { cleanQualifiers } from '../views.js';
import { MEASURES } from '../../lists/catalogue.js';

/** Below the screening alert threshold on purpose: a search box shows near matches too. */
const SEARCH_MIN_SCORE = 0.3;

const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500).describe('a name, in any spelling'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  asOf: AsOf.optional(),
});

const SearchResponse = z.object({
  query: z.string(),
  results: z.array(z.object({
    entity: Entity,
    matched_name: z.string(),
    score: z.number(),
    status: z.enum(['listed', 'linked', 'not-listed']),
    listed: z.boolean(),
    listings: z.array(ScreenListing),
  })),
});

const ListingPeriod = z.object({
  jurisdiction: z.string(),
  list: z.string().nullable(),
  programs: z.string().nullable(),
  listedAs: z.string().nullable(),
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
      summary: 'Search registry entities by name (spelling and transliteration variants)',
      description: `Ranked like screening, with near matches down to a score of ${SEARCH_MIN_SCORE}. ${roleNote('viewer')}`,
      querystring: SearchQuery,
      response: { 200: SearchResponse, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const { q, limit } = request.query;
      const screener = await ctx.screeners.get();
      const result = screener.screen(q, { asOf: request.query.asOf ?? todayIso(), limit, minScore: SEARCH_MIN_SCORE, explain: false });
      return {
        query: q,
        results: result.hits.map((h) => ({ entity: h.entity, matched_name: h.matched_name, score: h.score, status: h.status, listed: h.listed, listings: h.listings })),
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
}
