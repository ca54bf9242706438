import type { DecisionLetter, Statement, TrialBalance } from './model';
import { renderDecisionLetterPdf } from './pdf/decision-letter';
import { renderStatementPdf } from './pdf/statement';
import { renderTrialBalancePdf } from './pdf/trial-balance';

/*
 * PDF rendering is CPU work: about 0.3 ms a row, so a large statement would hold the event loop for
 * seconds and every other request with it. A PdfRenderer renders away from the request's thread
 * where the runtime can (Node: worker threads, ./threads); in process where it cannot (Workers,
 * which have no threads and a row limit instead). Either way the pages stream: rows are pulled as
 * pages need them and each page is handed on before the next is drawn.
 */

export type PdfJob =
  | { kind: 'statement'; document: Statement }
  | { kind: 'trial-balance'; document: TrialBalance }
  | { kind: 'decision-letter'; document: DecisionLetter };

export interface PdfRenderer {
  render(job: PdfJob): AsyncIterable<Uint8Array>;
}

/** The renderer of a job, run here. */
export function renderPdfHere(job: PdfJob): AsyncIterable<Uint8Array> {
  switch (job.kind) {
    case 'statement':
      return renderStatementPdf(job.document);
    case 'trial-balance':
      return renderTrialBalancePdf(job.document);
    case 'decision-letter':
      return (async function* () {
        yield renderDecisionLetterPdf(job.document);
      })();
  }
}

export const inProcessPdf: PdfRenderer = { render: renderPdfHere };
