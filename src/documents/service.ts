import { and, eq, sql } from 'drizzle-orm';
import { applicationAccess } from '../access';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import {
  applicationApprovals,
  contributions,
  documentWithdrawals,
  documents,
  journalEntries,
  tranches,
} from '../db/schema';
import { ConflictError, CofundError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Transaction } from '../ledger';
import { type ChecklistItem, documentChecklist, lockApplication, requireStatus } from '../workflow';
import type { ReceivedBytes } from './bytes';
import { type DocumentRow, type DocumentView, documentsOfApplication, viewsOf } from './queries';
import type { DocumentStore, StoredBytes } from './store';
import { SWEEP_LOCK } from './sweep';

/** The step of the application a document belongs to, at most one. */
export type DocumentSubject =
  | { kind: 'tranche'; id: string }
  | { kind: 'contribution'; id: string }
  | { kind: 'approval'; id: string }
  | { kind: 'refund'; entryId: bigint };

export interface DocumentFields {
  type: string;
  note: string;
  fileName: string;
  subject?: DocumentSubject | undefined;
  supersedes?: string | undefined;
}

/** Document types as rule files name them. */
export const DOCUMENT_TYPE = /^[a-z][a-z0-9-]{0,62}$/;

const UPLOADERS = ['applicant', 'approver', 'programme_admin'] as const;

/**
 * Before a byte is read: the caller may add papers to this application (a party of it or its
 * programme's staff, never an auditor), or gets the same 404 as for an application that does not
 * exist.
 */
export async function authorizeUpload(db: Executor, caller: Caller, applicationId: string): Promise<void> {
  requireRole(caller.actor, [...UPLOADERS]);
  if (!(await applicationAccess(db, caller.actor, applicationId)))
    throw new NotFoundError('application', applicationId);
}

/**
 * Records a received file as a document of the application, in one transaction with its audit row.
 * The bytes reach their content address first (under the sweep's shared lock, so a sweep never
 * removes bytes a row is about to cite): if anything fails before the commit, they are an orphan
 * for the sweep and no row cites them.
 */
export async function recordDocument(
  db: Transaction,
  caller: Caller,
  applicationId: string,
  received: ReceivedBytes,
  fields: DocumentFields,
): Promise<DocumentRow> {
  requireRole(caller.actor, [...UPLOADERS]);
  const actor = caller.actor;
  if (actor.kind !== 'key') throw new ForbiddenError('documents are uploaded with an organisation key');
  const locked = await lockApplication(db, caller, applicationId);
  requireStatus(locked, ['filed', 'approved'], 'add a document');
  if (!DOCUMENT_TYPE.test(fields.type)) {
    throw ValidationError.field('body.type', 'a document type such as "toma-de-nota" (lowercase letters, digits, -)');
  }
  if (fields.subject) await requireSubjectOf(db, applicationId, fields.subject);
  let version = 1;
  if (fields.supersedes !== undefined) {
    const earlier = await currentVersion(db, applicationId, fields.supersedes);
    if (earlier.type !== fields.type) {
      throw ValidationError.field('body.supersedes', `supersedes a ${earlier.type}: a new version has the same type`);
    }
    version = earlier.version + 1;
  }

  await db.execute(sql`SELECT pg_advisory_xact_lock_shared(${SWEEP_LOCK})`);
  await received.staged.promote(received.sha256);
  const [row] = await db
    .insert(documents)
    .values({
      applicationId,
      type: fields.type,
      note: fields.note,
      ...subjectColumns(fields.subject),
      fileName: fields.fileName,
      contentType: received.format.contentType,
      size: received.size,
      sha256: received.sha256,
      version,
      supersedesId: fields.supersedes ?? null,
      organisationId: actor.organisationId,
      apiKeyId: actor.keyId,
      createdAt: caller.now,
    })
    .onConflictDoNothing({ target: documents.supersedesId })
    .returning();
  if (!row) throw new ConflictError('already-superseded', `document ${fields.supersedes} already has a newer version`);
  await recordAudit(
    db,
    actor,
    {
      action: 'document.uploaded',
      resourceType: 'document',
      resourceId: row.id,
      details: {
        applicationId,
        type: row.type,
        sha256: row.sha256,
        size: row.size,
        contentType: row.contentType,
        version,
        ...(row.supersedesId ? { supersedes: row.supersedesId } : {}),
      },
    },
    caller.requestId,
  );
  return row;
}

const subjectColumns = (subject: DocumentSubject | undefined) => ({
  trancheId: subject?.kind === 'tranche' ? subject.id : null,
  contributionId: subject?.kind === 'contribution' ? subject.id : null,
  approvalId: subject?.kind === 'approval' ? subject.id : null,
  refundEntryId: subject?.kind === 'refund' ? subject.entryId : null,
});

async function requireSubjectOf(db: Executor, applicationId: string, subject: DocumentSubject): Promise<void> {
  const belongs = async () => {
    switch (subject.kind) {
      case 'tranche':
        return db
          .select({ id: tranches.id })
          .from(tranches)
          .where(and(eq(tranches.id, subject.id), eq(tranches.applicationId, applicationId)));
      case 'contribution':
        return db
          .select({ id: contributions.id })
          .from(contributions)
          .where(and(eq(contributions.id, subject.id), eq(contributions.applicationId, applicationId)));
      case 'approval':
        return db
          .select({ id: applicationApprovals.id })
          .from(applicationApprovals)
          .where(and(eq(applicationApprovals.id, subject.id), eq(applicationApprovals.applicationId, applicationId)));
      case 'refund':
        return db
          .select({ id: journalEntries.id })
          .from(journalEntries)
          .where(
            and(
              eq(journalEntries.id, subject.entryId),
              eq(journalEntries.kind, 'refund'),
              sql`${journalEntries.metadata}->>'applicationId' = ${applicationId}`,
            ),
          );
    }
  };
  if ((await belongs()).length === 0) {
    const id = subject.kind === 'refund' ? subject.entryId.toString() : subject.id;
    const field = subject.kind === 'refund' ? 'refundEntryId' : `${subject.kind}Id`;
    throw ValidationError.field(`body.${field}`, `${subject.kind} ${id} is not one of this application's`);
  }
}

/** A document of the application that is still in force: neither withdrawn nor replaced. */
async function currentVersion(db: Executor, applicationId: string, documentId: string): Promise<DocumentView> {
  const [found] = await viewsOf(db, and(eq(documents.id, documentId), eq(documents.applicationId, applicationId)));
  if (!found) throw ValidationError.field('body.supersedes', `document ${documentId} is not one of this application's`);
  if (found.withdrawal) throw new ConflictError('document-withdrawn', `document ${documentId} was withdrawn`);
  if (found.supersededById)
    throw new ConflictError('already-superseded', `document ${documentId} already has a newer version`);
  return found;
}

/** An application's documents and its checklist: what the rules require, what is there, what is missing. */
export interface ApplicationDocuments {
  items: DocumentView[];
  required: ChecklistItem[];
  /** Whether the programme refuses steps whose papers are missing (else the checklist only advises). */
  enforced: boolean;
}

export async function listDocuments(
  db: Executor,
  caller: Caller,
  applicationId: string,
): Promise<ApplicationDocuments> {
  const access = await applicationAccess(db, caller.actor, applicationId);
  if (!access) throw new NotFoundError('application', applicationId);
  return {
    items: await documentsOfApplication(db, applicationId),
    required: await documentChecklist(db, access.application),
    enforced: access.programme.requireDocuments,
  };
}

/** One document, if the caller may see its application: the same 404 otherwise. */
export async function getDocument(db: Executor, caller: Caller, documentId: string): Promise<DocumentView> {
  const [found] = await viewsOf(db, and(eq(documents.id, documentId)));
  if (!found || !(await applicationAccess(db, caller.actor, found.applicationId)))
    throw new NotFoundError('document', documentId);
  return found;
}

/** The document and its bytes, streamed from the store. */
export async function openDocument(
  db: Executor,
  store: DocumentStore,
  caller: Caller,
  documentId: string,
): Promise<{ document: DocumentView; bytes: StoredBytes }> {
  const document = await getDocument(db, caller, documentId);
  const bytes = await store.open(document.sha256);
  // A row always has its bytes (they are stored before it); missing ones mean the store was damaged.
  if (!bytes)
    throw new Error(`the bytes of document ${documentId} (${document.sha256}) are missing from ${store.name}`);
  return { document, bytes };
}

/**
 * The organisation that uploaded a document takes it back: it stays readable (auditors see what
 * was filed and when it was withdrawn) and no longer counts for any step.
 */
export async function withdrawDocument(
  db: Transaction,
  caller: Caller,
  documentId: string,
  reason: string,
): Promise<DocumentView> {
  requireRole(caller.actor, [...UPLOADERS]);
  const actor = caller.actor;
  if (actor.kind !== 'key') throw new ForbiddenError('documents are withdrawn with an organisation key');
  const document = await getDocument(db, caller, documentId);
  await lockApplication(db, caller, document.applicationId);
  if (document.organisationId !== actor.organisationId)
    throw new ForbiddenError('only the organisation that uploaded a document withdraws it');
  const [withdrawn] = await db
    .insert(documentWithdrawals)
    .values({ documentId, reason, organisationId: actor.organisationId, apiKeyId: actor.keyId, createdAt: caller.now })
    .onConflictDoNothing()
    .returning();
  if (!withdrawn) throw new ConflictError('document-withdrawn', `document ${documentId} was already withdrawn`);
  await recordAudit(
    db,
    actor,
    {
      action: 'document.withdrawn',
      resourceType: 'document',
      resourceId: documentId,
      details: { applicationId: document.applicationId, type: document.type, sha256: document.sha256, reason },
    },
    caller.requestId,
  );
  return getDocument(db, caller, documentId);
}

export class DocumentsUnavailableError extends CofundError {
  constructor() {
    super('documents-unavailable', 501, 'this server has no document store configured');
  }
}
