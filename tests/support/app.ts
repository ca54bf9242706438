import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/api/app';
import type { AppDependencies } from '../../src/api/context';
import type { Database } from '../../src/db';
import { type DocumentStore } from '../../src/documents';
import { filesystemStore } from '../../src/documents/filesystem-store';
import type { RuleCatalog } from '../../src/rules';
import { loadRuleDirectory } from '../../src/rules/load-directory';
import { readApiReferenceScript } from '../../src/runtime/api-reference';

/** A token production would accept (src/auth/admin-token.ts): the Worker refuses weak ones. */
export const ADMIN_TOKEN = 'cfa_tEst-7qLx2mVb9RkWz4NcJh8PdYs3GfAu6Ke';

let shippedRules: Promise<RuleCatalog> | undefined;
let apiReference: Promise<string> | undefined;
/** The rule sets shipped in rules/, loaded once per test file. */
export const loadShippedRules = () =>
  (shippedRules ??= loadRuleDirectory(path.resolve(import.meta.dirname, '../../rules')));

let documentsRoot: string | undefined;
/** A folder of documents for this test file (a vitest worker), removed when it exits. */
export function testDocumentsRoot(): string {
  if (!documentsRoot) {
    const root = mkdtempSync(path.join(tmpdir(), 'cofund-documents-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    documentsRoot = root;
  }
  return documentsRoot;
}

export const testDocumentStore = (): DocumentStore => filesystemStore(testDocumentsRoot());

/** The real app on a test database, with the shipped rules and a known administrator token. */
export async function createTestApp(db: Database, overrides: Partial<AppDependencies> = {}): Promise<App> {
  return createApp({
    database: { open: () => ({ db, release: () => {} }) },
    rules: await loadShippedRules(),
    adminToken: ADMIN_TOKEN,
    apiReferenceScript: await (apiReference ??= readApiReferenceScript()),
    documentStore: testDocumentStore(),
    ...overrides,
  });
}
