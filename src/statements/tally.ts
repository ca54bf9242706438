import {
  type Decimal,
  type ParseMoneyOptions,
  ZERO,
  formatMoney,
  isCurrency,
  isMoneyText,
  minorUnits,
  parseMoney,
} from '../money';
import type { StatementRow, StatementSection, TrialBalanceRow } from './model';

/** The data handed to a renderer contradicts itself (a row count that does not match its cursor). */
export class StatementDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatementDataError';
  }
}

/**
 * Reads exactly `count` rows from a (possibly async) iterable, one at a time, so nothing is buffered.
 * Page numbers were computed from `count`: a source that yields a different number of rows (a
 * cursor read outside the COUNT's snapshot) is refused rather than printed with wrong page numbers.
 */
export class CountedRows<Row> {
  private readonly iterator: AsyncIterator<Row> | Iterator<Row>;
  private read = 0;

  constructor(
    rows: AsyncIterable<Row> | Iterable<Row>,
    readonly count: number,
    private readonly what: string,
  ) {
    if (!Number.isSafeInteger(count) || count < 0) throw new StatementDataError(`${what}: invalid row count ${count}`);
    this.iterator = Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  }

  get remaining(): number {
    return this.count - this.read;
  }

  async next(): Promise<Row> {
    const result = await this.iterator.next();
    if (result.done)
      throw new StatementDataError(`${this.what}: ${this.count} rows announced, only ${this.read} given`);
    this.read += 1;
    return result.value;
  }

  /** Confirms the source has nothing beyond the announced count, and releases it. */
  async finish(): Promise<void> {
    const extra = await this.iterator.next();
    if (!extra.done) {
      await this.close();
      throw new StatementDataError(`${this.what}: more rows than the ${this.count} announced`);
    }
  }

  /** Lets a database cursor go when rendering stops early. */
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/**
 * The rows of a counted source in order, each added to `tally` before it is handed out: for the
 * renderers that read a section straight through (CSV, JSON). The count is checked as CountedRows
 * does, and the source is released however the consumer's loop ends.
 */
export async function* talliedRows<Row>(
  source: AsyncIterable<Row> | Iterable<Row>,
  count: number,
  what: string,
  tally: { add(row: Row): void },
): AsyncGenerator<Row> {
  const rows = new CountedRows(source, count, what);
  try {
    for (let index = 0; index < count; index++) {
      const row = await rows.next();
      tally.add(row);
      yield row;
    }
    await rows.finish();
  } finally {
    await rows.close();
  }
}

export interface SectionOutcome {
  debitTotal: string;
  creditTotal: string;
  /** opening balance + the rows' movements, on the account's normal side. */
  computedClosing: string;
  /** The first row whose balance_after is not the running balance, if any. */
  firstMismatchEntry: string | null;
  /** computedClosing equals the ledger's closing balance and every balance_after follows. */
  reconciled: boolean;
}

/**
 * Whole minor units: a number while that is exact (amounts of up to 15 digits, sums that stay safe
 * integers: any real ledger), a bigint beyond. A statement adds up 100,000s of amounts; a Decimal,
 * or a bigint, per amount and per sum would cost more than the rest of the row.
 */
export type Units = number | bigint;

const plus = (a: Units, b: Units): Units => {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return BigInt(a) + BigInt(b);
};
const negated = (a: Units): Units => (a === 0 ? 0 : -a);
const same = (a: Units, b: Units) => (typeof a === typeof b ? a === b : BigInt(a) === BigInt(b));
/** A balance may be negative or zero. */
const BALANCE: ParseMoneyOptions = { allowNegative: true, allowZero: true };
/** Digits a number holds exactly (2^53 has 16). */
const EXACT_DIGITS = 15;

/**
 * Money strings of one currency as Units, checked as parseMoney checks them: anything the pattern
 * refuses goes to parseMoney, which names what is wrong (or, should the two ever differ, reads it).
 */
export class MinorUnits {
  private readonly digits: number;

  constructor(private readonly currency: string) {
    this.digits = isCurrency(currency) ? minorUnits(currency) : 0;
  }

  read(value: string, field: string, options: ParseMoneyOptions = {}): Units {
    return (
      this.valid(value, options) ??
      BigInt(
        parseMoney(value, this.currency, field, options)
          .times(10 ** this.digits)
          .toFixed(0),
      )
    );
  }

  /** The units of a money string the options allow, or undefined (then `read` names the problem). */
  valid(value: string, options: ParseMoneyOptions = {}): Units | undefined {
    if (!isMoneyText(value, this.currency)) return undefined;
    const units = this.units(value);
    const sign = units > 0 ? 1 : units < 0 ? -1 : 0;
    return (sign > 0 || (sign === 0 && options.allowZero)) && (sign >= 0 || options.allowNegative) ? units : undefined;
  }

  format(units: Units): string {
    const negative = units < 0;
    const text = String(negative ? negated(units) : units).padStart(this.digits + 1, '0');
    const unsigned = this.digits === 0 ? text : `${text.slice(0, -this.digits)}.${text.slice(-this.digits)}`;
    return negative ? `-${unsigned}` : unsigned;
  }

  /** The units of a checked money string: its digits read one by one, or as a bigint when too many. */
  private units(value: string): Units {
    const negative = value.charCodeAt(0) === 45;
    const digits = value.length - (negative ? 1 : 0) - (this.digits === 0 ? 0 : 1);
    if (digits > EXACT_DIGITS) {
      const unsigned = negative ? value.slice(1) : value;
      const big = BigInt(this.digits === 0 ? unsigned : unsigned.replace('.', ''));
      return negative ? -big : big;
    }
    let units = 0;
    for (let index = negative ? 1 : 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code !== 46) units = units * 10 + (code - 48);
    }
    return negative ? negated(units) : units;
  }
}

/**
 * Checks a section while it streams: every amount is a valid money string of the account's currency,
 * each balance_after follows from the previous one, and opening + movements = closing. Statements
 * are evidence: one that does not add up says so instead of printing figures that contradict it.
 */
export class SectionTally {
  private debit: Units = 0;
  private credit: Units = 0;
  private running: Units;
  private firstMismatch: string | null = null;
  private index = 0;
  private readonly money: MinorUnits;

  constructor(private readonly section: StatementSection) {
    this.money = new MinorUnits(section.account.currency);
    this.running = this.balance(section.openingBalance, 'openingBalance');
    this.balance(section.closingBalance, 'closingBalance');
  }

  add(row: StatementRow): void {
    const index = this.index++;
    // A field's name is only built for an amount that is refused.
    const code = this.section.account.code;
    const amount =
      this.money.valid(row.amount) ?? this.money.read(row.amount, `sections[${code}].rows.${index}.amount`);
    if (row.side === 'debit') this.debit = plus(this.debit, amount);
    else this.credit = plus(this.credit, amount);
    this.running = plus(this.running, row.side === this.section.account.normalSide ? amount : negated(amount));
    const balanceAfter =
      this.money.valid(row.balanceAfter, BALANCE) ??
      this.balance(row.balanceAfter, `sections[${code}].rows.${index}.balanceAfter`);
    if (this.firstMismatch === null && !same(balanceAfter, this.running)) this.firstMismatch = row.entryId;
  }

  outcome(): SectionOutcome {
    const ledgerClosing = this.balance(this.section.closingBalance, 'closingBalance');
    return {
      debitTotal: this.money.format(this.debit),
      creditTotal: this.money.format(this.credit),
      computedClosing: this.money.format(this.running),
      firstMismatchEntry: this.firstMismatch,
      reconciled: this.firstMismatch === null && same(ledgerClosing, this.running),
    };
  }

  private balance(value: string, field: string): Units {
    return this.money.read(value, field, BALANCE);
  }
}

/** Grand totals of one currency of a trial balance, which must be equal. */
export class TrialBalanceTally {
  private debit: Decimal = ZERO;
  private credit: Decimal = ZERO;

  constructor(private readonly currency: string) {}

  add(row: TrialBalanceRow): void {
    const options = { allowZero: true };
    this.debit = this.debit.plus(parseMoney(row.debit, this.currency, `${row.code}.debit`, options));
    this.credit = this.credit.plus(parseMoney(row.credit, this.currency, `${row.code}.credit`, options));
  }

  outcome(): { debitTotal: string; creditTotal: string; balanced: boolean } {
    return {
      debitTotal: formatMoney(this.debit, this.currency),
      creditTotal: formatMoney(this.credit, this.currency),
      balanced: this.debit.equals(this.credit),
    };
  }
}

/** The normal-side balance of a trial-balance row: what the account holds. */
export function trialBalanceRowBalance(row: TrialBalanceRow, currency: string): string {
  const debit = parseMoney(row.debit, currency, `${row.code}.debit`, { allowZero: true });
  const credit = parseMoney(row.credit, currency, `${row.code}.credit`, { allowZero: true });
  return formatMoney(row.normalSide === 'debit' ? debit.minus(credit) : credit.minus(debit), currency);
}
