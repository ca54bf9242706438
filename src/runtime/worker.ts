import type { ExecutionContext } from 'hono';
import { createApp, type App } from '../api/app';
import type { AppDependencies, DatabaseProvider } from '../api/context';
import { connect } from '../db';

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

export function workerDependencies(env: WorkerEnv): AppDependencies {
  return { database: hyperdriveDatabase(env.HYPERDRIVE) };
}

// Built on the first request and kept for the isolate's life: bindings do not change between requests,
// and building the OpenAPI routes on every request would cost CPU time for nothing.
let app: App | undefined;

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    app ??= createApp(workerDependencies(env));
    return app.fetch(request, env, ctx);
  },
};
