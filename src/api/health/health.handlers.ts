import type { RouteHandler } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../context';
import type { health } from './health.routes';

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  try {
    await c.var.db.execute(sql`SELECT 1`);
    return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
  } catch {
    return c.json({ status: 'degraded' as const, database: 'unreachable' as const }, 503);
  }
};
