import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db);
});
afterAll(() => database?.close());

const get = (path: string, accept: string, language = 'es-MX') =>
  app.request(path, { headers: { accept, 'accept-language': language } });

describe('an address nothing answers', () => {
  it("is the portal's 404 page, in the reader's language, for a browser", async () => {
    const response = await get('/no-such-page', 'text/html,application/xhtml+xml');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<html lang="es-MX"');
    expect(html).toContain('No encontrado');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('is problem+json for an API client, and under /v1 even for a browser (which must sign in first)', async () => {
    for (const [path, accept, status] of [
      ['/no-such-page', 'application/json', 404],
      ['/no-such-page', '*/*', 404],
      ['/v1/no-such-resource', 'text/html', 401],
    ] as const) {
      const response = await get(path, accept);
      expect(response.status, `${path} ${accept}`).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
