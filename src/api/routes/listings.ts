import { z } from 'zod';
import { todayIso } from '../../model/partial-date.js';
import { listingsAsOf } from '../../registry/registry.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';
import { AsOf, Entity } from '../schemas.js';

const ListingsQuery = z.object({
  jurisdiction: z.string().trim().regex(/^[A-Za-z]{2,3}$/, 'an ISO 3166 alpha-2 code (PK, GB, IN, US) or UN')
    .transform((j) => j.toUpperCase()).describe('ISO 3166 alpha-2 code (PK, GB, IN, US) or UN'),
  asOf: AsOf.optional(),
});

const ListingsResponse = z.object({
  jurisdiction: z.string(),
  asOf: z.string(),
  organisations: z.array(z.object({
    entity: Entity,
    since: z.string().nullable().describe('first day in force; null when the ban has no date'),
    sinceAsStated: z.string().nullable().describe('the date as the fact gave it (2016-12)'),
    facts: z.array(z.number().int()).describe('the proscribed facts this listing rests on'),
  })),
});

export function listingRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/listings',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'Organisations proscribed in a jurisdiction on a date',
      description: `The same JSON as \`proscribe list --format json\`, derived from accepted proscribed/delisted facts. ${roleNote('viewer')}`,
      querystring: ListingsQuery,
      response: { 200: ListingsResponse, 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => {
      const { jurisdiction } = request.query;
      const asOf = request.query.asOf ?? todayIso();
      const listings = await listingsAsOf(ctx.repo, jurisdiction, asOf);
      return {
        jurisdiction,
        asOf,
        organisations: listings.map((l) => ({
          entity: { id: l.entity.id, name: l.entity.name, kind: l.entity.kind, refs: l.entity.refs },
          since: l.since,
          sinceAsStated: l.sinceAsStated,
          facts: l.factIds,
        })),
      };
    },
  });
}
