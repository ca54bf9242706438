import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { MountRefused, startChaosCluster, type ChaosCluster } from '../support/chaos-cluster';
import { client, overHttp } from '../support/client';
import { threeByOneProgramme, type World } from '../workflow/fixtures';

/*
 * Issue 11's proof: the API as its own process (`npm start`'s entry point) on a cluster the test
 * starts, under a bounded load of money-moving requests, through each fault. Each run asserts: the
 * process never dies; every request is answered (201, or 503 within the deadline: never a 500, never
 * silence); /health always answers; /ready is 503 during a lasting fault and 200 within 2 s after;
 * every request retried with its key is applied exactly once; the ledger balances and its chain
 * verifies. `npm test` runs the fast faults; `npm run chaos` (COFUND_CHAOS=1) all four, each also
 * with COFUND_GROUP_COMMIT=1.
 */

const DEADLINE_MS = 3_000;
const AMOUNT = 1000;
const LOAD_WORKERS = 3;

interface Fault {
  name: string;
  slow: boolean;
  tmpfs?: boolean;
  /** Breaks the cluster; resolves once it is mended (the moment /ready has 2 s to recover from). */
  inject(cluster: ChaosCluster, admin: postgres.Sql): Promise<void>;
  /** Whether the fault lasts long enough for /ready to be seen failing. */
  lasting: boolean;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FAULTS: Fault[] = [
  {
    name: 'backends terminated mid-transaction',
    slow: false,
    lasting: false,
    async inject(_cluster, admin) {
      for (let round = 0; round < 5; round++) {
        await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cofund'`;
        await pause(300);
      }
    },
  },
  {
    name: 'the postmaster killed and restarted',
    slow: false,
    lasting: true,
    async inject(cluster) {
      await cluster.killPostmaster();
      await pause(2_000);
      await cluster.restart();
    },
  },
  {
    name: 'the cluster frozen for 10 s',
    slow: true,
    lasting: true,
    async inject(cluster) {
      const thaw = await cluster.freeze();
      await pause(10_000);
      thaw();
    },
  },
  {
    name: 'the data directory on a full file system',
    slow: true,
    lasting: true,
    tmpfs: true,
    async inject(cluster) {
      const free = await cluster.fillDisk();
      await pause(5_000);
      await free();
    },
  },
];

const chaos = process.env.COFUND_CHAOS === '1';

/**
 * Each fault with the server as it is by default, and with group commit (its batches terminated
 * mid-flight and at COMMIT); `npm test` runs group commit under the fast fault that ends backends.
 */
const RUNS = FAULTS.flatMap((fault) => [
  { ...fault, mode: 'a transaction each', env: {} },
  { ...fault, mode: 'group commit', env: { COFUND_GROUP_COMMIT: '1' } },
]).filter((run) => chaos || (!run.slow && (run.mode === 'a transaction each' || !run.lasting)));

interface Attempt {
  key: string;
  status: number | 'no-answer';
  ms: number;
  type?: string;
}

/** Money-moving requests, each retried with its key until applied, from a few workers at once. */
function startLoad(world: World, api: ApiProcess) {
  const attempts: Attempt[] = [];
  const applied = new Set<string>();
  let stopping = false;
  const token = world.federal.tokens.programme_admin!;
  const once = async (key: string) => {
    const started = Date.now();
    try {
      const response = await fetch(`${api.baseUrl}/v1/programmes/${world.programme.id}/budgets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ party: 'federal', amount: AMOUNT.toFixed(2) }),
        signal: AbortSignal.timeout(DEADLINE_MS + 3_000),
      });
      const body = (await response.json()) as { type?: string };
      attempts.push({ key, status: response.status, ms: Date.now() - started, type: body.type });
      return response.status;
    } catch {
      attempts.push({ key, status: 'no-answer', ms: Date.now() - started });
      return 'no-answer';
    }
  };
  const worker = async () => {
    while (!stopping) {
      const key = randomUUID();
      // The same key until it is applied: the outcome of a 5xx or of silence is unknown.
      while ((await once(key)) !== 201) await pause(200);
      applied.add(key);
    }
  };
  const workers = Array.from({ length: LOAD_WORKERS }, worker);
  return {
    attempts,
    applied,
    async stop() {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

/** Polls /health and /ready until stopped, recording each answer. */
function startProbes(api: ApiProcess) {
  const ready: Array<{ at: number; status: number | 'no-answer' }> = [];
  const health: Array<number | 'no-answer'> = [];
  let stopping = false;
  const probe = async (path: string) =>
    fetch(`${api.baseUrl}${path}`, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => (await response.arrayBuffer(), response.status),
      () => 'no-answer' as const,
    );
  const loop = (async () => {
    while (!stopping) {
      const [r, h] = await Promise.all([probe('/ready'), probe('/health')]);
      ready.push({ at: Date.now(), status: r });
      health.push(h);
      await pause(100);
    }
  })();
  return {
    ready,
    health,
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

describe.each(RUNS)('under load, $mode: $name', (fault) => {
  let cluster: ChaosCluster | undefined;
  let api: ApiProcess | undefined;
  let admin: postgres.Sql | undefined;
  let mountRefused: string | undefined;

  beforeAll(async () => {
    try {
      cluster = await startChaosCluster(fault.tmpfs ? { tmpfsMegabytes: 160 } : {});
    } catch (error) {
      if (!(error instanceof MountRefused)) throw error;
      mountRefused = error.message;
      return;
    }
    admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    api = await startApiProcess({
      DATABASE_URL: cluster.url,
      COFUND_REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      ...fault.env,
    });
  });
  afterAll(async () => {
    await api?.stop();
    await admin?.end({ timeout: 1 });
    await cluster?.stop();
  });

  it('stays up, answers 503 fast, reports readiness truthfully, applies each retried request once', async (context) => {
    if (mountRefused) {
      // The issue allows it: without a tmpfs there is no full file system to run on here.
      console.warn(`[chaos] full file system not run: ${mountRefused}`);
      context.skip();
    }
    const http = overHttp(api!.baseUrl);
    const world = await threeByOneProgramme(http, `chaos-${fault.tmpfs ? 'disk' : fault.lasting ? 'lasting' : 'kill'}`);
    const before = await poolBalance(admin!, world);

    const load = startLoad(world, api!);
    const probes = startProbes(api!);
    await pause(1_500);
    const faultStarted = Date.now();
    await fault.inject(cluster!, admin!);
    const mended = Date.now();
    // /ready 200 again within 2 s of the cluster being back.
    let readyAgain: number | undefined;
    while (readyAgain === undefined && Date.now() - mended < 10_000) {
      const last = probes.ready.at(-1);
      if (last && last.at > mended && last.status === 200) readyAgain = last.at;
      else await pause(50);
    }
    await pause(1_000);
    await load.stop();
    await probes.stop();

    expect(api!.exit(), api!.output()).toBeUndefined();
    const unexpected = load.attempts.filter((a) => a.status !== 201 && a.status !== 503);
    expect(unexpected, JSON.stringify(unexpected)).toEqual([]);
    const slow = load.attempts.filter((a) => a.status === 503 && a.ms > DEADLINE_MS + 2_000);
    expect(slow, 'a 503 later than the deadline').toEqual([]);
    expect(probes.health.filter((status) => status !== 200)).toEqual([]);
    if (fault.lasting) {
      const during = probes.ready.filter((r) => r.at > faultStarted && r.at < mended);
      expect(
        during.some((r) => r.status === 503),
        JSON.stringify(during.slice(0, 20)),
      ).toBe(true);
    }
    expect(readyAgain, 'ready within 2 s after the fault').toBeDefined();
    expect(readyAgain! - mended).toBeLessThanOrEqual(2_000);

    // Exactly once: every key applied, none twice, and the ledger agrees.
    expect(load.applied.size).toBeGreaterThan(0);
    const after = await poolBalance(admin!, world);
    expect(after - before).toBe(load.applied.size * AMOUNT);
    const auditor = client(http, world.auditor.tokens.auditor);
    const trial = await auditor.get<{ totals: Array<{ debits: string; credits: string }> }>(`/v1/ledger/trial-balance`);
    expect(trial.status, JSON.stringify(trial.body)).toBe(200);
    for (const total of trial.body.totals) expect(total.debits).toBe(total.credits);
    const verify = await auditor.get<{ ok: boolean }>('/v1/ledger/verify');
    expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
  });
});

async function poolBalance(admin: postgres.Sql, world: World): Promise<number> {
  const [row] = await admin<{ balance: string }[]>`
    SELECT balance::text FROM ledger_accounts WHERE code = ${`programme:${world.programme.code}:federal:pool`}`;
  return Number(row!.balance);
}
