import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { journalEntries, ledgerAccounts, ledgerHolds } from './ledger';

/*
 * The fund's workflow: who is who, which programmes run which rules, and the life of each
 * application. Every step that moves money records its ledger entries or holds in the same
 * transaction as the state change here, and an audit row saying who did it.
 */

// Millisecond precision, like a JS Date: list cursors carry (time, id) as Dates, and a stored
// microsecond would make rows less than a millisecond apart fall between two pages.
export const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const money = (name: string) => numeric(name, { mode: 'string' });

export const organisationKind = pgEnum('organisation_kind', [
  'association',
  'federation',
  'investor',
  'government',
  'bank',
  'guarantee_fund',
  'auditor',
]);
export const apiKeyRole = pgEnum('api_key_role', ['applicant', 'approver', 'programme_admin', 'auditor']);
export const applicationStatus = pgEnum('application_status', [
  'filed', // eligible, plan stored, waiting for the required approvals
  'approved', // every required party approved: public shares reserved
  'rejected', // a required party said no
  'cancelled', // withdrawn or dropped (e.g. funds not proven in time): holds released, money returned
  'closed', // finished: project accounts at zero
]);
export const decision = pgEnum('decision', ['approve', 'reject']);
export const trancheStatus = pgEnum('tranche_status', ['requested', 'posted', 'rejected']);
/** What an account of the chart of accounts is for (src/workflow/chart.ts). */
export const chartRole = pgEnum('chart_role', [
  'pool',
  'source',
  'fx',
  'share',
  'disbursed',
  'bank-charges',
  'bank-interest',
]);
/** A party of a programme: invited by its creator, bound only once the organisation accepts. */
export const partyBindingStatus = pgEnum('party_binding_status', ['invited', 'accepted', 'declined']);

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: organisationKind('kind').notNull(),
  createdAt: instant('created_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: apiKeyRole('role').notNull(),
    /** The first characters of the key, to recognise it in lists and logs; never enough to use it. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole key: the key itself is shown once and never stored. */
    secretHash: text('secret_hash').notNull().unique(),
    label: text('label').notNull().default(''),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('api_keys_organisation_idx').on(t.organisationId)],
);

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    ruleSet: text('rule_set').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /**
     * The organisation whose programme_admin keys manage it (refunds, cancellations, closing).
     * Null: the organisations funding its public pools manage it together.
     */
    administratorId: uuid('administrator_id').references(() => organisations.id),
    /** Days an application or tranche may wait for a party's decision before that party is reminded. */
    approvalReminderDays: integer('approval_reminder_days').notNull().default(10),
    /**
     * Whether the workflow refuses a step whose papers the rules require are missing
     * (docs/documents.md, "Required by the rules"). Off: the checklist only advises.
     */
    requireDocuments: boolean('require_documents').notNull().default(false),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('programmes_administrator_idx').on(t.administratorId),
    check('programmes_approval_reminder_days_check', sql`${t.approvalReminderDays} BETWEEN 1 AND 365`),
  ],
);

/**
 * Which organisation plays which party of the rule set in a programme ("federal" -> the ministry).
 * The programme's creator invites; the organisation itself accepts (or its own key opened the
 * programme). Only an accepted row binds: money moves in a party's name only then. An accepted row
 * never changes (a trigger refuses it, drizzle/0006_party_acceptance.sql).
 */
export const programmeParties = pgTable(
  'programme_parties',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    party: text('party').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: partyBindingStatus('status').notNull().default('invited'),
    invitedAt: instant('invited_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    /** When the organisation accepted or declined; null while invited (and for bindings older than invitations). */
    decidedAt: instant('decided_at'),
    /** The key that accepted or declined. */
    decidedByKey: uuid('decided_by_key').references(() => apiKeys.id),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.party] }),
    index('programme_parties_organisation_idx').on(t.organisationId),
  ],
);

/**
 * Programme codes are global (they name ledger accounts, statements and letters): the platform
 * administrator reserves one for an organisation, whose programme_admin keys may then open a
 * programme under it. Nobody else can take it.
 */
export const programmeCodes = pgTable('programme_codes', {
  code: text('code').primaryKey(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  reservedAt: instant('reserved_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => organisations.id),
    /** The party of the rule set the applicant plays (club, investor). */
    applicantParty: text('applicant_party').notNull(),
    status: applicationStatus('status').notNull().default('filed'),
    title: text('title').notNull(),
    /** The application as filed (the evaluator's input). Immutable. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    /** The plan the rules produced at filing, with rule version and file hash. Immutable. */
    plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
    ruleVersion: text('rule_version').notNull(),
    ruleHash: text('rule_hash').notNull(),
    total: money('total').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    filedAt: instant('filed_at').notNull(),
    approvedAt: instant('approved_at'),
    /** When rejected, cancelled or closed: why, by whom (audit log has the details). */
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    endedAt: instant('ended_at'),
    /** Bumped on every state change: clients can send it back to detect a stale view. */
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('applications_programme_idx').on(t.programmeId, t.createdAt),
    index('applications_applicant_idx').on(t.applicantId, t.createdAt),
    check('applications_total_positive', sql`${t.total} > 0`),
  ],
);

/**
 * The chart of accounts: which programme (and application) each ledger account the workflow opens
 * serves, for which party, owned by which organisation. The ledger knows accounts by id and code
 * only; who may see an account (src/access) and what it is for are read here. Written with the
 * account, when the workflow opens it (a party bound, an application filed, a currency first used).
 */
export const chartAccounts = pgTable(
  'chart_accounts',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => ledgerAccounts.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** Null for the programme's own accounts (pools, sources, FX positions, bank charges). */
    applicationId: uuid('application_id').references(() => applications.id),
    /** The organisation whose money it is; null when no one organisation's (an FX position, the applicants' source). */
    ownerOrganisationId: uuid('owner_organisation_id').references(() => organisations.id),
    /** The rule set's party it is for; null for the programme's FX positions and bank accounts. */
    party: text('party'),
    role: chartRole('role').notNull(),
  },
  (t) => [
    index('chart_accounts_programme_idx').on(t.programmeId),
    index('chart_accounts_application_idx').on(t.applicationId),
    index('chart_accounts_owner_idx').on(t.ownerOrganisationId),
  ],
);

/** A party's recorded decision -- on a plan or on a tranche: who, for which party, how, why, when. */
const decisionColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  party: text('party').notNull(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
  decision: decision('decision').notNull(),
  comment: text('comment').notNull().default(''),
  createdAt: instant('created_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

export const applicationApprovals = pgTable(
  'application_approvals',
  {
    ...decisionColumns(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
  },
  // One decision per party: two approvers of the same party racing cannot both count.
  (t) => [unique('application_approvals_party_key').on(t.applicationId, t.party)],
);

/** Public shares reserved on approval: one hold per budget-funded party. */
export const applicationReservations = pgTable(
  'application_reservations',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    party: text('party').notNull(),
    holdId: uuid('hold_id')
      .notNull()
      .references(() => ledgerHolds.id),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.party] })],
);

export const contributions = pgTable(
  'contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    party: text('party').notNull(),
    /** What was paid, in the currency it was paid in. */
    paidAmount: money('paid_amount').notNull(),
    paidCurrency: char('paid_currency', { length: 3 }).notNull(),
    /** Units of the programme currency per unit of the paid currency, when they differ. */
    fxRate: numeric('fx_rate', { mode: 'string' }),
    /** What it counts for, in the programme currency. */
    amount: money('amount').notNull(),
    entryId: bigint('entry_id', { mode: 'bigint' })
      .notNull()
      .references(() => journalEntries.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index('contributions_application_idx').on(t.applicationId)],
);

export const tranches = pgTable(
  'tranches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** 0-based order of the request within the application. */
    sequence: integer('sequence').notNull(),
    amount: money('amount').notNull(),
    milestone: text('milestone').notNull(),
    /** References to the proof (file names, URIs, SHA-256 digests): stored, not judged. */
    evidence: jsonb('evidence').$type<Array<Record<string, unknown>>>().notNull(),
    /** The parties whose approval releases it, fixed when requested. */
    approvers: jsonb('approvers').$type<string[]>().notNull(),
    status: trancheStatus('status').notNull().default('requested'),
    /** What each party paid towards it, set when it posts: [{party, amount}]. */
    parts: jsonb('parts').$type<Array<{ party: string; amount: string }>>(),
    requestedBy: uuid('requested_by').references(() => apiKeys.id),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    unique('tranches_sequence_key').on(t.applicationId, t.sequence),
    check('tranches_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const trancheApprovals = pgTable(
  'tranche_approvals',
  {
    ...decisionColumns(),
    trancheId: uuid('tranche_id')
      .notNull()
      .references(() => tranches.id),
  },
  (t) => [unique('tranche_approvals_party_key').on(t.trancheId, t.party)],
);

/**
 * Idempotency of money-moving requests: written in the same transaction as the work, so a request
 * either did everything and is remembered, or did nothing and may be retried.
 */
export const idempotentRequests = pgTable(
  'idempotent_requests',
  {
    /**
     * Whose key space: "organisation:<id>" (every key of an organisation shares it, so a retry with
     * another of its keys replays instead of paying twice), or "admin". Rows written before 0006 hold
     * the API key id.
     */
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] })],
);

/** Who did what, when, with which key: one row per state change, append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    at: instant('at')
      .notNull()
      .default(sql`clock_timestamp()`),
    actorKind: text('actor_kind').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    /** The person, when a signed-in person acted (api_key_id is then their credential). */
    userId: uuid('user_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    requestId: text('request_id'),
  },
  (t) => [index('audit_log_resource_idx').on(t.resourceType, t.resourceId), index('audit_log_at_idx').on(t.at)],
);
