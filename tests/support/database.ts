import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, type DatabaseHandle } from '../../src/db';
import { databaseUrl } from './database-url';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
}

/**
 * A fresh, migrated database of its own for a test file (a clone of the run's template).
 * Close it in afterAll; the global teardown drops it.
 */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  const template = inject('databaseTemplate');
  const name = `${template.replace(/_template$/, '')}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = databaseUrl(adminUrl, name);
  return { ...connect(url, { max: options.max ?? 10 }), url, name };
}
