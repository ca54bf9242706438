import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ValidationError } from '../../errors';
import type { Transaction } from '../../ledger';
import * as workflow from '../../workflow';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { idempotently } from '../idempotency';
import { iso } from '../instants';
import { decodeCursor, page } from '../pagination';
import { presentAccount } from '../programmes/programmes.handlers';
import { presentApproval, presentTranche } from '../tranches/tranches.handlers';
import type * as routes from './applications.routes';

type View = Awaited<ReturnType<typeof workflow.applicationView>>;

const presentSummary = (a: workflow.ApplicationRow) => ({
  id: a.id,
  programmeId: a.programmeId,
  applicantId: a.applicantId,
  applicantParty: a.applicantParty,
  status: a.status,
  title: a.title,
  fields: a.fields,
  plan: a.plan,
  ruleVersion: a.ruleVersion,
  ruleHash: a.ruleHash,
  total: a.total,
  currency: a.currency,
  filedAt: a.filedAt.toISOString(),
  approvedAt: iso(a.approvedAt),
  outcome: a.outcome,
  endedAt: iso(a.endedAt),
  version: a.version,
  createdAt: a.createdAt.toISOString(),
});

const present = (view: View) => ({
  ...presentSummary(view.application),
  plan: view.plan as unknown as Record<string, unknown>,
  approvals: view.approvals.map(presentApproval),
  reservations: view.reservations,
  contributions: view.contributions.map((c) => ({
    id: c.id,
    party: c.party,
    paidAmount: c.paidAmount,
    paidCurrency: c.paidCurrency,
    fxRate: c.fxRate,
    amount: c.amount,
    entryId: c.entryId.toString(),
    at: c.createdAt.toISOString(),
    status: c.proof.status,
    bankLineIds: c.proof.bankLineIds,
    bankMatchId: c.proof.bankMatchId,
  })),
  tranches: view.tranches.map(presentTranche),
  funding: view.funding,
  disbursed: view.disbursed,
});

/**
 * Runs a change to an application idempotently and answers with the application as it now is. With
 * `If-Match: <version>` the change happens only if the application is still at that version (412).
 */
const changeApplication = <S extends 200 | 201>(
  c: Context<AppEnv>,
  id: string,
  status: S,
  body: unknown,
  work: (tx: Transaction) => Promise<unknown>,
) =>
  idempotently(c, body, async (tx) => {
    const expected = c.req.header('if-match');
    if (expected !== undefined) {
      const version = Number(expected.replace(/^W\//, '').replace(/"/g, ''));
      if (!Number.isInteger(version))
        throw ValidationError.field('header.If-Match', 'the application version to act on, e.g. "3"');
      await workflow.assertVersion(tx, caller(c), id, version);
    }
    await work(tx);
    return { status, body: present(await workflow.applicationView(tx, caller(c), id)) };
  });

export const fileApplication: RouteHandler<typeof routes.fileApplication, AppEnv> = async (c) => {
  const body = c.req.valid('json') as Record<string, unknown>;
  const work = async (tx: Transaction) => {
    const application = await workflow.fileApplication(tx, caller(c), c.var.deps.rules, c.req.valid('param').id, body);
    return { status: 201 as const, body: present(await workflow.applicationView(tx, caller(c), application.id)) };
  };
  // Filing moves no money: an Idempotency-Key is honoured when sent, not required.
  if (c.req.header('idempotency-key')) return idempotently(c, body, work);
  const { body: filed } = await c.var.db.transaction(work);
  return c.json(filed, 201);
};

export const listApplications: RouteHandler<typeof routes.listApplications, AppEnv> = async (c) => {
  const { limit, cursor, programme, status } = c.req.valid('query');
  const rows = await workflow.listApplications(
    c.var.db,
    caller(c),
    { programmeId: programme, status },
    limit,
    decodeCursor(cursor),
  );
  const { items, nextCursor } = page(rows, limit, (a) => ({ at: a.createdAt, id: a.id }));
  return c.json({ items: items.map(presentSummary), nextCursor }, 200);
};

export const getApplication: RouteHandler<typeof routes.getApplication, AppEnv> = async (c) =>
  c.json(present(await workflow.applicationView(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const applicationAccounts: RouteHandler<typeof routes.applicationAccounts, AppEnv> = async (c) => {
  const accounts = await workflow.requireApplicationAccounts(c.var.db, caller(c), c.req.valid('param').id);
  return c.json({ items: accounts.map(presentAccount) }, 200);
};

export const decideApplication: RouteHandler<typeof routes.decideApplication, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return changeApplication(c, id, 200, body, (tx) => workflow.decideApplication(tx, caller(c), id, body));
};

export const recordContribution: RouteHandler<typeof routes.recordContribution, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return changeApplication(c, id, 201, body, (tx) => workflow.recordContribution(tx, caller(c), id, body));
};

export const refund: RouteHandler<typeof routes.refund, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return changeApplication(c, id, 200, body, (tx) => workflow.refund(tx, caller(c), c.var.deps.rules, id, body));
};

export const cancel: RouteHandler<typeof routes.cancel, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return changeApplication(c, id, 200, body, (tx) => workflow.cancel(tx, caller(c), c.var.deps.rules, id, body));
};

export const close: RouteHandler<typeof routes.close, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return changeApplication(c, id, 200, body, (tx) => workflow.close(tx, caller(c), c.var.deps.rules, id, body));
};

export const clawback: RouteHandler<typeof routes.clawback, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return changeApplication(c, id, 200, body, (tx) => workflow.clawback(tx, caller(c), c.var.deps.rules, id, body));
};
