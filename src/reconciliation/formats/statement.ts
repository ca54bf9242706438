import { CofundError } from '../../errors';
import { Decimal, fitsMinorUnits, isCurrency } from '../../money';

/** A statement as read from a bank's file, before anything is stored. */
export interface ParsedStatement {
  format: 'camt.053.001.02' | 'camt.053.001.08' | 'mt940' | 'csv';
  /** The statement's own identification (camt Stmt/Id, MT940 :20:, the CSV file's first and last dates). */
  reference: string;
  /** The account as the file names it (IBAN, other id); null when the format carries none (CSV). */
  account: string | null;
  currency: string;
  opening: Balance;
  closing: Balance;
  lines: ParsedLine[];
}

export interface Balance {
  date: string;
  /** Signed: negative when the account is overdrawn. */
  amount: Decimal;
  /** Where the file states it, for messages. */
  where: string;
}

export interface ParsedLine {
  /** Where the line is in the file: an element path (camt) or a line number (MT940, CSV). */
  where: string;
  bookingDate: string;
  valueDate: string;
  /** Positive. */
  amount: Decimal;
  direction: 'credit' | 'debit';
  currency: string;
  counterparty: string;
  counterpartyAccount: string;
  remittance: string;
  endToEndId: string;
  bankReference: string;
  transactionCode: string;
}

/** A file that cannot be read as a statement: 422 naming the element or line. */
export class StatementFileError extends CofundError {
  constructor(where: string, message: string) {
    super('bad-statement-file', 422, `${where}: ${message}`, [{ field: where, message }]);
    this.name = 'StatementFileError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date (2026-02-30 is refused), as YYYY-MM-DD. */
export function calendarDate(text: string, where: string): string {
  const match = DATE.exec(text);
  const date = match ? new Date(`${text}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new StatementFileError(where, `"${text}" is not a date (YYYY-MM-DD)`);
  }
  return text;
}

const DECIMAL = /^(0|[1-9][0-9]{0,17})(\.[0-9]{1,5})?$/;

/** An amount as banks write it (no sign, "." decimals), no finer than the currency's minor unit. */
export function bankAmount(text: string, currency: string, where: string): Decimal {
  if (!isCurrency(currency)) throw new StatementFileError(where, `"${currency}" is not an ISO 4217 currency`);
  const trimmed = text.replace(/^0+(?=\d)/, '');
  if (!DECIMAL.test(trimmed)) throw new StatementFileError(where, `"${text}" is not an amount such as 1234.56`);
  const amount = new Decimal(trimmed);
  if (!fitsMinorUnits(amount, currency)) {
    throw new StatementFileError(where, `${text} has more decimals than ${currency} has`);
  }
  return amount;
}

/** Opening plus the lines must give the closing balance; when not, says by how much and which line may be wrong. */
export function checkBalances(statement: ParsedStatement): void {
  let running = statement.opening.amount;
  for (const line of statement.lines) running = running.plus(signed(line));
  const gap = statement.closing.amount.minus(running);
  if (gap.isZero()) return;
  const flipped = statement.lines.find((line) => signed(line).times(-2).equals(gap));
  const hint = flipped ? ` ${flipped.where} would add up with the other sign (${flipped.direction} looks wrong).` : '';
  throw new StatementFileError(
    statement.closing.where,
    `the opening balance ${statement.opening.amount.toFixed()} (${statement.opening.where}) plus the ` +
      `${statement.lines.length} lines gives ${running.toFixed()}, but the closing balance says ` +
      `${statement.closing.amount.toFixed()}: they differ by ${gap.abs().toFixed()}.` +
      hint,
  );
}

export const signed = (line: Pick<ParsedLine, 'amount' | 'direction'>) =>
  line.direction === 'credit' ? line.amount : line.amount.negated();

/** Bank transaction codes that mean charges or interest: lines that may have no movement in the books yet. */
export function lineNature(transactionCode: string): 'fee' | 'interest' | null {
  const code = transactionCode.toUpperCase();
  if (/(^|\/)CHRG$|(^|\/)COMM$|^NCHG$|^NCOM$|^FEE$/.test(code)) return 'fee';
  if (/(^|\/)INTR$|^NINT$|^INTEREST$/.test(code)) return 'interest';
  return null;
}
