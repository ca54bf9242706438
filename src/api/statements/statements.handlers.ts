import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { CofundError, ValidationError, type FieldError } from '../../errors';
import {
  type Statement,
  type StatementKind,
  type TrialBalance,
  renderDecisionLetterJson,
  renderStatementCsv,
  renderStatementJson,
  renderTrialBalanceCsv,
  renderTrialBalanceJson,
  toReadableStream,
} from '../../statements';
import { type PdfJob, inProcessPdf } from '../../statements/render';
import { decisionLetter, openStatement, openTrialBalance } from '../../statements/service';
import { type Snapshot, releasing } from '../../statements/snapshot';
import { caller } from '../caller';
import type { AppDependencies, AppEnv } from '../context';
import { toInstant } from '../instants';
import { UuidSchema } from '../schemas';
import { problemResponse } from '../problem';
import { fieldErrors } from '../validation';
import {
  type DocumentFormat,
  LETTER_FORMATS,
  LetterQuerySchema,
  STATEMENT_FORMATS,
  StatementQuerySchema,
  TrialBalanceQuerySchema,
} from './statements.routes';

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Refuses a document of more rows than this runtime renders in one request (the runtime says how
 * many: AppDependencies.documentRowLimit). Never cut short. A Worker (CPU budget) points at the Node
 * runtime with a 501; Node, whose limit bounds how long a render holds a thread and a connection,
 * asks for a shorter period with a 422.
 */
export function assertRenderableHere(
  rows: number,
  limit: number | undefined,
  tooLarge: AppDependencies['documentTooLarge'] = 'use-node',
): void {
  if (limit === undefined || rows <= limit) return;
  if (tooLarge === 'shorten-period') {
    throw new CofundError(
      'document-too-large',
      422,
      `This document has ${rows} rows; this server renders at most ${limit} in one document. Ask a shorter period.`,
      [
        { field: 'query.from', message: `the period holds ${rows} rows (at most ${limit})` },
        { field: 'query.to', message: `the period holds ${rows} rows (at most ${limit})` },
      ],
      { rows, limit },
    );
  }
  throw new CofundError(
    'document-too-large-for-workers',
    501,
    `This document has ${rows} rows; this runtime renders at most ${limit} in one request within its CPU limit. ` +
      'Ask the same URL of the Node runtime (npm start), or a shorter period.',
    [],
    { rows, limit },
  );
}

/** Seconds a client refused a render slot is told to wait: renders take seconds, not minutes. */
const RENDER_RETRY_AFTER_S = 5;

/**
 * A render slot for the caller, held until the document has streamed (`release`), or a 429 to send:
 * at most `rendersPerCaller` documents per key (or the administrator) and `rendersGlobal` in all.
 */
function renderSlot(c: Context<AppEnv>): (() => void) | Response {
  const actor = c.var.actor;
  const release = c.var.guards.renders.tryAcquire(actor.kind === 'admin' ? 'admin' : actor.keyId);
  if (release) return release;
  const { rendersPerCaller, rendersGlobal } = c.var.guards.limits;
  return problemResponse(
    c,
    429,
    'too-many-renders',
    `Too many documents are being rendered (at most ${rendersPerCaller} per key, ${rendersGlobal} in all); ` +
      `try again in ${RENDER_RETRY_AFTER_S} s.`,
    {},
    { 'retry-after': String(RENDER_RETRY_AFTER_S) },
  );
}

/** A document route run in a render slot: released when its body ends, fails or is dropped, or at once on error. */
const inRenderSlot =
  (handler: (c: Context<AppEnv>, release: () => void) => Promise<Response>) => async (c: Context<AppEnv>) => {
    const release = renderSlot(c);
    if (release instanceof Response) return release;
    try {
      return await handler(c, release);
    } catch (error) {
      release();
      throw error;
    }
  };

const pdfOf = (c: Context<AppEnv>, job: PdfJob) => (c.var.deps.renderPdf ?? inProcessPdf).render(job);

function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success)
    throw new ValidationError('The request has invalid fields; see errors.', fieldErrors(parsed.error.issues, 'query'));
  return parsed.data;
}

/** `{id}.{format}`, the last path segment. */
function parseFile<F extends string>(file: string, formats: readonly F[]): { id: string; format: F } {
  const dot = file.lastIndexOf('.');
  const id = dot < 0 ? file : file.slice(0, dot);
  const format = dot < 0 ? '' : file.slice(dot + 1);
  const errors: FieldError[] = [];
  if (!UuidSchema.safeParse(id).success) errors.push({ field: 'path.id', message: 'must be an id (UUID)' });
  if (!(formats as readonly string[]).includes(format))
    errors.push({ field: 'path.format', message: `the file extension: one of ${formats.join(', ')}` });
  if (errors.length > 0) throw new ValidationError('The request has invalid fields; see errors.', errors);
  return { id, format: format as F };
}

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash, underscore. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_');
const compactInstant = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

function send(
  c: Context<AppEnv>,
  body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | string,
  format: DocumentFormat,
  filename: string,
) {
  return c.body(body, 200, {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${fileSafe(filename)}.${format}"`,
    // Account-level money of named organisations: no shared cache may keep it.
    'cache-control': 'no-store',
  });
}

/** Streams a document read from a snapshot, and ends the snapshot when the stream ends or is dropped. */
async function stream<T extends Statement | TrialBalance>(
  c: Context<AppEnv>,
  opened: Snapshot<T>,
  rows: number,
  chunks: () => AsyncIterable<Uint8Array | string>,
  format: DocumentFormat,
  filename: string,
  release: () => void,
) {
  try {
    assertRenderableHere(rows, c.var.deps.documentRowLimit, c.var.deps.documentTooLarge);
  } catch (error) {
    await opened.close();
    throw error;
  }
  const close = async () => {
    release();
    await opened.close();
  };
  return send(c, toReadableStream(releasing(chunks(), close)), format, filename);
}

const statementRenderers = {
  pdf: (c: Context<AppEnv>, document: Statement) => pdfOf(c, { kind: 'statement', document }),
  csv: (_c: Context<AppEnv>, document: Statement) => renderStatementCsv(document),
  json: (_c: Context<AppEnv>, document: Statement) => renderStatementJson(document),
};
const trialBalanceRenderers = {
  pdf: (c: Context<AppEnv>, document: TrialBalance) => pdfOf(c, { kind: 'trial-balance', document }),
  csv: (_c: Context<AppEnv>, document: TrialBalance) => renderTrialBalanceCsv(document),
  json: (_c: Context<AppEnv>, document: TrialBalance) => renderTrialBalanceJson(document),
};

export const statement = (kind: StatementKind) =>
  inRenderSlot(async (c, release) => {
    const { id, format } = parseFile(c.req.param('file') ?? '', STATEMENT_FORMATS);
    const query = parseQuery(c, StatementQuerySchema);
    const opened = await openStatement[kind](c.var.reportsDb, caller(c), id, {
      from: toInstant(query.from),
      to: toInstant(query.to),
      locale: query.locale,
    });
    const document = opened.value;
    const rows = document.sections.reduce((total, section) => total + section.rowCount, 0);
    const { period, subject } = document.header;
    const filename = `${kind}-statement-${subject.code}-${compactInstant(period.from)}-${compactInstant(period.to)}`;
    return stream(c, opened, rows, () => statementRenderers[format](c, document), format, filename, release);
  });

export const trialBalance = (format: DocumentFormat) =>
  inRenderSlot(async (c, release) => {
    const query = parseQuery(c, TrialBalanceQuerySchema);
    const opened = await openTrialBalance(c.var.reportsDb, caller(c), query.programme, {
      at: toInstant(query.at),
      locale: query.locale,
    });
    const document = opened.value;
    const rows = document.groups.reduce((total, group) => total + group.rowCount, 0);
    const filename = `trial-balance-${document.header.subject.code}-${compactInstant(document.asOf)}`;
    return stream(c, opened, rows, () => trialBalanceRenderers[format](c, document), format, filename, release);
  });

export const letter = (format: (typeof LETTER_FORMATS)[number]) =>
  inRenderSlot(async (c, release) => {
    const id = c.req.param('id') ?? '';
    if (!UuidSchema.safeParse(id).success) throw ValidationError.field('path.id', 'must be an id (UUID)');
    const query = parseQuery(c, LetterQuerySchema);
    const document = await decisionLetter(c.var.reportsDb, caller(c), id, { locale: query.locale });
    if (format === 'json') {
      release();
      return send(c, renderDecisionLetterJson(document), format, `decision-letter-${id}`);
    }
    const pdf = releasing(pdfOf(c, { kind: 'decision-letter', document }), async () => release());
    return send(c, toReadableStream(pdf), format, `decision-letter-${id}`);
  });
