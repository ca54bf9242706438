import { createRoute, z } from '@hono/zod-openapi';
import {
  CommentSchema,
  IdParamSchema,
  MoneySchema,
  NameSchema,
  PartySchema,
  bearerSecurity,
  errorResponses,
  json,
  postOnId,
  safeText,
  uniqueArray,
  UuidSchema,
} from '../schemas';

/** Documents per tranche request. */
const MAX_EVIDENCE = 50;

export const DecisionEnum = z.enum(['approve', 'reject'], { error: 'approve or reject' });
/** A party's decision on an application or a tranche (the portal's decision forms read it too). */
export const DecisionBodySchema = z
  .object({ decision: DecisionEnum, comment: CommentSchema.optional(), party: PartySchema.optional() })
  .strict();

export const ApprovalSchema = z.object({
  party: z.string(),
  organisationId: z.uuid(),
  decision: DecisionEnum,
  comment: z.string(),
  at: z.iso.datetime(),
});

export const TrancheSchema = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    index: z.number().int().openapi({ description: '0-based order of the request' }),
    amount: MoneySchema,
    milestone: z.string(),
    evidence: z.array(z.record(z.string(), z.unknown())).openapi({
      description:
        'Each item as stored: a cited document is {documentId, type, fileName, sha256}; older evidence is what ' +
        'the client sent, {name, sha256?, uri?}',
    }),
    approvers: z.array(z.string()),
    status: z.enum(['requested', 'posted', 'rejected']),
    parts: z
      .array(z.object({ party: z.string(), amount: MoneySchema }))
      .nullable()
      .openapi({ description: "Each party's part, once posted" }),
    approvals: z.array(ApprovalSchema),
    requestedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .openapi('Tranche');

// Tranches are listed under their applications in the reference.
const tags = ['Applications'];
export const NewTrancheSchema = z
  .object({
    amount: MoneySchema,
    milestone: safeText(500),
    // A set of documents: each named once, at most MAX_EVIDENCE (the request, its audit row and its
    // idempotency record each store it).
    // Either a stored document of the application, by id (docs/documents.md), or, as before
    // documents were stored, a name with an optional hash and address.
    evidence: uniqueArray(
      // One object rather than a union, so that a refusal names the field at fault.
      z
        .object({
          documentId: UuidSchema.optional().openapi({
            description: 'A current document of the application (uploaded first); alone, without name',
          }),
          name: NameSchema.optional(),
          sha256: z
            .string()
            .regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in hex')
            .optional(),
          uri: safeText(2000).optional(),
        })
        .strict()
        .refine(
          (item) =>
            item.documentId === undefined
              ? item.name !== undefined
              : item.name === undefined && item.sha256 === undefined && item.uri === undefined,
          { message: 'either documentId (a stored document, alone) or name (with sha256, uri)', path: ['documentId'] },
        ),
      MAX_EVIDENCE,
    ).min(1, 'at least one document'),
  })
  .strict()
  .openapi('NewTranche');

export const requestTranche = postOnId(
  'requestTranche',
  tags,
  '/v1/applications/{id}/tranches',
  'Ask for a disbursement against a milestone, with evidence (applicant)',
  NewTrancheSchema,
  TrancheSchema,
  201,
);

export const getTranche = createRoute({
  method: 'get',
  path: '/v1/tranches/{id}',
  operationId: 'getTranche',
  tags,
  summary: 'One tranche and its approvals',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(TrancheSchema, 'The tranche'), ...errorResponses },
});

export const decideTranche = postOnId(
  'decideTranche',
  tags,
  '/v1/tranches/{id}/approvals',
  'Approve or reject a tranche as a party the rules name; the last approval posts it to the ledger',
  DecisionBodySchema,
  TrancheSchema,
  200,
);
