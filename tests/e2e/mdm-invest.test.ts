import { afterAll, beforeAll, describe, it } from 'vitest';
import type { App } from '../../src/api/app';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { mdmInvestProjects } from '../support/scenarios/mdm-invest';
import { testClock } from '../support/workflow';

let database: TestDatabase;
let app: App;
const clock = testClock('2016-03-01T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
});
afterAll(() => database.close());

describe('MDM Invest projects under the 2015 rules, end to end', () => {
  it(
    'caps the grant, takes equity in euros and credit from the bank, posts the tranche, ' +
      'and claws the grant back within five years only',
    async () => {
      await mdmInvestProjects(app, database.db, database.sql, clock, 'mdm-invest-2016');
    },
  );
});
