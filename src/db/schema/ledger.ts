import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  char,
  smallint,
  check,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * The double-entry ledger. Money columns are unconstrained `numeric` read as strings: a scale on the
 * column would make PostgreSQL round silently, so scale is checked against the currency instead
 * (in code, and by the triggers of migration 0001_ledger_guards).
 *
 * Amount conventions: a posting is a positive amount on one side (debit or credit). An account's
 * `balance` is kept on its normal side: debit-normal (asset, expense) balance = debits - credits;
 * credit-normal (liability, equity, income) balance = credits - debits. `min_balance` is on the same
 * scale: 0 means "never below zero", -500000.00 a credit line of 500,000.00, NULL no limit (an
 * external source such as "the world" or an FX position).
 */

export const accountType = pgEnum('account_type', ['asset', 'liability', 'equity', 'income', 'expense']);
export const postingSide = pgEnum('posting_side', ['debit', 'credit']);
export const holdStatus = pgEnum('hold_status', ['pending', 'posted', 'voided', 'expired']);

const money = (name: string) => numeric(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 6, mode: 'date' });

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    type: accountType('type').notNull(),
    normalSide: postingSide('normal_side').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    minorUnits: smallint('minor_units').notNull(),
    minBalance: money('min_balance'),
    balance: money('balance').notNull().default('0'),
    held: money('held').notNull().default('0'),
    version: bigint('version', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    // Postings and holds reference (account, currency, minor units): the database itself refuses a
    // posting in another currency, or with more decimals than the currency has.
    unique('ledger_accounts_id_currency_key').on(t.id, t.currency, t.minorUnits),
    check('ledger_accounts_minor_units_range', sql`${t.minorUnits} BETWEEN 0 AND 4`),
    check(
      'ledger_accounts_limit_scale',
      sql`${t.minBalance} IS NULL OR ${t.minBalance} = round(${t.minBalance}, ${t.minorUnits})`,
    ),
    check(
      'ledger_accounts_normal_side_matches_type',
      // Appended rather than broken across lines, so the constraint's text (and drizzle-kit's
      // snapshot of it) stays the same.
      sql`${t.normalSide} = CASE WHEN ${t.type} IN ('asset', 'expense') `.append(
        sql`THEN 'debit'::posting_side ELSE 'credit'::posting_side END`,
      ),
    ),
    check('ledger_accounts_held_not_negative', sql`${t.held} >= 0`),
    check('ledger_accounts_within_limit', sql`${t.minBalance} IS NULL OR ${t.balance} - ${t.held} >= ${t.minBalance}`),
  ],
);

/** An explicit currency conversion carried by an entry whose postings are in two currencies. */
export interface FxConversion {
  from: string;
  to: string;
  /** Units of `to` per unit of `from`, as a decimal string. */
  rate: string;
  fromAmount: string;
  toAmount: string;
}

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    requestHash: text('request_hash').notNull(),
    kind: text('kind').notNull(),
    memo: text('memo').notNull().default(''),
    effectiveAt: instant('effective_at').notNull(),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    fx: jsonb('fx').$type<FxConversion[]>(),
    reversesEntryId: bigint('reverses_entry_id', { mode: 'bigint' }),
    /** Set on the entries that capture a hold. */
    holdId: uuid('hold_id').references((): AnyPgColumn => ledgerHolds.id),
  },
  (t) => [
    foreignKey({ columns: [t.reversesEntryId], foreignColumns: [t.id], name: 'journal_entries_reverses_fk' }),
    // An entry can be reversed at most once, whatever the code does. Partial, like the hold index:
    // almost every entry has NULL there, and indexing NULLs would cost every insert for nothing.
    uniqueIndex('journal_entries_reverses_key')
      .on(t.reversesEntryId)
      .where(sql`${t.reversesEntryId} IS NOT NULL`),
    index('journal_entries_created_idx').on(t.createdAt),
    index('journal_entries_hold_idx')
      .on(t.holdId)
      .where(sql`${t.holdId} IS NOT NULL`),
  ],
);

export const postings = pgTable(
  'postings',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    entryId: bigint('entry_id', { mode: 'bigint' })
      .notNull()
      .references(() => journalEntries.id),
    accountId: uuid('account_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    minorUnits: smallint('minor_units').notNull(),
    side: postingSide('side').notNull(),
    amount: money('amount').notNull(),
    /** The account's version after this posting: 1, 2, 3... per account, gapless. */
    accountVersion: bigint('account_version', { mode: 'bigint' }).notNull(),
    /** The account's balance (normal side) after this posting: balance at an instant is one index read. */
    balanceAfter: money('balance_after').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    foreignKey({
      columns: [t.accountId, t.currency, t.minorUnits],
      foreignColumns: [ledgerAccounts.id, ledgerAccounts.currency, ledgerAccounts.minorUnits],
      name: 'postings_account_currency_fk',
    }),
    check('postings_amount_positive', sql`${t.amount} > 0`),
    check('postings_amount_scale', sql`${t.amount} = round(${t.amount}, ${t.minorUnits})`),
    // UNIQUE (account_id, account_version) INCLUDE (created_at, balance_after) is created in
    // drizzle/0001_ledger_guards.sql (Drizzle cannot express INCLUDE). One index serves both the
    // gapless per-account version and "balance at an instant": versions and booking times grow
    // together per account, so the last version booked by T is found by scanning it backwards.
    index('postings_entry_idx').on(t.entryId),
  ],
);

export const ledgerHolds = pgTable(
  'ledger_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    requestHash: text('request_hash').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Where captured money goes. */
    counterAccountId: uuid('counter_account_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    minorUnits: smallint('minor_units').notNull(),
    amount: money('amount').notNull(),
    captured: money('captured').notNull().default('0'),
    status: holdStatus('status').notNull().default('pending'),
    memo: text('memo').notNull().default(''),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: instant('expires_at'),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    foreignKey({
      columns: [t.accountId, t.currency, t.minorUnits],
      foreignColumns: [ledgerAccounts.id, ledgerAccounts.currency, ledgerAccounts.minorUnits],
      name: 'ledger_holds_account_currency_fk',
    }),
    foreignKey({
      columns: [t.counterAccountId, t.currency, t.minorUnits],
      foreignColumns: [ledgerAccounts.id, ledgerAccounts.currency, ledgerAccounts.minorUnits],
      name: 'ledger_holds_counter_account_currency_fk',
    }),
    check('ledger_holds_amount_positive', sql`${t.amount} > 0`),
    check('ledger_holds_amount_scale', sql`${t.amount} = round(${t.amount}, ${t.minorUnits})`),
    check('ledger_holds_captured_within_amount', sql`${t.captured} >= 0 AND ${t.captured} <= ${t.amount}`),
    check('ledger_holds_distinct_accounts', sql`${t.accountId} <> ${t.counterAccountId}`),
    index('ledger_holds_account_idx').on(t.accountId),
    index('ledger_holds_pending_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * The tamper-evident chain: seal n holds sha256(hash of seal n-1 || canonical content of its entry).
 * Seals are written shortly after the entry commits, in seal order, by one sealer at a time, so the
 * hot path never waits on a global lock. Insert-only, like entries.
 */
export const ledgerSeals = pgTable('ledger_seals', {
  seq: bigint('seq', { mode: 'bigint' }).primaryKey(),
  entryId: bigint('entry_id', { mode: 'bigint' })
    .notNull()
    .unique()
    .references(() => journalEntries.id),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: instant('sealed_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

/**
 * Work queue of committed entries not yet sealed: filled in the statement that books the entry,
 * drained by the sealer. The database refuses an entry without its queue row and a queue row that
 * leaves before its seal exists (migration 0018); verify reports any entry missing from both.
 */
export const ledgerUnsealed = pgTable('ledger_unsealed', {
  // No foreign key: a queue row costs one index insert on the hot path, and verify cross-checks
  // the queue against the entries anyway.
  entryId: bigint('entry_id', { mode: 'bigint' }).primaryKey(),
});

/**
 * Where a verification of the chain ended with nothing wrong: the seal it verified last (its
 * entry, and its hash, which must still match that seal), the newest entry id it saw, and the seal it started
 * from (0: the whole chain). Later verifications start from the newest checkpoint that still
 * matches (docs/ledger.md, "Verifying from a checkpoint"). Insert-only, like seals.
 */
export const ledgerVerificationCheckpoints = pgTable('ledger_verification_checkpoints', {
  seq: bigint('seq', { mode: 'bigint' })
    .primaryKey()
    .references(() => ledgerSeals.seq),
  entryId: bigint('entry_id', { mode: 'bigint' }).notNull(),
  hash: text('hash').notNull(),
  lastEntryId: bigint('last_entry_id', { mode: 'bigint' }).notNull(),
  fromSeq: bigint('from_seq', { mode: 'bigint' }).notNull(),
  verifiedAt: instant('verified_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});
