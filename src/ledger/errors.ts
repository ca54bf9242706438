import { CofundError, type FieldError } from '../errors';

/** Every refusal of the ledger core is one of these: typed, with the HTTP status it deserves. */
export class LedgerError extends CofundError {
  constructor(
    code: string,
    status: number,
    message: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(code, status, message, errors, extra);
    this.name = 'LedgerError';
  }
}

export class UnbalancedEntryError extends LedgerError {
  constructor(message: string) {
    super('unbalanced-entry', 422, message, [{ field: 'postings', message }]);
    this.name = 'UnbalancedEntryError';
  }
}

export class UnknownAccountError extends LedgerError {
  constructor(
    readonly accountIds: string[],
    fields: string[],
  ) {
    const message = `unknown ledger account(s): ${accountIds.join(', ')}`;
    super(
      'unknown-account',
      422,
      message,
      fields.map((field) => ({ field, message: 'no such ledger account' })),
    );
    this.name = 'UnknownAccountError';
  }
}

export class CurrencyMismatchError extends LedgerError {
  constructor(field: string, message: string) {
    super('currency-mismatch', 422, message, [{ field, message }]);
    this.name = 'CurrencyMismatchError';
  }
}

export class InsufficientFundsError extends LedgerError {
  constructor(
    readonly accountCode: string,
    readonly available: string,
    readonly requested: string,
    readonly currency: string,
  ) {
    super(
      'insufficient-funds',
      409,
      `account ${accountCode} cannot go below its limit: ` +
        `${available} ${currency} available, ${requested} ${currency} needed`,
      [],
      { account: accountCode, available, requested, currency },
    );
    this.name = 'InsufficientFundsError';
  }
}

export class AlreadyReversedError extends LedgerError {
  constructor(entryId: string) {
    super('already-reversed', 409, `journal entry ${entryId} has already been reversed`);
    this.name = 'AlreadyReversedError';
  }
}

export class HoldNotPendingError extends LedgerError {
  constructor(holdId: string, status: string) {
    super('hold-not-pending', 409, `hold ${holdId} is ${status}: it can no longer be posted or voided`, [], { status });
    this.name = 'HoldNotPendingError';
  }
}

export class HoldOverCaptureError extends LedgerError {
  constructor(holdId: string, remaining: string, requested: string) {
    const message = `hold ${holdId} has ${remaining} left; ${requested} cannot be posted from it`;
    super('hold-over-capture', 422, message, [{ field: 'amount', message }]);
    this.name = 'HoldOverCaptureError';
  }
}

export class IdempotencyConflictError extends LedgerError {
  constructor(key: string) {
    super('idempotency-conflict', 422, `idempotency key "${key}" was already used for a different request`, [
      { field: 'idempotencyKey', message: 'already used with a different request' },
    ]);
    this.name = 'IdempotencyConflictError';
  }
}
