import type { LedgerError } from '../ledger';

/**
 * What each refusal of the ledger means to an HTTP client. The ledger says what went wrong (its
 * error codes); the API decides the status: input that cannot be booked is a 422, a state of the
 * books that refuses the request (money short, already reversed, hold resolved) a 409.
 */
const STATUS_BY_CODE: Record<string, number> = {
  'validation-failed': 422,
  'invalid-money': 422,
  'unbalanced-entry': 422,
  'unknown-account': 422,
  'currency-mismatch': 422,
  'hold-over-capture': 422,
  'idempotency-conflict': 422,
  'not-found': 404,
  'account-exists': 409,
  'insufficient-funds': 409,
  'already-reversed': 409,
  'hold-not-pending': 409,
};

/** The status of a ledger refusal; a code this table does not know is a bug, so a 500. */
export const ledgerStatus = (error: LedgerError): number => STATUS_BY_CODE[error.code] ?? 500;
