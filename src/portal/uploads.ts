import type { Context } from 'hono';
import {
  type SentPaper,
  DocumentsUnavailableError,
  cleanFileName,
  papersFingerprint,
  readText,
  receiveBytes,
} from '../documents';
import { CofundError, ValidationError } from '../errors';
import type { Transaction } from '../ledger';
import type { PortalEnv } from './env';
import { type MoneyFormResult, postMoneyForm, refusalOf } from './money-form';

/*
 * The files of a portal form. The session middleware read the form's text fields (and checked its
 * CSRF token) from the stream up to the first file; here each file streams, a chunk at a time, to
 * the document store's staging area through the same `receiveBytes` as /v1, within the documents'
 * size limit. The workflow step then records them in its own transaction (src/documents/papers.ts).
 */

/** The portal's forms that may carry files: streamed like /v1's uploads (src/api/middleware/guards.ts). */
export const FORMS_WITH_FILES: ReadonlyArray<readonly [string, string]> = [
  ['POST', '/programmes/:id/applications'],
  ['POST', '/applications/:id/documents'],
  ['POST', '/applications/:id/tranches'],
  ['POST', '/manage/applications/:id/:step'],
];

/**
 * Receives the form's files, each named by the document type it is (`toma-de-nota`), refusing a
 * file in any other field. A file input left empty sends no bytes and is no paper. Text fields
 * after a file are added to `c.var.form`. If anything is refused, what was staged is discarded.
 */
export async function receivePapers(c: Context<PortalEnv>, accepted: (name: string) => boolean): Promise<SentPaper[]> {
  const parts = c.var.formParts;
  if (!parts) return [];
  const store = c.var.deps.documentStore;
  if (!store) throw new DocumentsUnavailableError();
  const papers: SentPaper[] = [];
  try {
    for await (const part of parts) {
      if (part.filename === undefined) {
        c.var.form[part.name] = await readText(part.body, part.name);
        continue;
      }
      if (!accepted(part.name)) throw ValidationError.field(part.name, 'this form takes no file here');
      // An empty file input: the browser sends the part with no name and no bytes.
      if (part.filename === '') continue;
      const received = await receiveBytes(store, part.body, {
        maxBytes: c.var.guards.limits.documentBytes,
        claimedType: part.contentType,
        field: part.name,
      });
      papers.push({ type: part.name, received, fileName: cleanFileName(part.filename, received.format.extension) });
    }
  } catch (error) {
    await discardPapers(papers);
    throw error;
  }
  return papers;
}

/** Staged bytes a step did not move to their address (a refusal, a replay) go now. */
export async function discardPapers(papers: readonly SentPaper[]): Promise<void> {
  for (const paper of papers) await paper.received.staged.discard();
}

/**
 * A money form with papers: receives them, runs `work` with them once per the form's key (the key
 * covers the papers' SHA-256s too), and discards whatever stays staged. A refusal, of a file or of
 * the step, comes back as field errors.
 */
export async function postMoneyFormWithPapers(
  c: Context<PortalEnv>,
  accepted: (name: string) => boolean,
  body: Record<string, unknown>,
  work: (tx: Transaction, papers: readonly SentPaper[]) => Promise<MoneyFormResult>,
): ReturnType<typeof postMoneyForm> {
  let papers: SentPaper[] = [];
  try {
    papers = await receivePapers(c, accepted);
    const sent = papers;
    return await postMoneyForm(c, { ...body, papers: papersFingerprint(sent) }, (tx) => work(tx, sent));
  } catch (error) {
    if (!(error instanceof CofundError) || error.status === 403 || error.status === 404) throw error;
    return { errors: refusalOf(error, c.var.texts) };
  } finally {
    await discardPapers(papers);
  }
}
