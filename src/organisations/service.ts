import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import {
  ADMINISTRATOR_KINDS,
  PERSON_CREDENTIAL_PREFIX,
  type Caller,
  type KeyRole,
  type OrganisationKind,
  generateApiKey,
  hashApiKey,
  keyPrefix,
  readsEverything,
  requireAdmin,
} from '../auth';
import { recordAudit } from '../audit';
import { type Executor, type Position, olderThan } from '../db';
import { apiKeys, organisations } from '../db/schema';
import { ConflictError, NotFoundError, ValidationError } from '../errors';

export type Organisation = typeof organisations.$inferSelect;

/** Which organisations may hold keys of a role: reading everything is for auditors only. */
export const ROLE_HOLDERS: Record<KeyRole, readonly OrganisationKind[]> = {
  applicant: ['association', 'federation', 'investor'],
  approver: ['government', 'bank', 'guarantee_fund', 'federation', 'association'],
  programme_admin: ADMINISTRATOR_KINDS,
  auditor: ['auditor'],
};

export async function createOrganisation(
  db: Executor,
  caller: Caller,
  input: { name: string; kind: OrganisationKind },
): Promise<Organisation> {
  requireAdmin(caller.actor);
  const [organisation] = await db
    .insert(organisations)
    .values({ name: input.name.trim(), kind: input.kind })
    .returning();
  await recordAudit(
    db,
    caller.actor,
    { action: 'organisation.created', resourceType: 'organisation', resourceId: organisation!.id, details: input },
    caller.requestId,
  );
  return organisation!;
}

/** An organisation, if the caller may see it: administrators and auditors see all, others their own. */
export async function getOrganisation(db: Executor, caller: Caller, id: string): Promise<Organisation> {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, id));
  const visible =
    organisation &&
    (readsEverything(caller.actor) || (caller.actor.kind === 'key' && caller.actor.organisationId === id));
  if (!visible) throw new NotFoundError('organisation', id);
  return organisation;
}

export async function listOrganisations(db: Executor, caller: Caller, limit: number, after?: Position) {
  const actor = caller.actor;
  return db
    .select()
    .from(organisations)
    .where(
      and(
        readsEverything(actor) ? undefined : eq(organisations.id, actor.kind === 'key' ? actor.organisationId : ''),
        olderThan(organisations.createdAt, organisations.id, after),
      ),
    )
    .orderBy(desc(organisations.createdAt), desc(organisations.id))
    .limit(limit + 1);
}

export interface IssuedKey {
  id: string;
  organisationId: string;
  role: KeyRole;
  label: string;
  prefix: string;
  createdAt: Date;
  /** The key itself: shown in this response only. */
  key: string;
}

export async function issueApiKey(
  db: Executor,
  caller: Caller,
  organisationId: string,
  input: { role: KeyRole; label?: string },
): Promise<IssuedKey> {
  requireAdmin(caller.actor);
  const organisation = await getOrganisation(db, caller, organisationId);
  if (!ROLE_HOLDERS[input.role].includes(organisation.kind)) {
    throw ValidationError.field(
      'body.role',
      `a ${organisation.kind} cannot hold ${input.role} keys (allowed for ${ROLE_HOLDERS[input.role].join(', ')})`,
    );
  }
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      organisationId,
      role: input.role,
      label: input.label ?? '',
      prefix: keyPrefix(key),
      secretHash: hashApiKey(key),
    })
    .returning();
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'api-key.issued',
      resourceType: 'api-key',
      resourceId: row!.id,
      details: { organisationId, role: input.role, prefix: row!.prefix },
    },
    caller.requestId,
  );
  return {
    id: row!.id,
    organisationId,
    role: row!.role,
    label: row!.label,
    prefix: row!.prefix,
    createdAt: row!.createdAt,
    key,
  };
}

export async function listApiKeys(db: Executor, caller: Caller, organisationId: string) {
  requireAdmin(caller.actor);
  await getOrganisation(db, caller, organisationId);
  return db
    .select({
      id: apiKeys.id,
      organisationId: apiKeys.organisationId,
      role: apiKeys.role,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.organisationId, organisationId), ne(apiKeys.prefix, PERSON_CREDENTIAL_PREFIX)))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key at once: the next request made with it is refused. */
export async function revokeApiKey(db: Executor, caller: Caller, keyId: string) {
  requireAdmin(caller.actor);
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: caller.now })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning({
      id: apiKeys.id,
      organisationId: apiKeys.organisationId,
      role: apiKeys.role,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    });
  if (!row) {
    const [existing] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, keyId));
    if (!existing) throw new NotFoundError('API key', keyId);
    throw new ConflictError('already-revoked', `API key ${keyId} is already revoked`);
  }
  await recordAudit(
    db,
    caller.actor,
    { action: 'api-key.revoked', resourceType: 'api-key', resourceId: keyId, details: { prefix: row.prefix } },
    caller.requestId,
  );
  return row;
}
