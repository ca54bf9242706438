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

/** The codes (SQLSTATE or driver code) of `error` and its causes: Drizzle wraps driver errors (DrizzleQueryError). */
function* codesOf(error: unknown): Generator<string> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') yield code;
    current = current.cause;
  }
}

/** The code (SQLSTATE or driver code) that makes `error` a database outage, or undefined. */
export function databaseOutage(error: unknown): string | undefined {
  for (const code of codesOf(error)) {
    if (DRIVER_CODES.has(code) || UNAVAILABLE_STATES.has(code)) return code;
    if (code.length === 5 && UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) return code;
  }
  return undefined;
}

/** Ended sessions among the outages: the server's shutdowns and its idle-in-transaction timeout. */
const SESSION_ENDED_STATES = new Set(['57P01', '57P02', '57P03', '25P03']);

/**
 * Whether `error` means the session is gone with its transaction (the connection lost, the backend
 * terminated), rather than one statement refused (a lock or statement timeout, which a savepoint
 * survives).
 */
export function sessionEnded(error: unknown): boolean {
  for (const code of codesOf(error)) {
    if (DRIVER_CODES.has(code) || SESSION_ENDED_STATES.has(code) || code.startsWith('08')) return true;
  }
  return false;
}

/** Whether `error` is a transaction that lost to another's locks (deadlock, serialization failure). */
export function lostToAnotherTransaction(error: unknown): boolean {
  for (const code of codesOf(error)) if (code === '40P01' || code === '40001') return true;
  return false;
}
