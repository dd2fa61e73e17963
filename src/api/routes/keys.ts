import { z } from 'zod';
import { type Api, type ApiContext, roleNote } from '../context.js';
import { ErrorBody, notFound } from '../errors.js';
import { createApiKey, keyView } from '../keys.js';
import { ApiKeyView, IdParams, Role } from '../schemas.js';

const CreateKeyBody = z.object({
  name: z.string().trim().min(1).max(200).describe('who or what uses the key; recorded as who decided'),
  role: Role.describe('viewer: reads and screens; analyst: also ingests and reviews; admin: also imports lists and manages keys'),
});

export function keyRoutes(app: Api, ctx: ApiContext): void {
  app.route({
    method: 'GET',
    url: '/keys',
    config: { access: 'admin' },
    schema: { tags: ['keys'], summary: 'API keys (never their secrets)', description: roleNote('admin'), response: { 200: z.object({ keys: z.array(ApiKeyView) }), 401: ErrorBody, 403: ErrorBody } },
    handler: async () => ({ keys: (await ctx.repo.listApiKeys()).map(keyView) }),
  });

  app.route({
    method: 'POST',
    url: '/keys',
    config: { access: 'admin' },
    schema: {
      tags: ['keys'],
      summary: 'Create an API key',
      description: `The secret is in this response only: the server keeps a SHA-256 of it. ${roleNote('admin')}`,
      body: CreateKeyBody,
      response: { 201: z.object({ key: ApiKeyView, secret: z.string() }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: async (request, reply) => reply.code(201).send(await createApiKey(ctx.repo, request.body.name, request.body.role)),
  });

  app.route({
    method: 'DELETE',
    url: '/keys/:id',
    config: { access: 'admin' },
    schema: {
      tags: ['keys'],
      summary: 'Revoke an API key',
      description: `Requests with it are refused from then on (401). Revoking a revoked key keeps its first date. ${roleNote('admin')}`,
      params: IdParams,
      response: { 200: z.object({ key: ApiKeyView }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request) => {
      const key = await ctx.repo.revokeApiKey(request.params.id);
      if (!key) throw notFound(`no API key with id ${request.params.id}`, 'id');
      return { key: keyView(key) };
    },
  });
}
