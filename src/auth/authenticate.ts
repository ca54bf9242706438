import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { apiKeys, organisations } from '../db/schema';
import type { Actor } from './actor';
import type { KeyCache } from './key-cache';
import { constantTimeEqual, hashApiKey } from './keys';

/**
 * The actor behind a bearer token, or null: the administrator token (when configured), or an
 * unrevoked API key looked up by its hash -- or remembered by `cache` from a lookup less than its
 * TTL ago (`now` in ms, the app's clock).
 */
export async function authenticate(
  db: Database,
  token: string,
  adminToken: string | undefined,
  cache?: { keys: KeyCache; now: number },
): Promise<Actor | null> {
  if (adminToken && constantTimeEqual(token, adminToken)) return { kind: 'admin' };
  if (!token.startsWith('cfk_')) return null;
  const secretHash = hashApiKey(token);
  const cached = cache?.keys.get(secretHash, cache.now);
  if (cached) return cached;
  const ticket = cache?.keys.ticket();
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      role: apiKeys.role,
      organisationId: apiKeys.organisationId,
      organisationKind: organisations.kind,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const actor = { kind: 'key' as const, ...row };
  if (cache) cache.keys.remember(secretHash, actor, cache.now, ticket!);
  return actor;
}
