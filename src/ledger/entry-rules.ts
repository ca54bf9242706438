/**
 * The double-entry rules that need no balances, as pure functions: which postings are valid,
 * whether they balance per currency, whether an FX conversion adds up. They run before anything
 * touches the database; the booking statement (entries.ts) then checks limits under row locks, and
 * the database re-checks balance, scale and limits itself.
 */
import { type FieldError } from '../errors';
import { Decimal, ZERO, formatMoney, isCurrency, minorUnits } from '../money';
import { parseLedgerMoney } from './money-input';
import {
  CurrencyMismatchError,
  InsufficientFundsError,
  LedgerInputError,
  UnbalancedEntryError,
  UnknownAccountError,
} from './errors';
import type { EntryInput, FxConversion, Side } from './types';

/** What an account is: fixed for its lifetime, so it may be cached. */
export interface AccountTerms {
  id: string;
  code: string;
  currency: string;
  minorUnits: number;
  normalSide: Side;
}

/** An account row read under its row lock: terms plus the moving figures. */
export interface LockedAccount extends AccountTerms {
  minBalance: string | null;
  balance: string;
  held: string;
  version: string;
}

export interface ResolvedPosting {
  accountId: string;
  currency: string;
  minorUnits: number;
  side: Side;
  amount: Decimal;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN_POSITIVE_DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
export const MAX_KEY_LENGTH = 200;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Checks what can be checked before touching the database; every problem is reported at once. */
export function checkEntryShape(input: EntryInput): void {
  const errors: FieldError[] = [];
  checkKey(input.idempotencyKey, 'idempotencyKey', errors);
  if (typeof input.kind !== 'string' || input.kind.trim() === '') errors.push({ field: 'kind', message: 'required' });
  if (!Array.isArray(input.postings) || input.postings.length < 2) {
    errors.push({ field: 'postings', message: 'an entry needs at least two postings' });
  } else {
    input.postings.forEach((posting, index) => {
      if (!isUuid(posting.accountId))
        errors.push({ field: `postings.${index}.accountId`, message: 'must be an account id (UUID)' });
      if (posting.side !== 'debit' && posting.side !== 'credit') {
        errors.push({ field: `postings.${index}.side`, message: 'must be "debit" or "credit"' });
      }
      if (
        typeof posting.amount !== 'string' ||
        !PLAIN_POSITIVE_DECIMAL.test(posting.amount) ||
        new Decimal(posting.amount).isZero()
      ) {
        errors.push({ field: `postings.${index}.amount`, message: 'must be a positive money string' });
      }
    });
  }
  if (
    input.effectiveAt !== undefined &&
    !(input.effectiveAt instanceof Date && !Number.isNaN(input.effectiveAt.getTime()))
  ) {
    errors.push({ field: 'effectiveAt', message: 'must be a valid date' });
  }
  if (errors.length > 0) throw new LedgerInputError('The journal entry is invalid; see errors.', errors);
}

export function checkKey(key: unknown, field: string, errors: FieldError[]): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    errors.push({ field, message: `required, 1 to ${MAX_KEY_LENGTH} characters` });
  }
}

/**
 * Binds each posting to its account: unknown accounts, currencies other than the account's and
 * amounts with the wrong number of decimals are refused; then every currency must balance, and an
 * entry spanning currencies must carry an explicit, arithmetically consistent FX conversion.
 */
export function resolvePostings(input: EntryInput, accounts: ReadonlyMap<string, AccountTerms>): ResolvedPosting[] {
  const missing = input.postings
    .map((posting, index) => ({ id: posting.accountId, field: `postings.${index}.accountId` }))
    .filter(({ id }) => !accounts.has(id));
  if (missing.length > 0) {
    throw new UnknownAccountError(
      [...new Set(missing.map(({ id }) => id))],
      missing.map(({ field }) => field),
    );
  }
  const resolved = input.postings.map((posting, index): ResolvedPosting => {
    const account = accounts.get(posting.accountId)!;
    if (posting.currency !== undefined && posting.currency !== account.currency) {
      throw new CurrencyMismatchError(
        `postings.${index}.currency`,
        `account ${account.code} is in ${account.currency}, not ${posting.currency}`,
      );
    }
    return {
      accountId: account.id,
      currency: account.currency,
      minorUnits: account.minorUnits,
      side: posting.side,
      amount: parseLedgerMoney(posting.amount, account.currency, `postings.${index}.amount`),
    };
  });
  assertBalanced(resolved);
  const currencies = new Set(resolved.map((posting) => posting.currency));
  if (currencies.size > 1) assertFxConsistent(input.fx, currencies);
  return resolved;
}

export function assertBalanced(postings: readonly ResolvedPosting[]): void {
  const net = new Map<string, Decimal>();
  for (const posting of postings) {
    const signed = posting.side === 'debit' ? posting.amount : posting.amount.negated();
    net.set(posting.currency, (net.get(posting.currency) ?? ZERO).plus(signed));
  }
  const unbalanced = [...net].filter(([, value]) => !value.isZero());
  if (unbalanced.length > 0) {
    const detail = unbalanced
      .map(([currency, value]) => `${currency} debits exceed credits by ${formatMoney(value, currency)}`)
      .join('; ');
    throw new UnbalancedEntryError(`the entry does not balance: ${detail}`);
  }
}

/** FX amounts round half-even to the target currency's minor unit; the rate is kept as given. */
function assertFxConsistent(fx: FxConversion[] | undefined, currencies: ReadonlySet<string>): void {
  const fail = (field: string, message: string) => new CurrencyMismatchError(field, message);
  if (!Array.isArray(fx) || fx.length === 0) {
    throw fail('fx', `postings in ${[...currencies].join(' and ')} need an explicit FX conversion (fx) with its rate`);
  }
  const covered = new Set<string>();
  fx.forEach((conversion, index) => {
    const at = (name: string) => `fx.${index}.${name}`;
    if (!isCurrency(conversion.from) || !currencies.has(conversion.from))
      throw fail(at('from'), 'must be a currency of the postings');
    if (!isCurrency(conversion.to) || !currencies.has(conversion.to) || conversion.to === conversion.from) {
      throw fail(at('to'), 'must be another currency of the postings');
    }
    if (
      typeof conversion.rate !== 'string' ||
      !PLAIN_POSITIVE_DECIMAL.test(conversion.rate) ||
      new Decimal(conversion.rate).isZero()
    ) {
      throw fail(at('rate'), 'must be a positive decimal string');
    }
    const fromAmount = parseLedgerMoney(conversion.fromAmount, conversion.from, at('fromAmount'));
    const toAmount = parseLedgerMoney(conversion.toAmount, conversion.to, at('toAmount'));
    const expected = fromAmount
      .times(conversion.rate)
      .toDecimalPlaces(minorUnits(conversion.to), Decimal.ROUND_HALF_EVEN);
    if (!expected.equals(toAmount)) {
      throw fail(
        at('toAmount'),
        `${conversion.fromAmount} ${conversion.from} at ${conversion.rate} is ` +
          `${formatMoney(expected, conversion.to)} ${conversion.to}, not ${conversion.toAmount}`,
      );
    }
    covered.add(conversion.from).add(conversion.to);
  });
  const uncovered = [...currencies].filter((currency) => !covered.has(currency));
  if (uncovered.length > 0) throw fail('fx', `no FX conversion covers ${uncovered.join(', ')}`);
}

/**
 * Refuses a reservation that would take the account below its limit, counting what holds already
 * reserve (the database's CHECK refuses it too). Postings check limits in their booking statement.
 */
export function assertCanReserve(account: LockedAccount, amount: Decimal): void {
  if (account.minBalance === null) return;
  const available = new Decimal(account.balance).minus(account.held);
  if (available.minus(amount).lessThan(account.minBalance)) {
    throw new InsufficientFundsError(
      account.id,
      account.code,
      formatMoney(available.minus(account.minBalance), account.currency),
      formatMoney(amount, account.currency),
      account.currency,
    );
  }
}
