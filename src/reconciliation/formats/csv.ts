import { z } from 'zod';
import { Decimal } from '../../money';
import { type ParsedLine, type ParsedStatement, StatementFileError, bankAmount, calendarDate } from './statement';

/*
 * A bank's CSV export, read through the column mapping saved for that bank: which header names the
 * booking date, the amount (signed, or a credit and a debit column), the running balance, and so
 * on. The running balance is what proves the file adds up: the opening balance is the first row's
 * balance less its amount, every row must follow from the one before, the closing is the last's.
 * RFC 4180 quoting; errors name the line of the file and its column.
 */

const header = z.string().min(1).max(100);

export const csvMappingSchema = z
  .strictObject({
    delimiter: z.enum([',', ';', '\t']).default(','),
    decimal: z.enum(['.', ',']).default('.'),
    dateFormat: z.enum(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY']).default('YYYY-MM-DD'),
    columns: z.strictObject({
      bookingDate: header,
      valueDate: header.optional(),
      amount: header.optional(),
      credit: header.optional(),
      debit: header.optional(),
      balance: header,
      currency: header.optional(),
      counterparty: header.optional(),
      counterpartyAccount: header.optional(),
      remittance: header.optional(),
      endToEndId: header.optional(),
      bankReference: header.optional(),
      transactionCode: header.optional(),
    }),
  })
  .refine(
    (m) => (m.columns.amount !== undefined) !== (m.columns.credit !== undefined && m.columns.debit !== undefined),
    {
      message: 'name either an amount column (signed) or both a credit and a debit column',
      path: ['columns', 'amount'],
    },
  );

export type CsvMapping = z.output<typeof csvMappingSchema>;

/** Rows of an RFC 4180 file, each with the line it starts on. */
function rows(text: string, delimiter: string): Array<{ line: number; cells: string[] }> {
  const result: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      cells.push(cell);
      if (cells.some((value) => value.trim() !== '')) result.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += char;
  }
  if (quoted) throw new StatementFileError(`line ${start}`, 'a quoted cell is never closed');
  cells.push(cell);
  if (cells.some((value) => value.trim() !== '')) result.push({ line: start, cells });
  return result;
}

function isoDate(text: string, format: CsvMapping['dateFormat'], where: string): string {
  const parts = text.trim().split(/[-/.]/);
  const [a = '', b = '', c = ''] = parts;
  const iso =
    format === 'YYYY-MM-DD'
      ? text.trim()
      : format === 'MM/DD/YYYY'
        ? `${c}-${a.padStart(2, '0')}-${b.padStart(2, '0')}`
        : `${c}-${b.padStart(2, '0')}-${a.padStart(2, '0')}`;
  return calendarDate(iso, where);
}

export function parseCsv(text: string, mapping: CsvMapping, accountCurrency: string): ParsedStatement {
  const [head, ...body] = rows(text.replace(/^\uFEFF/, ''), mapping.delimiter);
  if (!head) throw new StatementFileError('line 1', 'the file is empty: a header row is expected');
  const columns = new Map(head.cells.map((name, index) => [name.trim(), index]));
  for (const name of Object.values(mapping.columns)) {
    if (name !== undefined && !columns.has(name)) {
      throw new StatementFileError(`line ${head.line}`, `no column "${name}" (the mapping names it)`);
    }
  }
  if (body.length === 0) throw new StatementFileError(`line ${head.line + 1}`, 'the file has no rows');
  const money = (text: string, currency: string, where: string) => {
    const plain = mapping.decimal === ',' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
    const trimmed = plain.trim();
    const negative = trimmed.startsWith('-');
    const amount = bankAmount(negative || trimmed.startsWith('+') ? trimmed.slice(1) : trimmed, currency, where);
    return negative ? amount.negated() : amount;
  };
  let previous: Decimal | undefined;
  let opening = new Decimal(0);
  const lines: ParsedLine[] = body.map(({ line, cells }) => {
    const cell = (key: keyof CsvMapping['columns']) => {
      const name = mapping.columns[key];
      return name === undefined ? '' : (cells[columns.get(name)!] ?? '').trim();
    };
    const at = (key: keyof CsvMapping['columns']) => `line ${line}, column ${mapping.columns[key]}`;
    const currency = cell('currency') || accountCurrency;
    if (currency !== accountCurrency) {
      throw new StatementFileError(at('currency'), `is ${currency}, the account keeps ${accountCurrency}`);
    }
    let amount: Decimal;
    if (mapping.columns.amount !== undefined) amount = money(cell('amount'), currency, at('amount'));
    else {
      const credit = cell('credit');
      const debit = cell('debit');
      if ((credit === '') === (debit === '')) {
        throw new StatementFileError(`line ${line}`, 'needs an amount in exactly one of the credit and debit columns');
      }
      amount =
        credit !== '' ? money(credit, currency, at('credit')) : money(debit, currency, at('debit')).abs().negated();
    }
    if (amount.isZero())
      throw new StatementFileError(at(mapping.columns.amount ? 'amount' : 'credit'), '0 is not an amount');
    const balance = money(cell('balance'), currency, at('balance'));
    if (previous === undefined) opening = balance.minus(amount);
    else if (!previous.plus(amount).equals(balance)) {
      throw new StatementFileError(
        at('balance'),
        `the balance ${balance.toFixed()} does not follow: ${previous.toFixed()} before plus ${amount.toFixed()} ` +
          `is ${previous.plus(amount).toFixed()}`,
      );
    }
    previous = balance;
    const bookingDate = isoDate(cell('bookingDate'), mapping.dateFormat, at('bookingDate'));
    const value = cell('valueDate');
    return {
      where: `line ${line}`,
      bookingDate,
      valueDate: value ? isoDate(value, mapping.dateFormat, at('valueDate')) : bookingDate,
      amount: amount.abs(),
      direction: amount.isNegative() ? 'debit' : 'credit',
      currency,
      counterparty: cell('counterparty'),
      counterpartyAccount: cell('counterpartyAccount'),
      remittance: cell('remittance'),
      endToEndId: cell('endToEndId'),
      bankReference: cell('bankReference'),
      transactionCode: cell('transactionCode'),
    };
  });
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const dates = lines.map((line) => line.bookingDate).sort();
  return {
    format: 'csv',
    reference: `${dates[0]}..${dates[dates.length - 1]}`,
    account: null,
    currency: accountCurrency,
    opening: { date: dates[0]!, amount: opening, where: first.where },
    closing: { date: dates[dates.length - 1]!, amount: previous!, where: last.where },
    lines,
  };
}
