import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { type PdfThreadPool, createPdfThreadPool } from '../../src/statements/threads/pool';
import { renderPdfHere } from '../../src/statements/render';
import { syntheticStatement, syntheticTrialBalance } from '../../tools/synthetic-statements';
import { collectBytes, readPdf } from '../statements/support/pdf-text';
import type { Problem } from '../support/api';
import { createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { footprint } from '../support/footprint';
import { type World, fundedProject, requestTranche, threeByOneProgramme } from '../workflow/fixtures';

/**
 * Issue "hardening", Medium: PDF rendering blocked the event loop, without limits. On Node PDFs
 * render in worker threads (streamed back page by page), at most so many at once per key and in
 * all (429 with Retry-After beyond), and a document has a row limit on Node too.
 */
let database: TestDatabase;
let pool: PdfThreadPool;
let app: App;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPdfThreadPool(1);
  app = await createTestApp(database.db, {
    renderPdf: pool,
    limits: { rendersPerCaller: 1, rendersGlobal: 2 },
  });
  world = await threeByOneProgramme(app, 'hardening-renders');
  const project = await fundedProject(world);
  await requestTranche(world, project.id, '1200000.00');
});
afterAll(async () => {
  await pool.close();
  await database.close();
});

const statementPath = () => `/v1/statements/programmes/${world.programme.id}.pdf`;
const get = (token: string, path = statementPath()) =>
  app.request(path, { headers: { authorization: `Bearer ${token}` } });

describe('PDFs rendered in worker threads', () => {
  it('are the same bytes as rendered in process, page by page', async () => {
    const model = () => syntheticStatement({ rows: 600, seed: 7 });
    const here = await collectBytes(renderPdfHere({ kind: 'statement', document: model() }));
    const threaded = await collectBytes(pool.render({ kind: 'statement', document: model() }));
    expect(threaded).toEqual(here);
    const balance = () => syntheticTrialBalance({ rows: 120 });
    expect(await collectBytes(pool.render({ kind: 'trial-balance', document: balance() }))).toEqual(
      await collectBytes(renderPdfHere({ kind: 'trial-balance', document: balance() })),
    );
  });

  it('serve a programme statement over HTTP whose rows come from the request snapshot', async () => {
    const response = await get(world.auditor.tokens.auditor!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pages = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pages.map((page) => page.text).join(' ')).toContain(world.programme.code);
  });

  it('fail the stream, not the process, when the source breaks mid-document, and the thread is replaced', async () => {
    const broken = syntheticStatement({ rows: 300 });
    const sections = broken.sections.map((section, index) =>
      index === 0
        ? {
            ...section,
            rows: (async function* () {
              yield* [];
              throw new Error('cursor lost');
            })(),
          }
        : section,
    );
    await expect(collectBytes(pool.render({ kind: 'statement', document: { ...broken, sections } }))).rejects.toThrow(
      /cursor lost/,
    );
    const after = await collectBytes(pool.render({ kind: 'statement', document: syntheticStatement({ rows: 10 }) }));
    expect(after.length).toBeGreaterThan(0);
  });
});

describe('render slots', () => {
  it('allow one document per key and two in all; beyond, 429 with Retry-After until one ends', async () => {
    const auditorKey = world.auditor.tokens.auditor!;
    const before = await footprint(database.sql);
    const first = await get(auditorKey);
    expect(first.status).toBe(200);
    const same = await get(auditorKey);
    expect(same.status).toBe(429);
    expect(Number(same.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await same.json()) as Problem).type).toBe('urn:cofund:problem:too-many-renders');
    // Another key still renders: the global limit is two.
    const second = await get(world.federal.tokens.approver!, `/v1/statements/programmes/${world.programme.id}.csv`);
    expect(second.status).toBe(200);
    const third = await get(world.state.tokens.approver!);
    expect(third.status).toBe(429);
    // Read to the end, or dropped: the slot comes back.
    await first.arrayBuffer();
    await second.body!.cancel();
    expect((await get(auditorKey)).status).toBe(200);
    expect(await footprint(database.sql)).toEqual(before);
  });
});

describe('the row limit on Node', () => {
  it('refuses a document over it with a 422 naming the period, never a cut-short one', async () => {
    const limited = await createTestApp(database.db, { documentRowLimit: 3, documentTooLarge: 'shorten-period' });
    const response = await client(limited, world.auditor.tokens.auditor!).get<Problem>(
      `/v1/statements/programmes/${world.programme.id}.json`,
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ type: 'urn:cofund:problem:document-too-large', limit: 3 });
    expect(response.body.errors!.map((e) => e.field)).toEqual(['query.from', 'query.to']);
    // The slot was given back: the same key renders the next document.
    expect((await client(limited, world.auditor.tokens.auditor!).get(`/v1/applications?limit=1`)).status).toBe(200);
  });
});
