import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { applyMigrations } from '../../src/db/migrate';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '../../src/runtime/embedded-postgres';

const run = promisify(execFile);

/**
 * A cluster of the test's own that the test can break the ways a machine does: its postmaster
 * killed and started again (same folder, same port), the whole server frozen (SIGSTOP), its disk
 * filled (the cluster on a small tmpfs of its own). Never the shared server.
 */
export interface ChaosCluster {
  url: string;
  killPostmaster(): Promise<void>;
  /** Starts the server again on the same folder and port (after killPostmaster). */
  restart(): Promise<void>;
  /** Stops the postmaster and every backend; the returned function lets them run again. */
  freeze(): Promise<() => void>;
  /** Fills the cluster's file system (onTmpfs only); the returned function frees it. */
  fillDisk(): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

export class MountRefused extends Error {}

export async function startChaosCluster(options: { tmpfsMegabytes?: number } = {}): Promise<ChaosCluster> {
  const root = await mkdtemp(path.join(tmpdir(), 'cofund-chaos-'));
  let mounted = false;
  if (options.tmpfsMegabytes) {
    try {
      await run('mount', ['-t', 'tmpfs', '-o', `size=${options.tmpfsMegabytes}m`, 'tmpfs', root]);
      mounted = true;
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw new MountRefused(`mount of a tmpfs refused: ${(error as Error).message}`);
    }
  }
  await chmod(root, 0o755); // as root, the server runs as `postgres`, which must reach the folder
  const folder = path.join(root, 'cluster');
  const port = await freePort();
  const start = () => startEmbeddedPostgres(folder, { persistent: true, port, onError: () => {} });
  let server: EmbeddedServer = await start();
  await applyMigrations(server.url);
  const postmasterPid = async () =>
    Number.parseInt((await readFile(path.join(folder, 'pgdata', 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);
  const filler = path.join(root, 'filler');

  return {
    url: server.url,
    async killPostmaster() {
      const pid = await postmasterPid();
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await pause(20);
      await pause(50); // the child's exit event, so that stop() sees it exited
      await server.stop(); // releases the folder; the server is already gone
    },
    async restart() {
      // Backends of the killed postmaster take a moment to notice and exit; until then the new
      // one refuses the folder's shared memory.
      for (let attempt = 1; ; attempt++) {
        try {
          server = await start();
          return;
        } catch (error) {
          if (attempt >= 50) throw error;
          await pause(200);
        }
      }
    },
    async freeze() {
      const pids = [await postmasterPid()];
      pids.push(...(await childrenOf(pids[0]!)));
      for (const pid of pids) process.kill(pid, 'SIGSTOP');
      return () => {
        for (const pid of pids) process.kill(pid, 'SIGCONT');
      };
    },
    async fillDisk() {
      if (!mounted) throw new Error('fillDisk needs the cluster on its own tmpfs');
      await run('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M']).catch(() => undefined); // ends with ENOSPC
      return () => rm(filler, { force: true });
    },
    async stop() {
      await server.stop();
      if (mounted) await run('umount', ['--lazy', root]);
      await rm(root, { recursive: true, force: true });
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The processes whose parent is `parent` (Linux /proc). */
async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
}
