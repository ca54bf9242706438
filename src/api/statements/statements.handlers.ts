import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { CofundError, ValidationError, type FieldError } from '../../errors';
import {
  type Statement,
  type StatementKind,
  type TrialBalance,
  renderDecisionLetterJson,
  renderDecisionLetterPdf,
  renderStatementCsv,
  renderStatementJson,
  renderStatementPdf,
  renderTrialBalanceCsv,
  renderTrialBalanceJson,
  renderTrialBalancePdf,
  toReadableStream,
} from '../../statements';
import { decisionLetter, openStatement, openTrialBalance } from '../../statements/service';
import { type Snapshot, releasing } from '../../statements/snapshot';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { toInstant } from '../instants';
import { UuidSchema } from '../schemas';
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
 * Refuses (501) a document of more rows than this runtime renders in one request (the runtime says
 * how many: AppDependencies.documentRowLimit; none on Node). Never cut short.
 */
export function assertRenderableHere(rows: number, limit: number | undefined): void {
  if (limit === undefined || rows <= limit) return;
  throw new CofundError(
    'document-too-large-for-workers',
    501,
    `This document has ${rows} rows; this runtime renders at most ${limit} in one request within its CPU limit. ` +
      'Ask the same URL of the Node runtime (npm start), or a shorter period.',
    [],
    { rows, limit },
  );
}

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
  chunks: AsyncIterable<Uint8Array | string>,
  format: DocumentFormat,
  filename: string,
) {
  try {
    assertRenderableHere(rows, c.var.deps.documentRowLimit);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return send(c, toReadableStream(releasing(chunks, opened.close)), format, filename);
}

const statementRenderers = { pdf: renderStatementPdf, csv: renderStatementCsv, json: renderStatementJson };
const trialBalanceRenderers = { pdf: renderTrialBalancePdf, csv: renderTrialBalanceCsv, json: renderTrialBalanceJson };

export const statement = (kind: StatementKind) => async (c: Context<AppEnv>) => {
  const { id, format } = parseFile(c.req.param('file') ?? '', STATEMENT_FORMATS);
  const query = parseQuery(c, StatementQuerySchema);
  const opened = await openStatement[kind](c.var.db, caller(c), id, {
    from: toInstant(query.from),
    to: toInstant(query.to),
    locale: query.locale,
  });
  const document = opened.value;
  const rows = document.sections.reduce((total, section) => total + section.rowCount, 0);
  const { period, subject } = document.header;
  const filename = `${kind}-statement-${subject.code}-${compactInstant(period.from)}-${compactInstant(period.to)}`;
  return stream(c, opened, rows, statementRenderers[format](document), format, filename);
};

export const trialBalance = (format: DocumentFormat) => async (c: Context<AppEnv>) => {
  const query = parseQuery(c, TrialBalanceQuerySchema);
  const opened = await openTrialBalance(c.var.db, caller(c), query.programme, {
    at: toInstant(query.at),
    locale: query.locale,
  });
  const document = opened.value;
  const rows = document.groups.reduce((total, group) => total + group.rowCount, 0);
  const filename = `trial-balance-${document.header.subject.code}-${compactInstant(document.asOf)}`;
  return stream(c, opened, rows, trialBalanceRenderers[format](document), format, filename);
};

export const letter = (format: (typeof LETTER_FORMATS)[number]) => async (c: Context<AppEnv>) => {
  const id = c.req.param('id') ?? '';
  if (!UuidSchema.safeParse(id).success) throw ValidationError.field('path.id', 'must be an id (UUID)');
  const query = parseQuery(c, LetterQuerySchema);
  const document = await decisionLetter(c.var.db, caller(c), id, { locale: query.locale });
  // pdfkit's bytes live in a plain ArrayBuffer (never a shared one).
  const body =
    format === 'pdf'
      ? (renderDecisionLetterPdf(document) as Uint8Array<ArrayBuffer>)
      : renderDecisionLetterJson(document);
  return send(c, body, format, `decision-letter-${id}`);
};
