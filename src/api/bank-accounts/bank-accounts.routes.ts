import { createRoute, z } from '@hono/zod-openapi';
import { instantQuery } from '../instants';
import {
  CommentSchema,
  CurrencySchema,
  IdParamSchema,
  MoneySchema,
  NameSchema,
  UuidSchema,
  bearerSecurity,
  errorResponses,
  idempotencyHeader,
  json,
} from '../schemas';

const tags = ['Bank reconciliation'];

const NumberText = z.string().max(64, 'at most 64 characters');

export const BankAccountSchema = z
  .object({
    id: z.uuid(),
    ledgerAccount: z.object({ id: z.uuid(), code: z.string(), name: z.string(), currency: z.string() }),
    programmeId: z.uuid(),
    applicationId: z.uuid().nullable(),
    scheme: z.enum(['iban', 'clabe', 'local']),
    number: z
      .string()
      .openapi({ description: 'Electronic form: no spaces, upper case', example: '032180000118359719' }),
    bank: z.string(),
    currency: z.string(),
    holder: z.string(),
    createdAt: z.iso.datetime(),
  })
  .openapi('BankAccount');

export const registerBankAccount = createRoute({
  method: 'post',
  path: '/v1/bank-accounts',
  operationId: 'registerBankAccount',
  tags,
  summary: 'Registers the bank account behind a pool or a project share account',
  description:
    "Programme staff only (the programme's programme_admin keys). Exactly one of `iban` (checksum and country " +
    'format checked), `clabe` (18 digits, check digit checked) or `number` (a local number). The currency must be ' +
    "the ledger account's. One bank account per ledger account. Audited.",
  security: bearerSecurity,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            ledgerAccountId: UuidSchema,
            iban: NumberText.optional().openapi({ example: 'MA64011519000001205000534921' }),
            clabe: NumberText.optional().openapi({ example: '032180000118359719' }),
            number: NumberText.optional(),
            bank: NameSchema,
            currency: CurrencySchema,
            holder: NameSchema.optional().openapi({ description: "Default: the ledger account's name" }),
          }),
        },
      },
    },
  },
  responses: { 201: json(BankAccountSchema, 'The bank account'), ...errorResponses },
});

export const getBankAccount = createRoute({
  method: 'get',
  path: '/v1/bank-accounts/{id}',
  operationId: 'getBankAccount',
  tags,
  summary: 'A bank account',
  description: 'Visible to whoever sees its ledger account; 404 for anyone else.',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(BankAccountSchema, 'The bank account'), ...errorResponses },
});

export const listProgrammeBankAccounts = createRoute({
  method: 'get',
  path: '/v1/programmes/{id}/bank-accounts',
  operationId: 'listProgrammeBankAccounts',
  tags,
  summary: "A programme's bank accounts",
  description: 'For whoever sees the programme’s books; 404 for anyone else.',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ items: z.array(BankAccountSchema) }), 'Newest first'), ...errorResponses },
});

const CsvColumn = z.string().min(1).max(100);

export const saveCsvMapping = createRoute({
  method: 'post',
  path: '/v1/bank-csv-mappings',
  operationId: 'createBankCsvMapping',
  tags,
  summary: "Saves how a bank's CSV statements are laid out",
  description:
    'Any programme_admin key. The mapping names the header of each column; `balance` (the running balance after ' +
    'each row) is required, as is either `amount` (signed) or both `credit` and `debit`. Named per bank; a name is ' +
    'never reused. Used on import with `?mapping=<name>`.',
  security: bearerSecurity,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            bank: NameSchema,
            name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, dots and dashes'),
            mapping: z
              .object({
                delimiter: z.enum([',', ';', '\t']).optional(),
                decimal: z.enum(['.', ',']).optional(),
                dateFormat: z.enum(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY']).optional(),
                columns: z.record(z.string(), CsvColumn),
              })
              .openapi({
                example: {
                  delimiter: ';',
                  decimal: ',',
                  dateFormat: 'DD/MM/YYYY',
                  columns: { bookingDate: 'Fecha', amount: 'Importe', balance: 'Saldo', remittance: 'Concepto' },
                },
              }),
          }),
        },
      },
    },
  },
  responses: {
    201: json(z.object({ id: z.uuid(), bank: z.string(), name: z.string() }), 'The saved mapping'),
    ...errorResponses,
  },
});

export const ImportSchema = z
  .object({
    id: z.uuid(),
    bankAccountId: z.uuid(),
    sha256: z.string(),
    format: z.enum(['camt.053.001.02', 'camt.053.001.08', 'mt940', 'csv']),
    reference: z.string(),
    openingDate: z.string(),
    openingBalance: MoneySchema,
    closingDate: z.string(),
    closingBalance: MoneySchema,
    lines: z.number().int(),
    matched: z.number().int().openapi({ description: 'Lines of this statement matched to the ledger now' }),
    unmatched: z.number().int(),
    importedAt: z.iso.datetime(),
  })
  .openapi('BankStatementImport');

export const importStatement = createRoute({
  method: 'post',
  path: '/v1/bank-accounts/{id}/statements',
  operationId: 'importBankStatement',
  tags,
  summary: 'Imports a bank statement file',
  description:
    'Programme staff only. The body is the file as the bank sent it: `application/xml` (ISO 20022 camt.053.001.02 ' +
    'or .001.08), `text/plain` (SWIFT MT940) or `text/csv` with `?mapping=` naming a saved mapping of the bank. ' +
    'One statement per file. All or nothing: a file that cannot be read, is another account’s, or whose lines do ' +
    'not take the opening balance to the closing one is a 422 naming the element or line, and nothing is written. ' +
    'The same file again answers 200 with the first import. New lines are matched at once against the ledger.',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    query: z.object({
      mapping: z
        .string()
        .max(63)
        .optional()
        .openapi({ param: { name: 'mapping', in: 'query' }, description: 'CSV only: the saved mapping' }),
    }),
    body: {
      required: true,
      content: {
        'application/xml': { schema: z.string().openapi({ format: 'binary' }) },
        'text/plain': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: json(ImportSchema, 'This very file was imported before: that import'),
    201: json(ImportSchema, 'Imported'),
    ...errorResponses,
    415: { description: 'Not a statement media type' },
  },
});

const LineIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/, 'a bank line id such as "42"')
  .openapi({ example: '42' });
const EntryIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/, 'a journal entry id such as "17"')
  .openapi({ example: '17' });
const ReasonSchema = z.object({ reason: CommentSchema.refine((text) => text.trim() !== '', 'say why') });

export const runMatching = createRoute({
  method: 'post',
  path: '/v1/bank-accounts/{id}/matching',
  operationId: 'rematchBankAccount',
  tags,
  summary: 'Matches open lines against the ledger again',
  description:
    'Programme staff only. Runs the matching rules over the lines and movements still open, e.g. after a ' +
    'contribution was declared once its bank line had come in.',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ matched: z.number().int() }), 'Lines matched by this run'), ...errorResponses },
});

export const OpenItemsSchema = z
  .object({
    lines: z.array(
      z.object({
        id: z.string(),
        statementId: z.uuid(),
        bookingDate: z.string(),
        valueDate: z.string(),
        amount: MoneySchema,
        direction: z.enum(['credit', 'debit']),
        counterparty: z.string(),
        remittance: z.string(),
        endToEndId: z.string(),
        bankReference: z.string(),
        transactionCode: z.string(),
        candidates: z
          .array(z.string())
          .openapi({ description: 'Entry ids the rules find for it (several: ambiguous)' }),
        proposal: z
          .object({ kind: z.string(), counterAccount: z.string() })
          .nullable()
          .openapi({ description: 'A fee or interest line: the entry staff may post for it' }),
      }),
    ),
    movements: z.array(
      z.object({
        entryId: z.string(),
        kind: z.string(),
        date: z.string(),
        amount: MoneySchema.openapi({ description: 'Signed: positive is money into the account' }),
        memo: z.string(),
        reference: z.string().openapi({ description: 'What a payer may quote for it' }),
      }),
    ),
  })
  .openapi('BankOpenItems');

export const openItems = createRoute({
  method: 'get',
  path: '/v1/bank-accounts/{id}/open-items',
  operationId: 'listOpenItems',
  tags,
  summary: 'Unmatched lines and movements, with candidates and proposals',
  description: 'For whoever sees the bank account: what is left to match by hand.',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(OpenItemsSchema, 'Open items'), ...errorResponses },
});

export const matchByHand = createRoute({
  method: 'post',
  path: '/v1/bank-accounts/{id}/matches',
  operationId: 'matchBankLines',
  tags,
  summary: 'Matches lines to movements by hand',
  description:
    'Programme staff only, with a reason. One line to one movement, one line split over several movements, or ' +
    'several lines to one: both sides must sum to the same signed amount. Audited; the ledger is not touched.',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: ReasonSchema.extend({
            lines: z.array(LineIdSchema).min(1).max(1000),
            entries: z.array(EntryIdSchema).min(1).max(1000),
          }).strict(),
        },
      },
    },
  },
  responses: { 201: json(z.object({ id: z.uuid() }), 'The match'), ...errorResponses },
});

export const undoMatch = createRoute({
  method: 'post',
  path: '/v1/bank-accounts/{id}/matches/{matchId}/undo',
  operationId: 'undoBankMatch',
  tags,
  summary: 'Undoes a match',
  description: 'Programme staff only, with a reason; audited. Its lines and movements are open again.',
  security: bearerSecurity,
  request: {
    params: IdParamSchema.extend({ matchId: UuidSchema.openapi({ param: { name: 'matchId', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: ReasonSchema.strict() } } },
  },
  responses: { 200: json(z.object({ id: z.uuid(), undone: z.literal(true) }), 'Undone'), ...errorResponses },
});

export const postLineEntry = createRoute({
  method: 'post',
  path: '/v1/bank-accounts/{id}/lines/{lineId}/entry',
  operationId: 'postProposedEntry',
  tags,
  summary: 'Posts the entry a fee or interest line proposes',
  description:
    'Programme staff only, explicitly, with a reason and an Idempotency-Key: the bank charge (or interest) goes ' +
    "into the books against the programme's bank-charges (bank-interest) account, and the line is matched to it.",
  security: bearerSecurity,
  request: {
    params: IdParamSchema.extend({ lineId: LineIdSchema.openapi({ param: { name: 'lineId', in: 'path' } }) }),
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: ReasonSchema.strict() } } },
  },
  responses: {
    201: json(z.object({ entryId: z.string(), matchId: z.uuid() }), 'Posted and matched'),
    ...errorResponses,
  },
});

export const RECONCILIATION_FORMATS = ['json', 'csv', 'pdf'] as const;

export const ReconciliationQuerySchema = z.object({
  at: instantQuery('at', 'The instant to reconcile at; now when absent. Not in the future.'),
});

export const ReconciliationSchema = z
  .object({
    bankAccountId: z.uuid(),
    ledgerAccount: z.string(),
    currency: z.string(),
    at: z.iso.datetime(),
    ledgerBalance: MoneySchema,
    bankBalance: MoneySchema.nullable(),
    difference: MoneySchema.nullable().openapi({ description: 'ledgerBalance - bankBalance' }),
    status: z.enum(['reconciled', 'unreconciled', 'no-statement']),
    statement: z
      .object({ id: z.uuid(), reference: z.string(), openingDate: z.string(), closingDate: z.string() })
      .nullable(),
    matched: z.object({ lines: z.number().int(), credits: MoneySchema, debits: MoneySchema }),
    unmatchedBank: z.array(
      z.object({
        lineId: z.string(),
        bookingDate: z.string(),
        amount: MoneySchema,
        direction: z.enum(['credit', 'debit']),
        counterparty: z.string(),
        remittance: z.string(),
        ageDays: z.number().int(),
        proposal: z.object({ kind: z.string(), counterAccount: z.string() }).nullable(),
      }),
    ),
    unmatchedLedger: z.array(
      z.object({
        entryId: z.string(),
        kind: z.string(),
        date: z.string(),
        amount: MoneySchema,
        memo: z.string(),
        ageDays: z.number().int(),
      }),
    ),
    chain: z.object({
      ok: z.boolean(),
      unsealed: z.number().int(),
      lastEntry: z.object({ id: z.string(), sealSeq: z.string(), hash: z.string() }).nullable(),
    }),
  })
  .openapi('BankReconciliation');

export const getReconciliation = createRoute({
  method: 'get',
  path: '/v1/bank-accounts/{id}/reconciliation',
  operationId: 'getReconciliation',
  tags,
  summary: 'The bank account reconciled with the books at an instant',
  description:
    'For whoever sees the bank account. Ledger balance vs bank balance on the date, matched totals, the unmatched ' +
    'lines on each side with their ages, and the hash chain fingerprint as statements print it. The same at ' +
    '`/v1/bank-accounts/{id}/reconciliation.json`, `.csv` and `.pdf`.',
  security: bearerSecurity,
  request: { params: IdParamSchema, query: ReconciliationQuerySchema },
  responses: { 200: json(ReconciliationSchema, 'The reconciliation'), ...errorResponses },
});
