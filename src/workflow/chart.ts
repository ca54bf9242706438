/**
 * The chart of accounts of a programme and its applications: every account cofund opens, named
 * so that an auditor can follow a peso from a party's budget to a tranche and back.
 *
 *   programme:{code}:{party}:pool            asset, never below 0   a public party's money for the programme
 *   programme:{code}:{party}:source:{CUR}    equity, no limit       money entering/leaving the books from that party
 *   programme:{code}:fx:{CUR}                equity, no limit       FX position: each currency balances on its own
 *   programme:{code}:bank-charges:{CUR}      expense, no limit      fees the programme's banks charge
 *   programme:{code}:bank-interest:{CUR}     income, no limit       interest its banks pay
 *   application:{id}:{party}:share           asset, never below 0   the party's money received for the project,
 *                                                                   not yet paid out
 *   application:{id}:{party}:disbursed       expense, no limit      what the project paid out of that party's
 *                                                                   share (tranches)
 *
 * Budget: pool <- source. Approval: a hold on the pool for the party's share, counter-account its
 * share account. Contribution: share <- source (through FX positions when paid in another
 * currency). Tranche: hold capture pool -> share, then share -> disbursed. Refund: share -> pool
 * (public money) or share -> source (own money and credit). Clawback: disbursed -> pool.
 *
 * The ledger knows an account by id and code only. What it is for -- programme, application,
 * party, owner organisation -- is the chart_accounts row written with it (src/db/schema/workflow.ts),
 * and nothing reads that back out of the code. Accounts are opened when their programme party is
 * bound (pool, source) and their application filed (share, disbursed); the steps that move money
 * only look them up, all of a step's accounts in one statement.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type PartyBinding, type ProgrammeAccess, accessOf } from '../access';
import type { Actor } from '../auth';
import type { Executor } from '../db';
import { chartAccounts, ledgerAccounts, programmeParties, programmes } from '../db/schema';
import {
  type Account,
  type AccountInput,
  AccountExistsError,
  type TrialBalance,
  ensureAccount,
  findAccountsByCode,
  toAccount,
  trialBalance,
} from '../ledger';

export interface ProgrammeRef {
  id: string;
  code: string;
  name: string;
  currency: string;
}

export interface ApplicationRef {
  id: string;
  programmeId: string;
  currency: string;
  title: string;
}

export type ChartRole = (typeof chartAccounts.$inferSelect)['role'];
/** The programme's accounts for what its banks charge and pay (src/reconciliation). */
export type BankRole = Extract<ChartRole, 'bank-charges' | 'bank-interest'>;

export const chart = {
  pool: (programme: ProgrammeRef, party: string) => `programme:${programme.code}:${party}:pool`,
  source: (programme: ProgrammeRef, party: string, currency: string) =>
    `programme:${programme.code}:${party}:source:${currency}`,
  fx: (programme: ProgrammeRef, currency: string) => `programme:${programme.code}:fx:${currency}`,
  bank: (programme: Pick<ProgrammeRef, 'code'>, role: BankRole, currency: string) =>
    `programme:${programme.code}:${role}:${currency}`,
  share: (application: ApplicationRef, party: string) => `application:${application.id}:${party}:share`,
  disbursed: (application: ApplicationRef, party: string) => `application:${application.id}:${party}:disbursed`,
};

/** One account of the chart: the ledger account's terms and what it serves. */
export interface ChartAccount {
  account: AccountInput;
  programmeId: string;
  applicationId: string | null;
  ownerOrganisationId: string | null;
  party: string | null;
  role: ChartRole;
}

const ofProgramme = (programme: ProgrammeRef, party: string | null, owner: string | null, role: ChartRole) => ({
  programmeId: programme.id,
  applicationId: null,
  ownerOrganisationId: owner,
  party,
  role,
});

const ofApplication = (application: ApplicationRef, party: string, owner: string | null, role: ChartRole) => ({
  programmeId: application.programmeId,
  applicationId: application.id,
  ownerOrganisationId: owner,
  party,
  role,
});

/**
 * The chart's accounts. A programme account belongs to the organisation the programme binds to the
 * party; the applicant party's source to none, since every applicant of the programme plays that
 * party and pays in through it.
 */
export const accountsOf = {
  pool: (programme: ProgrammeRef, party: string, owner: string | null): ChartAccount => ({
    account: {
      code: chart.pool(programme, party),
      name: `${programme.name}: ${party} pool`,
      type: 'asset',
      currency: programme.currency,
    },
    ...ofProgramme(programme, party, owner, 'pool'),
  }),
  source: (programme: ProgrammeRef, party: string, currency: string, owner: string | null): ChartAccount => ({
    account: {
      code: chart.source(programme, party, currency),
      name: `${programme.name}: funds from ${party} (${currency})`,
      type: 'equity',
      currency,
      minBalance: null,
    },
    ...ofProgramme(programme, party, owner, 'source'),
  }),
  fx: (programme: ProgrammeRef, currency: string): ChartAccount => ({
    account: {
      code: chart.fx(programme, currency),
      name: `${programme.name}: FX position ${currency}`,
      type: 'equity',
      currency,
      minBalance: null,
    },
    ...ofProgramme(programme, null, null, 'fx'),
  }),
  bank: (programme: ProgrammeRef, role: BankRole, currency: string): ChartAccount => ({
    account: {
      code: chart.bank(programme, role, currency),
      name: `${programme.name}: bank ${role === 'bank-charges' ? 'charges' : 'interest'} (${currency})`,
      type: role === 'bank-charges' ? 'expense' : 'income',
      currency,
      minBalance: null,
    },
    ...ofProgramme(programme, null, null, role),
  }),
  share: (application: ApplicationRef, party: string, owner: string | null): ChartAccount => ({
    account: {
      code: chart.share(application, party),
      name: `${application.title}: ${party} share`,
      type: 'asset',
      currency: application.currency,
    },
    ...ofApplication(application, party, owner, 'share'),
  }),
  disbursed: (application: ApplicationRef, party: string, owner: string | null): ChartAccount => ({
    account: {
      code: chart.disbursed(application, party),
      name: `${application.title}: paid out of the ${party} share`,
      type: 'expense',
      currency: application.currency,
      minBalance: null,
    },
    ...ofApplication(application, party, owner, 'disbursed'),
  }),
};

/**
 * Opens these accounts with their chart rows; one already open is kept when it serves the same
 * programme, application and owner, and is a conflict otherwise (never reused for another).
 */
export async function openAccounts(db: Executor, wanted: readonly ChartAccount[]): Promise<Account[]> {
  const opened: Account[] = [];
  for (const { account: input, ...served } of wanted) {
    const account = await ensureAccount(db, input);
    const [written] = await db
      .insert(chartAccounts)
      .values({ accountId: account.id, ...served })
      .onConflictDoNothing({ target: chartAccounts.accountId })
      .returning();
    if (!written) {
      const [row] = await db.select().from(chartAccounts).where(eq(chartAccounts.accountId, account.id));
      const same =
        row?.programmeId === served.programmeId &&
        row.applicationId === served.applicationId &&
        row.ownerOrganisationId === served.ownerOrganisationId &&
        row.party === served.party &&
        row.role === served.role;
      if (!same) throw new AccountExistsError(`ledger account ${input.code} serves another programme or owner`);
    }
    opened.push(account);
  }
  return opened;
}

/**
 * The accounts a step moves money through, in the order asked, found in one statement. One not
 * open yet is opened here: a source or FX position in a currency first paid in, or a database from
 * before accounts were opened up front.
 */
export async function lookUpAccounts<const Wanted extends readonly ChartAccount[]>(
  db: Executor,
  wanted: Wanted,
): Promise<{ [K in keyof Wanted]: Account }> {
  const found = new Map(
    (await findAccountsByCode(db, [...new Set(wanted.map((entry) => entry.account.code))])).map((account) => [
      account.code,
      account,
    ]),
  );
  const missing = wanted.filter((entry) => !found.has(entry.account.code));
  for (const account of await openAccounts(db, missing)) found.set(account.code, account);
  // Every code is found or was just opened; the map keeps the caller's order and length.
  return wanted.map((entry) => found.get(entry.account.code)!) as { [K in keyof Wanted]: Account };
}

export interface ProgrammeWithPartyAccounts {
  access: ProgrammeAccess;
  /** Undefined when not open yet (lookUpAccounts opens it). */
  pool: Account | undefined;
  source: Account | undefined;
}

/**
 * The programme and the caller's relation to it, as programmeAccess reads them, with one party's
 * pool and its source in the programme's currency: a budget's reads in one statement (one row per
 * binding and account). Undefined when the programme does not exist.
 */
export async function programmeWithPartyAccounts(
  db: Executor,
  actor: Actor,
  programmeId: string,
  party: string,
): Promise<ProgrammeWithPartyAccounts | undefined> {
  const rows = await db
    .select({ programme: programmes, binding: programmeParties, role: chartAccounts.role, account: ledgerAccounts })
    .from(programmes)
    .leftJoin(programmeParties, eq(programmeParties.programmeId, programmes.id))
    .leftJoin(
      chartAccounts,
      and(
        eq(chartAccounts.programmeId, programmes.id),
        isNull(chartAccounts.applicationId),
        eq(chartAccounts.party, party),
        inArray(chartAccounts.role, ['pool', 'source']),
      ),
    )
    .leftJoin(
      ledgerAccounts,
      and(eq(ledgerAccounts.id, chartAccounts.accountId), eq(ledgerAccounts.currency, programmes.currency)),
    )
    .where(eq(programmes.id, programmeId));
  if (!rows[0]) return undefined;
  const bindings = new Map<string, PartyBinding>();
  const accounts = new Map<ChartRole, Account>();
  for (const row of rows) {
    if (row.binding) bindings.set(row.binding.party, row.binding);
    if (row.role && row.account && !accounts.has(row.role)) accounts.set(row.role, toAccount(row.account));
  }
  return {
    access: accessOf(actor, rows[0].programme, [...bindings.values()]),
    pool: accounts.get('pool'),
    source: accounts.get('source'),
  };
}

/** One account of the chart, looked up (opened if missing; see lookUpAccounts). */
export async function lookUpAccount(db: Executor, wanted: ChartAccount): Promise<Account> {
  const [account] = await lookUpAccounts(db, [wanted]);
  return account;
}

/** Debit and credit totals at `at` (now by default) of a programme's accounts and its applications'. */
export async function programmeTrialBalance(db: Executor, programmeId: string, at?: Date): Promise<TrialBalance> {
  const accounts = await db
    .select({ id: chartAccounts.accountId })
    .from(chartAccounts)
    .where(eq(chartAccounts.programmeId, programmeId));
  return trialBalance(db, { ...(at !== undefined && { at }), accountIds: accounts.map((account) => account.id) });
}
