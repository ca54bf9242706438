import { ForbiddenError } from '../errors';

export type OrganisationKind =
  'association' | 'federation' | 'investor' | 'government' | 'bank' | 'guarantee_fund' | 'auditor';
export type KeyRole = 'applicant' | 'approver' | 'programme_admin' | 'auditor';

/** The kinds of organisation that administer programmes and hold programme_admin keys (never an association). */
export const ADMINISTRATOR_KINDS: readonly OrganisationKind[] = ['government', 'guarantee_fund', 'bank'];

/**
 * Who is calling: the platform administrator (COFUND_ADMIN_TOKEN) or an organisation's API key. A
 * signed-in person acts through a credential key of their own (src/people): `userId` names them.
 */
export type Actor =
  | { kind: 'admin'; userId?: string }
  | {
      kind: 'key';
      keyId: string;
      organisationId: string;
      organisationKind: OrganisationKind;
      role: KeyRole;
      userId?: string;
    };

export type KeyActor = Extract<Actor, { kind: 'key' }>;

/** Auditors and the administrator read everything; everyone else reads what concerns them. */
export const readsEverything = (actor: Actor): boolean =>
  actor.kind === 'admin' || (actor.kind === 'key' && actor.role === 'auditor');

export function isRole(actor: Actor, ...roles: KeyRole[]): actor is KeyActor {
  return actor.kind === 'key' && roles.includes(actor.role);
}

/** Refuses anyone but keys of the given roles (and the administrator when `admin` is true). */
export function requireRole(actor: Actor, roles: KeyRole[], options: { admin?: boolean } = {}): void {
  const allowed = actor.kind === 'admin' ? options.admin === true : roles.includes(actor.role);
  if (allowed) return;
  const who = actor.kind === 'admin' ? 'the platform administrator' : `a ${actor.role} key`;
  throw new ForbiddenError(
    `${who} cannot do this; it needs ${[...roles, ...(options.admin ? ['admin'] : [])].join(' or ')}`,
  );
}

export function requireAdmin(actor: Actor): void {
  if (actor.kind !== 'admin') throw new ForbiddenError('only the platform administrator can do this');
}

/** Who is calling and when: what every workflow operation needs besides its database and input. */
export interface Caller {
  actor: Actor;
  now: Date;
  requestId?: string;
}
