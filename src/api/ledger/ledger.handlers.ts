import type { RouteHandler } from '@hono/zod-openapi';
import * as books from '../../books';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { toInstant } from '../instants';
import { decodeSequenceCursor, encodeSequenceCursor } from '../sequence-cursor';
import { presented } from '../schemas';
import * as routes from './ledger.routes';

export const listEntries: RouteHandler<typeof routes.listEntries, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const after = decodeSequenceCursor(query.cursor);
  const from = toInstant(query.from);
  const to = toInstant(query.to);
  const page = await books.readJournal(c.var.db, caller(c), {
    limit: query.limit,
    ...(query.account !== undefined && { accountId: query.account }),
    ...(query.kind !== undefined && { kind: query.kind }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(after !== undefined && { after }),
  });
  return c.json(
    {
      items: page.entries.map((entry) =>
        presented(routes.EntrySchema, {
          ...entry,
          effectiveAt: entry.effectiveAt.toISOString(),
          createdAt: entry.createdAt.toISOString(),
        }),
      ),
      nextCursor: page.nextAfter === null ? null : encodeSequenceCursor(page.nextAfter),
    },
    200,
  );
};

export const trialBalance: RouteHandler<typeof routes.trialBalance, AppEnv> = async (c) => {
  const { at, programme } = c.req.valid('query');
  const instant = toInstant(at);
  const report = await books.readTrialBalance(c.var.reportsDb, caller(c), {
    ...(instant !== undefined && { at: instant }),
    ...(programme !== undefined && { programmeId: programme }),
  });
  return c.json(
    presented(routes.TrialBalanceSchema, { ...report, at: report.at.toISOString(), programmeId: programme ?? null }),
    200,
  );
};

export const verify: RouteHandler<typeof routes.verify, AppEnv> = async (c) => {
  const report = await books.readChainReport(c.var.reportsDb, caller(c));
  return c.json(
    presented(routes.ChainReportSchema, {
      ...report,
      oldestUnsealedAt: report.oldestUnsealedAt?.toISOString() ?? null,
      since: report.since && { seq: report.since.seq, verifiedAt: report.since.verifiedAt.toISOString() },
    }),
    200,
  );
};
