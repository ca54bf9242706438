/**
 * People: invitations, passwords, sessions, sign-in limits and the second factor. Pure domain: the
 * portal (src/portal) and the API (src/api/people) call these with a database and the time.
 */
import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Actor, type Caller, type KeyRole, PERSON_CREDENTIAL_PREFIX, hashApiKey, readsEverything } from '../auth';
import { recordAudit } from '../audit';
import type { Executor } from '../db';
import { apiKeys, auditLog, invitations, loginFailures, organisations, sessions, users } from '../db/schema';
import { CofundError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Locale } from '../i18n';
import { getOrganisation, ROLE_HOLDERS } from '../organisations/service';
import { type MailPreferences, mailPreferenceColumns } from './mail-preferences';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { matchingStep, newTotpSecret, otpauthUri } from './totp';
import { hashToken, newToken } from './tokens';

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
/** A person of an organisation (not a platform administrator): the database's check makes these non-null. */
export type Member = User & { organisationId: string; credentialKeyId: string; role: KeyRole };
const asMember = (user: User) => user as Member;

const HOUR = 3_600_000;
const MINUTE = 60_000;
export const INVITATION_LIFETIME_MS = 72 * HOUR;
/** A session ends after this long without a request, and in any case this long after sign-in. */
export const SESSION_IDLE_MS = 30 * MINUTE;
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/** Failed sign-ins counted within this window: per account (then locked), per client address (then 429). */
export const LOGIN_WINDOW_MS = 15 * MINUTE;
export const ACCOUNT_FAILURES = 5;
export const CLIENT_FAILURES = 20;
export const LOCKOUT_MS = 15 * MINUTE;
/** last_seen_at is written at most this often: a page view is not a database write. */
const TOUCH_EVERY_MS = MINUTE;

/** People with these roles decide (approvals, money moves): they must enrol a second factor first. */
export const SECOND_FACTOR_ROLES: readonly KeyRole[] = ['approver', 'programme_admin'];
export const needsSecondFactor = (user: Pick<User, 'role'>) =>
  user.role !== null && SECOND_FACTOR_ROLES.includes(user.role);

/** How a person acts: an administrator as the administrator token does, anyone else through their credential. */
export async function personActor(db: Executor, user: User): Promise<Actor> {
  if (user.administrator || !user.organisationId || !user.credentialKeyId || !user.role) {
    return { kind: 'admin', userId: user.id };
  }
  const [organisation] = await db
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, user.organisationId));
  return {
    kind: 'key',
    keyId: user.credentialKeyId,
    organisationId: user.organisationId,
    organisationKind: organisation!.kind,
    role: user.role,
    userId: user.id,
  };
}

/** The administrator, or a programme_admin of the organisation itself, manages its people. */
function requireManagesPeople(actor: Actor, organisationId: string): void {
  if (actor.kind === 'admin') return;
  if (actor.role === 'programme_admin' && actor.organisationId === organisationId) return;
  throw new ForbiddenError("only the administrator or the organisation's programme_admin manages its people");
}

export interface Invited {
  user: Member;
  /** The one-time token of the link; shown in this response only. */
  token: string;
  expiresAt: Date;
}

export async function inviteUser(
  db: Executor,
  caller: Caller,
  organisationId: string,
  input: { email: string; name: string; role: KeyRole; locale?: Locale | undefined },
): Promise<Invited> {
  const organisation = await getOrganisation(db, caller, organisationId);
  requireManagesPeople(caller.actor, organisationId);
  if (!ROLE_HOLDERS[input.role].includes(organisation.kind)) {
    throw ValidationError.field(
      'body.role',
      `a ${organisation.kind} cannot have ${input.role} people (allowed for ${ROLE_HOLDERS[input.role].join(', ')})`,
    );
  }
  const email = input.email.trim().toLowerCase();
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw new ConflictError('email-taken', `${email} already has an account`);
  // The credential's secret is never shown to anyone: it cannot be used as a bearer key.
  const [credential] = await db
    .insert(apiKeys)
    .values({
      organisationId,
      role: input.role,
      label: `person: ${email}`,
      prefix: PERSON_CREDENTIAL_PREFIX,
      secretHash: hashApiKey(newToken()),
    })
    .returning({ id: apiKeys.id });
  const [user] = await db
    .insert(users)
    .values({
      organisationId,
      credentialKeyId: credential!.id,
      email,
      name: input.name,
      role: input.role,
      locale: input.locale ?? null,
    })
    .returning();
  const issued = await issueInvitation(db, user!, caller.now);
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'user.invited',
      resourceType: 'user',
      resourceId: user!.id,
      details: { organisationId, email, role: input.role, expiresAt: issued.expiresAt.toISOString() },
    },
    caller.requestId,
  );
  return { user: asMember(user!), ...issued };
}

async function issueInvitation(db: Executor, user: User, now: Date) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  await db.insert(invitations).values({ userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** A fresh link for someone whose invitation expired or was lost; earlier unused links stop working. */
export async function reinviteUser(db: Executor, caller: Caller, userId: string): Promise<Invited> {
  const user = await getUser(db, caller, userId);
  requireManagesPeople(caller.actor, user.organisationId);
  await db
    .update(invitations)
    .set({ usedAt: caller.now })
    .where(and(eq(invitations.userId, user.id), isNull(invitations.usedAt)));
  const issued = await issueInvitation(db, user, caller.now);
  await recordAudit(
    db,
    caller.actor,
    { action: 'user.reinvited', resourceType: 'user', resourceId: user.id, details: { email: user.email } },
    caller.requestId,
  );
  return { user, ...issued };
}

/** Whether any administrator exists: without one the portal's first page creates one. */
export async function hasAdministrator(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.administrator, true)).limit(1);
  return row !== undefined;
}

/**
 * The first administrator, created from the first-run page by whoever holds the administrator
 * token; refused once one exists (the lock makes two simultaneous first runs create one).
 */
export async function createFirstAdministrator(
  db: Executor,
  input: { email: string; name: string; password: string },
  requestId?: string,
): Promise<User> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('cofund:first-administrator'))`);
  if (await hasAdministrator(db)) {
    throw new ConflictError('already-set-up', 'An administrator exists already: sign in instead.');
  }
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, { email, name: input.name });
  if (problem) throw ValidationError.field('password', `The password ${problem}.`, 'weak-password');
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (taken) throw ValidationError.field('email', `${email} already has an account`, 'email-taken');
  const [user] = await db
    .insert(users)
    .values({ administrator: true, email, name: input.name, passwordHash: await hashPassword(input.password) })
    .returning();
  await recordAudit(
    db,
    { kind: 'admin', userId: user!.id },
    { action: 'user.administrator-created', resourceType: 'user', resourceId: user!.id, details: { email } },
    requestId,
  );
  return user!;
}

export async function getUser(db: Executor, caller: Caller, userId: string): Promise<Member> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const actor = caller.actor;
  const visible =
    user && (readsEverything(actor) || (actor.kind === 'key' && actor.organisationId === user.organisationId));
  if (!visible || !user.organisationId) throw new NotFoundError('user', userId);
  return asMember(user);
}

export interface ListedUser extends Member {
  /** Whether an unused, unexpired invitation waits. */
  invitationPending: boolean;
}

export async function listUsers(db: Executor, caller: Caller, organisationId: string): Promise<ListedUser[]> {
  await getOrganisation(db, caller, organisationId);
  requireManagesPeople(caller.actor, organisationId);
  const rows = await db
    .select()
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(desc(users.createdAt));
  const pending = await db
    .select({ userId: invitations.userId })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(
      and(eq(users.organisationId, organisationId), isNull(invitations.usedAt), gt(invitations.expiresAt, caller.now)),
    );
  const waiting = new Set(pending.map((row) => row.userId));
  return rows.map((user) => ({ ...asMember(user), invitationPending: waiting.has(user.id) }));
}

/** The person an invitation link is for, while it is unused and unexpired. */
export async function openInvitation(db: Executor, token: string, now: Date): Promise<User> {
  const [row] = await db
    .select({ user: users, invitation: invitations })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row || row.invitation.usedAt !== null || row.invitation.expiresAt.getTime() <= now.getTime()) {
    throw new CofundError('invitation-invalid', 404, 'This invitation link is unknown, used or expired.');
  }
  return row.user;
}

/** Sets the password from an invitation link; the link then stops working. */
export async function acceptInvitation(
  db: Executor,
  token: string,
  password: string,
  now: Date,
  requestId?: string,
): Promise<User> {
  const user = await openInvitation(db, token, now);
  const problem = passwordProblem(password, user);
  if (problem) throw ValidationError.field('password', `The password ${problem}.`, 'weak-password');
  const used = await db
    .update(invitations)
    .set({ usedAt: now })
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.usedAt)))
    .returning({ id: invitations.id });
  // Two submissions of the same link: only the first sets the password.
  if (used.length === 0) throw new CofundError('invitation-invalid', 404, 'This invitation link was just used.');
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, user.id));
  await recordAudit(
    db,
    await personActor(db, user),
    { action: 'user.password-set', resourceType: 'user', resourceId: user.id },
    requestId,
  );
  return user;
}

export class TooManyAttempts extends CofundError {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-attempts', 429, `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} min.`);
  }
}

export interface SignIn {
  email: string;
  password: string;
  /** The six digits from the authenticator app, for people who enrolled one. */
  code?: string | undefined;
  clientAddress: string;
  /** The token of a session the browser already holds: ended, never reused (rotation). */
  previousToken?: string | undefined;
  requestId?: string | undefined;
}

export interface SignedIn {
  user: User;
  session: Session;
  /** The cookie's value; only its hash is stored. */
  token: string;
}

const INVALID_CREDENTIALS = 'The e-mail address or the password is wrong.';

/**
 * Signs a person in. Refused, each time recorded in the audit log: a client address with too many
 * recent failures (429, before any check), a locked account, a wrong password or code. The account
 * locks after ACCOUNT_FAILURES failures within the window. An unknown address costs the same time
 * as a known one and gets the same answer. A refusal is returned, not thrown: what it recorded
 * (failures, lockouts) must commit.
 */
export async function signIn(db: Executor, input: SignIn, now: Date): Promise<SignedIn | { refused: CofundError }> {
  try {
    return await attemptSignIn(db, input, now);
  } catch (error) {
    if (error instanceof CofundError) return { refused: error };
    throw error;
  }
}

async function attemptSignIn(db: Executor, input: SignIn, now: Date): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [fromClient] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.clientAddress, input.clientAddress), gt(loginFailures.at, since)));
  if (fromClient!.n >= CLIENT_FAILURES) {
    await recordAnonymous(db, 'user.login-throttled', email, { clientAddress: input.clientAddress }, input.requestId);
    throw new TooManyAttempts(LOGIN_WINDOW_MS / 1000);
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (user?.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await recordAudit(
      db,
      await personActor(db, user),
      { action: 'user.login-refused', resourceType: 'user', resourceId: user.id, details: { reason: 'locked' } },
      input.requestId,
    );
    throw new TooManyAttempts((user.lockedUntil.getTime() - now.getTime()) / 1000);
  }
  const passwordRight = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !user.passwordHash || !passwordRight) {
    await recordFailure(db, email, user, input, now, 'password');
    throw ValidationError.field('password', INVALID_CREDENTIALS, 'invalid-credentials', 401);
  }
  if (user.totpConfirmedAt && user.totpSecret) {
    const step = matchingStep(user.totpSecret, input.code ?? '', now, user.totpLastStep);
    if (step === undefined) {
      await recordFailure(db, email, user, input, now, 'code');
      throw ValidationError.field('code', 'Type the current code from your authenticator app.', 'invalid-code', 401);
    }
    await db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
  }
  if (input.previousToken) await endSession(db, input.previousToken, now);
  const token = newToken();
  const [session] = await db
    .insert(sessions)
    .values({
      userId: user.id,
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    })
    .returning();
  await recordAudit(
    db,
    await personActor(db, user),
    {
      action: 'user.login',
      resourceType: 'user',
      resourceId: user.id,
      details: { clientAddress: input.clientAddress },
    },
    input.requestId,
  );
  return { user, session: session!, token };
}

async function recordFailure(
  db: Executor,
  email: string,
  user: User | undefined,
  input: SignIn,
  now: Date,
  reason: 'password' | 'code',
) {
  await db.insert(loginFailures).values({ email, clientAddress: input.clientAddress, at: now });
  if (!user) {
    await recordAnonymous(db, 'user.login-failed', email, { clientAddress: input.clientAddress }, input.requestId);
    return;
  }
  const actor = await personActor(db, user);
  const details = { reason, clientAddress: input.clientAddress };
  await recordAudit(
    db,
    actor,
    { action: 'user.login-failed', resourceType: 'user', resourceId: user.id, details },
    input.requestId,
  );
  const [recent] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))));
  if (recent!.n >= ACCOUNT_FAILURES) {
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
    await db.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
    await recordAudit(
      db,
      actor,
      {
        action: 'user.locked',
        resourceType: 'user',
        resourceId: user.id,
        details: { failures: recent!.n, lockedUntil: lockedUntil.toISOString() },
      },
      input.requestId,
    );
  }
}

/** An event with no known person behind it (an unknown address, a throttled client). */
async function recordAnonymous(
  db: Executor,
  action: string,
  email: string,
  details: Record<string, unknown>,
  requestId: string | undefined,
) {
  await db.insert(auditLog).values({
    actorKind: 'anonymous',
    action,
    resourceType: 'login',
    resourceId: email.slice(0, 320),
    details,
    requestId: requestId ?? null,
  });
}

export interface ActiveSession {
  session: Session;
  user: User;
  actor: Actor;
}

/**
 * The live session a cookie names, or undefined: unknown, ended, idle too long, past its absolute
 * end, or its person's credential revoked.
 */
export async function activeSession(db: Executor, token: string, now: Date): Promise<ActiveSession | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users, revokedAt: apiKeys.revokedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(apiKeys, eq(apiKeys.id, users.credentialKeyId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt)));
  if (!row || (row.revokedAt ?? null) !== null) return undefined;
  const at = now.getTime();
  if (row.session.expiresAt.getTime() <= at || row.session.lastSeenAt.getTime() + SESSION_IDLE_MS <= at) {
    return undefined;
  }
  if (at - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  return { session: row.session, user: row.user, actor: await personActor(db, row.user) };
}

async function endSession(db: Executor, token: string, now: Date) {
  return db
    .update(sessions)
    .set({ endedAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt)))
    .returning({ userId: sessions.userId });
}

export async function signOut(db: Executor, active: ActiveSession, now: Date, requestId?: string): Promise<void> {
  await db.update(sessions).set({ endedAt: now }).where(eq(sessions.id, active.session.id));
  await recordAudit(
    db,
    active.actor,
    { action: 'user.logout', resourceType: 'user', resourceId: active.user.id },
    requestId,
  );
}

export async function setLocale(db: Executor, user: User, locale: Locale | null): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, user.id));
}

/** Which mail the person receives (src/people/mail-preferences.ts); the dispatcher reads them when it fans out. */
export async function setMailPreferences(db: Executor, user: User, preferences: MailPreferences): Promise<void> {
  await db.update(users).set(mailPreferenceColumns(preferences)).where(eq(users.id, user.id));
}

/** The secret to enrol (kept until confirmed), with what an authenticator app scans. */
export async function beginTotpEnrolment(db: Executor, user: User): Promise<{ secret: string; uri: string }> {
  if (user.totpConfirmedAt) throw new ConflictError('already-enrolled', 'A second factor is already enrolled.');
  let secret = user.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await db.update(users).set({ totpSecret: secret }).where(eq(users.id, user.id));
  }
  return { secret, uri: otpauthUri(secret, user.email) };
}

/** Confirms enrolment with a code from the app: proof the secret was stored there. */
export async function confirmTotpEnrolment(
  db: Executor,
  active: ActiveSession,
  code: string,
  now: Date,
  requestId?: string,
): Promise<void> {
  const user = active.user;
  if (user.totpConfirmedAt) throw new ConflictError('already-enrolled', 'A second factor is already enrolled.');
  const step = user.totpSecret ? matchingStep(user.totpSecret, code.trim(), now, user.totpLastStep) : undefined;
  if (step === undefined) throw ValidationError.field('code', 'This code does not match; type the current one.');
  await db.update(users).set({ totpConfirmedAt: now, totpLastStep: step }).where(eq(users.id, user.id));
  await recordAudit(
    db,
    active.actor,
    { action: 'user.second-factor-enrolled', resourceType: 'user', resourceId: user.id },
    requestId,
  );
}

/** Refuses a decision by a person who must have a second factor and has none yet. */
export function requireSecondFactor(user: User): void {
  if (needsSecondFactor(user) && !user.totpConfirmedAt) {
    throw new CofundError(
      'second-factor-required',
      403,
      'Enrol an authenticator app (your account page) before deciding anything.',
    );
  }
}
