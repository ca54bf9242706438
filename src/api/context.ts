import type { Context } from 'hono';
import type { Database } from '../db';

/**
 * How a request gets its database. On Node one pool serves every request; on Workers a client is
 * opened per request and closed after the response (postgres.js cannot share I/O across requests).
 */
export interface DatabaseProvider {
  open(c: Context): { db: Database; release(): Promise<void> | void };
}

export interface AppDependencies {
  database: DatabaseProvider;
}

export interface AppEnv {
  Variables: {
    db: Database;
    deps: AppDependencies;
  };
}
