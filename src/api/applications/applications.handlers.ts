import type { RouteHandler } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import {
  DOCUMENT_TYPE,
  STREAMED_OVERHEAD_BYTES,
  type SentPaper,
  cleanFileName,
  fileWithPapers,
  formDataBoundary,
  formLimits,
  papersFingerprint,
  readMultipart,
  readText,
  receiveBytes,
} from '../../documents';
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
import { storeOf } from '../documents/documents.handlers';
import { UuidSchema, presented } from '../schemas';
import { fieldErrors } from '../validation';
import * as routes from './applications.routes';

type View = Awaited<ReturnType<typeof workflow.applicationView>>;

const presentSummary = (a: workflow.ApplicationRow) =>
  presented(routes.ApplicationSummarySchema, {
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

const presentContribution = (c: View['contributions'][number]) =>
  presented(routes.ApplicationSchema.shape.contributions.element, {
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
  });

const present = (view: View) =>
  presented(routes.ApplicationSchema, {
    ...presentSummary(view.application),
    plan: view.plan as unknown as Record<string, unknown>,
    approvals: view.approvals.map(presentApproval),
    reservations: view.reservations,
    contributions: view.contributions.map(presentContribution),
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

/**
 * POST /v1/programmes/{id}/applications as multipart/form-data: the application (part
 * `application`, the JSON body of a JSON filing) with the papers the rules require to file, each a
 * file part named by its document type (`toma-de-nota`). The papers stream to the store's staging
 * area; the application and their rows are written in one transaction, so a filing never exists
 * without its papers nor papers without their filing. Anything else goes on to the JSON route.
 */
export async function fileWithDocuments(c: Context<AppEnv>, next: Next) {
  const boundary = formDataBoundary(c.req.header('content-type'));
  if (!boundary || !c.req.raw.body) return next();
  const store = storeOf(c);
  const id = UuidSchema.safeParse(c.req.param('id'));
  if (!id.success) throw ValidationError.field('path.id', 'must be an id (UUID)');
  const programmeId = id.data;
  await workflow.authorizeFiling(c.var.db, caller(c), programmeId);
  const maxBytes = c.var.guards.limits.documentBytes;
  const papers: SentPaper[] = [];
  let json: string | undefined;
  try {
    const parts = readMultipart(c.req.raw.body, boundary, formLimits(maxBytes));
    for await (const part of parts) {
      if (part.filename === undefined) {
        if (part.name !== 'application') {
          throw ValidationError.field(`body.${part.name}`, 'the text part is "application"; papers are file parts');
        }
        json = await readText(part.body, part.name, STREAMED_OVERHEAD_BYTES);
        continue;
      }
      if (!DOCUMENT_TYPE.test(part.name)) {
        throw ValidationError.field(`body.${part.name}`, 'a file part is named by its document type (toma-de-nota)');
      }
      const received = await receiveBytes(store, part.body, {
        maxBytes,
        claimedType: part.contentType,
        field: `body.${part.name}`,
      });
      papers.push({ type: part.name, received, fileName: cleanFileName(part.filename, received.format.extension) });
    }
    const body = parseFiledApplication(json);
    const work = async (tx: Transaction) => {
      const application = await fileWithPapers(tx, caller(c), c.var.deps.rules, programmeId, body, papers);
      return { status: 201 as const, body: present(await workflow.applicationView(tx, caller(c), application.id)) };
    };
    // The request is its fields and its papers' contents: a retry with the same key and files replays.
    const request = { application: body, papers: papersFingerprint(papers) };
    if (c.req.header('idempotency-key')) return await idempotently(c, request, work);
    const { body: filed } = await c.var.db.transaction(work);
    return c.json(filed, 201);
  } finally {
    // Staged bytes are moved to their address by the filing; what is left (a refusal, a replay) goes now.
    for (const paper of papers) await paper.received.staged.discard();
  }
}

/** The `application` part of a multipart filing, judged as the JSON route judges its body. */
function parseFiledApplication(json: string | undefined): Record<string, unknown> {
  if (json === undefined) throw ValidationError.field('body.application', 'required: the application, as JSON');
  let fields: unknown;
  try {
    fields = JSON.parse(json);
  } catch {
    throw ValidationError.field('body.application', 'must be the application as JSON');
  }
  const parsed = routes.ApplicationFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    throw new ValidationError(
      'The application has invalid fields; see errors.',
      fieldErrors(parsed.error.issues, 'body'),
    );
  }
  return parsed.data as Record<string, unknown>;
}

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
