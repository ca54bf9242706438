import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { platform, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../support/api';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { ADMIN_TOKEN } from '../support/app';
import { client, overHttp } from '../support/client';
import { eventually } from '../support/own-cluster';

/*
 * Issue 11, item 4: after `kill -9` of the node process alone (an OOM kill does the same), the next
 * `npm start` on the same folder comes back with its data: the embedded PostgreSQL died with its
 * parent, or is stopped by the next start.
 */

let root: string;
let running: ApiProcess | undefined;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cofund-kill9-'));
  await chmod(root, 0o755); // as root, the server runs as `postgres`, which must reach the folder
});
afterAll(async () => {
  await running?.stop();
  await rm(root, { recursive: true, force: true });
});

/** As `npm start` on a fresh machine: no DATABASE_URL (the test runner may have one), data in our folder. */
const startEmbedded = () =>
  startApiProcess({ DATABASE_URL: undefined, COFUND_DATA_DIR: path.join(root, 'data') }, 120_000);

const postmasterPid = async () =>
  Number.parseInt((await readFile(path.join(root, 'data', 'pgdata', 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

describe('npm start with the embedded PostgreSQL, after kill -9 of the node process alone', () => {
  it('comes back on the same folder with the data intact', async () => {
    running = await startEmbedded();
    const admin = client(overHttp(running.baseUrl), ADMIN_TOKEN);
    const created = await admin.post<Organisation>('/v1/organisations', { name: 'Club Jerez', kind: 'association' });
    expect(created.status).toBe(201);
    const postmaster = await postmasterPid();

    running.child.kill('SIGKILL');
    await eventually(async () => running!.exit(), 'the API to die');
    expect(running.exit()?.signal).toBe('SIGKILL');
    // On Linux its PostgreSQL does not outlive it (PR_SET_PDEATHSIG); elsewhere the next start stops it.
    if (platform() === 'linux')
      await eventually(async () => (alive(postmaster) ? undefined : true), 'the orphaned PostgreSQL to stop', 30_000);

    running = await startEmbedded();
    const again = client(overHttp(running.baseUrl), ADMIN_TOKEN);
    const kept = await again.get<Organisation>(`/v1/organisations/${created.body.id}`);
    expect(kept.status).toBe(200);
    expect(kept.body.name).toBe('Club Jerez');
    expect((await fetch(`${running.baseUrl}/ready`)).status).toBe(200);
  }, 240_000); // two starts of the API and its PostgreSQL, on a machine that may be busy
});
