import { createRoute, z } from '@hono/zod-openapi';
import {
  CommentSchema,
  CurrencySchema,
  IdParamSchema,
  MoneySchema,
  NameSchema,
  PageQuerySchema,
  APPLICATION_DEPTH,
  PartySchema,
  safeJsonCheck,
  safeText,
  uniqueArray,
  bearerSecurity,
  errorResponses,
  idempotencyHeader,
  json,
} from '../schemas';
import { AccountSummarySchema } from '../programmes/programmes.routes';

/** Documents per tranche request. */
const MAX_EVIDENCE = 50;

const DecisionEnum = z.enum(['approve', 'reject'], { error: 'approve or reject' });
const STATUSES = ['filed', 'approved', 'rejected', 'cancelled', 'closed'] as const;

const ApprovalSchema = z.object({
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
    evidence: z.array(z.record(z.string(), z.unknown())),
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

export const ApplicationSchema = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    applicantId: z.uuid(),
    applicantParty: z.string(),
    status: z.enum(STATUSES),
    title: z.string(),
    fields: z.record(z.string(), z.unknown()).openapi({ description: 'The application as filed' }),
    plan: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The co-funding plan, with rule version, file hash and trace (contract "A plan")' }),
    ruleVersion: z.string(),
    ruleHash: z.string(),
    total: MoneySchema,
    currency: z.string(),
    filedAt: z.iso.datetime(),
    approvedAt: z.iso.datetime().nullable(),
    outcome: z.record(z.string(), z.unknown()).nullable(),
    endedAt: z.iso.datetime().nullable(),
    version: z.number().int().openapi({ description: 'Grows with every change' }),
    approvals: z.array(ApprovalSchema),
    reservations: z.array(
      z.object({
        party: z.string(),
        holdId: z.uuid(),
        amount: MoneySchema,
        captured: MoneySchema,
        remaining: MoneySchema,
        status: z.string(),
      }),
    ),
    contributions: z.array(
      z.object({
        id: z.uuid(),
        party: z.string(),
        paidAmount: MoneySchema,
        paidCurrency: z.string(),
        fxRate: z.string().nullable(),
        amount: MoneySchema,
        entryId: z.string(),
        at: z.iso.datetime(),
      }),
    ),
    tranches: z.array(TrancheSchema),
    funding: z.array(
      z.object({
        party: z.string(),
        funding: z.string(),
        organisation: z.uuid().nullable(),
        share: MoneySchema,
        reserved: MoneySchema,
        contributed: MoneySchema,
        held: MoneySchema,
        disbursed: MoneySchema,
      }),
    ),
    disbursed: MoneySchema,
    createdAt: z.iso.datetime(),
  })
  .openapi('Application');

// Bounded here; judged field by field by the rules' own schema (src/rules/application.ts).
const ApplicationFieldsSchema = z
  .object({
    projectType: z.string().max(100),
    title: z.string().max(500),
    totalCost: MoneySchema,
    currency: z.string().max(3),
  })
  .passthrough()
  .superRefine(safeJsonCheck(APPLICATION_DEPTH))
  .openapi('ApplicationFields', {
    description: 'Contract "Application fields": the minimum every rule set understands, plus what a rule set declares',
  });

const tags = ['Applications'];
const withBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** A POST on /{id}/...: its body, its answer and status, and the Idempotency-Key it requires. */
function post<B extends z.ZodType, R extends z.ZodType, S extends 200 | 201>(
  path: string,
  summary: string,
  body: B,
  response: R,
  status: S,
) {
  const answer = { [status]: json(response, 'Done') } as Record<S, ReturnType<typeof json<R>>>;
  return createRoute({
    method: 'post',
    path,
    tags,
    summary,
    security: bearerSecurity,
    request: { params: IdParamSchema, headers: idempotencyHeader, ...withBody(body) },
    responses: { ...answer, ...errorResponses },
  });
}

export const fileApplication = createRoute({
  method: 'post',
  path: '/v1/programmes/{id}/applications',
  tags,
  summary: 'File an application (applicant): 201 with its plan, or 422 with every failed eligibility rule',
  security: bearerSecurity,
  request: { params: IdParamSchema, ...withBody(ApplicationFieldsSchema) },
  responses: { 201: json(ApplicationSchema, 'Filed'), ...errorResponses },
});

export const listApplications = createRoute({
  method: 'get',
  path: '/v1/applications',
  tags,
  summary: 'Applications the key may see, newest first',
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      programme: z
        .uuid()
        .optional()
        .openapi({ param: { name: 'programme', in: 'query' } }),
      status: z
        .enum(STATUSES)
        .optional()
        .openapi({ param: { name: 'status', in: 'query' } }),
    }),
  },
  responses: {
    200: json(
      z.object({
        items: z.array(
          ApplicationSchema.omit({
            approvals: true,
            reservations: true,
            contributions: true,
            tranches: true,
            funding: true,
            disbursed: true,
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
      'A page',
    ),
    ...errorResponses,
  },
});

export const getApplication = createRoute({
  method: 'get',
  path: '/v1/applications/{id}',
  tags,
  summary: 'Status, plan, approvals, money by party, tranches (parties of it, auditors)',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(ApplicationSchema, 'The application'), ...errorResponses },
});

export const applicationAccounts = createRoute({
  method: 'get',
  path: '/v1/applications/{id}/accounts',
  tags,
  summary: "The project's ledger accounts: each party's share and what was paid out of it, with balances",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(AccountSummarySchema) }), 'Accounts'), ...errorResponses },
});

export const decideApplication = post(
  '/v1/applications/{id}/approvals',
  'Approve or reject as a required party (approver); the last approval reserves the public shares',
  z
    .object({ decision: DecisionEnum, comment: CommentSchema.optional(), party: PartySchema.optional() })
    .strict()
    .openapi('Decision'),
  ApplicationSchema,
  200,
);

export const recordContribution = post(
  '/v1/applications/{id}/contributions',
  "Record money a party actually paid in (the applicant's own money, the bank's credit), " +
    'with FX when in another currency',
  z
    .object({
      party: PartySchema,
      amount: MoneySchema,
      currency: CurrencySchema.optional(),
      fxRate: z.string().max(40, 'must be at most 40 characters').optional(),
    })
    .strict()
    .openapi('NewContribution'),
  ApplicationSchema,
  201,
);

export const requestTranche = post(
  '/v1/applications/{id}/tranches',
  'Ask for a disbursement against a milestone, with evidence (applicant)',
  z
    .object({
      amount: MoneySchema,
      milestone: safeText(500),
      // A set of documents: each named once, at most MAX_EVIDENCE (the request, its audit row and its
      // idempotency record each store it).
      evidence: uniqueArray(
        z
          .object({
            name: NameSchema,
            sha256: z
              .string()
              .regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in hex')
              .optional(),
            uri: safeText(2000).optional(),
          })
          .strict(),
        MAX_EVIDENCE,
      ).min(1, 'at least one document'),
    })
    .strict()
    .openapi('NewTranche'),
  TrancheSchema,
  201,
);

export const getTranche = createRoute({
  method: 'get',
  path: '/v1/tranches/{id}',
  tags,
  summary: 'One tranche and its approvals',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(TrancheSchema, 'The tranche'), ...errorResponses },
});

export const decideTranche = post(
  '/v1/tranches/{id}/approvals',
  'Approve or reject a tranche as a party the rules name; the last approval posts it to the ledger',
  z.object({ decision: DecisionEnum, comment: CommentSchema.optional(), party: PartySchema.optional() }).strict(),
  TrancheSchema,
  200,
);

const Reason = CommentSchema;
export const refund = post(
  '/v1/applications/{id}/refunds',
  'Return unspent money to its sources, pro rata (programme managers)',
  z.object({ amount: MoneySchema.optional(), reason: Reason }).strict().openapi('NewRefund'),
  ApplicationSchema,
  200,
);
export const cancel = post(
  '/v1/applications/{id}/cancel',
  'Cancel: release every hold, return unspent money',
  z.object({ reason: Reason }).strict(),
  ApplicationSchema,
  200,
);
export const close = post(
  '/v1/applications/{id}/close',
  'Close a finished project: its accounts must be at zero',
  z.object({ reason: CommentSchema.optional() }).strict(),
  ApplicationSchema,
  200,
);
export const clawback = post(
  '/v1/applications/{id}/clawback',
  'Claw back a grant within its window (M-6)',
  z.object({ reason: Reason }).strict(),
  ApplicationSchema,
  200,
);
