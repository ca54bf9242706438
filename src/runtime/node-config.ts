import { availableParallelism } from 'node:os';
import { adminTokenProblem, generateApiKey } from '../auth';
import type { RequestLimits } from '../api/context';
import { DEFAULT_DEADLINES, type Deadlines } from '../api/middleware/deadline';
import { DEFAULT_LIMITS } from '../api/middleware/guards';
import type { SessionTimeouts } from '../db';

/** What `npm start` reads from the environment (README "Configuration"), checked before anything starts. */
export interface NodeConfig {
  port: number;
  hostname: string;
  poolSize: number;
  adminToken: string;
  limits: RequestLimits;
  /** Rows one document may have (COFUND_DOCUMENT_ROW_LIMIT). */
  documentRowLimit: number;
  /** Threads that render PDFs (COFUND_RENDER_THREADS). */
  renderThreads: number;
  /** Proxies in front of the server whose X-Forwarded-For is trusted (COFUND_TRUST_PROXY). */
  trustedProxies: number;
  maxHeaderBytes: number;
  /** Where the embedded PostgreSQL and the documents live (COFUND_DATA_DIR). */
  dataDir: string;
  /** The database: connect timeout, session limits, the reports pool (README "Configuration"). */
  database: DatabaseSettings;
  deadlines: Deadlines;
  /** Oldest unsealed entry /ready tolerates (COFUND_SEALER_LAG_SECONDS). */
  sealerLagSeconds: number;
  /** Money-moving requests share transactions and commits (COFUND_GROUP_COMMIT, docs/ledger.md). */
  groupCommit: boolean;
}

export interface DatabaseSettings {
  connectTimeoutSeconds: number;
  timeouts: SessionTimeouts;
  reportPoolSize: number;
  /** The reports pool's statements read whole periods: a longer statement_timeout. */
  reportTimeouts: SessionTimeouts;
}

export const DEFAULT_DOCUMENT_ROW_LIMIT = 200_000;

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new Error(`${name} must be a whole number >= ${min}, not "${text}"`);
  return Number(text);
}

/** Unset, "", "0" or "false": off; "1" or "true": on; anything else is refused. */
function flag(env: Env, name: string): boolean {
  const text = env[name] ?? '';
  if (['', '0', 'false'].includes(text)) return false;
  if (['1', 'true'].includes(text)) return true;
  throw new Error(`${name} must be 1 or 0, not "${text}"`);
}

export function readNodeConfig(env: Env, log: (line: string) => void = console.log): NodeConfig {
  const limits: RequestLimits = {
    bodyBytes: whole(env, 'COFUND_BODY_LIMIT_BYTES', DEFAULT_LIMITS.bodyBytes, 1024),
    authFailures: whole(env, 'COFUND_AUTH_FAILURES', DEFAULT_LIMITS.authFailures, 1),
    authWindowMs: whole(env, 'COFUND_AUTH_WINDOW_SECONDS', DEFAULT_LIMITS.authWindowMs / 1000, 1) * 1000,
    rendersGlobal: whole(env, 'COFUND_RENDERS', DEFAULT_LIMITS.rendersGlobal, 1),
    rendersPerCaller: whole(env, 'COFUND_RENDERS_PER_KEY', DEFAULT_LIMITS.rendersPerCaller, 1),
    documentBytes: whole(env, 'COFUND_DOCUMENT_MAX_BYTES', DEFAULT_LIMITS.documentBytes, 1),
    apiKeyCacheMs: whole(env, 'COFUND_API_KEY_CACHE_MS', DEFAULT_LIMITS.apiKeyCacheMs, 0),
  };
  const trust = env.COFUND_TRUST_PROXY ?? '';
  const trustedProxies = trust === '' || trust === 'false' ? 0 : whole(env, 'COFUND_TRUST_PROXY', 0, 0);
  return {
    port: whole(env, 'PORT', 8787, 0),
    hostname: env.HOST ?? '0.0.0.0',
    poolSize: whole(env, 'DATABASE_POOL_SIZE', 10, 1),
    adminToken: adminToken(env, log),
    limits,
    documentRowLimit: whole(env, 'COFUND_DOCUMENT_ROW_LIMIT', DEFAULT_DOCUMENT_ROW_LIMIT, 1),
    renderThreads: whole(
      env,
      'COFUND_RENDER_THREADS',
      Math.max(1, Math.min(limits.rendersGlobal, availableParallelism() - 1)),
      1,
    ),
    trustedProxies,
    maxHeaderBytes: whole(env, 'COFUND_MAX_HEADER_BYTES', 16 * 1024, 1024),
    dataDir: env.COFUND_DATA_DIR || '.cofund',
    groupCommit: flag(env, 'COFUND_GROUP_COMMIT'),
    ...operationalSettings(env),
  };
}

/** Timeouts and deadlines: how long anything may wait on the database (docs/operations.md). */
function operationalSettings(env: Env): Pick<NodeConfig, 'database' | 'deadlines' | 'sealerLagSeconds'> {
  const timeouts: SessionTimeouts = {
    statementMs: whole(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 5_000, 0),
    lockMs: whole(env, 'DATABASE_LOCK_TIMEOUT_MS', 3_000, 0),
    idleInTransactionMs: whole(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 0),
  };
  return {
    database: {
      connectTimeoutSeconds: whole(env, 'DATABASE_CONNECT_TIMEOUT_SECONDS', 3, 1),
      timeouts,
      reportPoolSize: whole(env, 'DATABASE_REPORT_POOL_SIZE', 3, 1),
      reportTimeouts: { ...timeouts, statementMs: whole(env, 'DATABASE_REPORT_STATEMENT_TIMEOUT_MS', 60_000, 0) },
    },
    deadlines: {
      requestMs: whole(env, 'COFUND_REQUEST_DEADLINE_MS', DEFAULT_DEADLINES.requestMs, 100),
      reportMs: whole(env, 'COFUND_REPORT_DEADLINE_MS', DEFAULT_DEADLINES.reportMs, 100),
    },
    sealerLagSeconds: whole(env, 'COFUND_SEALER_LAG_SECONDS', 60, 1),
  };
}

/**
 * COFUND_ADMIN_TOKEN: in production required, and strong (src/auth/admin-token.ts); in development a
 * weak one is used with a warning, and none gets a fresh token for the run, printed once.
 */
function adminToken(env: Env, log: (line: string) => void): string {
  const production = env.NODE_ENV === 'production';
  const configured = env.COFUND_ADMIN_TOKEN;
  if (configured === undefined || configured === '') {
    if (production) throw new Error('COFUND_ADMIN_TOKEN must be set in production');
    const token = `cfa_${generateApiKey().slice(4)}`;
    log(`[cofund] COFUND_ADMIN_TOKEN is not set; the administrator token for this run is:\n\n    ${token}\n`);
    return token;
  }
  const problem = adminTokenProblem(configured);
  if (problem && production)
    throw new Error(`COFUND_ADMIN_TOKEN ${problem}: use a random one, e.g. \`openssl rand -base64 32\``);
  if (problem) log(`[cofund] warning: COFUND_ADMIN_TOKEN ${problem}; production would refuse it`);
  return configured;
}
