import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { journalEntries, ledgerAccounts } from './ledger';
import { apiKeys, organisations, programmes } from './workflow';

/*
 * Bank reconciliation: the fund's bank accounts, the statements their banks sent, and each
 * statement line as the bank wrote it. Statements and lines are append-only (triggers of the
 * migration, like the ledger): what the bank said is never rewritten.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const money = (name: string) => numeric(name, { mode: 'string' });
const calendarDate = (name: string) => date(name, { mode: 'string' });
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const bankAccountScheme = pgEnum('bank_account_scheme', ['iban', 'clabe', 'local']);
export const bankStatementFormat = pgEnum('bank_statement_format', [
  'camt.053.001.02',
  'camt.053.001.08',
  'mt940',
  'csv',
]);
export const bankLineDirection = pgEnum('bank_line_direction', ['credit', 'debit']);

export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The books' side of the account: a pool, a project's share account, an investor's dedicated account. */
    ledgerAccountId: uuid('ledger_account_id')
      .notNull()
      .unique()
      .references(() => ledgerAccounts.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    scheme: bankAccountScheme('scheme').notNull(),
    /** Electronic form: no spaces, upper case. */
    number: text('number').notNull(),
    bank: text('bank').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    holder: text('holder').notNull(),
    registeredBy: uuid('registered_by').references(() => apiKeys.id),
    registeredByOrganisation: uuid('registered_by_organisation').references(() => organisations.id),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    unique('bank_accounts_number_key').on(t.scheme, t.number),
    index('bank_accounts_programme_idx').on(t.programmeId),
  ],
);

/** How one bank writes its CSV statements: which column holds what. Saved once, named on import. */
export const bankCsvMappings = pgTable(
  'bank_csv_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bank: text('bank').notNull(),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').references(() => apiKeys.id),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [unique('bank_csv_mappings_name_key').on(t.bank, t.name)],
);

export const bankStatements = pgTable(
  'bank_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bankAccountId: uuid('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    /** SHA-256 of the file's bytes, hex: the same file twice is one import. */
    sha256: char('sha256', { length: 64 }).notNull(),
    format: bankStatementFormat('format').notNull(),
    /** The statement's own identification (camt Stmt/Id, MT940 :20:). */
    reference: text('reference').notNull(),
    content: bytes('content').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    openingDate: calendarDate('opening_date').notNull(),
    openingBalance: money('opening_balance').notNull(),
    closingDate: calendarDate('closing_date').notNull(),
    closingBalance: money('closing_balance').notNull(),
    lineCount: integer('line_count').notNull(),
    importedBy: uuid('imported_by').references(() => apiKeys.id),
    importedAt: instant('imported_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    unique('bank_statements_file_key').on(t.bankAccountId, t.sha256),
    check('bank_statements_dates_ordered', sql`${t.openingDate} <= ${t.closingDate}`),
  ],
);

export const bankLines = pgTable(
  'bank_lines',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => bankStatements.id),
    bankAccountId: uuid('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    /** 1-based position in the statement. */
    position: integer('position').notNull(),
    bookingDate: calendarDate('booking_date').notNull(),
    valueDate: calendarDate('value_date').notNull(),
    /** Positive; `direction` is the sign: credit = money in, debit = money out. */
    amount: money('amount').notNull(),
    direction: bankLineDirection('direction').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    counterparty: text('counterparty').notNull().default(''),
    counterpartyAccount: text('counterparty_account').notNull().default(''),
    remittance: text('remittance').notNull().default(''),
    endToEndId: text('end_to_end_id').notNull().default(''),
    bankReference: text('bank_reference').notNull().default(''),
    /** The bank's transaction code (camt Domn/Fmly/SubFmly, MT940 type code): tells fees and interest. */
    transactionCode: text('transaction_code').notNull().default(''),
  },
  (t) => [
    unique('bank_lines_position_key').on(t.statementId, t.position),
    index('bank_lines_account_idx').on(t.bankAccountId, t.bookingDate),
    check('bank_lines_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const bankMatchMethod = pgEnum('bank_match_method', ['rule', 'manual']);

/**
 * Bank lines matched to ledger movements (the net effect of a journal entry on the linked ledger
 * account): one line to one movement, one to several (a split), several to one. Lines and movements
 * on both sides sum to the same signed amount. Undone by a bank_unmatches row, never by an update.
 */
export const bankMatches = pgTable(
  'bank_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bankAccountId: uuid('bank_account_id')
      .notNull()
      .references(() => bankAccounts.id),
    method: bankMatchMethod('method').notNull(),
    /** What agreed: "amount+currency+date-window+reference", or "manual". */
    rule: text('rule').notNull(),
    reason: text('reason').notNull().default(''),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
    createdAt: instant('created_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [index('bank_matches_account_idx').on(t.bankAccountId)],
);

export const bankMatchLines = pgTable(
  'bank_match_lines',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => bankMatches.id),
    lineId: bigint('line_id', { mode: 'bigint' })
      .notNull()
      .references(() => bankLines.id),
  },
  (t) => [unique('bank_match_lines_key').on(t.matchId, t.lineId), index('bank_match_lines_line_idx').on(t.lineId)],
);

export const bankMatchEntries = pgTable(
  'bank_match_entries',
  {
    matchId: uuid('match_id')
      .notNull()
      .references(() => bankMatches.id),
    entryId: bigint('entry_id', { mode: 'bigint' })
      .notNull()
      .references(() => journalEntries.id),
    /** The movement's signed amount on the linked account: positive is money in. */
    amount: money('amount').notNull(),
  },
  (t) => [
    unique('bank_match_entries_key').on(t.matchId, t.entryId),
    index('bank_match_entries_entry_idx').on(t.entryId),
  ],
);

export const bankUnmatches = pgTable('bank_unmatches', {
  matchId: uuid('match_id')
    .primaryKey()
    .references(() => bankMatches.id),
  reason: text('reason').notNull(),
  apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
  createdAt: instant('created_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});
