import { createRoute, z } from '@hono/zod-openapi';
import { instantQuery } from '../instants';
import { MoneySchema, PageQuerySchema, UuidSchema, bearerSecurity, errorResponses, json } from '../schemas';

const PostingSchema = z
  .object({
    id: z.string(),
    accountId: z.uuid(),
    accountCode: z.string(),
    currency: z.string(),
    side: z.enum(['debit', 'credit']),
    amount: MoneySchema,
    accountVersion: z
      .string()
      .openapi({ description: "The account's version after this posting (1, 2, 3... per account)" }),
    balanceAfter: MoneySchema.openapi({ description: "The account's balance after this posting, on its normal side" }),
  })
  .openapi('Posting');

export const EntrySchema = z
  .object({
    id: z.string().openapi({ example: '1042' }),
    idempotencyKey: z.string(),
    kind: z.string().openapi({ example: 'tranche' }),
    memo: z.string(),
    effectiveAt: z.iso.datetime().openapi({ description: 'Value date' }),
    createdAt: z.iso.datetime().openapi({ description: 'Booking time: what balances at an instant count by' }),
    metadata: z.record(z.string(), z.unknown()),
    fx: z
      .array(
        z.object({
          from: z.string(),
          to: z.string(),
          rate: z.string(),
          fromAmount: MoneySchema,
          toAmount: MoneySchema,
        }),
      )
      .nullable()
      .openapi({ description: 'Currency conversions, when the postings span currencies' }),
    reversesEntryId: z.string().nullable(),
    holdId: z.uuid().nullable().openapi({ description: 'The hold this entry captures, if any' }),
    postings: z.array(PostingSchema),
  })
  .openapi('JournalEntry');

export const TrialBalanceSchema = z
  .object({
    at: z.iso.datetime(),
    programmeId: z.uuid().nullable(),
    lines: z.array(
      z.object({
        accountId: z.uuid(),
        code: z.string(),
        name: z.string(),
        type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
        normalSide: z.enum(['debit', 'credit']),
        currency: z.string(),
        debits: MoneySchema,
        credits: MoneySchema,
        balance: MoneySchema.openapi({ description: 'On the normal side' }),
      }),
    ),
    totals: z
      .array(z.object({ currency: z.string(), debits: MoneySchema, credits: MoneySchema, balanced: z.boolean() }))
      .openapi({
        description:
          'Grand totals per currency; equal (balanced) for the whole ledger. A programme alone need not balance: its ' +
          'accounts have counterparts outside it (the sources of budgets and contributions).',
      }),
  })
  .openapi('TrialBalance');

export const ChainReportSchema = z
  .object({
    ok: z
      .boolean()
      .openapi({ description: 'Every seal recomputes, every entry is sealed or queued, balances match postings' }),
    entries: z.number().int().openapi({ description: 'Sealed entries verified (up to the first bad one)' }),
    firstBadEntry: z.string().optional().openapi({ description: 'The first entry whose seal does not recompute' }),
    unsealed: z
      .number()
      .int()
      .openapi({ description: 'Committed entries not sealed yet (sealing catches up within a second)' }),
    oldestUnsealedAt: z.iso.datetime().nullable(),
    unaccounted: z
      .number()
      .int()
      .openapi({ description: 'Entries neither sealed nor queued: written around the code' }),
    balanceMismatches: z
      .array(z.string())
      .openapi({ description: 'Codes of accounts whose balance disagrees with their postings and holds' }),
    lastSeal: z
      .object({ seq: z.string(), entryId: z.string(), hash: z.string() })
      .nullable()
      .openapi({ description: 'The last seal verified: the fingerprint a printed statement quotes' }),
    recomputed: z.number().int().openapi({ description: 'Seals recomputed by this verification' }),
    since: z.object({ seq: z.string(), verifiedAt: z.iso.datetime() }).nullable().openapi({
      description:
        'The verified checkpoint the recomputation started from; null when it recomputed the whole chain, as here',
    }),
  })
  .openapi('ChainReport');

const tags = ['Ledger'];
const readers = 'Administrator and auditors only (403 for other keys).';

export const listEntries = createRoute({
  method: 'get',
  path: '/v1/ledger/entries',
  operationId: 'listLedgerEntries',
  tags,
  summary: 'Journal entries with their postings, newest first',
  description: `${readers} \`from\` (inclusive) and \`to\` (exclusive) filter by booking time.`,
  security: bearerSecurity,
  request: {
    query: PageQuerySchema.extend({
      account: UuidSchema.optional().openapi({
        param: { name: 'account', in: 'query' },
        description: 'Only entries touching this account',
      }),
      kind: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .openapi({
          param: { name: 'kind', in: 'query' },
          description: 'Only entries of this kind (budget, refund, …)',
        }),
      from: instantQuery('from', 'Booked at or after this instant'),
      to: instantQuery('to', 'Booked before this instant'),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(EntrySchema), nextCursor: z.string().nullable() }), 'A page, newest first'),
    ...errorResponses,
  },
});

export const trialBalance = createRoute({
  method: 'get',
  path: '/v1/ledger/trial-balance',
  operationId: 'getTrialBalance',
  tags,
  summary: 'Debit and credit totals per account, and grand totals per currency',
  description:
    `${readers} At an instant of booking time (now when absent; not in the future), ` +
    'of one programme or the whole ledger.',
  security: bearerSecurity,
  request: {
    query: z.object({
      at: instantQuery('at', 'The instant; now when absent. Not in the future.'),
      programme: UuidSchema.optional().openapi({
        param: { name: 'programme', in: 'query' },
        description: "Only this programme's accounts",
      }),
    }),
  },
  responses: { 200: json(TrialBalanceSchema, 'The trial balance'), ...errorResponses },
});

export const verify = createRoute({
  method: 'get',
  path: '/v1/ledger/verify',
  operationId: 'verifyLedger',
  tags,
  summary: 'Recompute the tamper-evident hash chain and every balance',
  description: `${readers} Reads every entry: its cost grows with the ledger.`,
  security: bearerSecurity,
  responses: { 200: json(ChainReportSchema, 'The report'), ...errorResponses },
});
