import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/api/app';
import { rowsOf } from '../../src/db';
import { findAccountByCode, postEntry, sealPending } from '../../src/ledger';
import { type SampleProject, runSampleProject } from '../../tools/sample-project';
import type { ChainReport, StatementDocument } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { parseCsv } from './support/csv-reader';
import { readPdf } from './support/pdf-text';

/*
 * Documents verify the chain from the newest verified checkpoint (src/ledger/chain.ts): the first
 * one recomputes every seal and records where it got to, the next ones recompute what was sealed
 * since. What changed after the checkpoint is caught by every document; what a checkpoint vouches
 * for is caught by GET /v1/ledger/verify, which recomputes the whole chain.
 */

let database: TestDatabase;
let app: App;
let project: SampleProject;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  project = await runSampleProject(app, ADMIN_TOKEN, '3x1-checkpoints');
  await sealPending(database.db);
});
afterAll(() => database.close());

const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${project.keys.auditor}` } });
const statementChain = async () =>
  ((await (await get(`/v1/statements/applications/${project.applicationId}.json`)).json()) as StatementDocument).chain;
const newestCheckpoint = async () =>
  (
    await rowsOf<{ seq: string }>(database.db, sql`SELECT max(seq)::text AS seq FROM ledger_verification_checkpoints`)
  )[0]!.seq;
const sealCount = async () =>
  (await rowsOf<{ n: string }>(database.db, sql`SELECT count(*)::text AS n FROM ledger_seals`))[0]!.n;

/** One more entry on the project's state share, paid from the state's pool, sealed. */
async function anotherEntry(memo: string): Promise<string> {
  const [pool, share] = await Promise.all([
    findAccountByCode(database.db, `programme:${project.programme.code}:state:pool`),
    findAccountByCode(database.db, `application:${project.applicationId}:state:share`),
  ]);
  const { entry } = await postEntry(database.db, {
    idempotencyKey: crypto.randomUUID(),
    kind: 'adjustment',
    memo,
    postings: [
      { accountId: share!.id, side: 'debit', amount: '1.00' },
      { accountId: pool!.id, side: 'credit', amount: '1.00' },
    ],
  });
  await sealPending(database.db);
  return entry.id;
}

async function tamper(statement: ReturnType<typeof sql>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe('documents verify from a checkpoint', () => {
  test('the first document recomputes every seal and records a checkpoint; the next ones start there', async () => {
    const seals = await sealCount();
    const first = await statementChain();
    expect(first).toMatchObject({ ok: true, entriesChecked: Number(seals), recomputed: Number(seals), since: null });
    // Recorded on another connection, without holding the document back.
    await expect.poll(newestCheckpoint).toBe(seals);

    const second = await statementChain();
    expect(second).toMatchObject({ ok: true, entriesChecked: Number(seals), recomputed: 1 });
    expect(second.since).toMatchObject({ sealSeq: seals });

    await anotherEntry('booked after the checkpoint');
    await anotherEntry('and another');
    const third = await statementChain();
    expect(third).toMatchObject({ ok: true, entriesChecked: Number(seals) + 2, recomputed: 3 });
    await expect.poll(newestCheckpoint).toBe(String(Number(seals) + 2));

    const csv = new TextDecoder().decode(
      await (await get(`/v1/statements/applications/${project.applicationId}.csv`)).arrayBuffer(),
    );
    const [header, ...records] = parseCsv(csv.slice(1));
    const memo = records.at(-1)![header!.indexOf('memo')];
    expect(memo).toContain(`1 recomputed from the checkpoint at seal ${Number(seals) + 2} (verified `);
  });

  test('tampering with what a checkpoint vouches for is caught by GET /v1/ledger/verify', async () => {
    const [entry] = await rowsOf<{ id: string }>(
      database.db,
      sql`SELECT e.id::text AS id FROM journal_entries e WHERE e.kind = 'contribution' ORDER BY e.id LIMIT 1`,
    );
    await tamper(sql`UPDATE journal_entries SET memo = 'altered under the checkpoint' WHERE id = ${entry!.id}::bigint`);
    const verify = await get('/v1/ledger/verify');
    expect(verify.status).toBe(200);
    expect(await verify.json()).toMatchObject({
      ok: false,
      firstBadEntry: entry!.id,
      since: null,
    } satisfies Partial<ChainReport>);
    // The documents vouch only for what was recomputed since the checkpoint.
    expect(await statementChain()).toMatchObject({ ok: true });
  });

  test('tampering after the checkpoint makes every document say the chain is broken, naming the entry', async () => {
    const entry = await anotherEntry('to be altered');
    await tamper(sql`UPDATE journal_entries SET memo = 'altered after the checkpoint' WHERE id = ${entry}::bigint`);
    expect(await statementChain()).toMatchObject({ ok: false, firstBadEntry: entry });
    const pages = await readPdf(
      new Uint8Array(
        await (await get(`/v1/statements/applications/${project.applicationId}.pdf?locale=en`)).arrayBuffer(),
      ),
    );
    expect(pages[0]!.text).toContain(`HASH CHAIN BROKEN at entry ${entry}`);
  });
});
