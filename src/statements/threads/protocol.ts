import type { PdfJob } from '../render';

/*
 * What travels between a request's thread and a render thread. A document's rows are cursors of the
 * request's database snapshot, which cannot cross threads: they stay behind, and the render thread
 * asks for them a batch at a time, when its pages reach them. Everything else is structured-cloned.
 *
 *   main -> thread   start {job}          the document, its row sources replaced by their index
 *   thread -> main   want {source}        the next rows of a source
 *   main -> thread   rows {source, rows, done}
 *   main -> thread   pull                 the next chunk, asked for while the last one is handed on
 *   thread -> main   chunk {bytes} | end | failed {name, message}
 *
 * A reader that goes away mid-document has its thread terminated (a fresh one takes its place):
 * the renderer may be waiting for rows that will never come.
 */

export type ToThread =
  { type: 'start'; job: PdfJob } | { type: 'rows'; source: number; rows: unknown[]; done: boolean } | { type: 'pull' };

export type FromThread =
  | { type: 'want'; source: number }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'failed'; name: string; message: string };

type RowSource = AsyncIterable<unknown> | Iterable<unknown>;

/** Rows per message: about 25 pages of a statement, so that messages cost little beside drawing. */
export const ROW_BATCH = 1000;

/** The row sources of a job, in order, and the job with each replaced by an empty placeholder. */
export function detachRows(job: PdfJob): { job: PdfJob; sources: RowSource[] } {
  const sources: RowSource[] = [];
  const take = <T extends { rows: RowSource }>(part: T): T => {
    sources.push(part.rows);
    return { ...part, rows: [] };
  };
  switch (job.kind) {
    case 'statement':
      return { job: { ...job, document: { ...job.document, sections: job.document.sections.map(take) } }, sources };
    case 'trial-balance':
      return { job: { ...job, document: { ...job.document, groups: job.document.groups.map(take) } }, sources };
    case 'decision-letter':
      return { job, sources };
  }
}

/** The job with each row source (by position) read through `rowsOf`. */
export function attachRows(job: PdfJob, rowsOf: (source: number) => AsyncIterable<never>): PdfJob {
  let next = 0;
  const give = <T extends { rows: RowSource }>(part: T): T => ({ ...part, rows: rowsOf(next++) });
  switch (job.kind) {
    case 'statement':
      return { ...job, document: { ...job.document, sections: job.document.sections.map(give) } };
    case 'trial-balance':
      return { ...job, document: { ...job.document, groups: job.document.groups.map(give) } };
    case 'decision-letter':
      return job;
  }
}
