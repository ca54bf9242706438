import type { Caller } from '../auth';
import type { Transaction } from '../ledger';
import type { RuleCatalog } from '../rules';
import * as workflow from '../workflow';
import type { ReceivedBytes } from './bytes';
import type { DocumentRow } from './queries';
import { recordDocument } from './service';

/*
 * Papers sent with a workflow step, in the same request (a multipart filing on /v1, the portal's
 * filing, tranche and closing forms): the bytes are staged while the request is read, and here
 * their rows are written in the step's own transaction, so a step never stands without the papers
 * it was sent with, nor papers without their step. The caller discards whatever stays staged.
 */

/** A file of the request, received (hashed, sniffed, staged), named by its document type. */
export interface SentPaper {
  type: string;
  received: ReceivedBytes;
  fileName: string;
}

/** What a retry with the same idempotency key must also carry: the same papers, by content. */
export const papersFingerprint = (papers: readonly SentPaper[]) =>
  papers.map((paper) => [paper.type, paper.received.sha256]);

/** Records the papers as documents of the application. */
export async function recordPapers(
  tx: Transaction,
  caller: Caller,
  applicationId: string,
  papers: readonly SentPaper[],
): Promise<DocumentRow[]> {
  const rows: DocumentRow[] = [];
  for (const paper of papers) {
    rows.push(
      await recordDocument(tx, caller, applicationId, paper.received, {
        type: paper.type,
        note: '',
        fileName: paper.fileName,
      }),
    );
  }
  return rows;
}

/** Files an application with the papers the rules require to file (they count for the filing's check). */
export async function fileWithPapers(
  tx: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  programmeId: string,
  body: Record<string, unknown>,
  papers: readonly SentPaper[],
) {
  const types = new Set(papers.map((paper) => paper.type));
  const application = await workflow.fileApplication(tx, caller, rules, programmeId, body, types);
  await recordPapers(tx, caller, application.id, papers);
  return application;
}

/** Asks for a tranche whose evidence cites the papers sent with it, after any it cites already. */
export async function requestTrancheWithPapers(
  tx: Transaction,
  caller: Caller,
  applicationId: string,
  input: Parameters<typeof workflow.requestTranche>[3],
  papers: readonly SentPaper[],
) {
  const rows = await recordPapers(tx, caller, applicationId, papers);
  const cited = rows.map((row) => ({ documentId: row.id }));
  return workflow.requestTranche(tx, caller, applicationId, { ...input, evidence: [...input.evidence, ...cited] });
}

/** Closes a project with the papers the rules require before closing (the handover certificate). */
export async function closeWithPapers(
  tx: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  applicationId: string,
  input: { reason?: string | undefined },
  papers: readonly SentPaper[],
) {
  await recordPapers(tx, caller, applicationId, papers);
  return workflow.close(tx, caller, rules, applicationId, input);
}
