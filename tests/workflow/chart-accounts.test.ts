import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { type World, approve, file, infrastructure, threeByOneProgramme } from './fixtures';

/*
 * The chart of accounts (src/workflow/chart.ts): accounts are opened when a party is bound and an
 * application filed, each with its chart_accounts row; the requests that move money only look
 * them up. A statement-level trigger counts every INSERT statement aimed at ledger_accounts or
 * chart_accounts (it fires even for an INSERT ... ON CONFLICT DO NOTHING that inserts no row).
 */
let database: TestDatabase;
let app: App;
let world: World;

const countInserts = async () => {
  await database.sql.unsafe(`
    CREATE TABLE account_insert_statements (target text NOT NULL);
    CREATE FUNCTION count_account_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO account_insert_statements VALUES (TG_TABLE_NAME);
      RETURN NULL;
    END $$;
    CREATE TRIGGER count_ledger_account_inserts BEFORE INSERT ON ledger_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION count_account_insert();
    CREATE TRIGGER count_chart_account_inserts BEFORE INSERT ON chart_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION count_account_insert();`);
};

/** INSERT statements aimed at the account tables while `run` runs. */
async function accountInserts(run: () => Promise<unknown>): Promise<number> {
  const count = async () =>
    Number((await database.sql`SELECT count(*)::int AS n FROM account_insert_statements`)[0]!.n);
  const before = await count();
  await run();
  return (await count()) - before;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
  world = await threeByOneProgramme(app, 'chart-1');
  await countInserts();
});
afterAll(() => database.close());

describe('the chart of accounts', () => {
  it("records each bound party's pool and source with its programme, party, role and owner", async () => {
    const rows = await database.sql`
      SELECT a.code, c.party, c.role::text AS role, c.owner_organisation_id AS owner, c.application_id AS application
      FROM chart_accounts c JOIN ledger_accounts a ON a.id = c.account_id
      WHERE c.programme_id = ${world.programme.id} ORDER BY a.code`;
    const { federal, municipal, state } = world.governments;
    expect(rows.map((row) => ({ ...row }))).toEqual(
      [
        ['federal', federal.id],
        ['municipal', municipal.id],
        ['state', state.id],
      ].flatMap(([party, owner]) => [
        { code: `programme:chart-1:${party}:pool`, party, role: 'pool', owner, application: null },
        { code: `programme:chart-1:${party}:source:MXN`, party, role: 'source', owner, application: null },
      ]),
    );
  });

  it('a budget, approvals and a contribution open no account: they only look theirs up', async () => {
    const { federal } = world.governments;
    const budgets = `/v1/programmes/${world.programme.id}/budgets`;
    expect(
      await accountInserts(async () =>
        expectStatus(await federal.programme_admin!.post(budgets, { party: 'federal', amount: '10.00' }), 201),
      ),
    ).toBe(0);

    let filed: Awaited<ReturnType<typeof file>> | undefined;
    // Filing opens the project's share and disbursed accounts, one pair per paying party.
    expect(await accountInserts(async () => (filed = await file(world, world.club, infrastructure())))).toBeGreaterThan(
      0,
    );
    const shares = await database.sql`
      SELECT c.party, c.role::text AS role, c.owner_organisation_id AS owner
      FROM chart_accounts c WHERE c.application_id = ${filed!.id} ORDER BY c.party, c.role`;
    expect(shares.find((row) => row.party === 'club' && row.role === 'share')?.owner).toBe(world.club.id);
    expect(shares).toHaveLength(filed!.plan.shares.length * 2);

    const clubShare = filed!.plan.shares.find((share) => share.party === 'club')!.amount;
    expect(
      await accountInserts(async () => {
        await approve(world, filed!.id);
        expectStatus(
          await world.club.applicant!.post(`/v1/applications/${filed!.id}/contributions`, {
            party: 'club',
            amount: clubShare,
          }),
          201,
        );
      }),
    ).toBe(0);
  });
});
