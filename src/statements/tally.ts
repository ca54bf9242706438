import { type Decimal, ZERO, formatMoney, parseMoney } from '../money';
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
 * Checks a section while it streams: every amount is a valid money string of the account's currency,
 * each balance_after follows from the previous one, and opening + movements = closing. Statements
 * are evidence: one that does not add up says so instead of printing figures that contradict it.
 */
export class SectionTally {
  private debit: Decimal = ZERO;
  private credit: Decimal = ZERO;
  private running: Decimal;
  private firstMismatch: string | null = null;
  private index = 0;

  constructor(private readonly section: StatementSection) {
    this.running = this.balance(section.openingBalance, 'openingBalance');
    this.balance(section.closingBalance, 'closingBalance');
  }

  add(row: StatementRow): void {
    const where = `sections[${this.section.account.code}].rows.${this.index}`;
    this.index += 1;
    const amount = parseMoney(row.amount, this.section.account.currency, `${where}.amount`);
    if (row.side === 'debit') this.debit = this.debit.plus(amount);
    else this.credit = this.credit.plus(amount);
    this.running =
      row.side === this.section.account.normalSide ? this.running.plus(amount) : this.running.minus(amount);
    const balanceAfter = this.balance(row.balanceAfter, `${where}.balanceAfter`);
    if (this.firstMismatch === null && !balanceAfter.equals(this.running)) this.firstMismatch = row.entryId;
  }

  outcome(): SectionOutcome {
    const currency = this.section.account.currency;
    const ledgerClosing = this.balance(this.section.closingBalance, 'closingBalance');
    return {
      debitTotal: formatMoney(this.debit, currency),
      creditTotal: formatMoney(this.credit, currency),
      computedClosing: formatMoney(this.running, currency),
      firstMismatchEntry: this.firstMismatch,
      reconciled: this.firstMismatch === null && ledgerClosing.equals(this.running),
    };
  }

  private balance(value: string, field: string): Decimal {
    return parseMoney(value, this.section.account.currency, field, { allowNegative: true, allowZero: true });
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
