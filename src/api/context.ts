import type { Context } from 'hono';
import type { Actor } from '../auth';
import type { Database } from '../db';
import type { RuleCatalog } from '../rules';

/**
 * How a request gets its database. On Node one pool serves every request; on Workers a client is
 * opened per request and closed after the response (postgres.js cannot share I/O across requests).
 */
export interface DatabaseProvider {
  open(c: Context): { db: Database; release(): Promise<void> | void };
}

export interface AppDependencies {
  database: DatabaseProvider;
  /** The rule sets loaded from rules/ (read from disk on Node, bundled at build time on Workers). */
  rules: RuleCatalog;
  /** Bearer token of the platform administrator; without it no request is an administrator's. */
  adminToken?: string;
  /** The time; tests move it (deadlines, clawback windows). */
  clock?: () => Date;
  /**
   * Called after a request that moved money has committed, with its database: the runtime seals
   * the new entries into the hash chain soon after (Node: a background kick; Workers: waitUntil).
   */
  afterMoneyMoved?: (c: Context, db: Database) => void;
  /**
   * The most rows one statement may have in this runtime (a Worker's CPU budget); larger documents
   * are refused with 501 naming a runtime that renders them. Unset: no limit (Node streams).
   */
  documentRowLimit?: number;
}

export interface AppEnv {
  Variables: {
    db: Database;
    deps: AppDependencies;
    requestId: string;
    /** Set by the authentication middleware on every /v1 route. */
    actor: Actor;
  };
}
