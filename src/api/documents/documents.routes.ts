import { type RouteConfig, createRoute, z } from '@hono/zod-openapi';
import { DOCUMENT_FORMATS } from '../../documents';
import { DOCUMENT_STEPS, TRANCHE_SELECTORS } from '../../rules';
import { CommentSchema, IdParamSchema, bearerSecurity, errorResponses, json, problem } from '../schemas';

const tags = ['Documents'];

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    type: z.string().openapi({ example: 'toma-de-nota', description: 'As the rule files name it' }),
    note: z.string(),
    subject: z
      .object({ kind: z.enum(['tranche', 'contribution', 'approval', 'refund']), id: z.string() })
      .nullable()
      .openapi({ description: 'The step of the application it belongs to, if any (a refund is its ledger entry id)' }),
    fileName: z.string(),
    contentType: z.enum(DOCUMENT_FORMATS.map((format) => format.contentType) as [string, ...string[]]),
    size: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of the bytes, hex, computed by the server' }),
    version: z.number().int(),
    supersedes: z.uuid().nullable(),
    supersededBy: z.uuid().nullable(),
    current: z.boolean().openapi({ description: 'Neither withdrawn nor superseded: it counts for the steps' }),
    withdrawal: z.object({ reason: z.string(), organisationId: z.uuid(), at: z.iso.datetime() }).nullable(),
    organisationId: z.uuid().openapi({ description: 'Who uploaded it' }),
    uploadedAt: z.iso.datetime(),
  })
  .openapi('Document');

export const ChecklistItemSchema = z
  .object({
    type: z.string().openapi({ example: 'toma-de-nota' }),
    rule: z.string().openapi({ example: '3x1-5' }),
    step: z.enum(DOCUMENT_STEPS),
    tranches: z.enum(TRANCHE_SELECTORS).optional(),
    says: z.string(),
    documentIds: z.array(z.uuid()).openapi({ description: 'The current documents of this type' }),
    missing: z.boolean().openapi({
      description:
        'No current document of the type (filing, approval, close); for a tranche: the next request needs it ' +
        'and every current one is already cited by a standing tranche',
    }),
  })
  .openapi('DocumentChecklistItem', { description: 'A document the rules require of the application' });

const fileResponses = {
  ...errorResponses,
  413: problem('Larger than the document limit'),
  415: problem('Not multipart/form-data, or a file that is not a PDF, PNG or JPEG'),
  501: problem('No document store on this server'),
};

/** Documented here, routed by hand in ./index: the body is streamed, never parsed whole. */
export const uploadDocument: RouteConfig = {
  method: 'post',
  path: '/v1/applications/{id}/documents',
  operationId: 'uploadDocument',
  tags,
  summary:
    'Upload a document of the application (multipart/form-data: file, type, optional note, supersedes, and ' +
    'at most one of trancheId, contributionId, approvalId, refundEntryId). PDF, PNG or JPEG, recognised from the bytes',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: z.object({
            file: z.string().openapi({ format: 'binary', description: 'The document itself, streamed' }),
            type: z.string().openapi({ example: 'toma-de-nota' }),
            note: z.string().optional(),
            supersedes: z.uuid().optional().openapi({ description: 'The current version this one replaces' }),
            trancheId: z.uuid().optional(),
            contributionId: z.uuid().optional(),
            approvalId: z.uuid().optional(),
            refundEntryId: z.string().optional().openapi({ description: 'Ledger entry id of the refund' }),
          }),
        },
      },
    },
  },
  responses: { 201: json(DocumentSchema, 'Stored'), ...fileResponses },
};

export const downloadDocument: RouteConfig = {
  method: 'get',
  path: '/v1/documents/{id}',
  operationId: 'downloadDocument',
  tags,
  summary: 'The bytes, streamed, with the stored content type and X-Content-SHA256 (parties, auditors, staff)',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: 'The document',
      content: Object.fromEntries(
        DOCUMENT_FORMATS.map((format) => [format.contentType, { schema: z.string().openapi({ format: 'binary' }) }]),
      ),
    },
    ...fileResponses,
  },
};

export const listDocuments = createRoute({
  method: 'get',
  path: '/v1/applications/{id}/documents',
  operationId: 'listDocuments',
  tags,
  summary:
    'Every version of every document of the application, oldest first, with what the rules require and what ' +
    'is missing',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: {
    200: json(
      z.object({
        items: z.array(DocumentSchema),
        required: z.array(ChecklistItemSchema).openapi({ description: "The plan's documents, in plan order" }),
        missing: z.array(ChecklistItemSchema).openapi({ description: 'Those of `required` that are missing' }),
        enforced: z.boolean().openapi({
          description: "The programme's requireDocuments: whether a step is refused while its documents are missing",
        }),
      }),
      'Documents',
    ),
    ...errorResponses,
  },
});

export const getDocument = createRoute({
  method: 'get',
  path: '/v1/documents/{id}/metadata',
  operationId: 'getDocumentMetadata',
  tags,
  summary: 'One document: type, hash, size, version, withdrawal',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(DocumentSchema, 'The document'), ...errorResponses },
});

export const withdrawDocument = createRoute({
  method: 'post',
  path: '/v1/documents/{id}/withdrawal',
  operationId: 'withdrawDocument',
  tags,
  summary: 'Withdraw a document (its uploader): it stays readable and no longer counts; documents are never deleted',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ reason: CommentSchema }).strict() } },
    },
  },
  responses: { 200: json(DocumentSchema, 'Withdrawn'), ...errorResponses },
});
