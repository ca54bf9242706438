import type { ChainStatus, Statement, StatementRow, TrialBalance } from './model';
import { batched } from './streams';
import { CountedRows, SectionTally, TrialBalanceTally, talliedRows, trialBalanceRowBalance } from './tally';

/*
 * RFC 4180 CSV: CRLF line ends, a header line, fields holding a comma, a double quote, CR or LF are
 * quoted and their quotes doubled. Amounts are the ledger's plain decimal strings ("-1234.50"), not
 * locale-formatted, so any spreadsheet reads them as numbers whatever its language; instants are ISO
 * 8601 UTC. One file holds the whole document: the `record` column says what each line is.
 */

const CRLF = '\r\n';
const NEEDS_QUOTES = /[",\r\n]/;
/** A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Lets Excel recognise UTF-8 (else "Aportación" arrives garbled); other readers skip it. */
const BYTE_ORDER_MARK = '\ufeff';

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + CRLF;
}

/**
 * Free text (memos, names) made inert for spreadsheets: a leading =, +, -, @ gets an apostrophe,
 * as OWASP advises. Amounts are never passed through this: a negative balance stays a number.
 */
export function inertText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark (default true). */
  byteOrderMark?: boolean;
}

export const STATEMENT_CSV_COLUMNS = [
  'record',
  'account_code',
  'account_name',
  'currency',
  'booked_at',
  'effective_at',
  'entry_id',
  'kind',
  'memo',
  'counter_accounts',
  'debit',
  'credit',
  'balance',
  'party',
  'organisation',
  'committed',
  'paid',
  'disbursed',
  'refunded',
  'bank_balance',
  'difference',
  'matched_lines',
  'unmatched_bank_lines',
  'unmatched_ledger_movements',
  'oldest_open_days',
  'document_type',
  'rule',
  'sha256',
] as const;

type StatementCsvRecord = Partial<Record<(typeof STATEMENT_CSV_COLUMNS)[number], string>>;

function statementRecord(record: StatementCsvRecord): string {
  return csvRecord(STATEMENT_CSV_COLUMNS.map((column) => record[column] ?? ''));
}

/**
 * Records, in order: per section `opening` (balance at period.from), one `entry` per posting
 * (balance = balance after it), `closing` (debit/credit = the period's totals, balance = the
 * ledger's closing balance; memo says when the rows do not reconcile with it); then one `party`
 * per funder, on a programme statement one `bank_account` per bank account (kind = its
 * reconciliation status, balance = the books', bank_balance and difference at the period's end,
 * memo = the bank statement's reference, the open-item counts), on an application statement one
 * `document` per stored document behind a step (booked_at = uploaded, entry_id = its id, kind = the
 * step or `tranche <index>`, memo = the file name, document_type, rule, sha256), and a final `chain` record (kind
 * verified|broken, entry_id and memo naming the seal).
 */
export function renderStatementCsv(statement: Statement, options: CsvOptions = {}): AsyncGenerator<string> {
  return statementChunks(statement, options);
}

/** About this many characters per chunk: one write per record would cost more than the record. */
const CHUNK_SIZE = 64 * 1024;

/** What an `entry` record has after its balance: the columns of the other records, empty. */
const ENTRY_TAIL = ','.repeat(STATEMENT_CSV_COLUMNS.length - 1 - STATEMENT_CSV_COLUMNS.indexOf('balance')) + CRLF;

/**
 * An `entry` record, as statementRecord would write it, without building its 28 fields: the line
 * that repeats 100,000 times. `lead` is its first four fields and their commas. The amounts were
 * checked by the section's tally (digits, a point, a sign): nothing in them needs quoting.
 */
function entryRecord(lead: string, row: StatementRow): string {
  return (
    `${lead}${csvField(row.bookedAt)},${csvField(row.effectiveAt)},${csvField(row.entryId)},` +
    `${csvField(inertText(row.kind))},${csvField(inertText(row.memo))},` +
    `${csvField(inertText(row.counterAccounts.join('; ')))},` +
    `${row.side === 'debit' ? `${row.amount},` : `,${row.amount}`},${row.balanceAfter}${ENTRY_TAIL}`
  );
}

async function* statementChunks(statement: Statement, { byteOrderMark = true }: CsvOptions): AsyncGenerator<string> {
  const { header } = statement;
  let chunk = (byteOrderMark ? BYTE_ORDER_MARK : '') + csvRecord(STATEMENT_CSV_COLUMNS);
  for (const section of statement.sections) {
    const { account } = section;
    const accountFields = {
      account_code: account.code,
      account_name: inertText(account.name),
      currency: account.currency,
    };
    const tally = new SectionTally(section);
    chunk += statementRecord({
      record: 'opening',
      ...accountFields,
      booked_at: header.period.from.toISOString(),
      balance: section.openingBalance,
    });
    const lead = ['entry', accountFields.account_code, accountFields.account_name, account.currency, '']
      .map(csvField)
      .join(',');
    const rows = new CountedRows(section.rows, section.rowCount, `section ${account.code}`);
    try {
      for (let index = 0; index < section.rowCount; index++) {
        const row = await rows.next();
        tally.add(row);
        chunk += entryRecord(lead, row);
        if (chunk.length >= CHUNK_SIZE) {
          yield chunk;
          chunk = '';
        }
      }
      await rows.finish();
    } finally {
      await rows.close();
    }
    const outcome = tally.outcome();
    chunk += statementRecord({
      record: 'closing',
      ...accountFields,
      booked_at: header.period.to.toISOString(),
      memo: outcome.reconciled
        ? ''
        : `NOT RECONCILED: opening + movements = ${outcome.computedClosing}` +
          (outcome.firstMismatchEntry ? `; running balance differs from entry ${outcome.firstMismatchEntry}` : ''),
      debit: outcome.debitTotal,
      credit: outcome.creditTotal,
      balance: section.closingBalance,
    });
  }
  for (const party of statement.parties) {
    chunk += statementRecord({
      record: 'party',
      currency: party.currency,
      party: inertText(party.party),
      organisation: inertText(party.organisation),
      committed: party.committed,
      paid: party.paid,
      disbursed: party.disbursed,
      refunded: party.refunded,
    });
  }
  for (const bank of statement.bankAccounts ?? []) {
    chunk += statementRecord({
      record: 'bank_account',
      account_code: bank.accountCode,
      account_name: inertText(`${bank.bank} ${bank.scheme} ${bank.number}`),
      currency: bank.currency,
      booked_at: header.period.to.toISOString(),
      entry_id: bank.bankAccountId,
      kind: bank.status,
      memo: inertText(bank.statementReference ?? ''),
      balance: bank.ledgerBalance,
      bank_balance: bank.bankBalance ?? '',
      difference: bank.difference ?? '',
      matched_lines: String(bank.matchedLines),
      unmatched_bank_lines: String(bank.unmatchedBankLines),
      unmatched_ledger_movements: String(bank.unmatchedLedgerMovements),
      oldest_open_days: bank.oldestOpenDays === null ? '' : String(bank.oldestOpenDays),
    });
  }
  for (const document of statement.documents ?? []) {
    chunk += statementRecord({
      record: 'document',
      booked_at: document.uploadedAt.toISOString(),
      entry_id: document.documentId,
      kind: document.trancheIndex === null ? document.step : `tranche ${document.trancheIndex}`,
      memo: inertText(document.fileName),
      document_type: document.type,
      rule: inertText(document.rule ?? ''),
      sha256: document.sha256,
    });
  }
  chunk += statementRecord(chainRecord(statement.chain));
  yield chunk;
}

function chainRecord(chain: ChainStatus): StatementCsvRecord {
  const facts = [`${chain.entriesChecked} entries checked`, `${chain.unsealed} unsealed`];
  if (chain.since) {
    facts.push(
      `${chain.recomputed ?? 0} recomputed from the checkpoint at seal ${chain.since.sealSeq} ` +
        `(verified ${chain.since.verifiedAt.toISOString()})`,
    );
  }
  if (chain.lastEntry) facts.unshift(`seal ${chain.lastEntry.sealSeq} sha256 ${chain.lastEntry.hash}`);
  if (chain.firstBadEntry) facts.push(`first bad entry ${chain.firstBadEntry}`);
  if (chain.unaccounted) facts.push(`${chain.unaccounted} entries outside the chain`);
  if (chain.balanceMismatches?.length)
    facts.push(`balances differ from postings on ${chain.balanceMismatches.join(' ')}`);
  return {
    record: 'chain',
    kind: chain.ok ? 'verified' : 'broken',
    entry_id: chain.lastEntry?.id ?? '',
    memo: facts.join('; '),
  };
}

export const TRIAL_BALANCE_CSV_COLUMNS = [
  'record',
  'currency',
  'account_code',
  'account_name',
  'account_type',
  'normal_side',
  'debit',
  'credit',
  'balance',
] as const;

/**
 * `account` records (debit and credit totals, balance on the normal side), per currency a `total`
 * record whose account_name is "balanced" or "NOT BALANCED", and a final `chain` record:
 * account_code = the last sealed entry, account_name = the seal and counts, account_type =
 * verified|broken.
 */
export function renderTrialBalanceCsv(trialBalance: TrialBalance, options: CsvOptions = {}): AsyncGenerator<string> {
  return batched(trialBalanceRecords(trialBalance, options));
}

async function* trialBalanceRecords(
  trialBalance: TrialBalance,
  { byteOrderMark = true }: CsvOptions,
): AsyncGenerator<string> {
  if (byteOrderMark) yield BYTE_ORDER_MARK;
  yield csvRecord(TRIAL_BALANCE_CSV_COLUMNS);
  for (const group of trialBalance.groups) {
    const tally = new TrialBalanceTally(group.currency);
    for await (const row of talliedRows(group.rows, group.rowCount, `trial balance ${group.currency}`, tally)) {
      yield csvRecord([
        'account',
        group.currency,
        row.code,
        inertText(row.name),
        row.type,
        row.normalSide,
        row.debit,
        row.credit,
        trialBalanceRowBalance(row, group.currency),
      ]);
    }
    const outcome = tally.outcome();
    yield csvRecord([
      'total',
      group.currency,
      '',
      outcome.balanced ? 'balanced' : 'NOT BALANCED',
      '',
      '',
      outcome.debitTotal,
      outcome.creditTotal,
      '',
    ]);
  }
  const chain = chainRecord(trialBalance.chain);
  yield csvRecord(['chain', '', chain.entry_id ?? '', chain.memo ?? '', chain.kind ?? '', '', '', '', '']);
}
