import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedClusterBusy, startEmbeddedPostgres } from '../../src/runtime/embedded-postgres';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cofund-embedded-'));
  await chmod(root, 0o755); // as root, the server runs as `postgres`, which must reach the folders
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function count(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`CREATE TABLE IF NOT EXISTS kept (n int)`;
    const [row] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM kept`;
    return Number(row!.n);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe('the embedded PostgreSQL', () => {
  it('keeps a persistent cluster between starts, and refuses a second server on the same folder', async () => {
    const folder = path.join(root, 'persistent');
    const first = await startEmbeddedPostgres(folder, { persistent: true });
    try {
      expect(await count(first.url)).toBe(0);
      const sql = postgres(first.url, { max: 1, onnotice: () => {} });
      await sql`INSERT INTO kept VALUES (1)`;
      await sql.end();
      await expect(startEmbeddedPostgres(folder, { persistent: true })).rejects.toBeInstanceOf(EmbeddedClusterBusy);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(folder, { persistent: true });
    try {
      expect(await count(second.url)).toBe(1);
    } finally {
      await second.stop();
    }
    expect(existsSync(path.join(folder, 'owner.pid'))).toBe(false);
  });

  it('deletes a throwaway cluster when it stops', async () => {
    const folder = path.join(root, 'throwaway');
    const server = await startEmbeddedPostgres(folder, { persistent: false });
    expect(await count(server.url)).toBe(0);
    await server.stop();
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses a folder that another live process owns, touching nothing', async () => {
    const folder = path.join(root, 'owned');
    const owner = spawn('sleep', ['30']);
    try {
      await rm(folder, { recursive: true, force: true });
      await startEmbeddedPostgres(folder, { persistent: true }).then(
        (server) => server.stop(),
        () => undefined,
      );
      await writeFile(path.join(folder, 'owner.pid'), `${owner.pid}\n`);
      const refusal = await startEmbeddedPostgres(folder, { persistent: true }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(EmbeddedClusterBusy);
      expect((refusal as EmbeddedClusterBusy).ownerPid).toBe(owner.pid);
      expect((refusal as Error).message).toContain(`in use by another cofund process (pid ${owner.pid})`);
    } finally {
      owner.kill();
    }
  });

  it('takes over a folder whose owner has died', async () => {
    const folder = path.join(root, 'owned');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const server = await startEmbeddedPostgres(folder, { persistent: true });
    try {
      expect(await count(server.url)).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
