import { createRoute, z } from '@hono/zod-openapi';
import { LOCALES } from '../../i18n';
import { DOCUMENT_STEPS, MESSAGE_IDS, TRANCHE_SELECTORS, applicationSchema } from '../../rules';
import {
  APPLICATION_DEPTH,
  MoneySchema,
  ProblemSchema,
  bearerSecurity,
  errorResponses,
  json,
  safeJsonCheck,
} from '../schemas';

const FindingSchema = z
  .object({
    rule: z.string().openapi({ example: '3x1-5' }),
    says: z.string().openapi({ description: 'In English, naming parties and fields by id' }),
    message: z
      .object({ id: z.enum(MESSAGE_IDS), params: z.record(z.string(), z.unknown()) })
      .optional()
      .openapi({ description: 'The same as data: a message id and its typed parameters (docs/rules.md)' }),
    field: z.string().optional().openapi({ description: 'The application field an eligibility rule tests' }),
  })
  .openapi('RuleFinding', { description: 'A rule and what it says or decided, in words' });

const LocalizedFindingSchema = z.object({ rule: z.string(), text: z.string(), field: z.string().optional() });

const localizedFields = {
  locale: z.enum(LOCALES),
  fallbackLocale: z.enum(LOCALES).nullable().openapi({
    description: 'The language shown instead of `locale` when the rule file has no translation to it; null: none',
  }),
  ruleSet: z.string(),
};

const LocalizedPlanSchema = z
  .object({
    ...localizedFields,
    projectType: z.string(),
    parties: z.record(z.string(), z.string()).openapi({ description: 'Each party name, by party id' }),
    milestones: z.array(z.string()).openapi({ description: "Each tranche's milestone, in plan order" }),
    trace: z.array(LocalizedFindingSchema),
    assumptions: z.array(LocalizedFindingSchema),
    deadlines: z.array(z.string()),
    clawback: z.string().nullable(),
    proofs: z.array(z.string()),
    documents: z.array(z.string()).openapi({ description: 'The papers each step needs, one sentence each' }),
  })
  .openapi('LocalizedPlan', { description: "The plan's names, milestones and trace in the reader's locale" });

const LocalizedRefusalSchema = z
  .object({ ...localizedFields, failures: z.array(LocalizedFindingSchema), trace: z.array(LocalizedFindingSchema) })
  .openapi('LocalizedRefusal', { description: "Why the application is refused, in the reader's locale" });

const ReaderLocaleQuerySchema = z.object({
  locale: z
    .enum(LOCALES, { error: `one of ${LOCALES.join(', ')}` })
    .optional()
    .openapi({
      param: { name: 'locale', in: 'query' },
      description: 'The language of `localized`; default: the best of Accept-Language, else en.',
    }),
});

const RuleVersionSummarySchema = z
  .object({
    version: z.string().openapi({ example: '2013' }),
    language: z.enum(LOCALES).openapi({ description: "The language the rule file's texts are written in" }),
    locales: z
      .array(z.enum(LOCALES))
      .openapi({ description: 'The locales its texts are in: its language, then each translation' }),
    validFrom: z.iso.date(),
    validTo: z.iso.date().nullable().openapi({ description: 'null: in force until a later version says otherwise' }),
    hash: z.string().openapi({ description: 'SHA-256 (hex) of the rule file: what a plan records' }),
    currency: z.string().openapi({ example: 'MXN' }),
    projectTypes: z.array(z.string()).openapi({ example: ['infrastructure', 'productive-community'] }),
  })
  .openapi('RuleVersionSummary');

const inForceFields = {
  id: z.string().openapi({ example: 'tres-por-uno' }),
  name: z.string(),
  version: z.string().nullable().openapi({ description: 'The version in force today (UTC date); null when none is' }),
  hash: z
    .string()
    .nullable()
    .openapi({ description: 'The file hash of the version in force today; null when none is' }),
};

export const RuleSetSummarySchema = z
  .object({ ...inForceFields, versions: z.array(RuleVersionSummarySchema).openapi({ description: 'Oldest first' }) })
  .openapi('RuleSetSummary');

const RuleVersionDetailSchema = RuleVersionSummarySchema.extend({
  file: z.string().openapi({ example: 'rules/tres-por-uno/2013.yaml' }),
  texts: z.record(z.string(), z.partialRecord(z.enum(LOCALES), z.string())).openapi({
    description: 'Every text of the rule file in each of its locales, by dotted path (`parties.club.name`)',
    example: { 'parties.club.name': { en: 'migrant club (club de migrantes)', 'es-MX': 'club de migrantes' } },
  }),
  sources: z.array(z.string()),
  assumptions: z
    .array(FindingSchema)
    .openapi({ description: 'Choices the rule file made where the sources are uncertain' }),
  parties: z.array(
    z.object({
      party: z.string().openapi({ example: 'federal' }),
      name: z.string(),
      role: z.string().openapi({ description: 'The kind of organisation that plays it', example: 'government' }),
      funding: z.enum(['budget', 'contribution', 'credit']).openapi({
        description: 'budget: a public pool, held on approval; contribution: own money paid in; credit: a bank loan',
      }),
      applicant: z.boolean().openapi({ description: 'The party that files applications (never an approver)' }),
    }),
  ),
  eligibility: z.array(FindingSchema).openapi({ description: 'Eligibility rules of every project type' }),
  projectTypes: z.array(
    z.object({
      projectType: z.string(),
      rule: z.string(),
      says: z.string().nullable(),
      parties: z.array(z.string()).openapi({ description: 'Parties with a share in this project type' }),
      eligibility: z.array(FindingSchema).openapi({ description: 'Eligibility rules of this project type only' }),
    }),
  ),
  tranches: z.array(z.object({ percent: z.string(), milestone: z.string(), rule: z.string() })),
  requiredApprovals: z.array(z.string()),
  trancheApprovals: z.array(z.string()),
  deadlines: z.array(
    z.object({
      rule: z.string(),
      party: z.string(),
      kind: z.string(),
      businessDays: z.number().int(),
      from: z.string(),
      says: z.string().nullable(),
    }),
  ),
  clawback: z
    .object({
      rule: z.string(),
      party: z.string(),
      years: z.number().int(),
      from: z.string(),
      says: z.string().nullable(),
    })
    .nullable(),
  proofs: z
    .array(
      z.object({
        rule: z.string(),
        party: z.string(),
        proof: z.enum(['bank-line']),
        before: z.enum(['tranche']),
        says: z.string(),
      }),
    )
    .openapi({
      description: 'Contributions that count only once a bank statement line proves them, and the step that waits',
    }),
}).openapi('RuleVersion');

export const RuleSetSchema = z
  .object({ ...inForceFields, versions: z.array(RuleVersionDetailSchema).openapi({ description: 'Oldest first' }) })
  .openapi('RuleSet');

/**
 * The application as the rules read it (contract "Application fields"), documented from the rules'
 * own schema. Unknown fields pass this first check so that the rules can name each of them.
 */
export const ApplicationFieldsSchema = z
  .looseObject({
    ...applicationSchema.shape,
    totalCost: MoneySchema,
    ownContribution: MoneySchema.optional(),
    // The rules also take a Date from code, which JSON Schema would show as a second date-time. (A new
    // optional(): the rules' own schema may predate zod's OpenAPI extension, and so lack .openapi.)
    filedAt: applicationSchema.shape.filedAt
      .unwrap()
      .optional()
      .openapi({
        anyOf: [
          { type: 'string', format: 'date' },
          { type: 'string', format: 'date-time' },
        ],
      }),
  })
  .superRefine(safeJsonCheck(APPLICATION_DEPTH))
  .openapi('ApplicationFields', {
    example: {
      projectType: 'infrastructure',
      title: 'Paving of the main street',
      totalCost: '2400000.00',
      currency: 'MXN',
      location: 'Jerez, Zacatecas',
      filedAt: '2014-05-02T10:00:00-06:00',
      registration: { validFrom: '2014-01-01', validTo: '2015-12-31' },
    },
  });

const PlanShareSchema = z.object({
  party: z.string(),
  amount: MoneySchema,
  percent: z.string().openapi({ description: 'Percent of the total, at most 4 decimals', example: '25' }),
  capped: z.boolean(),
  funding: z.enum(['budget', 'contribution', 'credit']),
  role: z.string(),
  applicant: z.boolean(),
  contribution: z
    .object({
      rule: z.string(),
      currency: z.enum(['foreign', 'local', 'any']),
      into: z.string().optional(),
      says: z.string().optional(),
    })
    .optional(),
});

const HolidaySchema = z.union([
  z.iso.date(),
  z.object({ month: z.number().int(), day: z.number().int() }),
  z.object({ month: z.number().int(), weekday: z.string(), nth: z.number().int() }),
]);

export const PlanDocumentSchema = z
  .object({
    rule: z.string().openapi({ example: '3x1-5' }),
    type: z.string().openapi({ description: 'The document type an upload names', example: 'toma-de-nota' }),
    step: z.enum(DOCUMENT_STEPS).openapi({
      description:
        'filing: uploaded with the filing; approval: before the plan is approved; tranche: cited by the ' +
        'tranche request; close: before the project is closed',
    }),
    tranches: z.enum(TRANCHE_SELECTORS).optional().openapi({ description: 'For step tranche: which requests need it' }),
    says: z.string(),
  })
  .openapi('PlanDocument', { description: 'A paper a step of the plan needs, and the rule that asks for it' });

export const PlanSchema = z
  .object({
    ruleSet: z.string(),
    ruleVersion: z.string(),
    ruleHash: z.string(),
    projectType: z.string(),
    filedOn: z.iso.date().openapi({ description: 'The date that chose the rule version' }),
    total: MoneySchema,
    currency: z.string(),
    shares: z.array(PlanShareSchema).openapi({ description: 'Amounts sum exactly to total less unallocated' }),
    unallocated: MoneySchema,
    tranches: z.array(
      z.object({
        index: z.number().int(),
        percent: z.string(),
        amount: MoneySchema,
        milestone: z.string(),
        approvers: z.array(z.string()),
        rule: z.string(),
      }),
    ),
    requiredApprovals: z.array(z.string()),
    deadlines: z.array(
      z.object({
        rule: z.string(),
        party: z.string(),
        kind: z.string(),
        businessDays: z.number().int(),
        from: z.string(),
        holidays: z.array(HolidaySchema),
        says: z.string(),
      }),
    ),
    clawback: z
      .object({ rule: z.string(), party: z.string(), years: z.number().int(), from: z.string(), says: z.string() })
      .nullable(),
    proofs: z
      .array(
        z.object({
          rule: z.string(),
          party: z.string(),
          proof: z.enum(['bank-line']),
          before: z.enum(['tranche']),
          says: z.string(),
        }),
      )
      .optional()
      .openapi({ description: 'Absent from plans filed before rule files could require proofs' }),
    documents: z
      .array(PlanDocumentSchema)
      .optional()
      .openapi({ description: 'The papers each step needs; absent from plans filed before rule files listed them' }),
    assumptions: z.array(FindingSchema),
    trace: z.array(FindingSchema),
  })
  .openapi('Plan');

export const IneligibleProblemSchema = ProblemSchema.extend({
  failures: z.array(FindingSchema).optional().openapi({ description: 'When not eligible: every rule that failed' }),
  ruleSet: z.string().optional(),
  ruleVersion: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: 'null when no version was in force on the filing date' }),
  ruleHash: z.string().nullable().optional(),
  trace: z.array(FindingSchema).optional(),
  localized: LocalizedRefusalSchema.optional(),
}).openapi('IneligibleProblem');

const RuleSetIdParamSchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,99}$/,
      'must be a rule set id: lower-case letters, digits and dashes, such as tres-por-uno',
    )
    .openapi({ param: { name: 'id', in: 'path' }, example: 'tres-por-uno' }),
});

const tags = ['Rule sets'];

export const listRuleSets = createRoute({
  method: 'get',
  path: '/v1/rule-sets',
  operationId: 'listRuleSets',
  tags,
  summary: 'The rule sets loaded from rules/, with the version in force today and every version',
  description:
    'One item per rule set (not paginated: the catalog is small and fixed at start). ' +
    "`version` and `hash` are those of the version in force on today's UTC date, null when none is; " +
    '`versions` lists every version, oldest first.',
  security: bearerSecurity,
  responses: {
    200: json(z.object({ items: z.array(RuleSetSummarySchema) }), 'The rule sets, by id'),
    ...errorResponses,
  },
});

export const getRuleSet = createRoute({
  method: 'get',
  path: '/v1/rule-sets/{id}',
  operationId: 'getRuleSet',
  tags,
  summary: 'One rule set with every version: parties, project types, tranches, approvals',
  security: bearerSecurity,
  request: { params: RuleSetIdParamSchema },
  responses: { 200: json(RuleSetSchema, 'The rule set'), ...errorResponses },
});

export const planWhatIf = createRoute({
  method: 'post',
  path: '/v1/rule-sets/{id}/plan',
  operationId: 'previewPlan',
  tags,
  summary: 'What-if: the co-funding plan for an application, filing nothing',
  description:
    'Applies the version in force at `filedAt` (now when absent). ' +
    'Files nothing and moves no money, so no Idempotency-Key is needed. ' +
    'An application the rules cannot read is a 422 with `errors`; one they refuse is a 422 of type ' +
    '`urn:cofund:problem:ineligible` with `failures`. `localized` gives the names, milestones and trace ' +
    "(or the failures) in the reader's locale: `?locale=`, else Accept-Language, else en.",
  security: bearerSecurity,
  request: {
    params: RuleSetIdParamSchema,
    query: ReaderLocaleQuerySchema,
    body: { content: { 'application/json': { schema: ApplicationFieldsSchema } }, required: true },
  },
  responses: {
    200: json(
      z.object({ eligible: z.literal(true), plan: PlanSchema, localized: LocalizedPlanSchema }),
      'Eligible: the plan',
    ),
    ...errorResponses,
    422: {
      description: 'Invalid fields (`errors` names each), or not eligible (`failures` lists every failed rule)',
      content: { 'application/problem+json': { schema: IneligibleProblemSchema } },
    },
  },
});
