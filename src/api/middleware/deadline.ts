import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { problemResponse } from '../problem';

/** How long a request may take before it is answered 503, in milliseconds. */
export interface Deadlines {
  /** Every request but the documents and reports below. */
  requestMs: number;
  /** Statements, trial balances, chain verification: they read the whole period, on a pool of their own. */
  reportMs: number;
}

export const DEFAULT_DEADLINES: Deadlines = { requestMs: 10_000, reportMs: 120_000 };

/**
 * The routes held to `reportMs`: documents, whole-ledger reports, and uploads (20 MB on a slow link;
 * a bank statement of 50,000 lines is parsed, stored and matched in one request, bench:reconciliation).
 */
const REPORT_PATHS = [
  /^\/v1\/statements\//,
  /^\/v1\/ledger\/(verify|trial-balance)$/,
  /\/decision-letter\.[a-z]+$/,
  /^\/v1\/applications\/[^/]+\/documents$/,
  // Filing, which may carry the papers the rules require with it (multipart/form-data).
  /^\/v1\/programmes\/[^/]+\/applications$/,
  /^\/v1\/bank-accounts\/[^/]+\/(statements|reconciliation(\.[a-z]+)?)$/,
];

export const isReportPath = (path: string) => REPORT_PATHS.some((pattern) => pattern.test(path));

/** Seconds a client is told to wait before retrying a request the server could not finish. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * A request that has not produced its response within its deadline gets a 503 (with Retry-After)
 * instead of hanging while the database does (frozen, unreachable, exhausted). Its work may still
 * finish after the answer: the outcome is unknown, which is why a money-moving request's retry with
 * the same Idempotency-Key replays or applies it exactly once. For a streamed document the deadline
 * covers opening it; the stream is bounded by its row limit.
 */
export function deadline(deadlines: Deadlines): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ms = isReportPath(c.req.path) ? deadlines.reportMs : deadlines.requestMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), ms)));
    const work = next();
    const outcome = await Promise.race([work.then(() => 'done' as const), expired]).finally(() => clearTimeout(timer));
    if (outcome === 'done') return;
    // The abandoned work ends on its own (its statements time out, or the database comes back).
    work.catch(() => undefined);
    return problemResponse(
      c,
      503,
      'deadline-exceeded',
      `The request did not finish within ${ms} ms. If it moves money its outcome is unknown: retry it with the ` +
        'same Idempotency-Key, which applies it once or replays it.',
      { deadlineMs: ms },
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  };
}
