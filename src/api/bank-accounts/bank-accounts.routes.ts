import { createRoute, z } from '@hono/zod-openapi';
import {
  CurrencySchema,
  IdParamSchema,
  MoneySchema,
  NameSchema,
  UuidSchema,
  bearerSecurity,
  errorResponses,
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
    'The same file again answers 200 with the first import.',
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
