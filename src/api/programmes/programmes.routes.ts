import { createRoute, z } from '@hono/zod-openapi';
import {
  CommentSchema,
  CurrencySchema,
  IdParamSchema,
  MemoSchema,
  MoneySchema,
  NameSchema,
  PageQuerySchema,
  PartySchema,
  RuleSetIdSchema,
  UuidSchema,
  bearerSecurity,
  errorResponses,
  idempotencyHeader,
  json,
} from '../schemas';

/** More than any rule set has: the record is bounded before the rule set judges its names. */
const MAX_PARTIES = 20;

export const ProgrammeCodeSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters')
  .openapi({ example: '3x1-zac-2026' });

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

export const PartyBindingSchema = z
  .object({
    party: z.string(),
    organisationId: z.uuid(),
    status: z.enum(['invited', 'accepted', 'declined']).openapi({
      description: 'invited: waiting for the organisation; accepted: it plays the party (bound for good)',
    }),
    invitedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .openapi('PartyBinding');

export const ProgrammeSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    ruleSet: z.string(),
    currency: z.string(),
    administrator: z.uuid().nullable(),
    approvalReminderDays: z.number().int().openapi({
      description:
        'Days an application or tranche waits for a party before that party is reminded (deadline.approaching)',
    }),
    requireDocuments: z.boolean().openapi({
      description: 'Steps whose papers the rules require are refused while they are missing (else: advisory)',
    }),
    parties: z.record(z.string(), z.uuid()).openapi({
      description: 'party -> the organisation invited to play it (see invitations for whether it accepted)',
    }),
    status: z.enum(['awaiting-parties', 'open']).openapi({
      description: 'open once every party has accepted: until then no money moves and no application is filed',
    }),
    invitations: z.array(PartyBindingSchema),
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
    code: ProgrammeCodeSchema,
    name: NameSchema,
    ruleSet: RuleSetIdSchema,
    currency: CurrencySchema,
    parties: z
      .record(PartySchema, UuidSchema)
      .refine((parties) => Object.keys(parties).length <= MAX_PARTIES, `at most ${MAX_PARTIES} parties`)
      .openapi({
        description:
          'party -> organisation id, for every party but the applicant: each organisation is invited to play ' +
          "it, and plays it once it accepts (the caller's own organisation at once)",
      }),
    administrator: UuidSchema.optional().openapi({
      description:
        'Organisation whose programme_admin keys manage it. ' +
        "Defaults to the caller's organisation for programme_admin keys; " +
        'without one, the public funders manage it together.',
    }),
    approvalReminderDays: z
      .number('a whole number of days')
      .int('a whole number of days')
      .min(1, 'at least 1 day')
      .max(365, 'at most 365 days')
      .optional()
      .openapi({
        description:
          'Days an application or tranche may wait for a party to decide before that party is reminded by a ' +
          'deadline.approaching event (kind approval-pending), once. Default 10.',
        example: 10,
      }),
    requireDocuments: z
      .boolean()
      .optional()
      .openapi({
        description:
          'Refuse each step (filing, approval, tranche, close) whose documents the rule files require are missing: ' +
          '409 documents-missing. Default false: GET /v1/applications/{id}/documents only lists what is missing.',
      }),
  })
  .strict()
  .openapi('NewProgramme');

export const BudgetSchema = z
  .object({ party: PartySchema, amount: MoneySchema, memo: MemoSchema.optional() })
  .strict()
  .openapi('NewBudget');

export const BudgetResultSchema = z
  .object({ entryId: z.string(), party: z.string(), amount: MoneySchema, pool: AccountSummarySchema })
  .openapi('BudgetFunded');

const tags = ['Programmes'];

export const createProgramme = createRoute({
  method: 'post',
  path: '/v1/programmes',
  operationId: 'createProgramme',
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
  operationId: 'listProgrammes',
  tags,
  summary: 'Programmes (any key): where one can apply',
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      invitation: z
        .enum(['pending'], { error: 'only "pending"' })
        .optional()
        .openapi({
          param: { name: 'invitation', in: 'query' },
          description: "pending: only programmes inviting the caller's organisation to a party it has not answered",
        }),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(ProgrammeSchema), nextCursor: z.string().nullable() }), 'A page, newest first'),
    ...errorResponses,
  },
});

export const getProgramme = createRoute({
  method: 'get',
  path: '/v1/programmes/{id}',
  operationId: 'getProgramme',
  tags,
  summary: 'One programme, with its pools for those who see its books',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(ProgrammeSchema, 'The programme'), ...errorResponses },
});

export const fundBudget = createRoute({
  method: 'post',
  path: '/v1/programmes/{id}/budgets',
  operationId: 'fundBudget',
  tags,
  summary:
    "Fund a public party's pool (programme_admin of the organisation that accepted to play it; 409 until it has)",
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    headers: idempotencyHeader,
    body: { content: { 'application/json': { schema: BudgetSchema } }, required: true },
  },
  responses: { 201: json(BudgetResultSchema, 'Funded: one ledger entry, pool <- source'), ...errorResponses },
});

const PartyParamSchema = IdParamSchema.extend({ party: PartySchema.openapi({ param: { name: 'party', in: 'path' } }) });

const partyRoute = <B extends z.ZodType>(
  operationId: string,
  action: string,
  summary: string,
  body: B,
  description: string,
) =>
  createRoute({
    method: 'post',
    path: `/v1/programmes/{id}/parties/{party}/${action}`,
    operationId,
    tags,
    summary,
    description,
    security: bearerSecurity,
    request: { params: PartyParamSchema, body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: { 200: json(ProgrammeSchema, 'The programme, with the party as it now stands'), ...errorResponses },
  });

export const acceptParty = partyRoute(
  'acceptParty',
  'acceptance',
  'Accept to play a party (programme_admin of the invited organisation): the party is bound, its pool opens',
  z.object({ comment: CommentSchema.optional() }).strict().openapi('PartyAcceptance'),
  'Audited (programme.party-accepted). An accepted party never changes. 409 when already answered.',
);

export const declineParty = partyRoute(
  'declineParty',
  'refusal',
  'Decline to play a party (programme_admin of the invited organisation)',
  z.object({ reason: CommentSchema }).strict().openapi('PartyRefusal'),
  'Audited (programme.party-declined). The programme waits until its manager invites another organisation.',
);

export const inviteParty = partyRoute(
  'inviteParty',
  'invitation',
  'Invite an organisation to a party not bound yet (the administrator, or programme_admin of its administrator)',
  z.object({ organisationId: UuidSchema }).strict().openapi('PartyInvitation'),
  'Replaces an unanswered or declined invitation; 409 once the party is accepted. ' +
    "The caller's own organisation is bound at once. Audited (programme.party-invited).",
);

export const ReservedCodeSchema = z
  .object({
    code: z.string(),
    organisationId: z.uuid(),
    reservedAt: z.iso.datetime(),
    programmeId: z.uuid().nullable().openapi({ description: 'The programme opened under it, if any' }),
  })
  .openapi('ReservedProgrammeCode');

export const reserveCode = createRoute({
  method: 'post',
  path: '/v1/organisations/{id}/programme-codes',
  operationId: 'reserveProgrammeCode',
  tags,
  summary: 'Reserve a programme code for an organisation (administrator): only its programme_admin keys may use it',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: {
      content: { 'application/json': { schema: z.object({ code: ProgrammeCodeSchema }).strict() } },
      required: true,
    },
  },
  responses: { 201: json(ReservedCodeSchema, 'Reserved'), ...errorResponses },
});

export const listCodes = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}/programme-codes',
  operationId: 'listProgrammeCodes',
  tags,
  summary: "The programme codes reserved for an organisation (administrator, auditors, the organisation's keys)",
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(ReservedCodeSchema) }), 'By code'), ...errorResponses },
});
