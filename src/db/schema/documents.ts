import { sql } from 'drizzle-orm';
import { bigint, char, check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { journalEntries } from './ledger';
import {
  apiKeys,
  applicationApprovals,
  applications,
  contributions,
  instant,
  organisations,
  tranches,
} from './workflow';

/*
 * The papers behind an application's steps (docs/documents.md). A row is written only after its
 * bytes are stored under their content address, in the same transaction as the step's audit row:
 * no row ever points to missing bytes. Rows never change (a trigger refuses it): a new version is a
 * new row that supersedes the old, and a withdrawal is a row of its own.
 */

/** Which organisation did it, with which key, when. */
const byColumns = () => ({
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  apiKeyId: uuid('api_key_id').references(() => apiKeys.id),
  createdAt: instant('created_at')
    .notNull()
    .default(sql`clock_timestamp()`),
});

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** What the paper is, as the rule files name it (`toma-de-nota`, `technical-file`, ...). */
    type: text('type').notNull(),
    note: text('note').notNull().default(''),
    /** At most one of these: the step of the application the paper belongs to. */
    trancheId: uuid('tranche_id').references(() => tranches.id),
    contributionId: uuid('contribution_id').references(() => contributions.id),
    approvalId: uuid('approval_id').references(() => applicationApprovals.id),
    refundEntryId: bigint('refund_entry_id', { mode: 'bigint' }).references(() => journalEntries.id),
    /** The file name the uploader gave, for Content-Disposition. */
    fileName: text('file_name').notNull(),
    /** Sniffed from the bytes, never taken from the client. */
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** SHA-256 of the bytes, hex: also their address in the store. */
    sha256: char('sha256', { length: 64 }).notNull(),
    version: integer('version').notNull().default(1),
    /** The version this one replaces (kept, and still downloadable). One successor per version. */
    supersedesId: uuid('supersedes_id'),
    ...byColumns(),
  },
  (t) => [
    index('documents_application_idx').on(t.applicationId, t.createdAt),
    index('documents_sha256_idx').on(t.sha256),
    unique('documents_supersedes_key').on(t.supersedesId),
    check('documents_size_positive', sql`${t.size} > 0`),
    check(
      'documents_one_subject',
      sql`num_nonnulls(${t.trancheId}, ${t.contributionId}, ${t.approvalId}, ${t.refundEntryId}) <= 1`,
    ),
  ],
);

/** A document taken back by its uploader: it no longer counts for any step, and stays readable. */
export const documentWithdrawals = pgTable('document_withdrawals', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id),
  reason: text('reason').notNull(),
  ...byColumns(),
});
