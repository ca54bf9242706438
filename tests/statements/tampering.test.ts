import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/api/app';
import { sealPending, verifyChain } from '../../src/ledger';
import { type SampleProject, runSampleProject } from '../../tools/sample-project';
import type { StatementDocument } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { parseCsv } from './support/csv-reader';
import { readPdf } from './support/pdf-text';

/*
 * A ledger altered behind the application's back -- by the table owner, with the append-only guards
 * switched off, after the entries were sealed -- must make every document say so and name the entry.
 */

let database: TestDatabase;
let app: App;
let project: SampleProject;
let altered: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  project = await runSampleProject(app, ADMIN_TOKEN, '3x1-tampered');
  await sealPending(database.db);
  expect((await verifyChain(database.db)).ok).toBe(true);
  // The club's dollar contribution: its memo is rewritten to hide where the money came from.
  const [entry] = (await database.db.execute(sql`
    SELECT e.id::text AS id FROM journal_entries e
    WHERE e.kind = 'contribution' ORDER BY e.id LIMIT 1`)) as unknown as Array<{
    id: string;
  }>;
  altered = entry!.id;
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`UPDATE journal_entries SET memo = 'aportación en efectivo' WHERE id = ${altered}::bigint`);
  });
});
afterAll(() => database.close());

const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${project.keys.auditor}` } });

describe('a tampered ledger', () => {
  test('the ledger itself names the altered entry', async () => {
    expect(await verifyChain(database.db)).toMatchObject({ ok: false, firstBadEntry: altered });
  });

  test('the PDF statement says the chain is broken at that entry, on every page', async () => {
    const response = await get(`/v1/statements/applications/${project.applicationId}.pdf?locale=en`);
    expect(response.status).toBe(200);
    const pages = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(pages[0]!.text).toContain(
      `HASH CHAIN BROKEN at entry ${altered}: the ledger has been altered. ` +
        'The figures of this document cannot be trusted.',
    );
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.lines.at(-1)).toContain('HASH CHAIN BROKEN');
    expect(pages.map((page) => page.text).join('\n')).not.toContain('Hash chain verified');
  });

  test('in Spanish too, and in the trial balance', async () => {
    const statement = await readPdf(
      new Uint8Array(await (await get(`/v1/statements/applications/${project.applicationId}.pdf`)).arrayBuffer()),
    );
    expect(statement[0]!.text).toContain(`CADENA DE HUELLAS ROTA en el asiento ${altered}`);
    const trial = await readPdf(
      new Uint8Array(
        await (await get(`/v1/statements/trial-balance.pdf?programme=${project.programme.id}`)).arrayBuffer(),
      ),
    );
    expect(trial[0]!.text).toContain(`CADENA DE HUELLAS ROTA en el asiento ${altered}`);
  });

  test('the CSV chain record and the JSON chain say broken and name the entry', async () => {
    const text = new TextDecoder().decode(
      await (await get(`/v1/statements/programmes/${project.programme.id}.csv`)).arrayBuffer(),
    );
    const [header, ...records] = parseCsv(text);
    const chain = Object.fromEntries(header!.map((column, index) => [column, records.at(-1)![index]]));
    expect(chain).toMatchObject({ record: 'chain', kind: 'broken' });
    expect(chain.memo).toContain(`first bad entry ${altered}`);
    const json = (await (
      await get(`/v1/statements/applications/${project.applicationId}.json`)
    ).json()) as StatementDocument;
    expect(json.chain).toMatchObject({ ok: false, firstBadEntry: altered });
  });
});
