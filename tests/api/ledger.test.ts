import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerRouter } from '../../src/api/ledger';
import { programmes } from '../../src/db/schema';
import { type Account, type Entry, sealPending } from '../../src/ledger';
import { Decimal } from '../../src/money';
import type { ChainReport, JournalEntry, Page, Problem, TrialBalance } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { type Reply, client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { organisationWithKey } from '../support/keys';
import type { OpenApiDocument } from '../support/openapi';
import { ledgerRowCounts, openAccount, openWorld, placeInChart, transfer } from '../support/ledger-fixtures';

type Organisation = Awaited<ReturnType<typeof organisationWithKey>>;

let database: TestDatabase;
let admin: ReturnType<typeof client>;
let auditor: Organisation;
/** Keys that must not read the whole books, one per role. */
let strangers: Organisation[];
let world: Account;
let club: Account;
let pool: Account;
let programmeId: string;
/** The entries on `club`, oldest first. */
const clubEntries: Entry[] = [];
let beforeThird: Date;

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((error) => error.field).sort();

beforeAll(async () => {
  database = await createTestDatabase();
  admin = client(await createTestApp(database.db), ADMIN_TOKEN);
  auditor = await organisationWithKey(admin, 'auditor', 'auditor');
  const clubOrganisation = await organisationWithKey(admin, 'association', 'applicant');
  strangers = [
    clubOrganisation,
    await organisationWithKey(admin, 'government', 'approver'),
    await organisationWithKey(admin, 'government', 'programme_admin'),
  ];
  const [programme] = await database.db
    .insert(programmes)
    .values({ code: 'P-LEDGER', name: 'MDM Invest', ruleSet: 'mdm-invest', currency: 'MAD' })
    .returning();
  programmeId = programme!.id;

  world = await openWorld(database.db);
  club = await openAccount(database.db, { name: 'Club funds' });
  const madWorld = await openWorld(database.db, 'MAD');
  pool = await openAccount(database.db, { name: 'Grant pool', currency: 'MAD' });
  await placeInChart(database.db, pool, { programmeId, party: 'bank', role: 'pool' });
  await transfer(database.db, madWorld, pool, '5000000.00');
  for (const amount of ['100.00', '20.25']) {
    clubEntries.push((await transfer(database.db, world, club, amount)).entry);
    await pause();
  }
  beforeThird = new Date();
  await pause();
  clubEntries.push((await transfer(database.db, world, club, '3.10')).entry);
});
afterAll(() => database.close());

describe('GET /v1/ledger/entries', () => {
  it('filters by kind', async () => {
    const transfers = await auditor.as.get<Page<JournalEntry>>(`/v1/ledger/entries?account=${club.id}&kind=transfer`);
    expect(transfers.body.items.map((entry) => entry.id)).toEqual(clubEntries.map((entry) => entry.id).reverse());
    const none = await auditor.as.get<Page<JournalEntry>>(`/v1/ledger/entries?account=${club.id}&kind=no.such`);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });

  it('gives auditors the entries with their postings, newest first, money as exact strings', async () => {
    const reply = await auditor.as.get<Page<JournalEntry>>(`/v1/ledger/entries?account=${club.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((entry) => entry.id)).toEqual(clubEntries.map((entry) => entry.id).reverse());
    expect(reply.body.nextCursor).toBeNull();
    const newest = reply.body.items[0]!;
    expect(newest).toMatchObject({
      id: clubEntries[2]!.id,
      kind: 'transfer',
      reversesEntryId: null,
      holdId: null,
      fx: null,
    });
    expect(new Date(newest.createdAt).toISOString()).toBe(newest.createdAt);
    expect(newest.postings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          accountId: club.id,
          accountCode: club.code,
          side: 'debit',
          amount: '3.10',
          currency: 'MXN',
          balanceAfter: '123.35',
          accountVersion: '3',
        }),
        expect.objectContaining({ accountId: world.id, accountCode: world.code, side: 'credit', amount: '3.10' }),
      ]),
    );
    expect((await admin.get<Page<JournalEntry>>(`/v1/ledger/entries?account=${club.id}`)).body.items).toHaveLength(3);
  });

  it('pages with an opaque cursor, never repeating or skipping an entry', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Reply<Page<JournalEntry>> = await auditor.as.get(
        `/v1/ledger/entries?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((entry) => entry.id));
      cursor = page.body.nextCursor;
      if (cursor) expect(cursor).not.toMatch(/^\d+$/);
    } while (cursor);
    const [{ count }] = (await database.db.execute(
      sql`SELECT count(*)::int AS count FROM journal_entries`,
    )) as unknown as [{ count: number }];
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    expect(seen).toEqual([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a))));
  });

  it('filters by booking time: from inclusive, to exclusive', async () => {
    const later = await auditor.as.get<Page<JournalEntry>>(
      `/v1/ledger/entries?account=${club.id}&from=${beforeThird.toISOString()}`,
    );
    expect(later.body.items.map((entry) => entry.id)).toEqual([clubEntries[2]!.id]);
    const earlier = await auditor.as.get<Page<JournalEntry>>(
      `/v1/ledger/entries?account=${club.id}&to=${beforeThird.toISOString()}`,
    );
    expect(earlier.body.items.map((entry) => entry.id)).toEqual([clubEntries[1]!.id, clubEntries[0]!.id]);
  });

  it('403 for keys that are not auditors; 401 without a key', async () => {
    for (const stranger of strangers) {
      const reply = await stranger.as.get<Problem>(`/v1/ledger/entries?account=${club.id}`);
      expect(reply.status).toBe(403);
      expect(reply.body.type).toBe('urn:cofund:problem:forbidden');
    }
    expect((await admin.as('').get('/v1/ledger/entries')).status).toBe(401);
  });

  it('422 naming each invalid query field; 404 for an unknown account', async () => {
    const cases: Array<[string, string[]]> = [
      ['limit=0', ['query.limit']],
      ['limit=101', ['query.limit']],
      ['account=club', ['query.account']],
      ['from=last%20week', ['query.from']],
      ['to=2026-01-01', ['query.to']],
      ['cursor=garbage', ['query.cursor']],
      [`cursor=${btoa(JSON.stringify(['2026-01-01T00:00:00.000Z', club.id]))}`, ['query.cursor']],
      [`from=${beforeThird.toISOString()}&to=${beforeThird.toISOString()}`, ['query.to']],
    ];
    for (const [query, expected] of cases) {
      const reply = await auditor.as.get<Problem>(`/v1/ledger/entries?${query}`);
      expect(reply.status, query).toBe(422);
      expect(fields(reply.body), query).toEqual(expected);
    }
    expect((await auditor.as.get('/v1/ledger/entries?account=00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('GET /v1/ledger/trial-balance', () => {
  it('gives per-account debit and credit totals whose grand totals are equal in every currency', async () => {
    const reply = await auditor.as.get<TrialBalance>('/v1/ledger/trial-balance');
    expect(reply.status).toBe(200);
    expect(reply.body.programmeId).toBeNull();
    expect(reply.body.totals.map((total) => total.currency).sort()).toEqual(['MAD', 'MXN']);
    for (const total of reply.body.totals) {
      expect(total.balanced).toBe(true);
      expect(total.debits).toBe(total.credits);
    }
    const clubLine = reply.body.lines.find((line) => line.accountId === club.id);
    expect(clubLine).toMatchObject({
      code: club.code,
      debits: '123.35',
      credits: '0.00',
      balance: '123.35',
      normalSide: 'debit',
    });
    const mxnDebits = reply.body.lines
      .filter((line) => line.currency === 'MXN')
      .reduce((sum, line) => sum.plus(line.debits), new Decimal(0));
    expect(reply.body.totals.find((total) => total.currency === 'MXN')!.debits).toBe(mxnDebits.toFixed(2));
    expect((await admin.get('/v1/ledger/trial-balance')).status).toBe(200);
  });

  it('at a past instant, and for one programme', async () => {
    const past = await auditor.as.get<TrialBalance>(`/v1/ledger/trial-balance?at=${beforeThird.toISOString()}`);
    expect(past.status).toBe(200);
    expect(past.body.at).toBe(beforeThird.toISOString());
    expect(past.body.lines.find((line) => line.accountId === club.id)).toMatchObject({
      debits: '120.25',
      balance: '120.25',
    });

    const programme = await auditor.as.get<TrialBalance>(`/v1/ledger/trial-balance?programme=${programmeId}`);
    expect(programme.status).toBe(200);
    expect(programme.body.programmeId).toBe(programmeId);
    expect(programme.body.lines.map((line) => line.accountId)).toEqual([pool.id]);
    expect(programme.body.lines[0]).toMatchObject({ currency: 'MAD', debits: '5000000.00', credits: '0.00' });
  });

  it('403 for keys that are not auditors; 401 without a key', async () => {
    for (const stranger of strangers) expect((await stranger.as.get('/v1/ledger/trial-balance')).status).toBe(403);
    expect((await admin.as('').get('/v1/ledger/trial-balance')).status).toBe(401);
  });

  it('422 naming each invalid query field; 404 for an unknown programme', async () => {
    const cases: Array<[string, string[]]> = [
      ['at=now', ['query.at']],
      ['at=2026-01-01', ['query.at']],
      [`at=${new Date(Date.now() + 3600_000).toISOString()}`, ['query.at']],
      ['programme=P-LEDGER', ['query.programme']],
    ];
    for (const [query, expected] of cases) {
      const reply = await auditor.as.get<Problem>(`/v1/ledger/trial-balance?${query}`);
      expect(reply.status, query).toBe(422);
      expect(fields(reply.body), query).toEqual(expected);
    }
    expect(
      (await auditor.as.get('/v1/ledger/trial-balance?programme=00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });
});

describe('GET /v1/ledger/verify', () => {
  it('403 for keys that are not auditors; 401 without a key; reading changes nothing', async () => {
    const before = await ledgerRowCounts(database.db);
    for (const stranger of strangers) expect((await stranger.as.get('/v1/ledger/verify')).status).toBe(403);
    expect((await admin.as('').get('/v1/ledger/verify')).status).toBe(401);
    expect((await auditor.as.get('/v1/ledger/verify')).status).toBe(200);
    expect(await ledgerRowCounts(database.db)).toEqual(before);
  });

  it('reports unsealed entries, then a sound chain once sealed', async () => {
    const [{ count }] = (await database.db.execute(
      sql`SELECT count(*)::int AS count FROM journal_entries`,
    )) as unknown as [{ count: number }];
    const unsealed = await auditor.as.get<ChainReport>('/v1/ledger/verify');
    expect(unsealed.body).toMatchObject({
      ok: true,
      entries: 0,
      unsealed: count,
      unaccounted: 0,
      balanceMismatches: [],
      lastSeal: null,
    });
    expect(unsealed.body.oldestUnsealedAt).toEqual(expect.any(String));

    await sealPending(database.db);
    const sealed = await admin.get<ChainReport>('/v1/ledger/verify');
    expect(sealed.status).toBe(200);
    expect(sealed.body).toMatchObject({
      ok: true,
      entries: count,
      unsealed: 0,
      oldestUnsealedAt: null,
      unaccounted: 0,
      balanceMismatches: [],
    });
    expect(sealed.body.firstBadEntry).toBeUndefined();
    expect(sealed.body.lastSeal).toMatchObject({ seq: String(count), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The whole chain, every time, trusting no checkpoint; a clean result becomes one for documents.
    expect(sealed.body).toMatchObject({ recomputed: count, since: null });
    expect((await admin.get<ChainReport>('/v1/ledger/verify')).body).toMatchObject({ recomputed: count, since: null });
    const [checkpoint] = (await database.db.execute(
      sql`SELECT seq::text AS seq, from_seq::text AS from_seq FROM ledger_verification_checkpoints`,
    )) as unknown as [{ seq: string; from_seq: string }];
    expect(checkpoint).toEqual({ seq: String(count), from_seq: '0' });
  });

  // Last: it leaves the ledger tampered with.
  it("names the first entry whose content was changed behind the ledger's back", async () => {
    await sealPending(database.db);
    const victim = clubEntries[1]!;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`UPDATE journal_entries SET memo = 'nothing to see' WHERE id = ${victim.id}::bigint`);
    });
    const reply = await auditor.as.get('/v1/ledger/verify');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, firstBadEntry: victim.id });
  });
});

describe('documentation', () => {
  it('documents the ledger routes', () => {
    const document = ledgerRouter.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'ledger', version: '1' },
    }) as OpenApiDocument;
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/ledger/entries',
      '/v1/ledger/trial-balance',
      '/v1/ledger/verify',
    ]);
    expect(document.paths['/v1/ledger/entries']!.get!.parameters.map((p) => p.name).sort()).toEqual([
      'account',
      'cursor',
      'from',
      'kind',
      'limit',
      'to',
    ]);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['JournalEntry', 'Posting', 'TrialBalance', 'ChainReport']),
    );
  });
});
