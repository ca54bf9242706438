import { z } from '@hono/zod-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import { STATEMENT_CSV_COLUMNS, STATEMENT_LOCALES, TRIAL_BALANCE_CSV_COLUMNS } from '../../statements';
import { instantQuery } from '../instants';
import { MoneySchema, ProblemSchema, UuidSchema, bearerSecurity, errorResponses } from '../schemas';

/*
 * The document routes end in a file extension (`/v1/statements/accounts/{id}.pdf`), which Hono's
 * path patterns and zod-openapi's `{param}` conversion cannot express as two parameters in one
 * segment. So each is documented here as OpenAPI has it (`{id}.{format}`) and routed in ./index by
 * hand, with the same schemas validating the request.
 */

export const STATEMENT_FORMATS = ['pdf', 'csv', 'json'] as const;
export const LETTER_FORMATS = ['pdf', 'json'] as const;
export type DocumentFormat = (typeof STATEMENT_FORMATS)[number];

const localeQuery = z
  .enum(STATEMENT_LOCALES, { error: `one of ${STATEMENT_LOCALES.join(', ')}` })
  .optional()
  .openapi({
    param: { name: 'locale', in: 'query' },
    description: 'Language and number format of the PDF. Default by currency: MXN es-MX, MAD fr-MA, otherwise en.',
  });

export const StatementQuerySchema = z.object({
  from: instantQuery(
    'from',
    'Booked at or after this instant; default: when the account, application or programme was opened.',
  ),
  to: instantQuery('to', 'Booked before this instant (excluded); default: now. Not in the future.'),
  locale: localeQuery,
});

export const TrialBalanceQuerySchema = z.object({
  programme: z
    .uuid({
      error: (issue) => (issue.input === undefined ? 'required: the id of the programme' : 'must be an id (UUID)'),
    })
    .openapi({
      param: { name: 'programme', in: 'query', required: true },
      description: 'The programme whose accounts to list',
    }),
  at: instantQuery('at', 'The instant (booking time); now when absent. Not in the future.'),
  locale: localeQuery,
});

export const LetterQuerySchema = z.object({ locale: localeQuery });

const formatParam = (formats: readonly string[]) =>
  z
    .enum(formats as [string, ...string[]])
    .openapi({ param: { name: 'format', in: 'path' }, description: 'The file extension: the format' });

const idParam = UuidSchema.openapi({ param: { name: 'id', in: 'path' } });

const ChainSchema = z
  .object({
    ok: z.boolean(),
    entriesChecked: z.number().int(),
    unsealed: z.number().int(),
    firstBadEntry: z.string().nullable(),
    unaccounted: z.number().int(),
    balanceMismatches: z.array(z.string()),
    lastEntry: z.object({ id: z.string(), sealSeq: z.string(), hash: z.string() }).nullable(),
    recomputed: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'Seals recomputed for this document; the others when `since` was verified' }),
    since: z
      .object({ sealSeq: z.string(), verifiedAt: z.iso.datetime() })
      .nullable()
      .optional()
      .openapi({ description: 'The verified checkpoint the recomputation started from; null: the whole chain' }),
  })
  .openapi('StatementChainStatus', {
    description: 'The hash chain as verified in the snapshot the document was read from',
  });

const HeaderSchema = z.object({
  kind: z.string().optional(),
  title: z.string(),
  subject: z.object({ id: z.string(), code: z.string(), name: z.string(), owner: z.string().nullable().optional() }),
  period: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }).optional(),
  generatedAt: z.iso.datetime(),
  generatedBy: z.object({ organisation: z.string(), role: z.string(), keyPrefix: z.string() }),
  locale: z.enum(STATEMENT_LOCALES),
  currency: z.string(),
});

export const StatementDocumentSchema = z
  .object({
    header: HeaderSchema,
    chain: ChainSchema,
    sections: z.array(
      z.object({
        account: z.object({
          id: z.uuid(),
          code: z.string(),
          name: z.string(),
          type: z.string(),
          normalSide: z.enum(['debit', 'credit']),
          currency: z.string(),
        }),
        openingBalance: MoneySchema,
        rows: z.array(
          z.object({
            entryId: z.string(),
            bookedAt: z.iso.datetime(),
            effectiveAt: z.iso.datetime(),
            kind: z.string(),
            memo: z.string(),
            counterAccounts: z.array(z.string()),
            side: z.enum(['debit', 'credit']),
            amount: MoneySchema,
            balanceAfter: MoneySchema,
          }),
        ),
        debitTotal: MoneySchema,
        creditTotal: MoneySchema,
        closingBalance: MoneySchema,
        computedClosing: MoneySchema,
        reconciled: z.boolean(),
        firstMismatchEntry: z.string().nullable(),
      }),
    ),
    parties: z.array(
      z.object({
        party: z.string(),
        organisation: z.string(),
        currency: z.string(),
        committed: MoneySchema,
        paid: MoneySchema,
        disbursed: MoneySchema,
        refunded: MoneySchema,
      }),
    ),
    bankAccounts: z
      .array(
        z.object({
          bankAccountId: z.uuid(),
          accountCode: z.string(),
          bank: z.string(),
          scheme: z.enum(['iban', 'clabe', 'local']),
          number: z.string(),
          currency: z.string(),
          status: z.enum(['reconciled', 'unreconciled', 'no-statement']),
          ledgerBalance: MoneySchema,
          bankBalance: MoneySchema.nullable(),
          difference: MoneySchema.nullable().openapi({ description: 'ledgerBalance - bankBalance' }),
          statementReference: z.string().nullable(),
          matchedLines: z.number().int(),
          unmatchedBankLines: z.number().int(),
          unmatchedLedgerMovements: z.number().int(),
          oldestOpenDays: z.number().int().nullable(),
        }),
      )
      .optional()
      .openapi({
        description:
          "Programme statements only: each of the programme's bank accounts reconciled with the books at the " +
          "period's end (the open items themselves: GET /v1/bank-accounts/{id}/reconciliation)",
      }),
  })
  .openapi('StatementDocument');

const TrialBalanceDocumentSchema = z
  .object({
    header: HeaderSchema,
    asOf: z.iso.datetime(),
    chain: ChainSchema,
    groups: z.array(
      z.object({
        currency: z.string(),
        rows: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            type: z.string(),
            normalSide: z.enum(['debit', 'credit']),
            debit: MoneySchema,
            credit: MoneySchema,
            balance: MoneySchema,
          }),
        ),
        debitTotal: MoneySchema,
        creditTotal: MoneySchema,
        balanced: z.boolean(),
      }),
    ),
  })
  .openapi('TrialBalanceDocument');

const binary = z.string().openapi({ format: 'binary' });
const csv = (columns: readonly string[]) =>
  z.string().openapi({ description: `RFC 4180, UTF-8 with a byte order mark. Columns: ${columns.join(', ')}` });

const document = (description: string, content: Record<string, { schema: z.ZodType }>) => ({
  description: `${description} Streamed; \`Content-Disposition\` names the file.`,
  headers: { 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' as const } } },
  content,
});

const notOnWorkers = {
  description:
    'Too large to render inside a Cloudflare Worker (CPU limit): ask the Node runtime, or a shorter period. ' +
    'Never on Node.',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};

const tags = ['Statements'];
const who =
  'The administrator, auditors and the owners: whoever sees the account, application or programme ' +
  '(404 for anyone else).';
const figures =
  "Opening and closing balances are the ledger's balance_after at `from` and `to`; " +
  'the period is half-open on booking time. ' +
  'Counts, rows, party totals and the hash-chain status come from one REPEATABLE READ snapshot. ' +
  'The header names who generated it.';

const statementRoute = (
  operationId: string,
  kind: 'accounts' | 'applications' | 'programmes',
  summary: string,
  what: string,
): RouteConfig => ({
  method: 'get',
  path: `/v1/statements/${kind}/{id}.{format}`,
  operationId,
  tags,
  summary,
  description: `${who} ${what} ${figures}`,
  security: bearerSecurity,
  request: { params: z.object({ id: idParam, format: formatParam(STATEMENT_FORMATS) }), query: StatementQuerySchema },
  responses: {
    200: document('The statement.', {
      'application/pdf': { schema: binary },
      'text/csv': { schema: csv(STATEMENT_CSV_COLUMNS) },
      'application/json': { schema: StatementDocumentSchema },
    }),
    ...errorResponses,
    501: notOnWorkers,
  },
});

export const documentRoutes: RouteConfig[] = [
  statementRoute(
    'getAccountStatement',
    'accounts',
    'Statement of a ledger account for a period',
    'One section: the account.',
  ),
  statementRoute(
    'getApplicationStatement',
    'applications',
    'Statement of an application (project) for a period',
    "One section per paying party's share account and disbursed account, " +
      'and totals per party (committed, paid in, disbursed, refunded).',
  ),
  statementRoute(
    'getProgrammeStatement',
    'programmes',
    'Statement of a programme for a period',
    "The parties' pools, then every account of its applications, " +
      'and totals per party and organisation over its applications.',
  ),
  {
    method: 'get',
    path: '/v1/statements/trial-balance.{format}',
    operationId: 'getTrialBalanceDocument',
    tags,
    summary: "A programme's trial balance as a document",
    description:
      'Administrator and auditors only (403 for other keys). ' +
      'Debit and credit totals per account of the programme booked by `at`, grand totals per currency, ' +
      'and the hash-chain status, read from one snapshot.',
    security: bearerSecurity,
    request: { params: z.object({ format: formatParam(STATEMENT_FORMATS) }), query: TrialBalanceQuerySchema },
    responses: {
      200: document('The trial balance.', {
        'application/pdf': { schema: binary },
        'text/csv': { schema: csv(TRIAL_BALANCE_CSV_COLUMNS) },
        'application/json': { schema: TrialBalanceDocumentSchema },
      }),
      ...errorResponses,
    },
  },
  {
    method: 'get',
    path: '/v1/applications/{id}/decision-letter.{format}',
    operationId: 'getDecisionLetter',
    tags,
    summary: "An application's decision letter",
    description:
      "The parties of the application, its programme's managers, auditors and the administrator " +
      "(404 for anyone else). The plan with its rule trace, and each party's decision.",
    security: bearerSecurity,
    request: { params: z.object({ id: idParam, format: formatParam(LETTER_FORMATS) }), query: LetterQuerySchema },
    responses: {
      200: {
        description: 'The letter; `Content-Disposition` names the file.',
        content: {
          'application/pdf': { schema: binary },
          'application/json': {
            schema: z.record(z.string(), z.unknown()).openapi({ description: 'The DecisionLetter model' }),
          },
        },
      },
      ...errorResponses,
    },
  },
];
