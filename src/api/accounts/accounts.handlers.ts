import type { RouteHandler } from '@hono/zod-openapi';
import * as books from '../../books';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { toInstant } from '../instants';
import { presented } from '../schemas';
import * as routes from './accounts.routes';

const present = (account: books.OwnedAccount) =>
  presented(routes.AccountSchema, { ...account, createdAt: account.createdAt.toISOString() });

export const getAccount: RouteHandler<typeof routes.getAccount, AppEnv> = async (c) =>
  c.json(present(await books.readAccount(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const getBalance: RouteHandler<typeof routes.getBalance, AppEnv> = async (c) => {
  const balance = await books.readBalance(
    c.var.db,
    caller(c),
    c.req.valid('param').id,
    toInstant(c.req.valid('query').at),
  );
  return c.json(presented(routes.BalanceSchema, { ...balance, at: balance.at.toISOString() }), 200);
};
