import { z } from 'zod';
import { DEFAULT_THRESHOLD, compareNames } from '../../names/index.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';

const Kind = z.enum(['person', 'organisation', 'company', 'Person', 'Organization', 'Company', 'LegalEntity'])
  .transform((k) => (k === 'Person' ? 'person' : k === 'Company' ? 'company' : k === 'Organization' || k === 'LegalEntity' ? 'organisation' : k));

export function compareRoutes(app: Api, _ctx: ApiContext): void {
  app.route({
    method: 'POST',
    url: '/compare',
    config: { access: 'viewer' },
    schema: {
      tags: ['screening'],
      summary: 'Score pairs of names against each other with the screening engine',
      description: `Up to 1000 pairs, answered in order, as \`proscribe compare --input --format jsonl\`: \`score\`, and \`alert\` at the screening threshold (${DEFAULT_THRESHOLD}). ${roleNote('viewer')}`,
      body: z.object({ pairs: z.array(z.object({ left: z.string().trim().min(1).max(500), right: z.string().trim().min(1).max(500), kind: Kind.optional() })).min(1).max(1000) }),
      response: {
        200: z.object({
          threshold: z.number(),
          results: z.array(z.object({ left: z.string(), right: z.string(), kind: z.string().nullable(), score: z.number(), alert: z.boolean(), rules: z.array(z.string()) })),
        }),
        400: ErrorBody, 401: ErrorBody,
      },
    },
    handler: async (request) => ({
      threshold: DEFAULT_THRESHOLD,
      results: request.body.pairs.map((p) => {
        const c = compareNames(p.left, p.right);
        return { left: p.left, right: p.right, kind: p.kind ?? null, score: c.score, alert: c.alert, rules: c.explanation?.rules ?? [] };
      }),
    }),
  });
}
