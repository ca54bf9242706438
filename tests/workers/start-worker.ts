import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/runtime/embedded-postgres';
import { projectRoot } from '../../src/runtime/workers-rule-bundle';

export interface StartedWorker {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** Milliseconds from spawning wrangler to its "Ready" line. */
  startupMs: number;
  /** wrangler's processes and its workerd, those still running (as `ps` sees them). */
  processes(): RunningProcess[];
  /** Stops wrangler and both its workerd processes; resolves once none is left. Idempotent. */
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  /** The PostgreSQL the Hyperdrive binding reaches (local Hyperdrive connects to it directly). */
  databaseUrl: string;
  /** Another entry point than wrangler.toml's `main` (same config, bindings and build). */
  entry?: string;
  /**
   * Plain-text bindings the Worker gets in `env`, as `.dev.vars` or `wrangler secret put` would give
   * them (e.g. COFUND_ADMIN_TOKEN). A developer's own `.dev.vars` is never read by these runs.
   */
  vars?: Record<string, string>;
  /**
   * Serve `GET /__scheduled?cron=...` (wrangler's `--test-scheduled`), which runs the Worker's
   * `scheduled` handler as a Cron Trigger would and answers once it has finished.
   */
  testScheduled?: boolean;
}

const READY = /Ready on (http:\/\/\S+)/;
const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

const wranglerBin = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');

/**
 * Runs the Worker in workerd with `wrangler dev --local` on a free port, against `databaseUrl`.
 * Nothing reaches the internet: no login is needed for local mode, and metrics, error reports, the
 * update check (banner) and the `request.cf` download are switched off.
 */
export async function startWorker(options: StartWorkerOptions): Promise<StartedWorker> {
  const varsText = dotenv(options.vars ?? {});
  const port = await freePort();
  const varsDir = await mkdtemp(path.join(tmpdir(), 'cofund-worker-vars-'));
  const varsFile = path.join(varsDir, 'vars.env');
  await writeFile(varsFile, varsText, { mode: 0o600 });
  const args = [wranglerBin, 'dev'];
  if (options.entry) args.push(options.entry);
  args.push(
    '--config',
    path.join(projectRoot, 'wrangler.toml'),
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(await freePort()),
    '--show-interactive-dev-session=false',
    // Given an env file, wrangler skips .dev.vars: the run sees exactly `vars`.
    '--env-file',
    varsFile,
    // Local R2 (and any other local state) of this run only, removed with it.
    '--persist-to',
    path.join(varsDir, 'state'),
  );
  if (options.testScheduled) args.push('--test-scheduled');
  const started = Date.now();
  // Not detached: a Ctrl-C in the terminal reaches wrangler and workerd too.
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(options.databaseUrl),
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      NO_COLOR: '1',
    },
  });
  const root = child.pid;
  if (root === undefined) throw new Error('wrangler dev did not start');

  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`wrangler dev exited (${code}) before it was ready:\n${output}`)));
    setTimeout(
      () => reject(new Error(`wrangler dev not ready after ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    ).unref();
  });

  // wrangler's own processes and the two workerd it runs (an entry proxy and the Worker). Tracked
  // by pid and command line: if wrangler dies abruptly its workerd live on, orphaned.
  let tracked: RunningProcess[] = [];
  const stop = async () => {
    const wranglerRunning = child.exitCode === null && child.signalCode === null;
    if (wranglerRunning) {
      tracked = merge(tracked, processTree(root));
      child.kill('SIGTERM'); // wrangler stops its workerd on SIGTERM
    }
    await Promise.race([exited, delay(STOP_TIMEOUT_MS)]);
    await waitUntil(() => stillRunning(tracked).length === 0, 3_000);
    for (const { pid } of stillRunning(tracked)) process.kill(pid, 'SIGKILL');
    await waitUntil(() => stillRunning(tracked).length === 0, 3_000);
    await rm(varsDir, { recursive: true, force: true });
    const survivors = stillRunning(tracked);
    if (survivors.length > 0)
      throw new Error(`wrangler dev left processes behind: ${survivors.map((p) => p.pid).join(', ')}`);
  };

  try {
    const baseUrl = (await ready).replace(/\/$/, '');
    tracked = processTree(root);
    return { baseUrl, startupMs: Date.now() - started, processes: () => stillRunning(tracked), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface RunningProcess {
  pid: number;
  command: string;
}

function runningProcesses(): (RunningProcess & { parent: number })[] {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, parent, command]) => ({ pid: Number(pid), parent: Number(parent), command: command ?? '' }));
}

/** `root` and all its descendants, as `ps` lists them now. */
function processTree(root: number): RunningProcess[] {
  const all = runningProcesses();
  const tree = all.filter((process) => process.pid === root);
  for (let index = 0; index < tree.length; index++) {
    tree.push(...all.filter((process) => process.parent === tree[index]?.pid));
  }
  return tree.map(({ pid, command }) => ({ pid, command }));
}

/** Those of `processes` still running (same pid and command line: a reused pid is someone else). */
function stillRunning(processes: readonly RunningProcess[]): RunningProcess[] {
  const running = runningProcesses();
  return processes.filter((tracked) =>
    running.some((process) => process.pid === tracked.pid && process.command === tracked.command),
  );
}

function merge(known: readonly RunningProcess[], found: readonly RunningProcess[]): RunningProcess[] {
  return [...known, ...found.filter((process) => !known.some((other) => other.pid === process.pid))];
}

/**
 * Local Hyperdrive refuses a connection string without a password. A server with trust auth (the
 * CI machine's) ignores whatever password it is given, so one is supplied when the URL has none.
 */
function withPassword(url: string): string {
  const parsed = new URL(url);
  if (!parsed.password) parsed.password = 'hyperdrive-local';
  return parsed.toString();
}

function dotenv(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /["'`\\\r\n#]/.test(value)) {
        throw new Error(
          `startWorker: var ${name} must be a plain name with a value free of quotes, #, \\ and newlines`,
        );
      }
      return `${name}=${value}\n`;
    })
    .join('');
}

async function waitUntil(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await delay(50);
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
