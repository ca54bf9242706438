import { bundledRuleFiles } from 'cofund:bundled-rules';
import type { ExecutionContext } from 'hono';
import { createApp, type App } from '../api/app';
import type { AppDependencies, DatabaseProvider } from '../api/context';
import { connect } from '../db';
import { sealPending } from '../ledger';
import { createRuleCatalog } from '../rules';

/** The part of a Hyperdrive binding we use (its full type lives in @cloudflare/workers-types). */
export interface HyperdriveBinding {
  readonly connectionString: string;
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

/**
 * A postgres.js client per request: Workers forbid I/O objects shared across requests. Hyperdrive
 * pools the real connections, so opening one is cheap; type lookup at connect does not work through it.
 * The client closes after the response is sent (waitUntil), not before it.
 */
export function hyperdriveDatabase(hyperdrive: HyperdriveBinding): DatabaseProvider {
  return {
    open(c) {
      const { db, close } = connect(hyperdrive.connectionString, { max: 5, fetchTypes: false });
      return { db, release: () => c.executionCtx.waitUntil(close()) };
    },
  };
}

export async function workerDependencies(env: WorkerEnv): Promise<AppDependencies> {
  if (bundledRuleFiles.length === 0) throw new Error('no rule files were bundled: check the rules/ folder and wrangler.toml');
  return {
    database: hyperdriveDatabase(env.HYPERDRIVE),
    rules: await createRuleCatalog(bundledRuleFiles),
    ...(env.COFUND_ADMIN_TOKEN ? { adminToken: env.COFUND_ADMIN_TOKEN } : {}),
    // No background timers on Workers: new entries are sealed right after the response, on the
    // request's own client (which closes once this and the request are done).
    afterMoneyMoved: (c, db) => c.executionCtx.waitUntil(sealPending(db).then(() => undefined)),
  };
}

// Built on the first request and kept for the isolate's life: bindings do not change between requests,
// and building the OpenAPI routes and the rule catalog on every request would cost CPU time for nothing.
let app: Promise<App> | undefined;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    app ??= workerDependencies(env).then(createApp);
    return (await app).fetch(request, env, ctx);
  },
};
