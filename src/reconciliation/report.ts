import { and, desc, eq, sql } from 'drizzle-orm';
import type { Caller } from '../auth';
import { bankLines, bankStatements, programmes } from '../db/schema';
import { ValidationError } from '../errors';
import { type Transaction, balanceAt } from '../ledger';
import { Decimal, formatMoney } from '../money';
import { ledgerChainStatus } from '../statements/ledger-source';
import type { ChainStatus } from '../statements/model';
import { type BankAccountView, bankAccountsOfProgramme, readBankAccount, visibleBankAccounts } from './bank-accounts';
import { type BankLine, matchState, movementsOf, proposedEntry, signedLine } from './matches';

const DAY = 86_400_000;
const ageInDays = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / DAY));

export interface Reconciliation {
  bankAccount: BankAccountView;
  at: Date;
  /** The books' balance of the linked account at `at`. */
  ledgerBalance: string;
  /** The bank's balance on `at`'s date, from the statement covering it; null before any statement. */
  bankBalance: string | null;
  /** ledgerBalance - bankBalance; null before any statement. */
  difference: string | null;
  /** reconciled: no difference and nothing unmatched on either side. */
  status: 'reconciled' | 'unreconciled' | 'no-statement';
  statement: { id: string; reference: string; openingDate: string; closingDate: string } | null;
  matched: { lines: number; credits: string; debits: string };
  unmatchedBank: Array<{
    lineId: string;
    bookingDate: string;
    amount: string;
    direction: 'credit' | 'debit';
    counterparty: string;
    remittance: string;
    ageDays: number;
    proposal: { kind: string; counterAccount: string } | null;
  }>;
  unmatchedLedger: Array<{
    entryId: string;
    kind: string;
    date: string;
    amount: string;
    memo: string;
    ageDays: number;
  }>;
  chain: ChainStatus;
}

/**
 * The bank account reconciled at an instant: the books' balance of its ledger account against the
 * bank's on that date, what is matched, what is open on each side and for how long, and the hash
 * chain's fingerprint (as statements print it) so that the report can be checked against the books.
 * Matches count as they stood at that instant.
 */
export async function reconciliation(
  db: Transaction,
  caller: Caller,
  bankAccountId: string,
  at?: Date,
): Promise<Reconciliation> {
  if (at && at.getTime() > Date.now()) {
    throw ValidationError.field('query.at', 'must not be in the future: a balance there is not known yet');
  }
  const account = await readBankAccount(db, caller, bankAccountId);
  return reconcile(db, account, at ?? new Date(), await ledgerChainStatus(db));
}

/** Each bank account the caller sees, reconciled at an instant (now by default), the chain verified once. */
export async function visibleReconciliations(db: Transaction, caller: Caller, at?: Date): Promise<Reconciliation[]> {
  if (at && at.getTime() > Date.now()) {
    throw ValidationError.field('query.at', 'must not be in the future: a balance there is not known yet');
  }
  const accounts = await visibleBankAccounts(db, caller);
  const chain = await ledgerChainStatus(db);
  const reports = [];
  for (const account of accounts) reports.push(await reconcile(db, account, at ?? new Date(), chain));
  return reports;
}

async function reconcile(
  db: Transaction,
  account: BankAccountView,
  at: Date,
  chain: ChainStatus,
): Promise<Reconciliation> {
  const day = at.toISOString().slice(0, 10);
  const [ledger, movements, state, lines, [covering], [programme]] = await Promise.all([
    balanceAt(db, account.ledgerAccountId, at),
    movementsOf(db, account, at),
    matchState(db, account.id, at),
    db
      .select()
      .from(bankLines)
      .where(and(eq(bankLines.bankAccountId, account.id), sql`${bankLines.bookingDate} <= ${day}::date`)),
    db
      .select()
      .from(bankStatements)
      .where(and(eq(bankStatements.bankAccountId, account.id), sql`${bankStatements.openingDate} <= ${day}::date`))
      .orderBy(desc(bankStatements.openingDate), desc(bankStatements.importedAt))
      .limit(1),
    db.select().from(programmes).where(eq(programmes.id, account.programmeId)),
  ]);
  const money = (amount: Decimal) => formatMoney(amount, account.currency);
  const bank = covering
    ? lines
        .filter((line) => line.statementId === covering.id)
        .reduce((total, line) => total.plus(signedLine(line)), new Decimal(covering.openingBalance))
    : null;
  const matchedLines = lines.filter((line) => state.lines.has(line.id.toString()));
  const sumOf = (rows: BankLine[], direction: 'credit' | 'debit') =>
    money(rows.filter((l) => l.direction === direction).reduce((t, l) => t.plus(l.amount), new Decimal(0)));
  const openLines = lines
    .filter((line) => !state.lines.has(line.id.toString()))
    .sort((a, b) => a.bookingDate.localeCompare(b.bookingDate) || Number(a.id - b.id));
  const openMovements = movements.filter((movement) => !state.entries.has(movement.entryId));
  const difference = bank === null ? null : new Decimal(ledger.balance).minus(bank);
  return {
    bankAccount: account,
    at,
    ledgerBalance: ledger.balance,
    bankBalance: bank === null ? null : money(bank),
    difference: difference === null ? null : money(difference),
    status:
      difference === null
        ? 'no-statement'
        : difference.isZero() && openLines.length === 0 && openMovements.length === 0
          ? 'reconciled'
          : 'unreconciled',
    statement: covering
      ? {
          id: covering.id,
          reference: covering.reference,
          openingDate: covering.openingDate,
          closingDate: covering.closingDate,
        }
      : null,
    matched: {
      lines: matchedLines.length,
      credits: sumOf(matchedLines, 'credit'),
      debits: sumOf(matchedLines, 'debit'),
    },
    unmatchedBank: openLines.map((line) => {
      const proposal = proposedEntry(account, programme!.code, line);
      return {
        lineId: line.id.toString(),
        bookingDate: line.bookingDate,
        amount: line.amount,
        direction: line.direction,
        counterparty: line.counterparty,
        remittance: line.remittance,
        ageDays: ageInDays(line.bookingDate, day),
        proposal: proposal && { kind: proposal.kind, counterAccount: proposal.counterAccount },
      };
    }),
    unmatchedLedger: openMovements.map((movement) => ({
      entryId: movement.entryId,
      kind: movement.kind,
      date: movement.date,
      amount: money(movement.amount),
      memo: movement.memo,
      ageDays: ageInDays(movement.date, day),
    })),
    chain,
  };
}

/**
 * Each bank account of a programme registered by an instant, reconciled then, by ledger account
 * code: what the programme statement shows. The chain status is the statement's own: verifying
 * the chain once per account would repeat the same work.
 */
export async function programmeReconciliations(
  db: Transaction,
  programmeId: string,
  at: Date,
  chain: ChainStatus,
): Promise<Reconciliation[]> {
  const accounts = (await bankAccountsOfProgramme(db, programmeId))
    .filter((account) => account.createdAt.getTime() <= at.getTime())
    .sort((a, b) => a.ledgerAccount.code.localeCompare(b.ledgerAccount.code));
  const reports = [];
  for (const account of accounts) reports.push(await reconcile(db, account, at, chain));
  return reports;
}
