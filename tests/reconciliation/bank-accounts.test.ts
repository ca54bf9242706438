import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClabe, checkIban, clabeCheckDigit } from '../../src/reconciliation/account-numbers';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { type World, threeByOneProgramme } from '../workflow/fixtures';

let database: TestDatabase;
let world: World;
let federalPool: string;
let statePool: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'bank-acc');
  const pools = world.programme.pools!;
  federalPool = pools.find((pool) => pool.party === 'federal')!.id;
  statePool = pools.find((pool) => pool.party === 'state')!.id;
});

afterAll(async () => {
  await database?.close();
});

describe('account numbers', () => {
  it('checks an IBAN by country format and mod-97, naming what is wrong', () => {
    expect(checkIban('MA64 0115 1900 0001 2050 0053 4921')).toEqual({
      ok: true,
      number: 'MA64011519000001205000534921',
    });
    expect(checkIban('MA64011519000001205000534922')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/mod-97/),
    });
    expect(checkIban('MA6401151900000120500053492')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/length/),
    });
    expect(checkIban('MX12 3456')).toMatchObject({ ok: false });
  });

  it('checks a CLABE by its weighted check digit', () => {
    expect(clabeCheckDigit('03218000011835971')).toBe(9);
    expect(checkClabe('032180000118359719')).toEqual({ ok: true, number: '032180000118359719' });
    expect(checkClabe('032 180 00011835971 8')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/check digit is 8/),
    });
    expect(checkClabe('03218000011835971')).toMatchObject({ ok: false, message: expect.stringMatching(/18 digits/) });
    // Every wrong last digit is caught.
    for (let digit = 0; digit < 10; digit++) {
      if (digit !== 9) expect(checkClabe(`03218000011835971${digit}`).ok).toBe(false);
    }
  });
});

describe('POST /v1/bank-accounts', () => {
  it('registers a CLABE for a pool, by its programme staff, audited', async () => {
    const created = expectStatus(
      await world.federal.programme_admin!.post<{
        id: string;
        number: string;
        scheme: string;
        ledgerAccount: { id: string };
      }>('/v1/bank-accounts', {
        ledgerAccountId: federalPool,
        clabe: '032 180 000118359719',
        bank: 'BBVA México',
        currency: 'MXN',
      }),
      201,
    ).body;
    expect(created).toMatchObject({
      scheme: 'clabe',
      number: '032180000118359719',
      ledgerAccount: { id: federalPool },
    });
    const audit = await database.sql`SELECT action, details FROM audit_log WHERE resource_id = ${created.id}`;
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'bank-account.registered',
        details: expect.objectContaining({ scheme: 'clabe' }),
      }),
    ]);
    // Readable by an auditor and the programme's parties; 404 for an unrelated organisation.
    expectStatus(await world.auditor.auditor!.get(`/v1/bank-accounts/${created.id}`), 200);
    expectStatus(await world.state.approver!.get(`/v1/bank-accounts/${created.id}`), 200);
    expectStatus(await world.outsider.programme_admin!.get(`/v1/bank-accounts/${created.id}`), 404);
    const listed = expectStatus(
      await world.auditor.auditor!.get<{ items: Array<{ id: string }> }>(
        `/v1/programmes/${world.programme.id}/bank-accounts`,
      ),
      200,
    ).body;
    expect(listed.items.map((item) => item.id)).toEqual([created.id]);
    // One bank account per ledger account.
    expectStatus(
      await world.federal.programme_admin!.post('/v1/bank-accounts', {
        ledgerAccountId: federalPool,
        number: '12345678',
        bank: 'Banorte',
        currency: 'MXN',
      }),
      409,
    );
  });

  it('refuses a wrong check digit, a wrong currency and two numbers, naming each field', async () => {
    const refused = expectStatus(
      await world.state.programme_admin!.post<{ errors: Array<{ field: string }> }>('/v1/bank-accounts', {
        ledgerAccountId: statePool,
        clabe: '032180000118359718',
        bank: 'BBVA México',
        currency: 'USD',
      }),
      422,
    ).body;
    expect(refused.errors.map((error) => error.field).sort()).toEqual(['body.clabe', 'body.currency']);
    const both = expectStatus(
      await world.state.programme_admin!.post<{ errors: Array<{ field: string }> }>('/v1/bank-accounts', {
        ledgerAccountId: statePool,
        clabe: '032180000118359719',
        iban: 'MA64011519000001205000534921',
        bank: 'BBVA México',
        currency: 'MXN',
      }),
      422,
    ).body;
    expect(both.errors[0]!.field).toBe('body.iban');
    const rows =
      await database.sql`SELECT count(*)::int AS n FROM bank_accounts WHERE ledger_account_id = ${statePool}`;
    expect(rows[0]!.n).toBe(0);
  });

  it('is for programme staff only: approvers, auditors, the administrator and outsiders are refused', async () => {
    const body = { ledgerAccountId: statePool, number: '0012-3456-78', bank: 'Banorte', currency: 'MXN' };
    expectStatus(await world.state.approver!.post('/v1/bank-accounts', body), 403);
    expectStatus(await world.auditor.auditor!.post('/v1/bank-accounts', body), 403);
    expectStatus(await world.admin.post('/v1/bank-accounts', body), 403);
    // An organisation that cannot see the pool does not learn it exists.
    expectStatus(await world.outsider.programme_admin!.post('/v1/bank-accounts', body), 404);
    const registered = expectStatus(
      await world.state.programme_admin!.post<{ number: string }>('/v1/bank-accounts', body),
      201,
    ).body;
    expect(registered.number).toBe('0012345678');
  });

  it('refuses a ledger account no bank account stands for', async () => {
    const [source] =
      await database.sql`SELECT id FROM ledger_accounts WHERE code LIKE ${'programme:bank-acc:federal:source:%'}`;
    const refused = expectStatus(
      await world.federal.programme_admin!.post('/v1/bank-accounts', {
        ledgerAccountId: source!.id,
        number: '99990000',
        bank: 'Banorte',
        currency: 'MXN',
      }),
      422,
    );
    expect(JSON.stringify(refused.body)).toMatch(/not a programme pool or a project share account/);
  });

  it('keeps registrations immutable in the database', async () => {
    await expect(database.sql`UPDATE bank_accounts SET bank = 'other'`).rejects.toThrow(/append-only/);
  });
});
