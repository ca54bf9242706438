import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  type Balance,
  type ParsedLine,
  type ParsedStatement,
  StatementFileError,
  bankAmount,
  calendarDate,
} from './statement';

/*
 * ISO 20022 camt.053 (bank-to-customer statement), versions .001.02 and .001.08, read with
 * fast-xml-parser. Every value is kept as text (no number parsing), elements are found by their
 * standard names in the document's own namespace (prefixed or not), and an error names the element
 * path, e.g. Document/BkToCstmrStmt/Stmt/Ntry[3]/Amt. One Stmt per file; only booked entries
 * (Sts BOOK) are lines, as only they move the balance.
 */

const NAMESPACES = {
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02': 'camt.053.001.02',
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08': 'camt.053.001.08',
} as const;

const REPEATED = new Set(['Stmt', 'Ntry', 'Bal', 'NtryDtls', 'TxDtls', 'Ustrd']);

type Raw = Record<string, unknown>;

/** An element with its path, reading children by their local names in the document's namespace. */
class Element {
  constructor(
    readonly raw: Raw | string,
    readonly path: string,
    private readonly prefix: string,
  ) {}

  private values(name: string): unknown[] {
    if (typeof this.raw === 'string') return [];
    const value = this.raw[this.prefix + name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  }

  all(name: string): Element[] {
    const values = this.values(name);
    return values.map(
      (value, index) =>
        new Element(
          value as Raw | string,
          `${this.path}/${name}${values.length > 1 ? `[${index + 1}]` : ''}`,
          this.prefix,
        ),
    );
  }

  optional(name: string): Element | undefined {
    return this.all(name)[0];
  }

  one(name: string): Element {
    const found = this.optional(name);
    if (!found) throw new StatementFileError(`${this.path}/${name}`, 'required element is missing');
    return found;
  }

  /** The element's text (an element with attributes keeps it under #text). */
  get text(): string {
    if (typeof this.raw === 'string') return this.raw;
    const text = this.raw['#text'];
    return typeof text === 'string' ? text : '';
  }

  attribute(name: string): string | undefined {
    if (typeof this.raw === 'string') return undefined;
    const value = this.raw[`@${name}`];
    return typeof value === 'string' ? value : undefined;
  }

  /** Text of a descendant by a path of local names, or '' when any step is absent. */
  find(...names: string[]): string {
    const found = names.reduce<Element | undefined>((at, name) => at?.optional(name), this);
    return found?.text.trim() ?? '';
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: true,
  isArray: (name) => REPEATED.has(name.replace(/^.*:/, '')),
});

export function parseCamt053(xml: string): ParsedStatement {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new StatementFileError(
      `line ${valid.err.line}, column ${valid.err.col}`,
      `not well-formed XML: ${valid.err.msg}`,
    );
  }
  const tree = parser.parse(xml) as Raw;
  const rootName = Object.keys(tree).find((key) => /^([A-Za-z_][\w.-]*:)?Document$/.test(key));
  if (!rootName) throw new StatementFileError('Document', 'the root element must be Document (ISO 20022)');
  const prefix = rootName.slice(0, rootName.length - 'Document'.length);
  const root = tree[rootName] as Raw;
  const namespace = root[prefix ? `@xmlns:${prefix.slice(0, -1)}` : '@xmlns'];
  const format = NAMESPACES[namespace as keyof typeof NAMESPACES];
  if (!format) {
    throw new StatementFileError(
      'Document/@xmlns',
      `namespace ${JSON.stringify(namespace ?? null)} is not camt.053.001.02 or camt.053.001.08`,
    );
  }
  const document = new Element(root, 'Document', prefix);
  const statements = document.one('BkToCstmrStmt').all('Stmt');
  if (statements.length !== 1) {
    throw new StatementFileError(
      'Document/BkToCstmrStmt/Stmt',
      `one statement per file, this one has ${statements.length}`,
    );
  }
  const statement = statements[0]!;
  const account = statement.one('Acct');
  const accountId = account.find('Id', 'IBAN') || account.find('Id', 'Othr', 'Id');
  if (!accountId) throw new StatementFileError(`${account.path}/Id`, 'names no IBAN nor Othr/Id');
  const balances = statement.all('Bal');
  const currency = account.find('Ccy') || balances[0]?.optional('Amt')?.attribute('Ccy') || '';
  const opening = balance(balances, ['OPBD', 'PRCD'], currency, statement.path);
  const closing = balance(balances, ['CLBD'], currency, statement.path);
  const lines = statement
    .all('Ntry')
    .filter((entry) => (entry.find('Sts', 'Cd') || entry.find('Sts')).toUpperCase() === 'BOOK')
    .map((entry) => line(entry, currency, format));
  return { format, reference: statement.one('Id').text, account: accountId, currency, opening, closing, lines };
}

function balance(balances: Element[], codes: string[], currency: string, path: string): Balance {
  const found = balances.find((bal) => codes.includes(bal.find('Tp', 'CdOrPrtry', 'Cd')));
  if (!found) throw new StatementFileError(`${path}/Bal`, `no balance of type ${codes.join(' or ')}`);
  const amountElement = found.one('Amt');
  const amount = bankAmount(amountElement.text, sameCurrency(amountElement, currency), amountElement.path);
  const date = found.find('Dt', 'Dt') || found.find('Dt', 'DtTm').slice(0, 10);
  return {
    date: calendarDate(date, `${found.path}/Dt`),
    amount: indicator(found) === 'debit' ? amount.negated() : amount,
    where: found.path,
  };
}

function sameCurrency(amount: Element, currency: string): string {
  const given = amount.attribute('Ccy') ?? '';
  if (given !== currency) {
    throw new StatementFileError(`${amount.path}/@Ccy`, `is ${given || 'missing'}, the account keeps ${currency}`);
  }
  return given;
}

function indicator(element: Element): 'credit' | 'debit' {
  const value = element.find('CdtDbtInd');
  if (value === 'CRDT') return 'credit';
  if (value === 'DBIT') return 'debit';
  throw new StatementFileError(`${element.path}/CdtDbtInd`, `must be CRDT or DBIT, not "${value}"`);
}

function line(entry: Element, currency: string, format: ParsedStatement['format']): ParsedLine {
  const amountElement = entry.one('Amt');
  const amount = bankAmount(amountElement.text, sameCurrency(amountElement, currency), amountElement.path);
  if (amount.isZero())
    throw new StatementFileError(amountElement.path, 'a booked entry moves money: 0 is not an amount');
  const direction = indicator(entry);
  const bookingDate = calendarDate(
    entry.find('BookgDt', 'Dt') || entry.find('BookgDt', 'DtTm').slice(0, 10),
    `${entry.path}/BookgDt`,
  );
  const value = entry.find('ValDt', 'Dt') || entry.find('ValDt', 'DtTm').slice(0, 10);
  const details = entry.optional('NtryDtls')?.optional('TxDtls');
  // The other party: who paid us on a credit, whom we paid on a debit. .001.08 wraps the name in Pty.
  const other = details?.optional('RltdPties')?.optional(direction === 'credit' ? 'Dbtr' : 'Cdtr');
  const counterparty = format === 'camt.053.001.08' ? (other?.find('Pty', 'Nm') ?? '') : (other?.find('Nm') ?? '');
  const otherAccount = details?.optional('RltdPties')?.optional(direction === 'credit' ? 'DbtrAcct' : 'CdtrAcct');
  const code = entry.optional('BkTxCd');
  const domain = code?.optional('Domn');
  const transactionCode = domain
    ? [domain.find('Cd'), domain.find('Fmly', 'Cd'), domain.find('Fmly', 'SubFmlyCd')].join('/')
    : (code?.find('Prtry', 'Cd') ?? '');
  const remittance = (details?.optional('RmtInf')?.all('Ustrd') ?? []).map((part) => part.text.trim()).join(' ');
  const structured = details?.optional('RmtInf')?.optional('Strd')?.find('CdtrRefInf', 'Ref') ?? '';
  return {
    where: entry.path,
    bookingDate,
    valueDate: value ? calendarDate(value, `${entry.path}/ValDt`) : bookingDate,
    amount,
    direction,
    currency,
    counterparty,
    counterpartyAccount: otherAccount ? otherAccount.find('Id', 'IBAN') || otherAccount.find('Id', 'Othr', 'Id') : '',
    remittance: [remittance, structured].filter(Boolean).join(' '),
    endToEndId: details?.find('Refs', 'EndToEndId') ?? '',
    bankReference: entry.find('AcctSvcrRef') || (details?.find('Refs', 'AcctSvcrRef') ?? '') || entry.find('NtryRef'),
    transactionCode,
  };
}
