import { createRoute, z } from '@hono/zod-openapi';
import { instantQuery } from '../instants';
import { IdParamSchema, MoneySchema, bearerSecurity, errorResponses, json } from '../schemas';

export const AccountSchema = z
  .object({
    id: z.uuid(),
    code: z.string().openapi({ description: 'Unique, readable code of the account' }),
    name: z.string(),
    type: z.enum(['asset', 'liability', 'equity', 'income', 'expense']),
    normalSide: z.enum(['debit', 'credit']).openapi({ description: 'The side on which the account grows' }),
    currency: z.string().openapi({ example: 'MXN' }),
    minBalance: MoneySchema.nullable().openapi({
      description: 'Lowest balance allowed, counting holds; null: no limit',
    }),
    balance: MoneySchema.openapi({ description: 'Posted balance on the normal side' }),
    held: MoneySchema.openapi({ description: 'Reserved by pending holds' }),
    available: MoneySchema.openapi({ description: 'balance - held' }),
    version: z.string().openapi({ description: 'Number of postings on the account', example: '12' }),
    ownerOrganisationId: z.uuid().nullable(),
    programmeId: z.uuid().nullable(),
    applicationId: z.uuid().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .openapi('Account');

export const BalanceSchema = z
  .object({
    accountId: z.uuid(),
    code: z.string(),
    currency: z.string().openapi({ example: 'MXN' }),
    at: z.iso.datetime().openapi({ description: 'The instant of the balance (booking time)' }),
    balance: MoneySchema.openapi({ description: 'Posted balance on the normal side at `at`' }),
    version: z.string().openapi({ description: 'Number of postings on the account up to `at`', example: '12' }),
    held: MoneySchema.optional().openapi({ description: 'Balance now only: reserved by pending holds' }),
    available: MoneySchema.optional().openapi({ description: 'Balance now only: balance - held' }),
  })
  .openapi('Balance');

const tags = ['Ledger'];
const visibility =
  'Visible to the administrator, auditors, the owner organisation and the parties of its programme or application; ' +
  '404 for anyone else.';

export const getAccount = createRoute({
  method: 'get',
  path: '/v1/accounts/{id}',
  operationId: 'getAccount',
  tags,
  summary: 'A ledger account with its balance now',
  description: visibility,
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: json(AccountSchema, 'The account'), ...errorResponses },
});

export const getBalance = createRoute({
  method: 'get',
  path: '/v1/accounts/{id}/balance',
  operationId: 'getAccountBalance',
  tags,
  summary: 'The balance of an account now, or at a past instant',
  description:
    `${visibility} Without \`at\`: the balance now, with held and available. With \`at\`: the posted balance at that ` +
    'instant of booking time, the same whenever it is asked; an instant in the future is a 422 (it is not known yet).',
  security: bearerSecurity,
  request: {
    params: IdParamSchema,
    query: z.object({ at: instantQuery('at', 'The instant; now when absent. Not in the future.') }),
  },
  responses: { 200: json(BalanceSchema, 'The balance'), ...errorResponses },
});
