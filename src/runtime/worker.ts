import { bundledRuleFiles } from 'cofund:bundled-rules';
import type { ExecutionContext } from 'hono';
import { createApp, type App } from '../api/app';
import type { AppDependencies, DatabaseProvider } from '../api/context';
import { connect, type Database } from '../db';
import { expireHolds, sealPending } from '../ledger';
import { createRuleCatalog } from '../rules';

/** The part of a Hyperdrive binding we use (its full type lives in @cloudflare/workers-types). */
export interface HyperdriveBinding {
  readonly connectionString: string;
}

/** The part of a Cron Trigger's controller we use. */
export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

/**
 * The bindings of wrangler.toml. Secrets (`wrangler secret put NAME`, `.dev.vars` locally) and
 * `[vars]` arrive here too; `workerDependencies` is the one place that turns them into app
 * dependencies, as `node.ts` does with process.env.
 */
export interface WorkerEnv {
  HYPERDRIVE: HyperdriveBinding;
  /** Secret: the platform administrator's bearer token (`wrangler secret put COFUND_ADMIN_TOKEN`). */
  COFUND_ADMIN_TOKEN?: string;
}

/** Small: a request runs its queries one after another, and Hyperdrive pools the real connections. */
const CLIENT_CONNECTIONS = 5;

/**
 * Database clients for Workers, one per request: Workers forbid I/O objects shared across requests.
 * Hyperdrive pools the real connections, so opening one is cheap; type lookup at connect does not
 * work through it.
 *
 * A request may leave work running on its client after the response (`afterResponse`: sealing the
 * ledger). The client closes only once that work has settled, all of it inside the request's
 * waitUntil: postgres.js's end() refuses every query issued after it, so closing as soon as the
 * response is out would cut a seal off between its transactions.
 */
export function hyperdriveClients(hyperdrive: HyperdriveBinding) {
  const pendingWork = new WeakMap<Database, Promise<unknown>[]>();
  const database: DatabaseProvider = {
    open(c) {
      const { db, close } = connect(hyperdrive.connectionString, { max: CLIENT_CONNECTIONS, fetchTypes: false });
      const work: Promise<unknown>[] = [];
      pendingWork.set(db, work);
      return { db, release: () => c.executionCtx.waitUntil(settle(work).then(close)) };
    },
  };
  /** Runs `task` on the request's client, which stays open until it is done. Failures are logged. */
  const afterResponse = (db: Database, name: string, task: (db: Database) => Promise<unknown>) => {
    const work = pendingWork.get(db);
    if (!work) throw new Error(`afterResponse(${name}): not a client opened by this Worker for a request`);
    work.push(task(db).catch((error: unknown) => console.error(`[cofund] ${name} after the response failed:`, error)));
  };
  return { database, afterResponse };
}

/** Waits for every task, including those added while waiting. */
async function settle(work: Promise<unknown>[]): Promise<void> {
  while (work.length > 0) await Promise.allSettled(work.splice(0));
}

export async function workerDependencies(env: WorkerEnv): Promise<AppDependencies> {
  if (bundledRuleFiles.length === 0) throw new Error('no rule files were bundled: check the rules/ folder and wrangler.toml');
  const clients = hyperdriveClients(env.HYPERDRIVE);
  return {
    database: clients.database,
    rules: await createRuleCatalog(bundledRuleFiles),
    ...(env.COFUND_ADMIN_TOKEN ? { adminToken: env.COFUND_ADMIN_TOKEN } : {}),
    // No background timers on Workers: new entries are sealed right after the response, on the
    // request's own client; the Cron Trigger (`scheduled` below) catches up whatever that missed.
    afterMoneyMoved: (_c, db) => clients.afterResponse(db, 'sealing the ledger', sealPending),
  };
}

/**
 * The Cron Trigger of wrangler.toml: what Node's background maintenance does on a timer. Seals
 * entries that no request sealed (booked from Node or the CLI, or a seal cut short) and expires
 * overdue holds, on a client of its own. A failure fails the invocation, so it shows in the logs
 * and the Cron Events of the dashboard; both tasks run whatever the other did.
 */
export async function ledgerUpkeep(env: WorkerEnv): Promise<{ expired: number; sealed: number }> {
  const { db, close } = connect(env.HYPERDRIVE.connectionString, { max: 2, fetchTypes: false });
  try {
    const [expired, sealed] = await Promise.allSettled([expireAllDue(db), sealPending(db)]);
    if (expired.status === 'fulfilled' && sealed.status === 'fulfilled') return { expired: expired.value, sealed: sealed.value };
    const failures = [expired, sealed].flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    throw new AggregateError(failures, 'ledger upkeep failed');
  } finally {
    await close();
  }
}

const HOLD_EXPIRY_BATCH = 100;

/** expireHolds works in batches; a cron run a minute apart must not fall behind a backlog. */
async function expireAllDue(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await expireHolds(db, new Date(), HOLD_EXPIRY_BATCH);
    total += expired;
    if (expired < HOLD_EXPIRY_BATCH) return total;
  }
}

// Built on the first request and kept for the isolate's life: bindings do not change between requests,
// and building the OpenAPI routes and the rule catalog on every request would cost CPU time for nothing.
let app: Promise<App> | undefined;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    app ??= workerDependencies(env).then(createApp);
    return (await app).fetch(request, env, ctx);
  },
  async scheduled(_controller: ScheduledController, env: WorkerEnv) {
    const { expired, sealed } = await ledgerUpkeep(env);
    if (expired + sealed > 0) console.log(`[cofund] ledger upkeep: ${sealed} entries sealed, ${expired} holds expired`);
  },
};
