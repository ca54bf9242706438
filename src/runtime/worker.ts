import { apiReferenceScript } from 'cofund:api-reference';
import { bundledRuleFiles } from 'cofund:bundled-rules';
import type { ExecutionContext } from 'hono';
import { createApp, type App } from '../api/app';
import type { AppDependencies, DatabaseProvider } from '../api/context';
import { PROBLEM_CONTENT_TYPE, problemType } from '../api/problem';
import { redactError } from '../api/redact';
import { adminTokenProblem } from '../auth';
import { connect, type Database } from '../db';
import { runDeadlines } from '../deadlines';
import { r2Store, type R2BucketLike } from '../documents/r2-store';
import { sweepOrphans } from '../documents/sweep';
import { recordHoldExpired } from '../events';
import { expireHolds, sealPending } from '../ledger';
import { dispatchMail, logTransport, readMailSettings } from '../mail';
import { createRuleCatalog } from '../rules';
import { type WebhookSettings, deliverDue, fetchSender, readWebhookSettings } from '../webhooks';
import { WORKERS_DOCUMENT_ROW_LIMIT } from './worker-limits';
// pdfkit's browser build (the one Workers get) has no standard fonts until they are registered.
import './workers-pdf-fonts';

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
  /** The R2 bucket of document bytes; unbound, the document routes answer 501. */
  DOCUMENTS?: R2BucketLike;
  /** Secret: seals webhook signing secrets (`wrangler secret put COFUND_SECRET_KEY`); unset, webhooks answer 503. */
  COFUND_SECRET_KEY?: string;
  /** `[vars]`: "true" lets webhooks reach loopback receivers (the workerd test scenario); unset in production. */
  COFUND_WEBHOOKS_ALLOW_LOOPBACK?: string;
  /** `[vars]`: where people reach the portal, for the links in mail (logged on Workers: see mailOnWorkers). */
  COFUND_PUBLIC_URL?: string;
}

/** As strongAdminToken below: a weak COFUND_SECRET_KEY is not used, and the log says why. */
function webhookSettings(env: WorkerEnv): WebhookSettings {
  try {
    return readWebhookSettings(env as unknown as Record<string, unknown>);
  } catch (error) {
    console.error(`[cofund] ${(error as Error).message}: webhooks are disabled until a strong one is set`);
    return readWebhookSettings({ COFUND_WEBHOOKS_ALLOW_LOOPBACK: env.COFUND_WEBHOOKS_ALLOW_LOOPBACK });
  }
}

/**
 * Enough for a request's independent queries to overlap; each is a connection to Hyperdrive, which
 * pools the real ones.
 */
const CLIENT_CONNECTIONS = 5;

interface RequestClient {
  db: Database;
  close(): Promise<void>;
  /** Started during the request, to finish after the response on this client (see afterResponse). */
  work: Promise<unknown>[];
}

/**
 * Database clients for Workers, one per request: Workers forbid I/O objects shared across requests.
 * Hyperdrive pools the real connections, so opening one is cheap; type lookup at connect does not
 * work through it.
 *
 * A client outlives the handler: a streamed body (a statement read through a cursor) still queries
 * it, and work left running after the response (sealing the ledger) needs it too. So `serve` closes
 * it only once the body has been read and that work has settled, inside the request's waitUntil.
 * Closing when the handler returns (postgres.js's end() refuses every query issued after it, and
 * cuts open ones after its timeout) would break both.
 */
export function hyperdriveClients(hyperdrive: HyperdriveBinding) {
  const byRequest = new WeakMap<Request, RequestClient[]>();
  const byDatabase = new WeakMap<Database, RequestClient>();

  const database: DatabaseProvider = {
    open(c) {
      const { db, close } = connect(hyperdrive.connectionString, { max: CLIENT_CONNECTIONS, fetchTypes: false });
      const client: RequestClient = { db, close, work: [] };
      byDatabase.set(db, client);
      byRequest.set(c.req.raw, [...(byRequest.get(c.req.raw) ?? []), client]);
      // Nothing to do when the handler is done: `serve` closes the client once the body is read.
      return { db, release: () => {} };
    },
  };

  /** Runs `task` on the request's client after the response; the client stays open until it is done. */
  function afterResponse(db: Database, name: string, task: (db: Database) => Promise<unknown>) {
    const client = byDatabase.get(db);
    if (!client) throw new Error(`afterResponse(${name}): not a client this Worker opened for a request`);
    client.work.push(
      task(db).catch((error: unknown) =>
        console.error(`[cofund] ${name} after the response failed:`, redactError(error)),
      ),
    );
  }

  /** `respond()`'s response with its whole body, the request's clients closed after it (see above). */
  async function serve(request: Request, ctx: ExecutionContext, respond: () => Promise<Response>): Promise<Response> {
    try {
      return await withWholeBody(request, await respond());
    } finally {
      const clients = byRequest.get(request) ?? [];
      byRequest.delete(request);
      if (clients.length > 0) ctx.waitUntil(Promise.all(clients.map(closeWhenSettled)));
    }
  }

  return { database, afterResponse, serve };
}

async function closeWhenSettled(client: RequestClient): Promise<void> {
  // Work may add work (it runs while we wait): wait until none is left.
  while (client.work.length > 0) await Promise.allSettled(client.work.splice(0));
  await client.close();
}

/**
 * The response with its body read to the end, or a 500 problem if producing it failed. workerd ends
 * a streamed body that errors after the headers as if it were complete (cloudflare/workerd#6818):
 * the client would get a 200 and a truncated statement with no sign of it. So a Worker does not
 * stream what it renders (what it can render within its CPU limit fits its memory, docs/workers.md);
 * only bodies whose length the headers declare, where a cut shows.
 */
async function withWholeBody(request: Request, response: Response): Promise<Response> {
  // A body of declared length (a document from R2) streams: a client sees a cut as a short body.
  if (!response.body || response.headers.has('content-length')) return response;
  try {
    return new Response(await response.arrayBuffer(), response);
  } catch (error) {
    const reference = response.headers.get('x-request-id') ?? crypto.randomUUID();
    console.error(
      `[cofund] the response body of ${request.method} ${new URL(request.url).pathname} ` +
        `failed (reference ${reference}):`,
      redactError(error),
    );
    const problem = {
      type: problemType('internal'),
      title: 'Internal server error',
      status: 500,
      detail: `An unexpected error occurred while producing the response (reference ${reference}).`,
    };
    return new Response(JSON.stringify(problem), {
      status: 500,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'x-request-id': reference },
    });
  }
}

export type HyperdriveClients = ReturnType<typeof hyperdriveClients>;

/** Everything the app needs on Workers, from the bindings, and the clients `fetch` closes. */
export async function workerDependencies(
  env: WorkerEnv,
): Promise<{ deps: AppDependencies; clients: HyperdriveClients }> {
  if (bundledRuleFiles.length === 0)
    throw new Error('no rule files were bundled: check the rules/ folder and wrangler.toml');
  const clients = hyperdriveClients(env.HYPERDRIVE);
  const adminToken = strongAdminToken(env.COFUND_ADMIN_TOKEN);
  const deps: AppDependencies = {
    database: clients.database,
    rules: createRuleCatalog(bundledRuleFiles),
    ...(adminToken ? { adminToken } : {}),
    // Set by Cloudflare's edge for every request; a client cannot forge it.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    apiReferenceScript,
    // No background timers on Workers: new entries are sealed right after the response, on the
    // request's own client; the Cron Trigger (`scheduled` below) catches up whatever that missed.
    // Waits for a sealer already at work: this request's entries are sealed before its client closes.
    afterMoneyMoved: (_c, db) =>
      clients.afterResponse(db, 'sealing the ledger', (d) => sealPending(d, { waitForLock: true })),
    documentRowLimit: WORKERS_DOCUMENT_ROW_LIMIT,
    documentTooLarge: 'use-node',
    ...(env.DOCUMENTS ? { documentStore: r2Store(env.DOCUMENTS, 'DOCUMENTS') } : {}),
    webhooks: webhookSettings(env),
  };
  return { deps, clients };
}

/**
 * A deployed Worker is production: a weak COFUND_ADMIN_TOKEN (src/auth/admin-token.ts) is not used,
 * so no request is the administrator's until a strong one is set; the log says why.
 */
function strongAdminToken(token: string | undefined): string | undefined {
  if (!token) return undefined;
  const problem = adminTokenProblem(token);
  if (!problem) return token;
  console.error(
    `[cofund] COFUND_ADMIN_TOKEN ${problem}: the administrator token is disabled until a strong one is set`,
  );
  return undefined;
}

/**
 * A Worker `fetch` serving the app `build` makes (createApp; the probe Worker of the tests adds
 * routes). The app and its rule catalog are built on the first request and kept for the isolate's
 * life: bindings do not change between requests, and building the OpenAPI routes and the catalog on
 * every request would cost CPU time for nothing.
 */
export function workerFetch(build: (deps: AppDependencies) => App = createApp) {
  let runtime: Promise<{ app: App; clients: HyperdriveClients }> | undefined;
  return async (request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> => {
    runtime ??= workerDependencies(env).then(({ deps, clients }) => ({ app: build(deps), clients }));
    const { app, clients } = await runtime;
    return clients.serve(request, ctx, async () => app.fetch(request, env, ctx));
  };
}

/**
 * The Cron Trigger of wrangler.toml: what Node's background maintenance does on a timer. Seals
 * entries that no request sealed (booked from Node or the CLI, or a seal cut short), expires
 * overdue holds and sweeps document bytes no row cites (src/documents/sweep.ts), on a client of its
 * own. A failure fails the invocation, so it shows in the logs and the Cron Events of the
 * dashboard; each task runs whatever the others did.
 */
export async function ledgerUpkeep(env: WorkerEnv): Promise<{ expired: number; sealed: number; swept: number }> {
  const { db, close } = connect(env.HYPERDRIVE.connectionString, { max: 2, fetchTypes: false });
  try {
    const [expired, sealed, swept] = await Promise.allSettled([
      expireAllDue(db),
      sealPending(db),
      env.DOCUMENTS ? sweepOrphans(db, r2Store(env.DOCUMENTS, 'DOCUMENTS')) : Promise.resolve({ removed: [] }),
    ]);
    if (expired.status === 'fulfilled' && sealed.status === 'fulfilled' && swept.status === 'fulfilled')
      return { expired: expired.value, sealed: sealed.value, swept: swept.value.removed.length };
    const failures = [expired, sealed, swept].flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
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
    const expired = await expireHolds(db, new Date(), HOLD_EXPIRY_BATCH, recordHoldExpired);
    total += expired;
    if (expired < HOLD_EXPIRY_BATCH) return total;
  }
}

/** Passes a cron run makes at most: a backlog is worked off over a few runs, within the CPU budget. */
const DELIVERY_PASSES = 10;
const DELIVERY_BATCH = 100;

/**
 * Webhook delivery on Workers, from the Cron Trigger (no background loop here): passes until
 * nothing more is due, within a bound. Retries are minutes apart or more, so a minute's cron keeps
 * to the schedule; a fresh event waits for the next run.
 */
export async function deliverWebhooks(env: WorkerEnv): Promise<{ attempted: number; delivered: number }> {
  const { db, close } = connect(env.HYPERDRIVE.connectionString, { max: 2, fetchTypes: false });
  const settings = webhookSettings(env);
  const sender = fetchSender(settings);
  const total = { attempted: 0, delivered: 0 };
  try {
    for (let pass = 0; pass < DELIVERY_PASSES; pass++) {
      const { attempted, delivered } = await deliverDue(db, {
        sender,
        secretKey: settings.secretKey,
        batch: DELIVERY_BATCH,
        concurrency: 6,
      });
      total.attempted += attempted;
      total.delivered += delivered;
      if (attempted < DELIVERY_BATCH) break;
    }
    return total;
  } finally {
    await close();
  }
}

/** The deadline scan (src/deadlines) from the Cron Trigger, on a client of its own, by the wall clock. */
export async function scanDeadlines(env: WorkerEnv): Promise<{ approaching: number; missed: number }> {
  const { db, close } = connect(env.HYPERDRIVE.connectionString, { max: 2, fetchTypes: false });
  try {
    const { approaching, missed } = await runDeadlines(db, new Date());
    return { approaching, missed };
  } finally {
    await close();
  }
}

/** Passes a cron run makes at most over the mail, as for webhooks. */
const MAIL_PASSES = 10;
const MAIL_BATCH = 100;

/**
 * Mail on Workers, from the Cron Trigger: the same dispatcher as Node's, but every mail is logged,
 * not sent. nodemailer needs node:net and node:tls sockets, which Workers do not offer (their
 * sockets are cloudflare:sockets), so SMTP_URL is not read here (docs/events.md, "Mail").
 */
export async function mailOnWorkers(env: WorkerEnv): Promise<{ attempted: number }> {
  const { db, close } = connect(env.HYPERDRIVE.connectionString, { max: 2, fetchTypes: false });
  const { publicUrl } = readMailSettings({ COFUND_PUBLIC_URL: env.COFUND_PUBLIC_URL });
  let attempted = 0;
  try {
    for (let pass = 0; pass < MAIL_PASSES; pass++) {
      const result = await dispatchMail(db, { transport: logTransport(), publicUrl, batch: MAIL_BATCH });
      attempted += result.attempted;
      if (result.attempted < MAIL_BATCH && result.fannedOut === 0) break;
    }
    return { attempted };
  } finally {
    await close();
  }
}

export default {
  fetch: workerFetch(),
  async scheduled(_controller: ScheduledController, env: WorkerEnv) {
    const [upkeep, webhooks, deadlines, mail] = await Promise.allSettled([
      ledgerUpkeep(env),
      deliverWebhooks(env),
      scanDeadlines(env),
      mailOnWorkers(env),
    ]);
    if (upkeep.status === 'fulfilled') {
      const { expired, sealed, swept } = upkeep.value;
      if (expired + sealed + swept > 0)
        console.log(
          `[cofund] upkeep: ${sealed} entries sealed, ${expired} holds expired, ${swept} orphaned documents swept`,
        );
    }
    if (webhooks.status === 'fulfilled' && webhooks.value.attempted > 0)
      console.log(`[cofund] webhooks: ${webhooks.value.delivered} of ${webhooks.value.attempted} attempts delivered`);
    if (deadlines.status === 'fulfilled' && deadlines.value.approaching + deadlines.value.missed > 0)
      console.log(
        `[cofund] deadlines: ${deadlines.value.approaching} reminders, ${deadlines.value.missed} missed (dropped)`,
      );
    const failures = [upkeep, webhooks, deadlines, mail].flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
    if (failures.length > 0) throw new AggregateError(failures, 'scheduled work failed');
  },
};
