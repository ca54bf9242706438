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
import { ledgerAccounts } from './ledger';
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
