import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ValidationError } from '../../errors';
import { formatMoney } from '../../money';
import * as accounts from '../../reconciliation/bank-accounts';
import * as matches from '../../reconciliation/matches';
import { reconciliationCsv, reconciliationPdf } from '../../reconciliation/render';
import { type Reconciliation, reconciliation } from '../../reconciliation/report';
import * as statements from '../../reconciliation/statements';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { idempotently } from '../idempotency';
import { toInstant } from '../instants';
import { IdParamSchema, presented } from '../schemas';
import * as routes from './bank-accounts.routes';

const present = (account: accounts.BankAccountView) =>
  presented(routes.BankAccountSchema, {
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
    presented(routes.ImportSchema, {
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
      matched: result.matched,
      unmatched: statement.lineCount - result.matched,
      importedAt: statement.importedAt.toISOString(),
    }),
    result.replayed ? 200 : 201,
  );
};

export const runMatching: RouteHandler<typeof routes.runMatching, AppEnv> = async (c) => {
  const id = c.req.valid('param').id;
  const matched = await c.var.db.transaction((tx) => matches.runMatching(tx, caller(c), c.var.deps.rules, id));
  return c.json({ matched }, 200);
};

export const openItems: RouteHandler<typeof routes.openItems, AppEnv> = async (c) => {
  const account = await accounts.readBankAccount(c.var.db, caller(c), c.req.valid('param').id);
  const [items, code] = await Promise.all([
    matches.openItems(c.var.db, account),
    accounts.programmeCode(c.var.db, account.programmeId),
  ]);
  const candidates = new Map<string, string[]>([
    ...items.found.map((found) => [found.lineId, [found.entryId]] as [string, string[]]),
    ...items.ambiguous.map((open) => [open.lineId, open.candidates] as [string, string[]]),
  ]);
  return c.json(
    presented(routes.OpenItemsSchema, {
      lines: items.openLines.map((line) => {
        const proposal = matches.proposedEntry(account, code, line);
        return presented(routes.OpenItemsSchema.shape.lines.element, {
          id: line.id.toString(),
          statementId: line.statementId,
          bookingDate: line.bookingDate,
          valueDate: line.valueDate,
          amount: line.amount,
          direction: line.direction,
          counterparty: line.counterparty,
          remittance: line.remittance,
          endToEndId: line.endToEndId,
          bankReference: line.bankReference,
          transactionCode: line.transactionCode,
          candidates: candidates.get(line.id.toString()) ?? [],
          proposal: proposal && { kind: proposal.kind, counterAccount: proposal.counterAccount },
        });
      }),
      movements: items.openMovements.map((movement) =>
        presented(routes.OpenItemsSchema.shape.movements.element, {
          entryId: movement.entryId,
          kind: movement.kind,
          date: movement.date,
          amount: formatMoney(movement.amount, account.currency),
          memo: movement.memo,
          reference: matches.entryReference(movement.entryId),
        }),
      ),
    }),
    200,
  );
};

export const matchByHand: RouteHandler<typeof routes.matchByHand, AppEnv> = async (c) => {
  const body = c.req.valid('json');
  const id = await c.var.db.transaction((tx) =>
    matches.matchByHand(tx, caller(c), c.var.deps.rules, c.req.valid('param').id, body),
  );
  return c.json({ id }, 201);
};

export const undoMatch: RouteHandler<typeof routes.undoMatch, AppEnv> = async (c) => {
  const { id, matchId } = c.req.valid('param');
  const { reason } = c.req.valid('json');
  await c.var.db.transaction((tx) => matches.unmatch(tx, caller(c), c.var.deps.rules, id, matchId, reason));
  return c.json({ id: matchId, undone: true as const }, 200);
};

export const postLineEntry: RouteHandler<typeof routes.postLineEntry, AppEnv> = async (c) => {
  const { id, lineId } = c.req.valid('param');
  const body = c.req.valid('json');
  return idempotently(c, body, async (tx) => ({
    status: 201 as const,
    body: await matches.postProposedEntry(tx, caller(c), c.var.deps.rules, id, lineId, body.reason),
  }));
};

export const presentReconciliation = (report: Reconciliation) =>
  presented(routes.ReconciliationSchema, {
    bankAccountId: report.bankAccount.id,
    ledgerAccount: report.bankAccount.ledgerAccount.code,
    currency: report.bankAccount.currency,
    at: report.at.toISOString(),
    ledgerBalance: report.ledgerBalance,
    bankBalance: report.bankBalance,
    difference: report.difference,
    status: report.status,
    statement: report.statement,
    matched: report.matched,
    unmatchedBank: report.unmatchedBank,
    unmatchedLedger: report.unmatchedLedger,
    chain: { ok: report.chain.ok, unsealed: report.chain.unsealed, lastEntry: report.chain.lastEntry },
  });

async function reconcile(c: Context<AppEnv>, id: string, at: string | undefined) {
  return c.var.db.transaction((tx) => reconciliation(tx, caller(c), id, toInstant(at)), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

export const getReconciliation: RouteHandler<typeof routes.getReconciliation, AppEnv> = async (c) =>
  c.json(presentReconciliation(await reconcile(c, c.req.valid('param').id, c.req.valid('query').at)), 200);

/** `/v1/bank-accounts/{id}/reconciliation.{json,csv,pdf}`: the same report as a file. */
export async function reconciliationFile(c: Context<AppEnv>) {
  const params = IdParamSchema.safeParse({ id: c.req.param('id') });
  const query = routes.ReconciliationQuerySchema.safeParse(c.req.query());
  if (!params.success || !query.success) {
    throw new ValidationError('The request has invalid fields; see errors.', [
      ...(params.success ? [] : [{ field: 'path.id', message: 'must be an id (UUID)' }]),
      ...(query.success
        ? []
        : [{ field: 'query.at', message: 'must be an ISO-8601 instant with a time zone, not in the future' }]),
    ]);
  }
  const format = (c.req.param('file') ?? '').split('.').pop() as (typeof routes.RECONCILIATION_FORMATS)[number];
  const report = await reconcile(c, params.data.id, query.data.at);
  const name = `reconciliation-${report.bankAccount.number}-${report.at.toISOString().slice(0, 10)}`;
  if (format === 'json') return c.json(presentReconciliation(report), 200);
  const disposition = { 'content-disposition': `attachment; filename="${name}.${format}"` };
  if (format === 'csv')
    return c.body(reconciliationCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', ...disposition });
  const pdf = reconciliationPdf(report);
  return c.body(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer, 200, {
    'content-type': 'application/pdf',
    ...disposition,
  });
}
