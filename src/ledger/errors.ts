import type { FieldError } from '../errors';

/**
 * Every refusal of the ledger core is one of these: a stable code, a sentence, the fields of the
 * input at fault and the details a caller acts on (account ids, amounts). What a refusal means to an
 * HTTP client is the API's business (src/api/ledger-errors.ts), not the ledger's.
 */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export class UnbalancedEntryError extends LedgerError {
  constructor(message: string) {
    super('unbalanced-entry', message, [{ field: 'postings', message }]);
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
      message,
      fields.map((field) => ({ field, message: 'no such ledger account' })),
    );
    this.name = 'UnknownAccountError';
  }
}

export class CurrencyMismatchError extends LedgerError {
  constructor(field: string, message: string) {
    super('currency-mismatch', message, [{ field, message }]);
    this.name = 'CurrencyMismatchError';
  }
}

export class InsufficientFundsError extends LedgerError {
  constructor(
    readonly accountId: string,
    readonly accountCode: string,
    readonly available: string,
    readonly requested: string,
    readonly currency: string,
  ) {
    super(
      'insufficient-funds',
      `account ${accountCode} cannot go below its limit: ` +
        `${available} ${currency} available, ${requested} ${currency} needed`,
      [],
      { account: accountCode, accountId, available, requested, currency },
    );
    this.name = 'InsufficientFundsError';
  }
}

export class AlreadyReversedError extends LedgerError {
  constructor(entryId: string) {
    super('already-reversed', `journal entry ${entryId} has already been reversed`);
    this.name = 'AlreadyReversedError';
  }
}

export class HoldNotPendingError extends LedgerError {
  constructor(holdId: string, status: string) {
    super('hold-not-pending', `hold ${holdId} is ${status}: it can no longer be posted or voided`, [], {
      status,
    });
    this.name = 'HoldNotPendingError';
  }
}

export class HoldOverCaptureError extends LedgerError {
  constructor(holdId: string, remaining: string, requested: string) {
    const message = `hold ${holdId} has ${remaining} left; ${requested} cannot be posted from it`;
    super('hold-over-capture', message, [{ field: 'amount', message }]);
    this.name = 'HoldOverCaptureError';
  }
}

export class IdempotencyConflictError extends LedgerError {
  constructor(key: string) {
    super('idempotency-conflict', `idempotency key "${key}" was already used for a different request`, [
      { field: 'idempotencyKey', message: 'already used with a different request' },
    ]);
    this.name = 'IdempotencyConflictError';
  }
}

/** Input the ledger cannot book (an amount, a currency, a missing field): each field named. */
export class LedgerInputError extends LedgerError {
  constructor(message: string, errors: FieldError[], code = 'validation-failed') {
    super(code, message, errors);
    this.name = 'LedgerInputError';
  }

  static field(field: string, message: string): LedgerInputError {
    return new LedgerInputError(message, [{ field, message }]);
  }
}

export class LedgerNotFoundError extends LedgerError {
  constructor(what: string, id: string) {
    super('not-found', `${what} ${id} was not found`);
    this.name = 'LedgerNotFoundError';
  }
}

export class AccountExistsError extends LedgerError {
  constructor(message: string) {
    super('account-exists', message);
    this.name = 'AccountExistsError';
  }
}
