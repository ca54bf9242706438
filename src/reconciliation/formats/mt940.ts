import { type Balance, type ParsedLine, type ParsedStatement, StatementFileError, bankAmount } from './statement';

/*
 * SWIFT MT940 (customer statement), one statement per file: :20: reference, :25: account,
 * :28C: number, :60F:/:60M: opening, :61: lines each with an optional :86:, :62F:/:62M: closing.
 * Written here rather than taken from npm: the parsers there (mt940js, @centrapay/swift-parser)
 * return amounts as JS numbers or pull moment.js in, and none says which line of the file is wrong.
 * :86: is read in the keyword form /EREF/…/REMI/…/NAME/…/IBAN/… when it has one, else it is all
 * remittance information. An error names the line of the file and its tag.
 */

interface Field {
  tag: string;
  value: string;
  line: number;
}

const FIELD = /^:(\d{2}[A-Z]?):(.*)$/;

function fields(text: string): Field[] {
  const block = /\{4:\s*([\s\S]*?)-\}/.exec(text);
  const body = block ? block[1]! : text;
  const offset = block ? text.slice(0, block.index).split(/\r?\n/).length - 1 : 0;
  const found: Field[] = [];
  body.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1 + offset;
    const match = FIELD.exec(raw);
    if (match) found.push({ tag: match[1]!, value: match[2]!, line });
    else if (raw.trim() === '' || raw.trim() === '-') return;
    else if (found.length > 0) found[found.length - 1]!.value += `\n${raw}`;
    else throw new StatementFileError(`line ${line}`, 'an MT940 statement starts with a :20: field');
  });
  return found;
}

const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d{0,3})$/;
// Value date, booking date (MMDD), mark, funds code, amount, type, customer reference, //bank reference.
const LINE = new RegExp(
  '^(\\d{6})(\\d{4})?(R?[CD])([A-Z])?(\\d{1,15},\\d{0,3})([NSF][A-Z0-9]{3})([^/\\n]{0,16})' +
    '(?:\\/\\/([^\\n]{0,16}))?(?:\\n([\\s\\S]*))?$',
);

/** YYMMDD as a date in 1980–2079 (SWIFT's two-digit years). */
function swiftDate(text: string, where: string): string {
  const year = Number(text.slice(0, 2));
  const iso = `${year < 80 ? 2000 + year : 1900 + year}-${text.slice(2, 4)}-${text.slice(4, 6)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new StatementFileError(where, `"${text}" is not a date (YYMMDD)`);
  }
  return iso;
}

const amountOf = (text: string, currency: string, where: string) =>
  bankAmount(text.replace(',', '.').replace(/\.$/, ''), currency, where);

function balance(field: Field | undefined, tags: string, currency: string | undefined): Balance & { currency: string } {
  if (!field) throw new StatementFileError(tags, 'required field is missing');
  const where = `line ${field.line} (:${field.tag}:)`;
  const match = BALANCE.exec(field.value.trim());
  if (!match)
    throw new StatementFileError(where, 'must be C or D, YYMMDD, currency and amount, e.g. C261201MXN1000,00');
  const [, mark, date, code, amount] = match;
  if (currency !== undefined && code !== currency) {
    throw new StatementFileError(where, `is in ${code}, the opening balance is in ${currency}`);
  }
  const value = amountOf(amount!, code!, where);
  return { date: swiftDate(date!, where), amount: mark === 'D' ? value.negated() : value, where, currency: code! };
}

const KEYWORDS = /\/(EREF|REMI|NAME|ORDP|BENM|IBAN|ACCW|KREF|MREF)\//g;

function information(
  text: string,
): Pick<ParsedLine, 'counterparty' | 'counterpartyAccount' | 'remittance' | 'endToEndId'> {
  const flat = text.replace(/\n/g, '');
  const keys = [...flat.matchAll(KEYWORDS)];
  if (keys.length === 0) return { counterparty: '', counterpartyAccount: '', remittance: flat.trim(), endToEndId: '' };
  const values = new Map<string, string>();
  keys.forEach((key, index) => {
    const end = keys[index + 1]?.index ?? flat.length;
    values.set(key[1]!, flat.slice(key.index + key[0].length, end).trim());
  });
  return {
    counterparty: values.get('NAME') ?? values.get('ORDP') ?? values.get('BENM') ?? '',
    counterpartyAccount: values.get('IBAN') ?? values.get('ACCW') ?? '',
    remittance: values.get('REMI') ?? '',
    endToEndId: values.get('EREF') ?? '',
  };
}

export function parseMt940(text: string): ParsedStatement {
  const all = fields(text);
  const first = (...tags: string[]) => all.find((field) => tags.includes(field.tag));
  const reference = first('20');
  if (!reference) throw new StatementFileError(':20:', 'required field is missing');
  if (all.filter((field) => field.tag === '20').length > 1) {
    throw new StatementFileError(`line ${all.filter((f) => f.tag === '20')[1]!.line} (:20:)`, 'one statement per file');
  }
  const account = first('25');
  if (!account) throw new StatementFileError(':25:', 'required field is missing');
  const opening = balance(first('60F', '60M'), ':60F:', undefined);
  const closing = balance(first('62F', '62M'), ':62F:', opening.currency);
  const lines: ParsedLine[] = [];
  all.forEach((field, index) => {
    if (field.tag !== '61') return;
    const where = `line ${field.line} (:61:)`;
    const match = LINE.exec(field.value.trim());
    if (!match) {
      throw new StatementFileError(
        where,
        'must be YYMMDD[MMDD], C/D/RC/RD, amount, type and reference, e.g. 2612011201C518000,00NTRFNONREF//B1',
      );
    }
    const [, valueText, entryText, mark, , amountText, type, customerReference, bankReference] = match;
    const valueDate = swiftDate(valueText!, where);
    let bookingDate = valueDate;
    if (entryText) {
      // The booking date has no year: the value date's, or the next/previous one across New Year.
      const year = Number(valueDate.slice(0, 4));
      const candidates = [year - 1, year, year + 1].map((y) => `${y}-${entryText.slice(0, 2)}-${entryText.slice(2)}`);
      const distance = (iso: string) => Math.abs(Date.parse(iso) - Date.parse(valueDate));
      bookingDate = candidates
        .filter((iso) => !Number.isNaN(Date.parse(iso)))
        .sort((a, b) => distance(a) - distance(b))[0]!;
      if (!bookingDate) throw new StatementFileError(where, `"${entryText}" is not a booking date (MMDD)`);
    }
    const amount = amountOf(amountText!, opening.currency, where);
    if (amount.isZero()) throw new StatementFileError(where, 'a line moves money: 0 is not an amount');
    // RC (reversal of a credit) takes money out, RD puts it back.
    const direction = mark === 'C' || mark === 'RD' ? 'credit' : 'debit';
    const next = all[index + 1];
    const details = next?.tag === '86' ? information(next.value) : information('');
    lines.push({
      where,
      bookingDate,
      valueDate,
      amount,
      direction,
      currency: opening.currency,
      ...details,
      endToEndId: details.endToEndId || (customerReference && customerReference !== 'NONREF' ? customerReference : ''),
      bankReference: bankReference ?? '',
      transactionCode: type!,
    });
  });
  return {
    format: 'mt940',
    reference: reference.value.trim(),
    account: account.value.trim().split('/').pop()!.replace(/\s/g, ''),
    currency: opening.currency,
    opening,
    closing,
    lines,
  };
}
