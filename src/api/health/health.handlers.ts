import type { RouteHandler } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db';
import { checkReadiness } from '../../operations/readiness';
import type { AppEnv } from '../context';
import { RETRY_AFTER_SECONDS } from '../middleware/deadline';
import type { health, ready } from './health.routes';

const LIVENESS_PROBE_MS = 500;
const READINESS_BUDGET_MS = 1000;
export const DEFAULT_SEALER_LAG_SECONDS = 60;

/** What waits to be sealed into the hash chain, as the database has it now. */
const sealerLag = sql`
  SELECT count(*)::int AS unsealed,
         extract(epoch FROM clock_timestamp() - min(e.created_at))::float8 AS oldest
  FROM ledger_unsealed u JOIN journal_entries e ON e.id = u.entry_id`;

/** The work's answer if it comes within the liveness budget, else `late` (a failure counts as late). */
async function withinProbe<T, L>(work: Promise<T>, late: L): Promise<T | L> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<L>((resolve) => (timer = setTimeout(() => resolve(late), LIVENESS_PROBE_MS)));
  return Promise.race([work.catch(() => late), expired]).finally(() => clearTimeout(timer));
}

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  // Two queries side by side: a long sealing backlog slows the count, never the liveness answer.
  const [answered, lag] = await Promise.all([
    withinProbe(
      c.var.db.execute(sql`SELECT 1`).then(() => true),
      false,
    ),
    withinProbe(
      rowsOf<{ unsealed: number; oldest: number | null }>(c.var.db, sealerLag).then(([row]) => ({
        unsealedEntries: row!.unsealed,
        oldestUnsealedAgeSeconds: row!.oldest === null ? null : Math.max(0, row!.oldest),
      })),
      null,
    ),
  ]);
  return answered
    ? c.json({ status: 'ok' as const, database: 'ok' as const, sealer: lag }, 200)
    : c.json({ status: 'degraded' as const, database: 'unreachable' as const, sealer: lag }, 200);
};

export const readyHandler: RouteHandler<typeof ready, AppEnv> = async (c) => {
  const { readiness } = c.var.deps;
  const outcome = await checkReadiness(c.var.db, {
    expectedMigration: readiness?.expectedMigration,
    sealerLagSeconds: readiness?.sealerLagSeconds ?? DEFAULT_SEALER_LAG_SECONDS,
    timeoutMs: READINESS_BUDGET_MS,
  });
  const { checks, reasons } = outcome;
  if (outcome.ready) return c.json({ status: 'ready' as const, checks, reasons }, 200);
  c.header('retry-after', String(RETRY_AFTER_SECONDS));
  return c.json({ status: 'not-ready' as const, checks, reasons }, 503);
};
