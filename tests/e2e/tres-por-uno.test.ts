import { afterAll, beforeAll, describe, it } from 'vitest';
import type { App } from '../../src/api/app';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tresPorUnoProject } from '../support/scenarios/tres-por-uno';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
});
afterAll(() => database.close());

describe('a Tres por Uno infrastructure project, end to end', () => {
  it('runs from budget to closing with every peso accounted for', async () => {
    await tresPorUnoProject(app, database.db, database.sql, '3x1-zacatecas-2014');
  });
});
