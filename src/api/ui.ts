import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from './context.js';

/**
 * Serve the built web UI (Vite, `base: '/'`) at the root: `/` is its index.html and its files
 * sit beside the JSON routes, which win wherever a path is theirs. The UI routes with `#/...`,
 * so no client-side path collides with an API path.
 */
export async function registerUi(app: Api, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: dir, prefix: '/', index: 'index.html' });
}

/**
 * A browser asking for a page that is no file and no API route gets the UI's index.html (a
 * client-side route, a bookmark); anything else gets the JSON 404.
 */
export async function uiFallback(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (!String(request.headers.accept ?? '').includes('text/html')) return false;
  await reply.type('text/html; charset=utf-8').sendFile('index.html');
  return true;
}
