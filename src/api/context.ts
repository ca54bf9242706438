import type { Context } from 'hono';
import type { Actor } from '../auth';
import type { Database, GroupCommit } from '../db';
import type { DocumentStore } from '../documents';
import type { RuleCatalog } from '../rules';
import type { PdfRenderer } from '../statements/render';
import type { Deadlines } from './middleware/deadline';
import type { Guards } from './middleware/guards';
import type { WebhookSettings } from '../webhooks';

/** The limits a request is held to (src/api/middleware/guards.ts has the defaults). */
export interface RequestLimits {
  /** Largest request body, in bytes (a streamed upload has its own: `documentBytes`). */
  bodyBytes: number;
  /** Failed authentications per client address within `authWindowMs` before it is refused (429). */
  authFailures: number;
  authWindowMs: number;
  /** Documents rendered at once, in all and per caller (key or administrator); beyond, 429. */
  rendersGlobal: number;
  rendersPerCaller: number;
  /** Largest document upload, in bytes (its route streams and has its own body limit). */
  documentBytes: number;
  /**
   * How long a valid API key's lookup is reused, in ms (0: looked up on every request). A key
   * revoked through another process is refused here at most this long after.
   */
  apiKeyCacheMs: number;
}

/**
 * How a request gets its database. On Node one pool serves every request; on Workers a client is
 * opened per request and closed after the response (postgres.js cannot share I/O across requests).
 */
export interface DatabaseProvider {
  open(c: Context): { db: Database; release(): Promise<void> | void };
}

export interface AppDependencies {
  database: DatabaseProvider;
  /**
   * A pool of its own for documents and whole-ledger reports (statements, trial balances, chain
   * verification, letters), so that they never take the connections money-moving requests need.
   * Unset: the request's database.
   */
  reportsDb?: Database;
  /** How long a request may take before it gets a 503 (src/api/middleware/deadline.ts has the defaults). */
  deadlines?: Partial<Deadlines>;
  /** What /ready requires besides a database that answers (src/operations/readiness.ts). */
  readiness?: { expectedMigration?: number; sealerLagSeconds?: number };
  /**
   * Money-moving requests (`idempotently`, the portal's money forms) share transactions and commits
   * on `database`'s pool (COFUND_GROUP_COMMIT, src/db/group-commit.ts). Unset: one transaction each.
   */
  groupCommit?: GroupCommit;
  /** The rule sets loaded from rules/ (read from disk on Node, bundled at build time on Workers). */
  rules: RuleCatalog;
  /** Bearer token of the platform administrator; without it no request is an administrator's. */
  adminToken?: string;
  /**
   * Webhooks (docs/events.md): whether loopback receivers may be subscribed
   * (COFUND_WEBHOOKS_ALLOW_LOOPBACK), and the key their secrets are sealed under (COFUND_SECRET_KEY).
   * Unset: public receivers only, and no webhook can be created.
   */
  webhooks?: WebhookSettings;
  /** The time; tests move it (deadlines, clawback windows). */
  clock?: () => Date;
  /**
   * Called after a request that moved money has committed, with its database: the runtime seals
   * the new entries into the hash chain soon after (Node: a background kick; Workers: waitUntil).
   */
  afterMoneyMoved?: (c: Context, db: Database) => void;
  /**
   * The most rows one statement may have in this runtime (a Worker's CPU budget); larger documents
   * are refused naming what to do instead (`documentTooLarge`). Unset: no limit.
   */
  documentRowLimit?: number;
  /** How a document over the row limit is refused: 501 pointing at Node (Workers), or 422 asking a shorter period. */
  documentTooLarge?: 'use-node' | 'shorten-period';
  /** Renders PDFs away from the request's thread (Node: worker threads); unset: in process (Workers). */
  renderPdf?: PdfRenderer;
  limits?: Partial<RequestLimits>;
  /** Where document bytes live (Node: the file system; Workers: R2). Unset: document routes answer 501. */
  documentStore?: DocumentStore;
  /**
   * The address of the client, as the runtime knows it (the socket, or a trusted proxy's header):
   * what failed authentications are counted by. Unset or undefined: one shared bucket.
   */
  clientAddress?: (c: Context) => string | undefined;
  /** The API reference's browser script (Scalar's standalone bundle), served at /docs from this origin. */
  apiReferenceScript?: string;
}

export interface AppEnv {
  Variables: {
    db: Database;
    /** The reports pool (AppDependencies.reportsDb), or `db`. */
    reportsDb: Database;
    deps: AppDependencies;
    requestId: string;
    guards: Guards;
    /** Set by the authentication middleware on every /v1 route. */
    actor: Actor;
  };
}
