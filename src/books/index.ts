/**
 * Reading the books on behalf of a caller: who may read what, on top of src/ledger's queries.
 *
 * - An account and its balance: the administrator, auditors, and whoever src/access says sees
 *   the account (its owner organisation, the parties of its application or programme, as the chart
 *   of accounts records them). Anyone else gets 404, as if the account did not exist.
 * - The journal, the trial balance and the hash-chain report: the administrator and auditors only
 *   (403 for other keys): they span every organisation's money.
 *
 * Balances are asked at instants up to now, never later: a balance "at" a future instant would be
 * today's balance, and could change before that instant comes, breaking the promise that a
 * balance asked for an instant is the same whenever it is asked (docs/ledger.md, Time). "Now" is
 * the real time, not the workflow's clock (which tests move): the books count in booking times,
 * and those are the database's real time.
 */
import { eq, inArray } from 'drizzle-orm';
import { type AccountOwnership, accountOwnership, seesAccount } from '../access';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import { ledgerAccounts, programmes } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import {
  type Account,
  type ChainReport,
  type Entry,
  type Posting,
  type TrialBalance,
  balanceAt,
  getAccount,
  listEntries,
  recordVerification,
  trialBalance,
  verifyLedger,
} from '../ledger';
import { isUuid } from '../ledger/entry-rules';
import { programmeTrialBalance } from '../workflow';

/** The administrator and auditors: the only readers of the whole books. */
export const requireBooksReader = (caller: Caller) => requireRole(caller.actor, ['auditor'], { admin: true });

function notInFuture(at: Date | undefined, field: string): void {
  const now = new Date();
  if (at !== undefined && at.getTime() > now.getTime()) {
    throw ValidationError.field(
      field,
      `must not be in the future (now is ${now.toISOString()}): a future balance is not known yet`,
    );
  }
}

/** A ledger account with whom it serves: null throughout for an account outside the chart. */
export type OwnedAccount = Account & { [K in keyof AccountOwnership]: AccountOwnership[K] | null };

/** The account and its place in the chart, if the caller may see it; NotFoundError otherwise. */
export async function readAccount(db: Executor, caller: Caller, accountId: string): Promise<OwnedAccount> {
  const account = await getAccount(db, accountId);
  const ownership = await accountOwnership(db, account.id);
  if (!(await seesAccount(db, caller.actor, ownership))) throw new NotFoundError('ledger account', accountId);
  return {
    ...account,
    ownerOrganisationId: ownership?.ownerOrganisationId ?? null,
    programmeId: ownership?.programmeId ?? null,
    applicationId: ownership?.applicationId ?? null,
  };
}

export interface BalanceReport {
  accountId: string;
  code: string;
  currency: string;
  at: Date;
  /** Posted balance on the account's normal side at `at`. */
  balance: string;
  /** Postings on the account up to `at`. */
  version: string;
  /** Only for the balance now: what pending holds reserve, and what is left to spend or reserve. */
  held?: string;
  available?: string;
}

/** The balance now (with holds), or at a past instant (posted only: holds are not kept by instant). */
export async function readBalance(db: Executor, caller: Caller, accountId: string, at?: Date): Promise<BalanceReport> {
  notInFuture(at, 'query.at');
  const account = await readAccount(db, caller, accountId);
  const base = { accountId, code: account.code, currency: account.currency };
  if (at === undefined) {
    return {
      ...base,
      at: new Date(),
      balance: account.balance,
      version: account.version,
      held: account.held,
      available: account.available,
    };
  }
  const past = await balanceAt(db, accountId, at);
  return { ...base, at, balance: past.balance, version: past.version };
}

export interface JournalPage {
  entries: Array<Entry & { postings: Array<Posting & { accountCode: string }> }>;
  /** The id of the last entry shown when there are more, for the next page. */
  nextAfter: string | null;
}

/** Journal entries with their postings, newest first; each posting names its account's code. */
export async function readJournal(
  db: Executor,
  caller: Caller,
  filter: { accountId?: string; kind?: string; from?: Date; to?: Date; limit: number; after?: string },
): Promise<JournalPage> {
  requireBooksReader(caller);
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    throw ValidationError.field('query.to', 'must be after from (from is inclusive, to exclusive)');
  }
  if (filter.accountId !== undefined) await getAccount(db, filter.accountId);
  const { entries, nextCursor } = await listEntries(db, {
    ...(filter.accountId !== undefined && { accountId: filter.accountId }),
    ...(filter.kind !== undefined && { kind: filter.kind }),
    ...(filter.from !== undefined && { from: filter.from }),
    ...(filter.to !== undefined && { to: filter.to }),
    ...(filter.after !== undefined && { cursor: filter.after }),
    limit: filter.limit,
  });
  const accountIds = [...new Set(entries.flatMap((entry) => entry.postings.map((posting) => posting.accountId)))];
  const codes =
    accountIds.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await db
              .select({ id: ledgerAccounts.id, code: ledgerAccounts.code })
              .from(ledgerAccounts)
              .where(inArray(ledgerAccounts.id, accountIds))
          ).map((row) => [row.id, row.code]),
        );
  return {
    entries: entries.map((entry) => ({
      ...entry,
      postings: entry.postings.map((posting) => ({ ...posting, accountCode: codes.get(posting.accountId) ?? '' })),
    })),
    nextAfter: nextCursor,
  };
}

/** Debit and credit totals per account at an instant (now by default), of one programme or all. */
export async function readTrialBalance(
  db: Executor,
  caller: Caller,
  options: { at?: Date; programmeId?: string },
): Promise<TrialBalance> {
  requireBooksReader(caller);
  notInFuture(options.at, 'query.at');
  const { programmeId } = options;
  if (programmeId === undefined) return trialBalance(db, options.at !== undefined ? { at: options.at } : {});
  const [programme] = isUuid(programmeId)
    ? await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId))
    : [];
  if (!programme) throw new NotFoundError('programme', programmeId);
  return programmeTrialBalance(db, programmeId, options.at);
}

/**
 * Recomputes the whole hash chain and checks every posting and balance from the rows as they are
 * now, trusting no checkpoint; a clean result is recorded as one, for documents to start from.
 */
export async function readChainReport(db: Executor, caller: Caller): Promise<ChainReport> {
  requireBooksReader(caller);
  const verification = await verifyLedger(db, { whole: true });
  await recordVerification(db, verification);
  return verification.report;
}
