import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { apiKeys, organisations } from '../db/schema';
import type { Actor } from './actor';
import { constantTimeEqual, hashApiKey } from './keys';

/**
 * The actor behind a bearer token, or null: the administrator token (when configured), or an
 * unrevoked API key looked up by its hash.
 */
export async function authenticate(db: Database, token: string, adminToken: string | undefined): Promise<Actor | null> {
  if (adminToken && constantTimeEqual(token, adminToken)) return { kind: 'admin' };
  if (!token.startsWith('cfk_')) return null;
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      role: apiKeys.role,
      organisationId: apiKeys.organisationId,
      organisationKind: organisations.kind,
    })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.secretHash, hashApiKey(token)), isNull(apiKeys.revokedAt)));
  return row ? { kind: 'key', ...row } : null;
}
