import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Account, Transaction } from '../../ledger';
import type { PartyBinding } from '../../access';
import * as codes from '../../programmes/codes';
import * as parties from '../../programmes/parties';
import * as service from '../../programmes/service';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { idempotently } from '../idempotency';
import { decodeCursor, page } from '../pagination';
import { presented } from '../schemas';
import * as routes from './programmes.routes';

export const presentAccount = (a: Account) =>
  presented(routes.AccountSummarySchema, {
    id: a.id,
    code: a.code,
    name: a.name,
    type: a.type,
    currency: a.currency,
    balance: a.balance,
    held: a.held,
    available: a.available,
  });

const presentBinding = (b: PartyBinding) =>
  presented(routes.PartyBindingSchema, {
    party: b.party,
    organisationId: b.organisationId,
    status: b.status,
    invitedAt: b.invitedAt.toISOString(),
    decidedAt: b.decidedAt?.toISOString() ?? null,
  });

const present = ({
  programme,
  bindings,
  pools,
}: {
  programme: service.Programme;
  bindings: PartyBinding[];
  pools: Array<Account & { party: string }> | null;
}) =>
  presented(routes.ProgrammeSchema, {
    id: programme.id,
    code: programme.code,
    name: programme.name,
    ruleSet: programme.ruleSet,
    currency: programme.currency,
    administrator: programme.administratorId,
    approvalReminderDays: programme.approvalReminderDays,
    requireDocuments: programme.requireDocuments,
    parties: Object.fromEntries(bindings.map((b) => [b.party, b.organisationId])),
    status: bindings.every((b) => b.status === 'accepted') ? ('open' as const) : ('awaiting-parties' as const),
    invitations: bindings.map(presentBinding),
    pools: pools?.map((pool) => ({ ...presentAccount(pool), party: pool.party })) ?? null,
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
  const { limit, cursor, invitation } = c.req.valid('query');
  const actor = c.var.actor;
  // The administrator is invited to nothing: "pending" lists nothing for it.
  if (invitation !== undefined && actor.kind !== 'key') return c.json({ items: [], nextCursor: null }, 200);
  const awaiting = invitation !== undefined && actor.kind === 'key' ? actor.organisationId : undefined;
  const rows = await service.listProgrammes(c.var.db, limit, decodeCursor(cursor), awaiting);
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

/** An answer about a party, in its own transaction: the programme as it now stands. */
const onParty = (c: Context<AppEnv>, act: (tx: Transaction) => Promise<service.ProgrammeView>) =>
  c.var.db.transaction(act).then(present);

export const acceptParty: RouteHandler<typeof routes.acceptParty, AppEnv> = async (c) => {
  const { id, party } = c.req.valid('param');
  const view = await onParty(c, (tx) =>
    parties.acceptParty(tx, caller(c), c.var.deps.rules, id, party, c.req.valid('json')),
  );
  return c.json(view, 200);
};

export const declineParty: RouteHandler<typeof routes.declineParty, AppEnv> = async (c) => {
  const { id, party } = c.req.valid('param');
  const view = await onParty(c, (tx) =>
    parties.declineParty(tx, caller(c), c.var.deps.rules, id, party, c.req.valid('json')),
  );
  return c.json(view, 200);
};

export const inviteParty: RouteHandler<typeof routes.inviteParty, AppEnv> = async (c) => {
  const { id, party } = c.req.valid('param');
  const view = await onParty(c, (tx) =>
    parties.inviteParty(tx, caller(c), c.var.deps.rules, id, party, c.req.valid('json')),
  );
  return c.json(view, 200);
};

const presentCode = (code: codes.ProgrammeCode) =>
  presented(routes.ReservedCodeSchema, {
    code: code.code,
    organisationId: code.organisationId,
    reservedAt: code.reservedAt.toISOString(),
    programmeId: code.programmeId,
  });

export const reserveCode: RouteHandler<typeof routes.reserveCode, AppEnv> = async (c) => {
  const { id } = c.req.valid('param');
  const { code } = c.req.valid('json');
  const reserved = await c.var.db.transaction((tx) => codes.reserveCode(tx, caller(c), id, code));
  return c.json(presentCode(reserved), 201);
};

export const listCodes: RouteHandler<typeof routes.listCodes, AppEnv> = async (c) => {
  const items = await codes.listCodes(c.var.db, caller(c), c.req.valid('param').id);
  return c.json({ items: items.map(presentCode) }, 200);
};
