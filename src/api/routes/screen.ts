import { z } from 'zod';
import { todayIso } from '../../model/partial-date.js';
import { DEFAULT_THRESHOLD } from '../../names/index.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';
import { AsOf, EntityKind, ScreenResult, Threshold } from '../schemas.js';
import { checkListFilter } from '../../screen/screener.js';

export const DEFAULT_LIMIT = 5;
export const MAX_NAMES = 1000;

const Name = z.string().trim().min(1).max(1000);
export const Limit = z.number().int().min(1).max(100).describe(`most hits per name (default ${DEFAULT_LIMIT})`);

const ScreenBody = z.object({
  name: Name.optional().describe('one name to screen'),
  names: z.array(Name).min(1).max(MAX_NAMES).optional().describe(`up to ${MAX_NAMES} names to screen`),
  asOf: AsOf.optional(),
  threshold: Threshold.optional(),
  limit: Limit.optional(),
  kinds: z.array(EntityKind).min(1).optional().describe('only hits of these kinds (default: every kind)'),
  closest: z.boolean().optional().describe('also search for the closest match when nothing alerts (default true)'),
  lists: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/)).min(1).max(50).optional()
    .describe('screen against these lists only (a Pakistani bank: ["pk-nacta", "un-sc"]); hits are entities ever on them or linked to one through lineage'),
  jurisdictions: z.array(z.string().regex(/^[A-Za-z]{2}$/).transform((j) => j.toUpperCase())).min(1).max(50).optional()
    .describe('screen against the lists and reported bans of these jurisdictions only (["PK", "UN"])'),
}).superRefine((b, ctx) => {
  if ((b.name === undefined) === (b.names === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['names'], message: 'give either "name" or "names", not both and not neither' });
  }
});

const ScreenResponse = z.object({ asOf: z.string(), threshold: z.number(), results: z.array(ScreenResult) });

export function screenRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'POST',
    url: '/screen',
    config: { access: 'viewer' },
    schema: {
      tags: ['screening'],
      summary: 'Screen one name or many against the registry',
      description: `The same JSON as \`proscribe screen --format json\`: for each name, ranked hits with the entity, the name that matched, the score and its explanation, and whether the hit is listed on the as-of day (\`status\`: listed itself, linked through lineage, or neither), with each listing's list and measure. ${roleNote('viewer')}`,
      body: ScreenBody,
      response: { 200: ScreenResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request) => {
      const b = request.body;
      const options = {
        asOf: b.asOf ?? todayIso(), threshold: b.threshold ?? DEFAULT_THRESHOLD, limit: b.limit ?? DEFAULT_LIMIT,
        ...(b.kinds ? { kinds: b.kinds } : {}), ...(b.closest === undefined ? {} : { closest: b.closest }),
        ...(b.lists ? { lists: b.lists } : {}), ...(b.jurisdictions ? { jurisdictions: b.jurisdictions } : {}),
      };
      const screener = await ctx.screeners.get();
      checkListFilter(screener, b.lists);
      const names = b.names ?? [b.name!];
      return { asOf: options.asOf, threshold: options.threshold, results: names.map((n) => screener.screen(n, options)) };
    },
  });
}
