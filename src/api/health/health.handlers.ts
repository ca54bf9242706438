import type { RouteHandler } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { checkReadiness } from '../../operations/readiness';
import type { AppEnv } from '../context';
import { RETRY_AFTER_SECONDS } from '../middleware/deadline';
import type { health, ready } from './health.routes';

const LIVENESS_PROBE_MS = 500;
const READINESS_BUDGET_MS = 1000;
export const DEFAULT_SEALER_LAG_SECONDS = 60;

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const probe = c.var.db.execute(sql`SELECT 1`).then(() => true);
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), LIVENESS_PROBE_MS)));
  const answered = await Promise.race([probe.catch(() => false), late]).finally(() => clearTimeout(timer));
  return answered
    ? c.json({ status: 'ok' as const, database: 'ok' as const }, 200)
    : c.json({ status: 'degraded' as const, database: 'unreachable' as const }, 200);
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
