import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createApp({ database: { open: () => ({ db: database.db, release: () => {} }) } });
});
afterAll(() => database.close());

describe('operations endpoints', () => {
  it('GET /health reports the database', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET /openapi.json is an OpenAPI 3.1 document', async () => {
    const response = await app.request('/openapi.json');
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/health']).toBeDefined();
  });

  it('unknown routes get problem+json', async () => {
    const response = await app.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'urn:cofund:problem:not-found', status: 404 });
  });
});
