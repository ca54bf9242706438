import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { applyMigrations } from '../../src/db/migrate';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/runtime/embedded-postgres';

/**
 * A PostgreSQL cluster of the test's own, from the embedded binaries, migrated: tests that break a
 * database (terminate backends, stop or freeze the server) break this one, never the shared server.
 */
export interface OwnCluster {
  url: string;
  /** A superuser session on the cluster, outside the app's pool: for locks and pg_terminate_backend. */
  admin: postgres.Sql;
  server: EmbeddedServer;
  stop(): Promise<void>;
}

export async function startOwnCluster(): Promise<OwnCluster> {
  const root = await mkdtemp(path.join(tmpdir(), 'cofund-fault-'));
  await chmod(root, 0o755); // as root, the server runs as `postgres`, which must reach the folder
  const server = await startEmbeddedPostgres(path.join(root, 'cluster'), { persistent: false });
  await applyMigrations(server.url);
  const admin = postgres(server.url, { max: 2, onnotice: () => {} });
  return {
    url: server.url,
    admin,
    server,
    async stop() {
      await admin.end({ timeout: 1 });
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Waits until `probe` answers something, polling; fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `promise`, or a rejection naming `what` if it has not settled within `timeoutMs` (a hang). */
export function within<T>(promise: Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}
