import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SeedError } from './demo';

/**
 * Refuses to seed the embedded cluster while another process runs it (PostgreSQL's lock file,
 * postmaster.pid, names a live process): that is `npm start`, and two servers cannot share a data
 * folder. A lock file left by a crash (its process gone) is PostgreSQL's to clear at start.
 */
export async function assertEmbeddedClusterFree(dataDir: string): Promise<void> {
  const lockFile = path.join(dataDir, 'pgdata', 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(lockFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  throw new SeedError(
    `the embedded PostgreSQL in ${dataDir}/ is running (process ${pid}), most likely under \`npm start\`. ` +
      'Stop it (Ctrl-C in its terminal) and run `npm run seed` again, then `npm start`; ' +
      'or seed a PostgreSQL of your own with DATABASE_URL=... npm run seed.',
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
