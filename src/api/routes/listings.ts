import { z } from 'zod';
import { MEASURES } from '../../lists/catalogue.js';
import { parseJurisdiction } from '../../lists/jurisdiction.js';
import { todayIso } from '../../model/partial-date.js';
import { listHistory, listSummaries, listSummary } from '../../registry/list-history.js';
import { listingsAsOf, listingsJson } from '../../registry/registry.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';
import { AsOf, Entity, EntityKind, EntityRef, IsoDay, ListRecord, ScreenListing } from '../schemas.js';

const ListId = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'a list id such as pk-nacta, us-fto, un-sc');
const Measure = z.enum(MEASURES);
const splitCsv = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

const Jurisdiction = z.string().trim().transform((j, ctx) => {
  try {
    return parseJurisdiction(j);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^field "jurisdiction": /, '') });
    return z.NEVER;
  }
}).describe('ISO 3166 alpha-2 code (PK, GB, IN, US) or UN, EU; a country name is refused with its code');

const ListingsQuery = z.object({
  jurisdiction: Jurisdiction.optional(),
  list: z.string().transform(splitCsv).pipe(z.array(ListId).min(1)).optional().describe('list ids, comma-separated (pk-nacta, us-fto, un-sc)'),
  measure: z.string().transform((s) => (s === 'all' ? [...MEASURES] : s.split(',').map((x) => x.trim()))).pipe(z.array(Measure).min(1)).optional()
    .describe(`which measures count: ${MEASURES.join(', ')}, comma-separated, or all (default: bans, or every measure of a jurisdiction that bans nothing)`),
  kinds: z.string().transform(splitCsv).pipe(z.array(EntityKind).min(1)).optional(),
  asOf: AsOf.optional(),
});

const ListingWithFacts = ScreenListing.extend({ facts: z.array(z.number().int()) });
const ListBrief = z.object({ id: z.string(), title: z.string(), jurisdiction: z.string(), measure: Measure });

export const ListingsResponse = z.object({
  jurisdiction: z.string().nullable(),
  asOf: z.string(),
  lists: z.array(ListBrief).describe('the lists counted'),
  measures: z.array(Measure),
  reported: z.boolean().describe('whether bans reported by accepted news facts (no list) count'),
  otherLists: z.array(ListBrief).describe('lists of the jurisdiction not counted (a watch list, a sanctions list)'),
  organisations: z.array(z.object({
    entity: Entity,
    since: z.string().nullable().describe('first day of its earliest listing in force; null when the list gives no date'),
    sinceAsStated: z.string().nullable().describe('the date as the list or fact gave it (2016-12)'),
    facts: z.array(z.number().int()).describe('the proscribed facts its listings rest on'),
    listings: z.array(ListingWithFacts),
  })),
  linked: z.array(z.object({
    entity: Entity,
    since: z.string().nullable().describe('first day the link flags it: never before the parent\'s listing'),
    via: z.array(z.object({ from: z.number().int(), to: EntityRef, predicate: z.string(), fact: z.number().int() })),
    parentListings: z.array(ScreenListing),
  })).describe('not listed themselves: offshoots, fronts and successors of a listed entity'),
}).meta({ id: 'Listings' });

const ImportRunView = z.object({
  id: z.number().int(), format: z.string(), source: z.string(), listId: z.string().nullable().optional(), sha256: z.string(),
  publishedOn: z.string().nullable(), importedAt: z.string(), summary: z.record(z.string(), z.unknown()),
});

const ListSummary = z.object({
  list: ListRecord,
  entries: z.number().int().describe('entries ever on the list'),
  inForce: z.number().int().describe('entries in force on asOf'),
  asOf: z.string(),
  versionOf: z.string().nullable().describe('the date of the latest imported version, where it has one'),
  lastImport: ImportRunView.nullable(),
  imports: z.number().int(),
}).meta({ id: 'ListSummary' });

const Change = z.object({
  day: z.string(), asStated: z.string().nullable(), change: z.enum(['added', 'relisted', 'removed']), entity: EntityRef, fact: z.number().int(),
});
const ListHistory = z.object({
  list: ListRecord,
  from: z.string().nullable(),
  to: z.string().nullable(),
  changes: z.array(Change),
  perYear: z.array(z.object({ year: z.number().int(), added: z.number().int(), relisted: z.number().int(), removed: z.number().int() })),
  undated: z.number().int().describe('entries the list gives no listing date for'),
}).meta({ id: 'ListHistory' });

export function listingRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/listings',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'What is listed on a date: a jurisdiction\'s lists (its bans by default) or named lists, and what is linked to them',
      description: `The same JSON as \`proscribe list --format json\`. Give \`jurisdiction\` or \`list\`. ${roleNote('viewer')}`,
      querystring: ListingsQuery,
      response: { 200: ListingsResponse, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const q = request.query;
      const answer = await listingsAsOf(ctx.repo, {
        asOf: q.asOf ?? todayIso(),
        ...(q.jurisdiction ? { jurisdiction: q.jurisdiction } : {}),
        ...(q.list ? { lists: q.list } : {}),
        ...(q.measure ? { measures: q.measure } : {}),
        ...(q.kinds ? { kinds: q.kinds } : {}),
      });
      return listingsJson(answer);
    },
  });

  app.route({
    method: 'GET',
    url: '/lists',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'Every list: what it is, its size, what is in force, its version and last import',
      description: `The same JSON as \`proscribe lists --format json\`. ${roleNote('viewer')}`,
      querystring: z.object({ asOf: AsOf.optional() }),
      response: { 200: z.object({ asOf: z.string(), lists: z.array(ListSummary) }), 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const asOf = request.query.asOf ?? todayIso();
      return { asOf, lists: await listSummaries(ctx.repo, asOf) };
    },
  });

  app.route({
    method: 'GET',
    url: '/lists/:id',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'One list: its description, size and imports, and its additions and removals per year',
      description: roleNote('viewer'),
      params: z.object({ id: ListId }),
      querystring: z.object({ asOf: AsOf.optional() }),
      response: { 200: ListSummary.extend({ perYear: ListHistory.shape.perYear, undated: z.number().int() }), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const asOf = request.query.asOf ?? todayIso();
      const summary = await listSummary(ctx.repo, request.params.id, asOf);
      const history = await listHistory(ctx.repo, request.params.id);
      return { ...summary, perYear: history.perYear, undated: history.undated };
    },
  });

  app.route({
    method: 'GET',
    url: '/lists/:id/changes',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'What a list added, re-added and removed between two days',
      description: `The same JSON as \`proscribe list changes --format json\`. ${roleNote('viewer')}`,
      params: z.object({ id: ListId }),
      querystring: z.object({ from: IsoDay.optional(), to: IsoDay.optional() }),
      response: { 200: ListHistory, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => listHistory(ctx.repo, request.params.id, {
      ...(request.query.from ? { from: request.query.from } : {}), ...(request.query.to ? { to: request.query.to } : {}),
    }),
  });
}
