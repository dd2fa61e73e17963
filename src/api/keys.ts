import { createHash, randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';
import { API_KEY_ROLES, type ApiKey, type ApiKeyRole, type Repository } from '../store/repository.js';

/** Keys carry a recognisable prefix so a leaked one is easy to spot in logs and secret scanners. */
const KEY_PREFIX = 'psk_';

/** What a key looks like to its users: never its hash. */
export interface ApiKeyView {
  id: number;
  name: string;
  role: ApiKeyRole;
  createdAt: string;
  revokedAt: string | null;
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function keyView(k: ApiKey): ApiKeyView {
  return { id: k.id, name: k.name, role: k.role, createdAt: k.createdAt, revokedAt: k.revokedAt };
}

export function parseRole(value: string): ApiKeyRole {
  if (!API_KEY_ROLES.includes(value as ApiKeyRole)) {
    throw new InputError(`role must be one of ${API_KEY_ROLES.join(', ')}, not "${value}"`, { field: 'role' });
  }
  return value as ApiKeyRole;
}

/**
 * Make a new key: 32 random bytes, of which only the SHA-256 is stored. The secret is returned
 * once, here; nothing can show it again.
 */
export async function createApiKey(repo: Repository, name: string, role: ApiKeyRole): Promise<{ key: ApiKeyView; secret: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw new InputError('an API key needs a name (who or what uses it)', { field: 'name' });
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const key = await repo.createApiKey({ name: trimmed, role, keyHash: hashApiKey(secret) });
  return { key: keyView(key), secret };
}

export async function hasActiveKeys(repo: Repository): Promise<boolean> {
  return (await repo.listApiKeys()).some((k) => k.revokedAt === null);
}
