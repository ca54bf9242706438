import { createApp } from '../../src/api/app';
import type { Database } from '../../src/db';
import { loadRuleDirectory } from '../../src/rules/load-directory';

/**
 * The app's OpenAPI document, as GET /openapi.json serves it, made without a database: the document
 * route reads none, so a request that did would be a bug here and fails loudly.
 */
export async function openApiDocument(rulesDir = 'rules'): Promise<Record<string, unknown>> {
  const noDatabase = new Proxy({} as Database, {
    get: () => {
      throw new Error('the OpenAPI document needs no database');
    },
  });
  const app = createApp({
    database: { open: () => ({ db: noDatabase, release: () => {} }) },
    rules: await loadRuleDirectory(rulesDir),
  });
  const response = await app.request('/openapi.json');
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
