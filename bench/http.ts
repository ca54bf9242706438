/**
 * npm run bench:http — the real server (`src/runtime/node.ts`, its own process) on loopback, under
 * load from autocannon in another process (bench/support/http-load.ts), beside a raw-SQL baseline
 * (pgbench) on the same PostgreSQL in the same run.
 *
 * The bench starts its own cluster from the embedded binaries, with pg_stat_statements loaded, so
 * that it can count the SQL statements each request costs (every statement the server sends,
 * BEGIN and COMMIT included, and the hash-chain sealing that follows the requests; the stats are
 * read 1 s after the load stops, so the sealing of the last requests is in them). While money
 * moves, the age of the oldest unsealed entry is sampled every 100 ms (those samples are not
 * counted) and the largest is printed: how far the batched sealer falls behind under load.
 *
 * Cases:
 * - `POST /v1/programmes/{id}/budgets` (a money-moving request, unique Idempotency-Key each) at
 *   1, 8 and 32 connections: uniform (spread over every pool of BENCH_PROGRAMMES programmes) and
 *   hot (one pool);
 * - the raw-SQL baseline: the minimal booking transaction (1 entry, 2 postings, 2 balance updates
 *   in id order) on bare tables, by pgbench at the same connection counts, uniform over 1,000
 *   accounts and hot (every transaction touches account 1);
 * - `GET /v1/applications/{id}` and `GET /v1/applications?limit=20` at 1 and 8 connections.
 * Each case runs BENCH_ROUNDS rounds (raw SQL and HTTP interleaved); figures are medians of rounds.
 *
 * Env: BENCH_SECONDS (per round, default 3), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default
 * "1,8,32"), BENCH_PROGRAMMES (default 8, three pools each), DATABASE_POOL_SIZE (the server's, default 10),
 * BENCH_GROUP_COMMIT: "0" (default) the server as configured by default, "1" with COFUND_GROUP_COMMIT=1,
 * "both" two servers side by side on the same database, one of each, their rounds interleaved with
 * the baseline's (the idle one's background loops are in the other's statement counts: a few a second).
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { applyMigrations } from '../src/db/migrate';
import { freePort, startEmbeddedPostgres } from '../src/runtime/embedded-postgres';
import { type SampleProject, runSampleProject } from '../tools/sample-project';
import { percentile, printTable } from './support/database';
import type { LoadResult, LoadSpec, LoadTarget } from './support/http-load';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connectionCounts = (process.env.BENCH_CONNECTIONS ?? '1,8,32').split(',').map(Number);
const programmes = Number(process.env.BENCH_PROGRAMMES ?? 8);
const serverPool = process.env.DATABASE_POOL_SIZE ?? '10';
const groupCommitModes = ((mode: string): boolean[] => {
  const modes = { '0': [false], '1': [true], both: [false, true] }[mode];
  if (!modes) throw new Error('BENCH_GROUP_COMMIT must be 0, 1 or both');
  return modes;
})(process.env.BENCH_GROUP_COMMIT ?? '0');
const RAW_ACCOUNTS = 1000;
const APP_DATABASE = 'cofund_http';
/** The sealing-lag sample's column name: its statements are told apart by it, and not counted. */
const LAG_PROBE = 'bench_sealing_lag';
const LAG_SAMPLE_MS = 100;
const RAW_DATABASE = 'raw_sql';
const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

type Workload = 'uniform' | 'hot';

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

function pooled(samples: Figures[]): Figures {
  return {
    rps: median(samples.map((s) => s.rps)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    requests: samples.reduce((n, s) => n + s.requests, 0),
    failures: samples.reduce((n, s) => n + s.failures, 0),
  };
}

/** The server as `npm start` runs it, on a free loopback port; resolves once it listens. */
async function startServer(databaseUrl: string, adminToken: string, groupCommit: boolean) {
  const port = await freePort();
  const child = spawn(tsx, ['src/runtime/node.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      COFUND_ADMIN_TOKEN: adminToken,
      DATABASE_POOL_SIZE: serverPool,
      COFUND_GROUP_COMMIT: groupCommit ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited before listening (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function httpLoad(spec: LoadSpec): Promise<Figures> {
  const { stdout } = await run(tsx, ['bench/support/http-load.ts', JSON.stringify(spec)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
  const ok = Object.entries(result.statuses)
    .filter(([status]) => status.startsWith('2'))
    .reduce((n, [, count]) => n + count, 0);
  if (ok < result.requests) console.error(`  non-2xx answers: ${JSON.stringify(result.statuses)}`);
  return { ...result, failures: result.requests - ok + result.errors };
}

const RAW_SCHEMA = `
  CREATE TABLE raw_accounts (id int PRIMARY KEY, balance numeric(20, 2) NOT NULL DEFAULT 0);
  CREATE TABLE raw_entries (id bigserial PRIMARY KEY, memo text NOT NULL, at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE raw_postings (
    id bigserial PRIMARY KEY,
    entry_id bigint NOT NULL REFERENCES raw_entries (id),
    account_id int NOT NULL REFERENCES raw_accounts (id),
    amount numeric(20, 2) NOT NULL
  );
  INSERT INTO raw_accounts (id) SELECT generate_series(1, ${RAW_ACCOUNTS});
`;

/** One booking: the entry, its two postings, both balances (the lower id first, so it cannot deadlock). */
const rawScript = (workload: Workload) => `
${workload === 'hot' ? '\\set a 1' : `\\set a random(1, ${RAW_ACCOUNTS})`}
\\set b random(2, ${RAW_ACCOUNTS})
BEGIN;
INSERT INTO raw_entries (memo) VALUES ('transfer') RETURNING id AS entry \\gset
INSERT INTO raw_postings (entry_id, account_id, amount) VALUES (:entry, :a, -1.00), (:entry, :b, 1.00);
UPDATE raw_accounts SET balance = balance + CASE WHEN id = :a::int THEN -1.00 ELSE 1.00 END
 WHERE id = least(:a::int, :b::int);
UPDATE raw_accounts SET balance = balance + CASE WHEN id = :a::int THEN -1.00 ELSE 1.00 END
 WHERE id = greatest(:a::int, :b::int);
COMMIT;
`;

async function pgbench(url: URL, workload: Workload, clients: number, folder: string): Promise<Figures> {
  const script = path.join(folder, `raw-${workload}.sql`);
  await writeFile(script, rawScript(workload));
  const logs = await mkdtemp(path.join(folder, 'log-'));
  const { stdout } = await run(
    'pgbench',
    [
      ...['-n', '-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username)],
      ...['-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-M', 'prepared'],
      ...['-f', script, '-l', '--log-prefix', path.join(logs, 'tx'), RAW_DATABASE],
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) }, cwd: folder },
  );
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
  // Per-transaction log lines: client, transaction number, latency (µs), ...
  const latencies: number[] = [];
  for (const file of await readdir(logs)) {
    for (const line of (await readFile(path.join(logs, file), 'utf8')).split('\n')) {
      const latency = Number(line.split(' ')[2]);
      if (line && Number.isFinite(latency)) latencies.push(latency / 1000);
    }
  }
  await rm(logs, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return {
    rps: tps,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    failures: failed,
  };
}

async function main() {
  const folder = await mkdtemp(path.join(tmpdir(), 'cofund-bench-http-'));
  // Its own folder: the server may run as another user (postgres, when we are root), which cannot enter `folder`.
  const cluster = await startEmbeddedPostgres(
    path.join(tmpdir(), `cofund-bench-http-${randomBytes(4).toString('hex')}`),
    {
      persistent: false,
      settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top' },
    },
  );
  const clusterUrl = new URL(cluster.url);
  const urlOf = (database: string) => Object.assign(new URL(cluster.url), { pathname: `/${database}` }).toString();
  const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => {} });
  const servers: Array<Awaited<ReturnType<typeof startServer>> & { label: string }> = [];
  try {
    await admin`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
    await admin.unsafe(`CREATE DATABASE ${APP_DATABASE}`);
    await admin.unsafe(`CREATE DATABASE ${RAW_DATABASE}`);
    await applyMigrations(urlOf(APP_DATABASE));
    const raw = postgres(urlOf(RAW_DATABASE), { max: 1, onnotice: () => {} });
    await raw.unsafe(RAW_SCHEMA);
    await raw.end();

    const adminToken = `cfa_${randomBytes(30).toString('base64url')}`;
    for (const groupCommit of groupCommitModes) {
      const label = groupCommit ? 'HTTP, group commit' : 'HTTP';
      servers.push({ label, ...(await startServer(urlOf(APP_DATABASE), adminToken, groupCommit)) });
    }
    const base = servers[0]!.url;
    const transport = { request: (route: string, init: RequestInit) => fetch(base + route, init) };
    const projects: SampleProject[] = [];
    for (let i = 0; i < programmes; i++)
      projects.push(await runSampleProject(transport, adminToken, `bench-http-${i}`));
    const budget = (project: SampleProject, party: 'federal' | 'state' | 'municipal'): LoadTarget => ({
      method: 'POST',
      path: `/v1/programmes/${project.programme.id}/budgets`,
      token: project.keys[party].admin,
      body: { party, amount: '100.00' },
    });
    const targets: Record<Workload, LoadTarget[]> = {
      uniform: projects.flatMap((project) =>
        (['federal', 'state', 'municipal'] as const).map((p) => budget(project, p)),
      ),
      hot: [budget(projects[0]!, 'federal')],
    };
    const reads: Record<string, LoadTarget[]> = {
      'GET /v1/applications/{id}': [
        { method: 'GET', path: `/v1/applications/${projects[0]!.applicationId}`, token: projects[0]!.keys.club },
      ],
      'GET /v1/applications?limit=20': [
        { method: 'GET', path: '/v1/applications?limit=20', token: projects[0]!.keys.auditor },
      ],
    };

    const statements = async (database: string) => {
      const [row] = await admin<[{ calls: string }]>`
        SELECT coalesce(sum(s.calls), 0)::text AS calls
          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         WHERE d.datname = ${database} AND s.query NOT LIKE ${`%${LAG_PROBE}%`}`;
      return Number(row!.calls);
    };
    // The sealing lag, sampled while money moves; its own statements are left out of the counts.
    const observer = postgres(urlOf(APP_DATABASE), { max: 1, onnotice: () => {} });
    let maxLagMs = 0;
    const observingLag = async <T>(round: () => Promise<T>): Promise<T> => {
      let observing = true;
      const sampler = (async () => {
        while (observing) {
          const [row] = await observer.unsafe<[{ lag: number }]>(
            `SELECT coalesce(extract(epoch FROM clock_timestamp() - min(e.created_at)), 0)::float8 AS ${LAG_PROBE}
               FROM ledger_unsealed u JOIN journal_entries e ON e.id = u.entry_id`,
          );
          maxLagMs = Math.max(maxLagMs, Number(Object.values(row!)[0]) * 1000);
          await new Promise((resolve) => setTimeout(resolve, LAG_SAMPLE_MS));
        }
      })();
      try {
        return await round();
      } finally {
        observing = false;
        await sampler;
      }
    };
    /** Runs one round, resetting the statement counts first; returns its figures and the statements it cost. */
    const counted = async (database: string, round: () => Promise<Figures>) => {
      await admin`SELECT pg_stat_statements_reset()`;
      const figures = await round();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return { figures, statements: await statements(database) };
    };
    const unsealed = async () => {
      const app = postgres(urlOf(APP_DATABASE), { max: 1, onnotice: () => {} });
      const [row] = await app<[{ count: number }]>`SELECT count(*)::int AS count FROM ledger_unsealed`;
      await app.end();
      return row!.count;
    };

    const rows: Array<Record<string, string | number>> = [];
    const throughput: Record<string, number> = {};
    const line = (name: string, connections: number, impl: string, samples: Figures[], sql: number, raw?: number) => {
      const figures = pooled(samples);
      throughput[`${name}/${connections}/${impl}`] = figures.rps;
      rows.push({
        case: name,
        conns: connections,
        implementation: impl,
        'req/s': figures.rps.toFixed(0),
        'p50 ms': figures.p50.toFixed(2),
        'p99 ms': figures.p99.toFixed(2),
        'SQL/req': (sql / Math.max(1, figures.requests)).toFixed(1),
        failures: figures.failures,
        'vs raw': raw === undefined ? '' : (figures.rps / raw).toFixed(2),
      });
    };

    for (const workload of ['uniform', 'hot'] as const) {
      for (const connections of connectionCounts) {
        const http = servers.map(() => ({ samples: [] as Figures[], statements: 0 }));
        const rawSamples: Figures[] = [];
        let rawStatements = 0;
        for (let round = 0; round < rounds; round++) {
          const steps = [
            async () => {
              const { figures, statements: n } = await counted(RAW_DATABASE, () =>
                pgbench(clusterUrl, workload, connections, folder),
              );
              rawSamples.push(figures);
              rawStatements += n;
            },
            ...servers.map((server, index) => async () => {
              const { figures, statements: n } = await counted(APP_DATABASE, () =>
                observingLag(() => httpLoad({ url: server.url, connections, seconds, targets: targets[workload] })),
              );
              http[index]!.samples.push(figures);
              http[index]!.statements += n;
            }),
          ];
          // A different order each round, so that none always runs first (or after the same one).
          const order = steps.map((_, i) => steps[(i + round) % steps.length]!);
          if (round % 2 === 1) order.reverse();
          for (const step of order) await step();
        }
        const name = `budget POST, ${workload}`;
        line(name, connections, 'raw SQL (pgbench)', rawSamples, rawStatements);
        servers.forEach((server, index) =>
          line(name, connections, server.label, http[index]!.samples, http[index]!.statements, pooled(rawSamples).rps),
        );
      }
    }
    const left = await unsealed();
    await observer.end();
    for (const [name, target] of Object.entries(reads)) {
      for (const connections of [1, 8]) {
        const samples: Figures[] = [];
        let n = 0;
        for (let round = 0; round < rounds; round++) {
          const { figures, statements: count } = await counted(APP_DATABASE, () =>
            httpLoad({ url: base, connections, seconds, targets: target }),
          );
          samples.push(figures);
          n += count;
        }
        line(name, connections, 'HTTP', samples, n);
      }
    }

    console.log(
      `\nHTTP vs raw SQL — server pool ${serverPool}, ${programmes * 3} pools (uniform), ${rounds} rounds of ` +
        `${seconds}s, medians; PostgreSQL (embedded) at ${clusterUrl.host}`,
    );
    printTable(rows);
    for (const { label } of servers) {
      const ratios = connectionCounts.map((c) => {
        const hot = throughput[`budget POST, hot/${c}/${label}`]!;
        const uniform = throughput[`budget POST, uniform/${c}/${label}`]!;
        return `${c}: ${(hot / uniform).toFixed(2)}`;
      });
      console.log(`\n${label} hot / uniform by connections: ${ratios.join(', ')}`);
    }
    if (servers.length === 2) {
      const ratios = (['uniform', 'hot'] as const).flatMap((workload) =>
        connectionCounts.map((c) => {
          const [one, grouped] = servers.map((server) => throughput[`budget POST, ${workload}/${c}/${server.label}`]!);
          return `${workload} ${c}: ${(grouped! / one!).toFixed(2)}`;
        }),
      );
      console.log(`Group commit / a transaction each (req/s): ${ratios.join(', ')}`);
    }
    console.log(`Entries unsealed 1 s after the last money-moving round: ${left}.`);
    console.log(
      `Oldest unsealed entry seen while money moved (sampled every ${LAG_SAMPLE_MS} ms): ${maxLagMs.toFixed(0)} ms.`,
    );
  } finally {
    for (const server of servers) await server.stop();
    await admin.end({ timeout: 5 });
    await cluster.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
