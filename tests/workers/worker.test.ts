import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, readRuleFilesForBundle } from '../../src/runtime/workers-rule-bundle';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startWorker, type StartedWorker } from './start-worker';

// The API in workerd (`wrangler dev --local`), its database reached through local Hyperdrive.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ max: 1 });
});
afterAll(() => database?.close());

describe('the Worker (wrangler.toml main) in workerd', () => {
  let worker: StartedWorker;
  beforeAll(async () => {
    worker = await startWorker({ databaseUrl: database.url });
  });
  afterAll(() => worker?.stop());

  it('GET /health runs a query through Hyperdrive to PostgreSQL', async () => {
    const response = await fetch(`${worker.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'ok',
      sealer: { unsealedEntries: 0, oldestUnsealedAgeSeconds: null },
    });
  });

  it('opens a client per request: concurrent requests all reach the database', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${worker.baseUrl}/health`).then((response) => response.status)),
    );
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('GET /openapi.json is the same OpenAPI 3.1 document as on Node', async () => {
    const response = await fetch(`${worker.baseUrl}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/health']).toBeDefined();
  });

  it('unknown routes get problem+json', async () => {
    const response = await fetch(`${worker.baseUrl}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'urn:cofund:problem:not-found',
      status: 404,
      detail: 'No route for GET /nothing-here',
    });
  });

  // Last in this block: it stops the worker the tests above used.
  it('stops without leaving a wrangler or workerd process behind', async () => {
    expect(worker.processes().filter(({ command }) => command.includes('workerd serve'))).toHaveLength(2);
    await worker.stop();
    expect(worker.processes()).toEqual([]);
    await expect(fetch(`${worker.baseUrl}/health`)).rejects.toThrow();
  });
});

describe('what only workerd can prove (tests/workers/probe-worker.ts)', () => {
  let worker: StartedWorker;
  beforeAll(async () => {
    worker = await startWorker({
      databaseUrl: database.url,
      entry: 'tests/workers/probe-worker.ts',
      vars: { COFUND_PROBE_VAR: 'given to startWorker' },
    });
  });
  afterAll(() => worker?.stop());

  it('passes exactly the bindings of wrangler.toml and the vars it was given (nothing from .dev.vars)', async () => {
    const response = await fetch(`${worker.baseUrl}/__probe/env`);
    expect(await response.json()).toEqual({
      HYPERDRIVE: 'object',
      DOCUMENTS: 'object',
      COFUND_PROBE_VAR: 'given to startWorker',
    });
  });

  const otherConnections = async () =>
    (
      await database.sql`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`
    )[0]?.n;

  it("keeps a request's client open while its body reads from the database, and closes it after", async () => {
    const response = await fetch(`${worker.baseUrl}/__probe/stream-from-database?chunks=5`);
    expect(response.status).toBe(200);
    // Every chunk was a query run after the handler had returned.
    expect(await response.text()).toBe('chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\n');
    const deadline = Date.now() + 10_000;
    while ((await otherConnections()) !== 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await otherConnections()).toBe(0);
  });

  it('answers a body that fails part-way with a 500 problem, never a truncated 200', async () => {
    // workerd would end such a streamed body as if it were complete (cloudflare/workerd#6818).
    const response = await fetch(`${worker.baseUrl}/__probe/stream-from-database?chunks=5&failAt=3`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const reference = response.headers.get('x-request-id');
    expect(await response.json()).toEqual({
      type: 'urn:cofund:problem:internal',
      title: 'Internal server error',
      status: 500,
      detail: `An unexpected error occurred while producing the response (reference ${reference}).`,
    });
  });

  it('bundles every rule file of rules/ as its text on disk', async () => {
    const response = await fetch(`${worker.baseUrl}/__probe/rule-files`);
    const bundled = (await response.json()) as { path: string; text: string }[];
    const onDisk = await readRuleFilesForBundle();
    expect(bundled.map((file) => file.path)).toEqual(onDisk.map((file) => file.path));
    for (const file of bundled) {
      expect(file.text, file.path).toBe(await readFile(path.join(projectRoot, file.path), 'utf8'));
    }
  });

  it('renders a PDF with pdfkit and the standard fonts', async () => {
    const response = await fetch(`${worker.baseUrl}/__probe/pdf?rows=200`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/Helvetica-Bold/);
    expect(pdf).toMatch(/\/BaseFont \/Courier/);
    // 200 rows of 12 pt do not fit on one A4 page: the row loop paged.
    expect(Number(/\/Type \/Pages\s*\/Count (\d+)/.exec(pdf)?.[1])).toBeGreaterThan(1);
  });
});
