import type { RouteHandler } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { Buffer } from 'node:buffer';
import type { Context } from 'hono';
import {
  type DocumentFields,
  type DocumentStore,
  type DocumentView,
  DocumentsUnavailableError,
  type ReceivedBytes,
  authorizeUpload,
  cleanFileName,
  formDataBoundary,
  formLimits,
  getDocument as findDocument,
  listDocuments as list,
  openDocument,
  readMultipart,
  readText,
  receiveBytes,
  recordDocument,
  withdrawDocument as withdraw,
} from '../../documents';
import { CofundError, ValidationError } from '../../errors';
import { textProblem } from '../../input';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { UuidSchema, presented } from '../schemas';
import { fieldErrors } from '../validation';
import * as routes from './documents.routes';

export const presentDocument = (d: DocumentView) =>
  presented(routes.DocumentSchema, {
    id: d.id,
    applicationId: d.applicationId,
    type: d.type,
    note: d.note,
    subject: d.trancheId
      ? { kind: 'tranche' as const, id: d.trancheId }
      : d.contributionId
        ? { kind: 'contribution' as const, id: d.contributionId }
        : d.approvalId
          ? { kind: 'approval' as const, id: d.approvalId }
          : d.refundEntryId !== null
            ? { kind: 'refund' as const, id: d.refundEntryId.toString() }
            : null,
    fileName: d.fileName,
    contentType: d.contentType,
    size: d.size,
    sha256: d.sha256,
    version: d.version,
    supersedes: d.supersedesId,
    supersededBy: d.supersededById,
    current: !d.withdrawal && !d.supersededById,
    withdrawal: d.withdrawal
      ? { reason: d.withdrawal.reason, organisationId: d.withdrawal.organisationId, at: d.withdrawal.at.toISOString() }
      : null,
    organisationId: d.organisationId,
    uploadedAt: d.createdAt.toISOString(),
  });

export function storeOf(c: Context<AppEnv>): DocumentStore {
  const store = c.var.deps.documentStore;
  if (!store) throw new DocumentsUnavailableError();
  return store;
}

const optionalId = UuidSchema.optional();
const FormFieldsSchema = z
  .object({
    type: z.string({ error: 'required: the document type, such as "toma-de-nota"' }).max(63),
    note: z
      .string()
      .max(2000)
      .refine((note) => textProblem(note, 'paragraph') === undefined, { message: 'must be plain text' })
      .default(''),
    supersedes: optionalId,
    trancheId: optionalId,
    contributionId: optionalId,
    approvalId: optionalId,
    refundEntryId: z
      .string()
      .regex(/^[1-9][0-9]{0,18}$/, 'a ledger entry id')
      .optional(),
  })
  .strict()
  .refine(
    (f) => [f.trancheId, f.contributionId, f.approvalId, f.refundEntryId].filter((id) => id !== undefined).length <= 1,
    { message: 'at most one of trancheId, contributionId, approvalId, refundEntryId', path: ['trancheId'] },
  );

/**
 * POST /v1/applications/{id}/documents. Who may upload is settled before a byte is read; the file
 * streams to the store while it is hashed and sniffed; the row is written once the bytes are at
 * their content address (src/documents/service.ts).
 */
export async function uploadDocument(c: Context<AppEnv>) {
  const store = storeOf(c);
  const id = UuidSchema.safeParse(c.req.param('id'));
  if (!id.success) throw ValidationError.field('path.id', 'must be an id (UUID)');
  const applicationId = id.data;
  await authorizeUpload(c.var.db, caller(c), applicationId);
  const boundary = formDataBoundary(c.req.header('content-type'));
  if (!boundary || !c.req.raw.body) {
    throw new CofundError('unsupported-media-type', 415, 'a document is uploaded as multipart/form-data');
  }
  const maxBytes = c.var.guards.limits.documentBytes;
  const text: Record<string, string> = {};
  let received: ReceivedBytes | undefined;
  let sentName: string | undefined;
  try {
    const parts = readMultipart(c.req.raw.body, boundary, formLimits(maxBytes));
    for await (const part of parts) {
      if (part.name === 'file') {
        if (received) throw ValidationError.field('body.file', 'one file per upload');
        received = await receiveBytes(store, part.body, {
          maxBytes,
          claimedType: part.contentType,
          field: 'body.file',
        });
        sentName = part.filename;
      } else if (part.filename !== undefined) {
        throw ValidationError.field(`body.${part.name}`, 'only the "file" part is a file');
      } else {
        text[part.name] = await readText(part.body, part.name);
      }
    }
    if (!received) throw ValidationError.field('body.file', 'required: the document itself');
    const parsed = FormFieldsSchema.safeParse(text);
    if (!parsed.success) {
      throw new ValidationError('The upload has invalid fields; see errors.', fieldErrors(parsed.error.issues, 'body'));
    }
    const form = parsed.data;
    const fields: DocumentFields = {
      type: form.type,
      note: form.note,
      fileName: cleanFileName(sentName, received.format.extension),
      supersedes: form.supersedes,
      subject: form.trancheId
        ? { kind: 'tranche', id: form.trancheId }
        : form.contributionId
          ? { kind: 'contribution', id: form.contributionId }
          : form.approvalId
            ? { kind: 'approval', id: form.approvalId }
            : form.refundEntryId
              ? { kind: 'refund', entryId: BigInt(form.refundEntryId) }
              : undefined,
    };
    const bytes = received;
    const row = await c.var.db.transaction((tx) => recordDocument(tx, caller(c), applicationId, bytes, fields));
    return c.json(presentDocument(await findDocument(c.var.db, caller(c), row.id)), 201);
  } catch (error) {
    // Refused before its row: staged bytes go at once (promoted ones, if any, wait for the sweep).
    await received?.staged.discard();
    throw error;
  }
}

/** RFC 6266: an ASCII fallback, and the exact name in UTF-8. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** GET /v1/documents/{id}: streamed from the store, with its length, type and hash. */
export async function downloadDocument(c: Context<AppEnv>) {
  const store = storeOf(c);
  const id = UuidSchema.safeParse(c.req.param('id'));
  if (!id.success) throw ValidationError.field('path.id', 'must be an id (UUID)');
  const { document, bytes } = await openDocument(c.var.db, store, caller(c), id.data);
  const hash = Buffer.from(document.sha256, 'hex').toString('base64');
  return new Response(bytes.body, {
    status: 200,
    headers: {
      'content-type': document.contentType,
      'content-length': String(bytes.size),
      'content-disposition': contentDisposition(document.fileName),
      'x-content-sha256': document.sha256,
      'repr-digest': `sha-256=:${hash}:`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'x-request-id': c.var.requestId,
    },
  });
}

export const listDocuments: RouteHandler<typeof routes.listDocuments, AppEnv> = async (c) => {
  const { items, required, enforced } = await list(c.var.db, caller(c), c.req.valid('param').id);
  return c.json(
    {
      items: items.map(presentDocument),
      required,
      missing: required.filter((item) => item.missing),
      enforced,
    },
    200,
  );
};

export const getDocument: RouteHandler<typeof routes.getDocument, AppEnv> = async (c) =>
  c.json(presentDocument(await findDocument(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const withdrawDocument: RouteHandler<typeof routes.withdrawDocument, AppEnv> = async (c) => {
  const [id, { reason }] = [c.req.valid('param').id, c.req.valid('json')];
  const withdrawn = await c.var.db.transaction((tx) => withdraw(tx, caller(c), id, reason));
  return c.json(presentDocument(withdrawn), 200);
};
