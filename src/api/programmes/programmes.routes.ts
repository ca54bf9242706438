import { createRoute, z } from '@hono/zod-openapi';
import {
  CurrencySchema,
  IdParamSchema,
  MoneySchema,
  PageQuerySchema,
  UuidSchema,
  bearerSecurity,
  errorResponses,
  idempotencyHeader,
  json,
} from '../schemas';

export const AccountSummarySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
    currency: z.string(),
    balance: MoneySchema,
    held: MoneySchema,
    available: MoneySchema,
  })
  .openapi('AccountSummary');

export const ProgrammeSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    ruleSet: z.string(),
    currency: z.string(),
    administrator: z.uuid().nullable(),
    parties: z.record(z.string(), z.uuid()).openapi({ description: 'party -> organisation id' }),
    pools: z
      .array(AccountSummarySchema.extend({ party: z.string() }))
      .nullable()
      .openapi({
        description: "The public parties' pools; null unless you see the programme's books",
      }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Programme');

export const NewProgrammeSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters'),
    name: z.string().trim().min(1, 'required').max(200),
    ruleSet: z.string().min(1, 'required'),
    currency: CurrencySchema,
    parties: z
      .record(z.string(), UuidSchema)
      .openapi({ description: 'party -> organisation id, for every party but the applicant' }),
    administrator: UuidSchema.optional().openapi({
      description:
        'Organisation whose programme_admin keys manage it. ' +
        "Defaults to the caller's organisation for programme_admin keys; " +
        'without one, the public funders manage it together.',
    }),
  })
  .strict()
  .openapi('NewProgramme');

export const BudgetSchema = z
  .object({ party: z.string().min(1, 'required'), amount: MoneySchema, memo: z.string().max(500).optional() })
  .strict()
  .openapi('NewBudget');

export const BudgetResultSchema = z
  .object({ entryId: z.string(), party: z.string(), amount: MoneySchema, pool: AccountSummarySchema })
  .openapi('BudgetFunded');

const tags = ['Programmes'];

export const createProgramme = createRoute({
  method: 'post',
  path: '/v1/programmes',
  tags,
  summary:
    'Open a programme: a rule set, its currency, and the organisations playing its parties (admin, programme_admin)',
  security: bearerSecurity,
  request: { body: { content: { 'application/json': { schema: NewProgrammeSchema } }, required: true } },
  responses: { 201: json(ProgrammeSchema, 'Opened, with a pool per public party'), ...errorResponses },
});

export const listProgrammes = createRoute({
  method: 'get',
  path: '/v1/programmes',
  tags,
  summary: 'Programmes (any key): where one can apply',
  security: bearerSecurity,
  request: { query: PageQuerySchema },
  responses: {
    200: json(z.object({ items: z.array(ProgrammeSchema), nextCursor: z.string().nullable() }), 'A page, newest first'),
    ...errorResponses,
  },
});

export const getProgramme = createRoute({
  method: 'get',
  path: '/v1/programmes/{id}',
  tags,
  summary: 'One programme, with its pools for those who see its books',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(ProgrammeSchema, 'The programme'), ...errorResponses },
});

export const fundBudget = createRoute({
  method: 'post',
  path: '/v1/programmes/{id}/budgets',
  tags,
  summary: "Fund a public party's pool (programme_admin of that party's organisation or of the administrator)",
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: idempotencyHeader,
    body: { content: { 'application/json': { schema: BudgetSchema } }, required: true },
  },
  responses: { 201: json(BudgetResultSchema, 'Funded: one ledger entry, pool <- source'), ...errorResponses },
});
