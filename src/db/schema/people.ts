import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiKeyRole, apiKeys, organisations } from './workflow';

/*
 * People who use the portal. A person acts through a credential of their own: an api_keys row
 * whose secret nobody knows, so every record that names a key (approvals, contributions, the audit
 * log) names the person's credential, and every authorization rule written for keys applies to
 * people unchanged. A platform administrator is a person of no organisation, role or credential:
 * they act as the administrator token does.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    administrator: boolean('administrator').notNull().default(false),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    credentialKeyId: uuid('credential_key_id')
      .unique()
      .references(() => apiKeys.id),
    /** Lower-cased: one person per address. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: apiKeyRole('role'),
    /** es-MX, fr-MA or en; null: the browser's Accept-Language decides. */
    locale: text('locale'),
    /** scrypt$N$r$p$salt$hash (src/people/passwords.ts); null until the invitation is used. */
    passwordHash: text('password_hash'),
    /** The RFC 6238 shared secret (base32), set at enrolment; confirmed once a code from it was typed. */
    totpSecret: text('totp_secret'),
    totpConfirmedAt: instant('totp_confirmed_at'),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    lockedUntil: instant('locked_until'),
    /* The mail they receive (docs/events.md, "Mail"), each on until they turn it off on /account. */
    /** What waits for their decision: an application filed, a tranche requested, for a party they approve for. */
    mailDecisionsWaiting: boolean('mail_decisions_waiting').notNull().default(true),
    /** Their organisation's applications approved or rejected. */
    mailApplicationDecisions: boolean('mail_application_decisions').notNull().default(true),
    /** Their organisation's tranches paid. */
    mailTranchesPaid: boolean('mail_tranches_paid').notNull().default(true),
    /** Deadlines approaching that name their organisation. */
    mailDeadlines: boolean('mail_deadlines').notNull().default(true),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('users_organisation_idx').on(t.organisationId),
    check(
      'users_member_or_administrator',
      sql`CASE WHEN ${t.administrator}
        THEN num_nonnulls(${t.organisationId}, ${t.credentialKeyId}, ${t.role}) = 0
        ELSE num_nulls(${t.organisationId}, ${t.credentialKeyId}, ${t.role}) = 0 END`,
    ),
  ],
);

/** One-time links that set a person's password; stored as SHA-256 of the token. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('invitations_user_idx').on(t.userId)],
);

/** Signed-in browsers: the cookie holds the token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    /** The synchronizer token every state-changing form of this session carries. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    lastSeenAt: instant('last_seen_at').notNull(),
    /** The absolute end, whatever the activity. */
    expiresAt: instant('expires_at').notNull(),
    endedAt: instant('ended_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins, counted per account and per client address within a window. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: instant('at')
      .notNull()
      .default(sql`clock_timestamp()`),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
  },
  (t) => [
    index('login_failures_email_idx').on(t.email, t.at),
    index('login_failures_client_idx').on(t.clientAddress, t.at),
  ],
);
