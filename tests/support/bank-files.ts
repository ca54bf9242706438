/**
 * Bank statement files as banks write them, built by the tests (and the benchmark) from movements:
 * camt.053 in versions .001.02 and .001.08 with the standard's element names and namespaces,
 * SWIFT MT940, and a CSV with a running balance.
 */
import { Decimal } from '../../src/money';

export interface FileLine {
  bookingDate: string;
  valueDate?: string;
  /** Positive. */
  amount: string;
  direction: 'credit' | 'debit';
  counterparty?: string;
  counterpartyAccount?: string;
  remittance?: string;
  endToEndId?: string;
  bankReference?: string;
  /** camt Domn/Fmly/SubFmly, e.g. "PMNT/RCDT/ESCT"; "ACMT/MDOP/CHRG" for charges. */
  transactionCode?: string;
  /** camt only: the amount instructed in another currency, e.g. { amount: '40000.00', currency: 'USD' }. */
  instructed?: { amount: string; currency: string };
}

export interface FileStatement {
  id: string;
  account: { iban?: string; other?: string };
  currency: string;
  openingDate: string;
  opening: string;
  closingDate: string;
  /** Default: the opening plus the lines. */
  closing?: string;
  lines: FileLine[];
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const signed = (line: FileLine) =>
  line.direction === 'credit' ? new Decimal(line.amount) : new Decimal(line.amount).negated();

export function closingOf(statement: FileStatement): Decimal {
  return statement.lines.reduce((total, line) => total.plus(signed(line)), new Decimal(statement.opening));
}

const fixed = (amount: Decimal, scale = 2) => amount.abs().toFixed(scale);

export function camt053(statement: FileStatement, version: '02' | '08' = '08'): string {
  const closing = statement.closing !== undefined ? new Decimal(statement.closing) : closingOf(statement);
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`;
  const party = (tag: string, name: string | undefined) =>
    name === undefined
      ? ''
      : version === '08'
        ? `<${tag}><Pty><Nm>${escape(name)}</Nm></Pty></${tag}>`
        : `<${tag}><Nm>${escape(name)}</Nm></${tag}>`;
  const balance = (code: string, amount: Decimal, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${statement.currency}">${fixed(amount)}</Amt>` +
    `<CdtDbtInd>${amount.isNegative() ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const account = statement.account.iban
    ? `<Id><IBAN>${statement.account.iban}</IBAN></Id>`
    : `<Id><Othr><Id>${statement.account.other}</Id></Othr></Id>`;
  const entries = statement.lines.map((line, index) => {
    const [domain = 'PMNT', family = 'RCDT', sub = 'OTHR'] = (line.transactionCode ?? 'PMNT/RCDT/OTHR').split('/');
    const debtor = line.direction === 'credit' ? party('Dbtr', line.counterparty) : '';
    const creditor = line.direction === 'debit' ? party('Cdtr', line.counterparty) : '';
    const accountTag = line.direction === 'credit' ? 'DbtrAcct' : 'CdtrAcct';
    const otherAccount = line.counterpartyAccount
      ? `<${accountTag}><Id><Othr><Id>${line.counterpartyAccount}</Id></Othr></Id></${accountTag}>`
      : '';
    // RltdPties in the standard's order: Dbtr, DbtrAcct, Cdtr, CdtrAcct.
    const parties = line.direction === 'credit' ? debtor + otherAccount : creditor + otherAccount;
    const status = version === '08' ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>';
    const instructed = line.instructed
      ? `<AmtDtls><InstdAmt><Amt Ccy="${line.instructed.currency}">${line.instructed.amount}</Amt></InstdAmt></AmtDtls>`
      : '';
    return (
      `<Ntry><NtryRef>${index + 1}</NtryRef><Amt Ccy="${statement.currency}">${line.amount}</Amt>` +
      `<CdtDbtInd>${line.direction === 'credit' ? 'CRDT' : 'DBIT'}</CdtDbtInd>${status}` +
      `<BookgDt><Dt>${line.bookingDate}</Dt></BookgDt><ValDt><Dt>${line.valueDate ?? line.bookingDate}</Dt></ValDt>` +
      `<AcctSvcrRef>${escape(line.bankReference ?? `BR${index + 1}`)}</AcctSvcrRef>` +
      `<BkTxCd><Domn><Cd>${domain}</Cd><Fmly><Cd>${family}</Cd><SubFmlyCd>${sub}</SubFmlyCd></Fmly></Domn></BkTxCd>` +
      `<NtryDtls><TxDtls><Refs><EndToEndId>${escape(line.endToEndId ?? 'NOTPROVIDED')}</EndToEndId></Refs>` +
      `${instructed}` +
      (parties ? `<RltdPties>${parties}</RltdPties>` : '') +
      (line.remittance ? `<RmtInf><Ustrd>${escape(line.remittance)}</Ustrd></RmtInf>` : '') +
      `</TxDtls></NtryDtls></Ntry>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Document xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><BkToCstmrStmt>` +
    `<GrpHdr><MsgId>MSG-${escape(statement.id)}</MsgId><CreDtTm>${statement.closingDate}T23:00:00Z</CreDtTm></GrpHdr>` +
    `<Stmt><Id>${escape(statement.id)}</Id><CreDtTm>${statement.closingDate}T23:00:00Z</CreDtTm>` +
    `<FrToDt><FrDtTm>${statement.openingDate}T00:00:00Z</FrDtTm>` +
    `<ToDtTm>${statement.closingDate}T23:59:59Z</ToDtTm></FrToDt>` +
    `<Acct>${account}<Ccy>${statement.currency}</Ccy></Acct>` +
    balance('OPBD', new Decimal(statement.opening), statement.openingDate) +
    balance('CLBD', closing, statement.closingDate) +
    entries.join('\n') +
    `</Stmt></BkToCstmrStmt></Document>\n`
  );
}

const swiftDate = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const swiftAmount = (amount: Decimal | string) => new Decimal(amount).abs().toFixed(2).replace('.', ',');
const MT940_CODES: Record<string, string> = { CHRG: 'NCHG', INTR: 'NINT' };

export function mt940(statement: FileStatement): string {
  const closing = statement.closing !== undefined ? new Decimal(statement.closing) : closingOf(statement);
  const mark = (amount: Decimal) => (amount.isNegative() ? 'D' : 'C');
  const opening = new Decimal(statement.opening);
  const out = [
    `:20:${statement.id.slice(0, 16)}`,
    `:25:${statement.account.iban ?? statement.account.other}`,
    ':28C:00001/001',
    `:60F:${mark(opening)}${swiftDate(statement.openingDate)}${statement.currency}${swiftAmount(opening)}`,
  ];
  for (const [index, line] of statement.lines.entries()) {
    const sub = (line.transactionCode ?? '').split('/')[2] ?? '';
    out.push(
      `:61:${swiftDate(line.valueDate ?? line.bookingDate)}${swiftDate(line.bookingDate).slice(2)}` +
        `${line.direction === 'credit' ? 'C' : 'D'}${swiftAmount(line.amount)}${MT940_CODES[sub] ?? 'NTRF'}NONREF` +
        `//${(line.bankReference ?? `BR${index + 1}`).slice(0, 16)}`,
    );
    const details = [
      line.endToEndId ? `/EREF/${line.endToEndId}` : '',
      line.remittance ? `/REMI/${line.remittance}` : '',
      line.counterparty ? `/NAME/${line.counterparty}` : '',
      line.counterpartyAccount ? `/IBAN/${line.counterpartyAccount}` : '',
    ].join('');
    if (details) out.push(`:86:${details}`);
  }
  out.push(`:62F:${mark(closing)}${swiftDate(statement.closingDate)}${statement.currency}${swiftAmount(closing)}`, '-');
  return `${out.join('\r\n')}\r\n`;
}

/** The mapping the CSV below needs (save it with POST /v1/bank-csv-mappings). */
export const CSV_MAPPING = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'DD/MM/YYYY',
  columns: {
    bookingDate: 'Fecha',
    valueDate: 'Fecha valor',
    amount: 'Importe',
    balance: 'Saldo',
    counterparty: 'Ordenante/Beneficiario',
    counterpartyAccount: 'Cuenta',
    remittance: 'Concepto',
    endToEndId: 'Referencia',
    bankReference: 'Folio',
    transactionCode: 'Código',
  },
} as const;

const csvCell = (text: string) => (/[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csvDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const csvAmount = (amount: Decimal) => amount.toFixed(2).replace('.', ',');

export function csv(statement: FileStatement): string {
  let balance = new Decimal(statement.opening);
  const rows = [Object.values(CSV_MAPPING.columns).join(';')];
  for (const [index, line] of statement.lines.entries()) {
    balance = balance.plus(signed(line));
    rows.push(
      [
        csvDate(line.bookingDate),
        csvDate(line.valueDate ?? line.bookingDate),
        csvAmount(signed(line)),
        csvAmount(balance),
        line.counterparty ?? '',
        line.counterpartyAccount ?? '',
        line.remittance ?? '',
        line.endToEndId ?? '',
        line.bankReference ?? `BR${index + 1}`,
        line.transactionCode ?? '',
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
