import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeParties, programmes } from '../../src/db/schema';
import type { Account } from '../../src/ledger';
import type { Account as AccountBody, Balance, Problem } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { organisationWithKey } from '../support/keys';
import { ledgerRowCounts, openAccount, openWorld, placeInChart, transfer } from '../support/ledger-fixtures';

type Organisation = Awaited<ReturnType<typeof organisationWithKey>>;

let database: TestDatabase;
let admin: ReturnType<typeof client>;
let club: Organisation;
let otherClub: Organisation;
let auditor: Organisation;
let ministry: Organisation;
let outsider: Organisation;
let clubAccount: Account;
let pool: Account;
let poolProgrammeId: string;
/** Instants between the postings of clubAccount: before the first, between the two. */
let beforeAny: Date;
let afterFirst: Date;

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

beforeAll(async () => {
  database = await createTestDatabase();
  admin = client(await createTestApp(database.db), ADMIN_TOKEN);
  club = await organisationWithKey(admin, 'association', 'applicant', 'Club Jerez');
  otherClub = await organisationWithKey(admin, 'association', 'applicant', 'Club Tlaltenango');
  auditor = await organisationWithKey(admin, 'auditor', 'auditor', 'Auditoría Superior');
  ministry = await organisationWithKey(admin, 'government', 'approver', 'Secretaría de Bienestar');
  outsider = await organisationWithKey(admin, 'government', 'programme_admin', 'Another state');

  const world = await openWorld(database.db);
  // An account the club owns in a programme no one else here plays in: only the owner sees it.
  const [own] = await database.db
    .insert(programmes)
    .values({ code: 'P-ACC-OWN', name: 'Club programme', ruleSet: 'tres-por-uno', currency: 'MXN' })
    .returning();
  clubAccount = await openAccount(database.db, { name: 'Club Jerez funds' });
  await placeInChart(database.db, clubAccount, {
    programmeId: own!.id,
    ownerOrganisationId: club.id,
    party: 'club',
    role: 'pool',
  });
  beforeAny = new Date();
  await pause();
  await transfer(database.db, world, clubAccount, '1000.00');
  await pause();
  afterFirst = new Date();
  await pause();
  await transfer(database.db, world, clubAccount, '250.50');

  // A programme pool owned by nobody in particular: visible to the organisations bound to its parties.
  const [programme] = await database.db
    .insert(programmes)
    .values({ code: 'P-ACC', name: '3x1 Zacatecas', ruleSet: 'tres-por-uno', currency: 'MXN' })
    .returning();
  await database.db
    .insert(programmeParties)
    .values({ programmeId: programme!.id, party: 'federal', organisationId: ministry.id, status: 'accepted' });
  pool = await openAccount(database.db, { name: 'Federal pool', type: 'liability' });
  await placeInChart(database.db, pool, { programmeId: programme!.id, party: 'federal', role: 'pool' });
  poolProgrammeId = programme!.id;
});
afterAll(() => database.close());

describe('GET /v1/accounts/{id}', () => {
  it('shows the owner its account, with balance, held, available and version as exact strings', async () => {
    const reply = await club.as.get<AccountBody>(`/v1/accounts/${clubAccount.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: clubAccount.id,
      code: clubAccount.code,
      currency: 'MXN',
      type: 'asset',
      normalSide: 'debit',
      balance: '1250.50',
      held: '0.00',
      available: '1250.50',
      version: '2',
      ownerOrganisationId: club.id,
    });
    expect(new Date(reply.body.createdAt).toISOString()).toBe(reply.body.createdAt);
  });

  it("shows it to auditors and the administrator, and programme accounts to the programme's parties", async () => {
    expect((await auditor.as.get(`/v1/accounts/${clubAccount.id}`)).status).toBe(200);
    expect((await admin.get(`/v1/accounts/${clubAccount.id}`)).status).toBe(200);
    const seenByParty = await ministry.as.get<AccountBody>(`/v1/accounts/${pool.id}`);
    expect(seenByParty.status).toBe(200);
    expect(seenByParty.body.programmeId).toEqual(poolProgrammeId);
  });

  it("404 for another organisation's account, whatever the role, exactly as for a missing one", async () => {
    const before = await ledgerRowCounts(database.db);
    for (const stranger of [otherClub, ministry, outsider]) {
      const reply = await stranger.as.get<Problem>(`/v1/accounts/${clubAccount.id}`);
      expect(reply.status).toBe(404);
      expect(reply.body.type).toBe('urn:cofund:problem:not-found');
    }
    expect((await otherClub.as.get(`/v1/accounts/${pool.id}`)).status).toBe(404);
    const missing = await auditor.as.get<Problem>('/v1/accounts/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const hidden = await otherClub.as.get<Problem>(`/v1/accounts/${clubAccount.id}`);
    expect(hidden.body.detail).toBe(
      missing.body.detail.replace('00000000-0000-4000-8000-000000000000', clubAccount.id),
    );
    expect(await ledgerRowCounts(database.db)).toEqual(before);
  });

  it('401 without a key, 422 naming a malformed id', async () => {
    expect((await admin.as('').get(`/v1/accounts/${clubAccount.id}`)).status).toBe(401);
    const invalid = await club.as.get<Problem>('/v1/accounts/not-an-id');
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors!.map((e) => e.field)).toEqual(['path.id']);
  });
});

describe('GET /v1/accounts/{id}/balance', () => {
  it('gives the balance now, with what holds reserve', async () => {
    const reply = await club.as.get<Balance>(`/v1/accounts/${clubAccount.id}/balance`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      accountId: clubAccount.id,
      code: clubAccount.code,
      currency: 'MXN',
      balance: '1250.50',
      version: '2',
      held: '0.00',
      available: '1250.50',
    });
    expect(Math.abs(new Date(reply.body.at).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('gives the posted balance at a past instant', async () => {
    const between = await club.as.get(`/v1/accounts/${clubAccount.id}/balance?at=${afterFirst.toISOString()}`);
    expect(between.status).toBe(200);
    expect(between.body).toEqual({
      accountId: clubAccount.id,
      code: clubAccount.code,
      currency: 'MXN',
      at: afterFirst.toISOString(),
      balance: '1000.00',
      version: '1',
    });
    const first = await auditor.as.get(`/v1/accounts/${clubAccount.id}/balance?at=${beforeAny.toISOString()}`);
    expect(first.body).toMatchObject({ balance: '0.00', version: '0' });
    // An offset is the same instant: "+" must be escaped in a URL.
    const offset = new Date(afterFirst.getTime() - 6 * 3600_000).toISOString().replace('Z', '-06:00');
    const sameInstant = await club.as.get<Balance>(
      `/v1/accounts/${clubAccount.id}/balance?at=${encodeURIComponent(offset)}`,
    );
    expect(sameInstant.status).toBe(200);
    expect(sameInstant.body.balance).toBe('1000.00');
  });

  it('422 naming `at` when it is not an instant, or in the future', async () => {
    for (const at of ['yesterday', '2026-01-15', '2026-01-15T10:00:00', '2026-13-01T00:00:00Z', '']) {
      const reply = await club.as.get<Problem>(`/v1/accounts/${clubAccount.id}/balance?at=${encodeURIComponent(at)}`);
      expect(reply.status, at).toBe(422);
      expect(reply.body.errors!.map((e) => e.field)).toEqual(['query.at']);
    }
    const future = await club.as.get<Problem>(
      `/v1/accounts/${clubAccount.id}/balance?at=${new Date(Date.now() + 86_400_000).toISOString()}`,
    );
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'query.at', message: expect.stringContaining('future') }]);
  });

  it("404 for another organisation's account and nothing changed; 401 without a key", async () => {
    const before = await ledgerRowCounts(database.db);
    expect((await otherClub.as.get(`/v1/accounts/${clubAccount.id}/balance`)).status).toBe(404);
    expect(
      (await outsider.as.get(`/v1/accounts/${clubAccount.id}/balance?at=${afterFirst.toISOString()}`)).status,
    ).toBe(404);
    expect((await admin.as('').get(`/v1/accounts/${clubAccount.id}/balance`)).status).toBe(401);
    expect(await ledgerRowCounts(database.db)).toEqual(before);
  });
});
