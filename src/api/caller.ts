import type { Context } from 'hono';
import type { Caller } from '../auth';
import type { AppEnv } from './context';

/** The authenticated caller of a /v1 request, as the domain sees it. */
export const caller = (c: Context<AppEnv>): Caller => ({
  actor: c.var.actor,
  now: c.var.deps.clock?.() ?? new Date(),
  requestId: c.var.requestId,
});
