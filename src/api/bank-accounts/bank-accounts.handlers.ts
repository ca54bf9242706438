import type { RouteHandler } from '@hono/zod-openapi';
import * as accounts from '../../reconciliation/bank-accounts';
import * as statements from '../../reconciliation/statements';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import type * as routes from './bank-accounts.routes';

const present = (account: accounts.BankAccountView) => ({
  id: account.id,
  ledgerAccount: {
    id: account.ledgerAccount.id,
    code: account.ledgerAccount.code,
    name: account.ledgerAccount.name,
    currency: account.ledgerAccount.currency,
  },
  programmeId: account.programmeId,
  applicationId: account.ledgerAccount.applicationId,
  scheme: account.scheme,
  number: account.number,
  bank: account.bank,
  currency: account.currency,
  holder: account.holder,
  createdAt: account.createdAt.toISOString(),
});

export const registerBankAccount: RouteHandler<typeof routes.registerBankAccount, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const account = await c.var.db.transaction((tx) =>
    accounts.registerBankAccount(tx, caller(c), c.var.deps.rules, body),
  );
  return c.json(present(account), 201);
};

export const getBankAccount: RouteHandler<typeof routes.getBankAccount, AppEnv> = async (c) =>
  c.json(present(await accounts.readBankAccount(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const listProgrammeBankAccounts: RouteHandler<typeof routes.listProgrammeBankAccounts, AppEnv> = async (c) => {
  const items = await accounts.programmeBankAccounts(c.var.db, caller(c), c.req.valid('param').id);
  return c.json({ items: items.map(present) }, 200);
};

export const saveCsvMapping: RouteHandler<typeof routes.saveCsvMapping, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const row = await c.var.db.transaction((tx) => statements.saveCsvMapping(tx, caller(c), body));
  return c.json({ id: row.id, bank: row.bank, name: row.name }, 201);
};

export const importStatement: RouteHandler<typeof routes.importStatement, AppEnv> = async (c) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const { mapping } = c.req.valid('query');
  const result = await c.var.db.transaction((tx) =>
    statements.importStatement(tx, caller(c), c.var.deps.rules, c.req.valid('param').id, { mediaType, bytes, mapping }),
  );
  const { statement } = result;
  return c.json(
    {
      id: statement.id,
      bankAccountId: statement.bankAccountId,
      sha256: statement.sha256,
      format: statement.format,
      reference: statement.reference,
      openingDate: statement.openingDate,
      openingBalance: statement.openingBalance,
      closingDate: statement.closingDate,
      closingBalance: statement.closingBalance,
      lines: statement.lineCount,
      importedAt: statement.importedAt.toISOString(),
    },
    result.replayed ? 200 : 201,
  );
};
