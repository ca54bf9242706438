/*
 * Which errors mean "the database is not available" rather than "this request is wrong": the API
 * answers them 503 with Retry-After (the outcome of a money-moving request is then unknown, and
 * its retry with the same Idempotency-Key converges), and readiness reports them.
 */

/** SQLSTATE classes: 08 connection exception, 53 insufficient resources (disk full, memory, connections). */
const UNAVAILABLE_CLASSES = ['08', '53'];
/**
 * Single SQLSTATEs: admin shutdown, crash shutdown, cannot connect now (57P01-57P03); a statement
 * cancelled by statement_timeout (57014); a lock not granted within lock_timeout (55P03); a
 * session ended by idle_in_transaction_session_timeout (25P03).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '57014', '55P03', '25P03']);
/** postgres.js's own connection errors, and the socket errors Node gives it. */
const DRIVER_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The code (SQLSTATE or driver code) that makes `error` a database outage, or undefined. Drizzle
 * wraps driver errors (DrizzleQueryError), so the causes are followed.
 */
export function databaseOutage(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (DRIVER_CODES.has(code) || UNAVAILABLE_STATES.has(code)) return code;
      if (code.length === 5 && UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) return code;
    }
    current = current.cause;
  }
  return undefined;
}
