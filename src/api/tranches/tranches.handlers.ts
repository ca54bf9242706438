import type { RouteHandler } from '@hono/zod-openapi';
import type { Transaction } from '../../ledger';
import * as workflow from '../../workflow';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { idempotently } from '../idempotency';
import { iso } from '../instants';
import { presented } from '../schemas';
import * as routes from './tranches.routes';

type TrancheWithApprovals = Awaited<ReturnType<typeof workflow.tranchesOf>>[number];

export const presentApproval = (a: {
  party: string;
  organisationId: string;
  decision: 'approve' | 'reject';
  comment: string;
  createdAt: Date;
}) =>
  presented(routes.ApprovalSchema, {
    party: a.party,
    organisationId: a.organisationId,
    decision: a.decision,
    comment: a.comment,
    at: a.createdAt.toISOString(),
  });

export const presentTranche = ({ tranche, approvals }: TrancheWithApprovals) =>
  presented(routes.TrancheSchema, {
    id: tranche.id,
    applicationId: tranche.applicationId,
    index: tranche.sequence,
    amount: tranche.amount,
    milestone: tranche.milestone,
    evidence: tranche.evidence,
    approvers: tranche.approvers,
    status: tranche.status,
    parts: tranche.parts,
    approvals: approvals.map(presentApproval),
    requestedAt: tranche.createdAt.toISOString(),
    decidedAt: iso(tranche.decidedAt),
  });

export const requestTranche: RouteHandler<typeof routes.requestTranche, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  const work = async (tx: Transaction) => {
    const tranche = await workflow.requestTranche(tx, caller(c), id, body);
    return { status: 201 as const, body: presentTranche(await workflow.getTranche(tx, caller(c), tranche.id)) };
  };
  // Asking moves no money (the approvals do): an Idempotency-Key is honoured when sent.
  if (c.req.header('idempotency-key')) return idempotently(c, body, work);
  const { body: created } = await c.var.db.transaction(work);
  return c.json(created, 201);
};

export const getTranche: RouteHandler<typeof routes.getTranche, AppEnv> = async (c) =>
  c.json(presentTranche(await workflow.getTranche(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const decideTranche: RouteHandler<typeof routes.decideTranche, AppEnv> = async (c) => {
  const [id, body] = [c.req.valid('param').id, c.req.valid('json')];
  return idempotently(c, body, async (tx) => {
    await workflow.decideTranche(tx, caller(c), id, body);
    return { status: 200 as const, body: presentTranche(await workflow.getTranche(tx, caller(c), id)) };
  });
};
