import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db';
import { documentWithdrawals, documents } from '../db/schema';

/* What the documents of an application are, for the routes and for the workflow's checks. */

export type DocumentRow = typeof documents.$inferSelect;

/** A document as its readers see it: the row, what replaced it, whether it was withdrawn. */
export interface DocumentView extends DocumentRow {
  supersededById: string | null;
  withdrawal: { reason: string; organisationId: string; at: Date } | null;
}

const successors = alias(documents, 'successors');

export async function viewsOf(db: Executor, where: ReturnType<typeof and>): Promise<DocumentView[]> {
  const rows = await db
    .select({ document: documents, withdrawal: documentWithdrawals, supersededById: successors.id })
    .from(documents)
    .leftJoin(documentWithdrawals, eq(documentWithdrawals.documentId, documents.id))
    .leftJoin(successors, eq(successors.supersedesId, documents.id))
    .where(where)
    .orderBy(asc(documents.createdAt), asc(documents.id));
  return rows.map(({ document, withdrawal, supersededById }) => ({
    ...document,
    supersededById,
    withdrawal: withdrawal
      ? { reason: withdrawal.reason, organisationId: withdrawal.organisationId, at: withdrawal.createdAt }
      : null,
  }));
}

/** Every version of every document of the application, oldest first (the caller has access). */
export const documentsOfApplication = (db: Executor, applicationId: string) =>
  viewsOf(db, eq(documents.applicationId, applicationId));

/** Documents that count for the application's steps: neither withdrawn nor replaced. */
export async function currentDocuments(db: Executor, applicationId: string): Promise<DocumentView[]> {
  return (await documentsOfApplication(db, applicationId)).filter((d) => !d.withdrawal && !d.supersededById);
}
