import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import * as schema from '../../src/db/schema';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { expectStatus } from '../support/workflow';
import { type World, threeByOneProgramme } from '../workflow/fixtures';

/*
 * What one money-moving request costs the database, counted on the wire: every statement the app
 * sends through a postgres.js client whose debug hook records it (BEGIN and COMMIT included; each
 * waits for its answer, so a statement is a round trip). A count, not a timing: it does not depend
 * on the machine. npm run bench:http measures the same requests under load (docs/performance.md).
 */
let database: TestDatabase;
let counting: postgres.Sql;
let app: App;
let world: World;
let sent: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  counting = postgres(database.url, {
    max: 4,
    fetch_types: false,
    onnotice: () => {},
    debug: (_connection, query) => void sent.push(query.replace(/\s+/g, ' ').trim()),
  });
  app = await createTestApp(drizzle(counting, { schema }));
  world = await threeByOneProgramme(app, 'cost-1');
});
afterAll(async () => {
  await counting.end({ timeout: 5 });
  await database.close();
});

/** The statements `run` sends. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  sent = [];
  await run();
  return sent;
}

describe('the cost of a money-moving request', () => {
  it('a budget is at most 6 round trips, BEGIN and COMMIT included, with no account upsert', async () => {
    const { federal } = world.governments;
    const budgets = `/v1/programmes/${world.programme.id}/budgets`;
    const fund = async () =>
      expectStatus(await federal.programme_admin!.post(budgets, { party: 'federal', amount: '10.00' }), 201);
    // The first request of a key looks the key up; within the cache's 5 s the next does not.
    await fund();

    const statements = await statementsOf(fund);
    expect(statements, statements.join('\n')).toHaveLength(6);
    expect(statements[0]).toMatch(/^begin/i);
    expect(statements.at(-1)).toMatch(/^commit/i);
    expect(
      statements.filter((statement) => /insert into "?ledger_accounts|insert into "?chart_accounts/i.test(statement)),
    ).toEqual([]);
  });
});
