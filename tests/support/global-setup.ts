import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/runtime/embedded-postgres';
import { databaseUrl } from './database-url';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    databaseTemplate: string;
  }
}

/**
 * Tests run on a real PostgreSQL: the server of DATABASE_URL when set (CI uses the machine's
 * 127.0.0.1:5432), otherwise an embedded one in a temporary folder. The migrations are applied once
 * to a template database; each test file clones it (CREATE DATABASE ... TEMPLATE), so files run in
 * parallel without seeing each other's rows, and everything made here is dropped at the end.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const root = path.join(tmpdir(), `cofund-test-${randomBytes(4).toString('hex')}`);
    embedded = await startEmbeddedPostgres(root, { persistent: false });
    adminUrl = embedded.url;
  }
  const prefix = `cofund_t${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_template`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${template}"`);
  await applyMigrations(databaseUrl(adminUrl, template));
  project.provide('databaseAdminUrl', adminUrl);
  project.provide('databaseTemplate', template);

  return async () => {
    const databases = await admin<{ datname: string }[]>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`${prefix}%`}`;
    for (const { datname } of databases) await admin.unsafe(`DROP DATABASE "${datname}" WITH (FORCE)`);
    await admin.end({ timeout: 5 });
    await embedded?.stop();
  };
}
