import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyRole, Repository } from '../store/repository.js';
import { ApiError } from './errors.js';
import { hasActiveKeys, hashApiKey } from './keys.js';

/** Who may call a route: a role, or anyone (health, the OpenAPI document, the UI's files). */
export type Access = ApiKeyRole | 'public';

const RANK: Record<ApiKeyRole, number> = { viewer: 1, analyst: 2, admin: 3 };

/** The caller of a request, as the API key (or the open local server) says. */
export interface Actor {
  /** Recorded as who decided: the key's name, or the server's local user when it runs open. */
  name: string;
  role: ApiKeyRole;
  keyId: number | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface AuthOptions {
  /** Keys are required even when none exists (a server bound to a non-loopback address). */
  requireKeys: boolean;
  /** Who decides when the server runs open on loopback with no keys. */
  openActorName: string;
}

/** The key of a request: `Authorization: Bearer KEY`, else `X-API-Key: KEY`. */
export function presentedKey(request: FastifyRequest): string | null {
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw new ApiError(401, 'unauthorized', 'the Authorization header must be "Bearer KEY"');
    return m[1]!;
  }
  const header = request.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() ? value.trim() : null;
}

/**
 * The onRequest hook of every API route. It runs before the body is read, so a caller without
 * a valid key cannot make the server parse (or store) an upload. With no key at all in the
 * store, a loopback server is open and the caller acts as admin under the local user's name.
 */
export function authHook(repo: Repository, options: AuthOptions) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    // A route that does not say who may call it is closed to all but admins.
    const needed: Access = access ?? 'admin';
    if (needed === 'public') return;
    const secret = presentedKey(request);
    let actor: Actor;
    if (secret !== null) {
      const key = await repo.findApiKeyByHash(hashApiKey(secret));
      if (!key || key.revokedAt !== null) throw new ApiError(401, 'unauthorized', key ? 'this API key has been revoked' : 'unknown API key');
      actor = { name: key.name, role: key.role, keyId: key.id };
    } else {
      if (options.requireKeys || (await hasActiveKeys(repo))) {
        throw new ApiError(401, 'unauthorized', 'an API key is required: send "Authorization: Bearer KEY" or "X-API-Key: KEY"');
      }
      actor = { name: options.openActorName, role: 'admin', keyId: null };
    }
    if (RANK[actor.role] < RANK[needed]) {
      throw new ApiError(403, 'forbidden', `this route needs the ${needed} role; the key "${actor.name}" has ${actor.role}`);
    }
    request.actor = actor;
  };
}

/** The actor of an authenticated request (set by the hook; absent only on public routes). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new ApiError(401, 'unauthorized', 'no caller on this request');
  return request.actor;
}
