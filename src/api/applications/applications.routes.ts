import { createRoute, z } from '@hono/zod-openapi';
import {
  CommentSchema,
  CurrencySchema,
  IdParamSchema,
  MoneySchema,
  PageQuerySchema,
  APPLICATION_DEPTH,
  PartySchema,
  safeJsonCheck,
  bearerSecurity,
  errorResponses,
  json,
  jsonBody,
  postOnId,
} from '../schemas';
import { AccountSummarySchema } from '../programmes/programmes.routes';
import { ApprovalSchema, DecisionBodySchema, TrancheSchema } from '../tranches/tranches.routes';

const STATUSES = ['filed', 'approved', 'rejected', 'cancelled', 'closed'] as const;

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
        status: z.enum(['declared', 'proven']).openapi({
          description:
            'declared: recorded by its payer; proven: a bank statement line is matched to its ledger entry ' +
            '(an undone match makes it declared again). Rule files may require proof before a step (`proofs`).',
        }),
        bankLineIds: z
          .array(z.string())
          .openapi({ description: 'The bank lines proving it (GET /v1/bank-accounts/{id}/open-items lists lines)' }),
        bankMatchId: z.uuid().nullable().openapi({
          description: 'The match proving it: POST /v1/bank-accounts/{id}/matches/{matchId}/undo unproves it',
        }),
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

/** An application in a list: the row, without what its view gathers from other tables. */
export const ApplicationSummarySchema = ApplicationSchema.omit({
  approvals: true,
  reservations: true,
  contributions: true,
  tranches: true,
  funding: true,
  disbursed: true,
});

// Bounded here; judged field by field by the rules' own schema (src/rules/application.ts).
export const ApplicationFieldsSchema = z
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

export const fileApplication = createRoute({
  method: 'post',
  path: '/v1/programmes/{id}/applications',
  operationId: 'fileApplication',
  tags,
  summary: 'File an application (applicant): 201 with its plan, or 422 with every failed eligibility rule',
  description:
    'JSON, or multipart/form-data to send the papers the rules require to file (plan.documents, step filing) with ' +
    'it: the part `application` holds the JSON body, and each file part is a document named by its type ' +
    '(`toma-de-nota`). On a programme with requireDocuments a filing without them is 409 documents-missing.',
  security: bearerSecurity,
  // The multipart form is routed by hand before this route (the papers stream), so only JSON is declared here.
  request: { params: IdParamSchema, ...jsonBody(ApplicationFieldsSchema) },
  responses: { 201: json(ApplicationSchema, 'Filed'), ...errorResponses },
});

export const listApplications = createRoute({
  method: 'get',
  path: '/v1/applications',
  operationId: 'listApplications',
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
        items: z.array(ApplicationSummarySchema),
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
  operationId: 'getApplication',
  tags,
  summary: 'Status, plan, approvals, money by party, tranches (parties of it, auditors)',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(ApplicationSchema, 'The application'), ...errorResponses },
});

export const applicationAccounts = createRoute({
  method: 'get',
  path: '/v1/applications/{id}/accounts',
  operationId: 'listApplicationAccounts',
  tags,
  summary: "The project's ledger accounts: each party's share and what was paid out of it, with balances",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(AccountSummarySchema) }), 'Accounts'), ...errorResponses },
});

export const decideApplication = postOnId(
  'decideApplication',
  tags,
  '/v1/applications/{id}/approvals',
  'Approve or reject as a required party (approver); the last approval reserves the public shares',
  DecisionBodySchema.openapi('Decision'),
  ApplicationSchema,
  200,
);

export const NewContributionSchema = z
  .object({
    party: PartySchema,
    amount: MoneySchema,
    currency: CurrencySchema.optional(),
    fxRate: z.string().max(40, 'must be at most 40 characters').optional(),
  })
  .strict()
  .openapi('NewContribution');

export const recordContribution = postOnId(
  'recordContribution',
  tags,
  '/v1/applications/{id}/contributions',
  "Record money a party actually paid in (the applicant's own money, the bank's credit), " +
    'with FX when in another currency',
  NewContributionSchema,
  ApplicationSchema,
  201,
);

const Reason = CommentSchema;
/** The settlement steps' bodies (the portal's settlement forms read them too). */
export const SettlementSchemas = {
  refund: z.object({ amount: MoneySchema.optional(), reason: Reason }).strict().openapi('NewRefund'),
  cancel: z.object({ reason: Reason }).strict(),
  close: z.object({ reason: CommentSchema.optional() }).strict(),
  clawback: z.object({ reason: Reason }).strict(),
};
export const refund = postOnId(
  'refundApplication',
  tags,
  '/v1/applications/{id}/refunds',
  'Return unspent money to its sources, pro rata (programme managers)',
  SettlementSchemas.refund,
  ApplicationSchema,
  200,
);
export const cancel = postOnId(
  'cancelApplication',
  tags,
  '/v1/applications/{id}/cancel',
  'Cancel: release every hold, return unspent money',
  SettlementSchemas.cancel,
  ApplicationSchema,
  200,
);
export const close = postOnId(
  'closeApplication',
  tags,
  '/v1/applications/{id}/close',
  'Close a finished project: its accounts must be at zero',
  SettlementSchemas.close,
  ApplicationSchema,
  200,
);
export const clawback = postOnId(
  'clawBackApplication',
  tags,
  '/v1/applications/{id}/clawback',
  'Claw back a grant within its window (M-6)',
  SettlementSchemas.clawback,
  ApplicationSchema,
  200,
);
