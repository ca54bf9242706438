import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db';
import { tranches } from '../db/schema';
import { currentDocuments } from '../documents/queries';
import { ConflictError, ValidationError } from '../errors';
import { type DocumentStep, type PlanDocument, documentsForStep } from '../rules';

/*
 * The papers the rules require at each step (docs/rules.md, "documents[]"; docs/documents.md,
 * "Required by the rules"), checked against the documents the application holds. A step without
 * its papers is refused with a 409 naming each missing type and the rule that asks for it.
 */

export interface MissingDocument {
  type: string;
  rule: string;
  step: DocumentStep;
  says: string;
}

const STEP_WORDS: Record<DocumentStep, string> = {
  filing: 'file this application',
  approval: 'approve this plan',
  tranche: 'ask for this tranche',
  close: 'close this project',
};

export class DocumentsMissingError extends ConflictError {
  constructor(step: DocumentStep, missing: readonly PlanDocument[]) {
    const listed = missing.map((document) => `${document.type} (${document.rule})`).join(', ');
    super('documents-missing', `the rules require, to ${STEP_WORDS[step]}: ${listed}`, {
      missing: missing.map(({ type, rule, step: at, says }): MissingDocument => ({ type, rule, step: at, says })),
    });
  }
}

/** Refuses the step unless every paper it requires is among `types`. */
export function requireTypes(
  plan: { documents?: readonly PlanDocument[] },
  step: DocumentStep,
  types: ReadonlySet<string>,
  trancheNumber?: number,
): void {
  const missing = documentsForStep(plan, step, trancheNumber).filter((document) => !types.has(document.type));
  if (missing.length > 0) throw new DocumentsMissingError(step, missing);
}

/** Approval and closing: the application must hold a current document (neither withdrawn nor replaced) of each type. */
export async function requireCurrentDocuments(
  db: Executor,
  applicationId: string,
  plan: { documents?: readonly PlanDocument[] },
  step: 'approval' | 'close',
): Promise<void> {
  if (documentsForStep(plan, step).length === 0) return;
  const held = await currentDocuments(db, applicationId);
  requireTypes(plan, step, new Set(held.map((document) => document.type)));
}

/** What a tranche's evidence stores of each document it cites: enough to find and check it later. */
// A type, not an interface: it is stored in the tranche's jsonb evidence, a list of records.
export type CitedDocument = {
  documentId: string;
  type: string;
  fileName: string;
  sha256: string;
};

/**
 * A tranche request's evidence: current documents of this application, cited by id, none cited
 * by another tranche still standing (each tranche brings its own papers). The papers the rules
 * require for this tranche must be among them.
 */
export async function citeTrancheEvidence(
  db: Executor,
  applicationId: string,
  plan: { documents?: readonly PlanDocument[] },
  documentIds: readonly string[],
  trancheNumber: number,
): Promise<CitedDocument[]> {
  const held = new Map((await currentDocuments(db, applicationId)).map((document) => [document.id, document]));
  const standing = await db
    .select({ evidence: tranches.evidence })
    .from(tranches)
    .where(and(eq(tranches.applicationId, applicationId), ne(tranches.status, 'rejected')));
  const citedBefore = new Set(
    standing.flatMap(({ evidence }) =>
      evidence.flatMap((item) => (typeof item.documentId === 'string' ? [item.documentId] : [])),
    ),
  );
  const errors = documentIds.flatMap((id, index) => {
    const field = `body.evidence.${index}.documentId`;
    if (!held.has(id)) return [{ field, message: `document ${id} is not a current document of this application` }];
    if (citedBefore.has(id)) return [{ field, message: `document ${id} is the evidence of an earlier tranche` }];
    return [];
  });
  if (errors.length > 0) throw new ValidationError('The evidence cites documents it cannot use; see errors.', errors);
  const cited = documentIds.map((id) => held.get(id)!);
  requireTypes(plan, 'tranche', new Set(cited.map((document) => document.type)), trancheNumber);
  return cited.map((document) => ({
    documentId: document.id,
    type: document.type,
    fileName: document.fileName,
    sha256: document.sha256,
  }));
}
