import type { RouteHandler } from '@hono/zod-openapi';
import type { Account } from '../../ledger';
import * as service from '../../programmes/service';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { idempotently } from '../idempotency';
import { decodeCursor, page } from '../pagination';
import type * as routes from './programmes.routes';

export const presentAccount = (a: Account) => ({
  id: a.id,
  code: a.code,
  name: a.name,
  type: a.type,
  currency: a.currency,
  balance: a.balance,
  held: a.held,
  available: a.available,
});

const present = ({
  programme,
  parties,
  pools,
}: {
  programme: service.Programme;
  parties: Record<string, string>;
  pools: Account[] | null;
}) => ({
  id: programme.id,
  code: programme.code,
  name: programme.name,
  ruleSet: programme.ruleSet,
  currency: programme.currency,
  administrator: programme.administratorId,
  parties,
  pools: pools?.map((pool) => ({ ...presentAccount(pool), party: pool.code.split(':')[2]! })) ?? null,
  createdAt: programme.createdAt.toISOString(),
});

export const createProgramme: RouteHandler<typeof routes.createProgramme, AppEnv> = async (c) => {
  const rules = c.var.deps.rules;
  const view = await c.var.db.transaction(async (tx) => {
    const programme = await service.createProgramme(tx, caller(c), rules, c.req.valid('json'));
    return service.getProgramme(tx, caller(c), rules, programme.id);
  });
  return c.json(present(view), 201);
};

export const listProgrammes: RouteHandler<typeof routes.listProgrammes, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const rows = await service.listProgrammes(c.var.db, limit, decodeCursor(cursor));
  const { items, nextCursor } = page(rows, limit, (row) => ({ at: row.programme.createdAt, id: row.programme.id }));
  return c.json({ items: items.map((row) => present({ ...row, pools: null })), nextCursor }, 200);
};

export const getProgramme: RouteHandler<typeof routes.getProgramme, AppEnv> = async (c) =>
  c.json(present(await service.getProgramme(c.var.db, caller(c), c.var.deps.rules, c.req.valid('param').id)), 200);

export const fundBudget: RouteHandler<typeof routes.fundBudget, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const id = c.req.valid('param').id;
  return idempotently(c, body, async (tx) => {
    const funded = await service.fundBudget(tx, caller(c), c.var.deps.rules, id, body);
    return { status: 201, body: { ...funded, pool: presentAccount(funded.pool) } };
  });
};
