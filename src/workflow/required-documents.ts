import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db';
import { tranches } from '../db/schema';
import { type DocumentView, currentDocuments } from '../documents/queries';
import { ConflictError, ValidationError } from '../errors';
import { type DocumentStep, type PlanDocument, documentsForStep } from '../rules';

/*
 * The papers the rules require at each step (docs/rules.md, "documents[]"; docs/documents.md,
 * "Required by the rules"), checked against the documents the application holds. On a programme
 * with requireDocuments a step without its papers is refused with a 409 naming each missing type and
 * the rule that asks for it; elsewhere the checklist only shows what is missing.
 */

type PlanWithDocuments = { documents?: readonly PlanDocument[] | undefined };

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
  plan: PlanWithDocuments,
  step: DocumentStep,
  types: ReadonlySet<string>,
  trancheNumber?: number,
): void {
  const missing = documentsForStep(plan, step, trancheNumber).filter((document) => !types.has(document.type));
  if (missing.length > 0) throw new DocumentsMissingError(step, missing);
}

/**
 * Approval and closing: the application must hold a current document (neither withdrawn nor
 * replaced) of each type, or be about to receive it with the step (`coming`: a preview of a form
 * that carries the file).
 */
export async function requireCurrentDocuments(
  db: Executor,
  applicationId: string,
  plan: PlanWithDocuments,
  step: 'approval' | 'close',
  coming: ReadonlySet<string> = new Set(),
): Promise<void> {
  if (documentsForStep(plan, step).length === 0) return;
  const held = await currentDocuments(db, applicationId);
  requireTypes(plan, step, new Set([...coming, ...held.map((document) => document.type)]));
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
 * A tranche's evidence item as the API takes it: a stored document by `documentId` alone, or (as
 * before documents were stored) a `name`, with an optional hash and address.
 */
export type EvidenceItem = {
  documentId?: string | undefined;
  name?: string | undefined;
  sha256?: string | undefined;
  uri?: string | undefined;
};

/** The document ids cited by the application's tranches still standing (requested or posted). */
async function citedByStandingTranches(db: Executor, applicationId: string): Promise<Set<string>> {
  const standing = await db
    .select({ evidence: tranches.evidence })
    .from(tranches)
    .where(and(eq(tranches.applicationId, applicationId), ne(tranches.status, 'rejected')));
  return new Set(
    standing.flatMap(({ evidence }) =>
      evidence.flatMap((item) => (typeof item.documentId === 'string' ? [item.documentId] : [])),
    ),
  );
}

/**
 * A tranche request's evidence as stored: each cited document must be a current document of this
 * application not cited by another tranche still standing (each tranche brings its own papers), and
 * is stored with its type, file name and hash; a `{name, sha256}` item is kept as sent. Where the
 * programme requires documents, the papers the rules require for this tranche must be among those cited.
 */
export async function citeTrancheEvidence(
  db: Executor,
  applicationId: string,
  plan: PlanWithDocuments,
  evidence: readonly EvidenceItem[],
  trancheNumber: number,
  enforce: boolean,
): Promise<Array<CitedDocument | Record<string, unknown>>> {
  const citesDocuments = evidence.some((item) => item.documentId !== undefined);
  if (!citesDocuments && !(enforce && documentsForStep(plan, 'tranche', trancheNumber).length > 0)) {
    return [...evidence];
  }
  const held = new Map((await currentDocuments(db, applicationId)).map((document) => [document.id, document]));
  const citedBefore = await citedByStandingTranches(db, applicationId);
  const errors = evidence.flatMap((item, index) => {
    if (item.documentId === undefined) return [];
    const field = `body.evidence.${index}.documentId`;
    if (!held.has(item.documentId)) {
      return [{ field, message: `document ${item.documentId} is not a current document of this application` }];
    }
    if (citedBefore.has(item.documentId)) {
      return [{ field, message: `document ${item.documentId} is the evidence of an earlier tranche` }];
    }
    return [];
  });
  if (errors.length > 0) throw new ValidationError('The evidence cites documents it cannot use; see errors.', errors);
  const cited = evidence.flatMap((item) => (item.documentId !== undefined ? [held.get(item.documentId)!] : []));
  if (enforce) requireTypes(plan, 'tranche', new Set(cited.map((document) => document.type)), trancheNumber);
  return evidence.map((item) => (item.documentId !== undefined ? citation(held.get(item.documentId)!) : { ...item }));
}

const citation = (document: DocumentView): CitedDocument => ({
  documentId: document.id,
  type: document.type,
  fileName: document.fileName,
  sha256: document.sha256,
});

/** One line of an application's checklist: a paper the rules require, what is there, whether it is missing. */
export interface ChecklistItem extends MissingDocument {
  tranches?: PlanDocument['tranches'];
  /** Current documents of the type (for a tranche's paper: those no standing tranche cites yet, or cited by one). */
  documentIds: string[];
  missing: boolean;
}

/** Where tranches may still be asked for (filed: once approved), so a tranche's papers can still be missing. */
const TRANCHES_AHEAD = new Set(['filed', 'approved']);

/**
 * What the rules require of this application, what is there and what is missing. Filing, approval
 * and closing papers are there when a current document of the type is; a tranche's paper is missing
 * when the next request needs it and no current document of the type is left uncited, and is there
 * once a standing tranche cites one.
 */
export async function documentChecklist(
  db: Executor,
  application: { id: string; status: string; plan: unknown },
): Promise<ChecklistItem[]> {
  const applicationId = application.id;
  const plan = application.plan as PlanWithDocuments;
  const required = plan.documents ?? [];
  if (required.length === 0) return [];
  const held = await currentDocuments(db, applicationId);
  const cited = await citedByStandingTranches(db, applicationId);
  const standing = await db
    .select({ id: tranches.id })
    .from(tranches)
    .where(and(eq(tranches.applicationId, applicationId), ne(tranches.status, 'rejected')));
  const nextTranche = new Set(documentsForStep(plan, 'tranche', standing.length + 1));
  return required.map((document) => {
    const ofType = held.filter((found) => found.type === document.type);
    const uncited = ofType.filter((found) => !cited.has(found.id));
    const missing =
      document.step === 'tranche'
        ? TRANCHES_AHEAD.has(application.status) && nextTranche.has(document) && uncited.length === 0
        : ofType.length === 0;
    return {
      type: document.type,
      rule: document.rule,
      step: document.step,
      ...(document.tranches && { tranches: document.tranches }),
      says: document.says,
      documentIds: ofType.map((found) => found.id),
      missing,
    };
  });
}

/** A stored document behind a step of the project: what an auditor checks, by its hash. */
export interface StepDocument {
  /** The step the rules ask for its type at (`other`: no rule names it); papers a tranche cites are `tranche`. */
  step: DocumentStep | 'other';
  /** The `index` (0-based order of the request) of the standing tranche whose evidence cites it, if any. */
  trancheIndex: number | null;
  /** The rule that asks for the type, if any. */
  rule: string | null;
  type: string;
  fileName: string;
  sha256: string;
  documentId: string;
  uploadedAt: Date;
}

const STEP_ORDER: readonly StepDocument['step'][] = ['filing', 'approval', 'tranche', 'close', 'other'];

/**
 * The current documents of the application uploaded before `before`, each with the step it backs:
 * the tranche that cites it, else the step the plan asks for its type at. In step order (tranches
 * in their order), then as uploaded.
 */
export async function documentsBehindSteps(
  db: Executor,
  application: { id: string; plan: unknown },
  before: Date = new Date(),
): Promise<StepDocument[]> {
  const plan = application.plan as PlanWithDocuments;
  const held = (await currentDocuments(db, application.id)).filter((found) => found.createdAt < before);
  if (held.length === 0) return [];
  const cited = new Map<string, number>();
  const rows = await db
    .select({ sequence: tranches.sequence, evidence: tranches.evidence, status: tranches.status })
    .from(tranches)
    .where(eq(tranches.applicationId, application.id));
  // A rejected tranche's papers may back a later one: only the standing tranches cite.
  for (const row of rows.filter((found) => found.status !== 'rejected')) {
    for (const item of row.evidence) if (typeof item.documentId === 'string') cited.set(item.documentId, row.sequence);
  }
  const documents = held.map((document): StepDocument => {
    const trancheIndex = cited.get(document.id) ?? null;
    const asked =
      (plan.documents ?? []).find(
        (required) => required.type === document.type && (trancheIndex === null || required.step === 'tranche'),
      ) ?? null;
    return {
      step: trancheIndex !== null ? 'tranche' : (asked?.step ?? 'other'),
      trancheIndex,
      rule: asked?.rule ?? null,
      type: document.type,
      fileName: document.fileName,
      sha256: document.sha256,
      documentId: document.id,
      uploadedAt: document.createdAt,
    };
  });
  const rank = (document: StepDocument) => STEP_ORDER.indexOf(document.step) * 1e6 + (document.trancheIndex ?? 0);
  return documents.sort((a, b) => rank(a) - rank(b));
}
