import { z } from 'zod';
import { readChanges } from '../../changes/change-feed.js';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody } from '../errors.js';

const ChangeEntry = z.object({
  cursor: z.string().describe('pass as `since` to read what came after this entry'),
  at: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  entity: z.object({ id: z.number().int(), name: z.string(), kind: z.string(), refs: z.array(z.string()) }),
  list: z.string().nullable(),
  fact: z.number().int().nullable(),
  decision: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()).describe('what changed: the listing and its date, names added, lineage, a merge'),
  cause: z.string().describe('the importer and list version, or who decided, and their note'),
}).meta({ id: 'Change' });

export function changeRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/changes',
    config: { access: 'viewer' },
    schema: {
      tags: ['registry'],
      summary: 'The change feed: entities added to lists, removed from them, or changed, in order, with their cause',
      description: `The same JSON as \`proscribe changes --format json\`. Page with \`since=next\` until \`more\` is false. ${roleNote('viewer')}`,
      querystring: z.object({
        since: z.string().max(40).optional().describe('a cursor from an earlier page (c123), or a day YYYY-MM-DD'),
        list: z.string().max(48).optional(),
        limit: z.coerce.number().int().min(1).max(5000).optional(),
      }),
      response: { 200: z.object({ changes: z.array(ChangeEntry), next: z.string().nullable(), more: z.boolean() }), 400: ErrorBody, 401: ErrorBody },
    },
    handler: async (request) => readChanges(ctx.repo, request.query),
  });
}
