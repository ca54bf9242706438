import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { type ApplicationAccess, applicationAccess, programmeAccess } from '../access';
import type { Actor, Caller } from '../auth';
import type { Database, Executor } from '../db';
import {
  apiKeys,
  applicationApprovals,
  applications,
  chartAccounts,
  ledgerAccounts,
  organisations,
  programmes,
} from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import type { Transaction } from '../ledger';
import { readAccount, readTrialBalance } from '../books';
import { type Decimal, ZERO, formatMoney } from '../money';
import { chart, documentsBehindSteps, organisationOf, payingShares } from '../workflow';
import type { Plan } from '../rules';
import { accountMovements, ledgerChainStatus, ledgerSections } from './ledger-source';
import { type Reconciliation, programmeReconciliations } from '../reconciliation/report';
import type {
  BankReconciliationStatus,
  ChainStatus,
  DecisionLetter,
  DocumentSubject,
  GeneratedBy,
  PartyTotals,
  Period,
  Statement,
  StatementKind,
  StatementLocale,
  StatementSection,
  StepDocument,
  TrialBalance,
  TrialBalanceRow,
} from './model';
import { type Snapshot, openSnapshot } from './snapshot';

/*
 * The documents of a caller: who may see what (src/access, the same rules as the read-side
 * routes; anyone else gets 404), and the data read from one snapshot of the books.
 *
 * - Account statement: the account. Application statement: each paying party's share account
 *   (money received for the project) and disbursed account (paid out of it), in plan order. Programme
 *   statement: its parties' pools, then every account of its applications, oldest application first.
 * - Party totals, as of the end of the period, per funder: committed = its plan share (plans approved
 *   by then), paid = debited to its share accounts (paid in, or released from its budget pool),
 *   disbursed = its disbursed accounts' balance, refunded = credited to its share accounts by refund
 *   entries. Account statements have none.
 * - "Now" is the real time, not the workflow's clock: the books count in the database's booking times.
 */

export interface DocumentOptions {
  /** Default: by the document's currency (MXN es-MX, MAD fr-MA, otherwise en). */
  locale?: StatementLocale | undefined;
}

export interface StatementOptions extends DocumentOptions {
  /** Booked at or after; default: when the subject was opened. */
  from?: Date | undefined;
  /** Booked before; default: now. Never in the future. */
  to?: Date | undefined;
}

export function defaultLocale(currency: string): StatementLocale {
  if (currency === 'MXN') return 'es-MX';
  if (currency === 'MAD') return 'fr-MA';
  return 'en';
}

export type OpenStatement = (
  db: Database,
  caller: Caller,
  id: string,
  options: StatementOptions,
) => Promise<Snapshot<Statement>>;

export const openStatement: Record<StatementKind, OpenStatement> = {
  account: (db, caller, accountId, options) =>
    openSnapshot(db, async (tx) => {
      const account = await readAccount(tx, caller, accountId);
      const period = resolvePeriod(options, account.createdAt);
      const [sections, owner] = await Promise.all([
        ledgerSections(tx, [account.id], period),
        organisationName(tx, account.ownerOrganisationId),
      ]);
      return statement(tx, db, caller, options, {
        kind: 'account',
        subject: { id: account.id, code: account.code, name: account.name, owner },
        currency: account.currency,
        period,
        sections,
        parties: [],
      });
    }),

  application: (db, caller, applicationId, options) =>
    openSnapshot(db, async (tx) => {
      const access = await applicationAccess(tx, caller.actor, applicationId);
      if (!access) throw new NotFoundError('application', applicationId);
      const { application } = access;
      const plan = application.plan as unknown as Plan;
      const period = resolvePeriod(options, application.createdAt);
      const [sections, parties, documents] = await Promise.all([
        ledgerSections(tx, await projectAccountIds(tx, [{ application, plan }], period.to), period),
        partyTotals(tx, [{ access, plan }], plan.currency, period.to),
        documentsBehindSteps(tx, application, period.to),
      ]);
      return statement(tx, db, caller, options, {
        kind: 'application',
        subject: {
          id: application.id,
          code: application.id,
          name: application.title,
          owner: await organisationName(tx, application.applicantId),
        },
        currency: plan.currency,
        period,
        sections,
        parties,
        documents,
      });
    }),

  programme: (db, caller, programmeId, options) =>
    openSnapshot(db, async (tx) => {
      const access = await programmeAccess(tx, caller.actor, programmeId);
      if (!access?.seesBooks) throw new NotFoundError('programme', programmeId);
      const { programme } = access;
      const period = resolvePeriod(options, programme.createdAt);
      const poolCodes = [...access.parties.keys()].sort().map((party) => chart.pool(programme, party));
      const pools = await tx
        .select({ id: ledgerAccounts.id })
        .from(ledgerAccounts)
        .where(and(inArray(ledgerAccounts.code, poolCodes), lt(ledgerAccounts.createdAt, period.to)))
        .orderBy(asc(ledgerAccounts.code));
      const projects = (
        await tx
          .select()
          .from(applications)
          .where(and(eq(applications.programmeId, programmeId), lt(applications.createdAt, period.to)))
          .orderBy(asc(applications.createdAt), asc(applications.id))
      ).map((application) => ({ application, plan: application.plan as unknown as Plan }));
      const projectAccounts = await projectAccountIds(tx, projects, period.to);
      const [sections, parties, chain] = await Promise.all([
        ledgerSections(tx, [...pools.map((pool) => pool.id), ...projectAccounts], period),
        partyTotals(
          tx,
          projects.map(({ application, plan }) => ({ access: { ...access, application }, plan })),
          programme.currency,
          period.to,
        ),
        ledgerChainStatus(tx, db),
      ]);
      // The period ends before `to`; a reconciliation counts up to and including its instant.
      const reconciledAt = new Date(period.to.getTime() - 1);
      const bankAccounts = (await programmeReconciliations(tx, programme.id, reconciledAt, chain)).map(bankStatus);
      return statement(tx, db, caller, options, {
        kind: 'programme',
        subject: {
          id: programme.id,
          code: programme.code,
          name: programme.name,
          owner: await organisationName(tx, programme.administratorId),
        },
        currency: programme.currency,
        period,
        sections,
        parties,
        bankAccounts,
        chain,
      });
    }),
};

/** What a programme statement prints of a bank account's reconciliation. */
function bankStatus(report: Reconciliation): BankReconciliationStatus {
  const ages = [...report.unmatchedBank, ...report.unmatchedLedger].map((item) => item.ageDays);
  const account = report.bankAccount;
  return {
    bankAccountId: account.id,
    accountCode: account.ledgerAccount.code,
    bank: account.bank,
    scheme: account.scheme,
    number: account.number,
    currency: account.currency,
    status: report.status,
    ledgerBalance: report.ledgerBalance,
    bankBalance: report.bankBalance,
    difference: report.difference,
    statementReference: report.statement?.reference ?? null,
    matchedLines: report.matched.lines,
    unmatchedBankLines: report.unmatchedBank.length,
    unmatchedLedgerMovements: report.unmatchedLedger.length,
    oldestOpenDays: ages.length > 0 ? Math.max(...ages) : null,
  };
}

/**
 * The trial balance of a programme at an instant (booking time, now when absent, never in the
 * future): for the administrator and auditors, as GET /v1/ledger/trial-balance.
 */
export function openTrialBalance(
  db: Database,
  caller: Caller,
  programmeId: string,
  options: DocumentOptions & { at?: Date | undefined },
): Promise<Snapshot<TrialBalance>> {
  return openSnapshot(db, async (tx) => {
    const report = await readTrialBalance(tx, caller, {
      programmeId,
      ...(options.at !== undefined && { at: options.at }),
    });
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, programmeId));
    // One group per currency: debits and credits balance per currency, never across.
    const byCurrency = new Map<string, TrialBalanceRow[]>();
    for (const line of report.lines) {
      const rows = byCurrency.get(line.currency) ?? [];
      rows.push({
        code: line.code,
        name: line.name,
        type: line.type,
        normalSide: line.normalSide,
        debit: line.debits,
        credit: line.credits,
      });
      byCurrency.set(line.currency, rows);
    }
    const [chain, by, owner] = await Promise.all([
      ledgerChainStatus(tx, db),
      generatedBy(tx, caller.actor),
      organisationName(tx, programme!.administratorId),
    ]);
    return {
      header: {
        title: programme!.name,
        subject: { id: programme!.id, code: programme!.code, name: programme!.name, owner },
        generatedAt: new Date(),
        generatedBy: by,
        locale: options.locale ?? defaultLocale(programme!.currency),
        currency: programme!.currency,
      },
      asOf: report.at,
      groups: [...byCurrency].map(([currency, rows]) => ({ currency, rowCount: rows.length, rows })),
      chain,
    };
  });
}

/** An application's decision letter: its plan with the rule trace, and each party's decision on it. */
export async function decisionLetter(
  db: Executor,
  caller: Caller,
  applicationId: string,
  options: DocumentOptions,
): Promise<DecisionLetter> {
  const access = await applicationAccess(db, caller.actor, applicationId);
  if (!access) throw new NotFoundError('application', applicationId);
  const { application, programme } = access;
  const plan = application.plan as unknown as Plan;
  const [approvals, applicant, by, documents] = await Promise.all([
    db
      .select({
        party: applicationApprovals.party,
        organisation: organisations.name,
        decision: applicationApprovals.decision,
        comment: applicationApprovals.comment,
        at: applicationApprovals.createdAt,
      })
      .from(applicationApprovals)
      .innerJoin(organisations, eq(organisations.id, applicationApprovals.organisationId))
      .where(eq(applicationApprovals.applicationId, applicationId))
      .orderBy(asc(applicationApprovals.createdAt)),
    organisationName(db, application.applicantId),
    generatedBy(db, caller.actor),
    documentsBehindSteps(db, application),
  ]);
  const rejection = approvals.find((approval) => approval.decision === 'reject');
  const outcome = application.approvedAt ? 'approved' : rejection ? 'rejected' : 'pending';
  return {
    header: {
      title: application.title,
      subject: { id: application.id, code: application.id, name: application.title, owner: applicant },
      generatedAt: new Date(),
      generatedBy: by,
      locale: options.locale ?? defaultLocale(plan.currency),
      currency: plan.currency,
    },
    application: {
      id: application.id,
      code: application.id,
      title: application.title,
      applicant: applicant ?? application.applicantId,
      programme: programme.name,
      filedAt: application.filedAt,
    },
    outcome,
    decidedAt: application.approvedAt ?? rejection?.at ?? null,
    plan,
    approvals: approvals.map((approval) => ({
      party: approval.party,
      organisation: approval.organisation,
      decision: approval.decision === 'approve' ? 'approved' : 'rejected',
      comment: approval.comment,
      decidedAt: approval.at,
    })),
    documents,
  };
}

function resolvePeriod(options: StatementOptions, opened: Date): Period {
  const now = new Date();
  const to = options.to ?? now;
  if (to.getTime() > now.getTime()) {
    throw ValidationError.field(
      'query.to',
      `must not be in the future (now is ${now.toISOString()}): books not written yet could still change`,
    );
  }
  const from = options.from ?? opened;
  if (from.getTime() >= to.getTime()) {
    const defaulted =
      options.from === undefined ? ' (from defaults to when the account, application or programme was opened)' : '';
    throw new ValidationError(`The period is empty: from must be before to${defaulted}.`, [
      { field: 'query.from', message: `must be before to (${to.toISOString()})` },
      { field: 'query.to', message: `must be after from (${from.toISOString()})` },
    ]);
  }
  return { from, to };
}

async function statement(
  tx: Transaction,
  db: Database,
  caller: Caller,
  options: DocumentOptions,
  parts: {
    kind: StatementKind;
    subject: DocumentSubject;
    currency: string;
    period: Period;
    sections: StatementSection[];
    parties: PartyTotals[];
    bankAccounts?: BankReconciliationStatus[];
    documents?: StepDocument[];
    /** When the caller verified the chain already. */
    chain?: ChainStatus;
  },
): Promise<Statement> {
  const [chain, by] = await Promise.all([parts.chain ?? ledgerChainStatus(tx, db), generatedBy(tx, caller.actor)]);
  return {
    header: {
      kind: parts.kind,
      title: parts.subject.name,
      subject: parts.subject,
      period: parts.period,
      generatedAt: new Date(),
      generatedBy: by,
      locale: options.locale ?? defaultLocale(parts.currency),
      currency: parts.currency,
    },
    sections: parts.sections,
    parties: parts.parties,
    ...(parts.bankAccounts && { bankAccounts: parts.bankAccounts }),
    ...(parts.documents && { documents: parts.documents }),
    chain,
  };
}

/** Who asked, as printed on the document: never more of a key than its public prefix. */
async function generatedBy(db: Executor, actor: Actor): Promise<GeneratedBy> {
  if (actor.kind === 'admin') return { organisation: 'cofund platform administrator', role: 'admin', keyPrefix: '' };
  const [key] = await db
    .select({ prefix: apiKeys.prefix, organisation: organisations.name })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(eq(apiKeys.id, actor.keyId));
  return { organisation: key?.organisation ?? actor.organisationId, role: actor.role, keyPrefix: key?.prefix ?? '' };
}

async function organisationName(db: Executor, id: string | null): Promise<string | null> {
  if (id === null) return null;
  const [row] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, id));
  return row?.name ?? null;
}

/**
 * The ledger accounts of these applications opened before `before`: per application in the order
 * given, each paying party's share then disbursed account in plan order, then any other by code.
 */
async function projectAccountIds(
  tx: Transaction,
  projects: ReadonlyArray<{ application: typeof applications.$inferSelect; plan: Plan }>,
  before: Date,
): Promise<string[]> {
  if (projects.length === 0) return [];
  const accounts = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, applicationId: chartAccounts.applicationId })
    .from(chartAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, chartAccounts.accountId))
    .where(
      and(
        inArray(
          chartAccounts.applicationId,
          projects.map(({ application }) => application.id),
        ),
        lt(ledgerAccounts.createdAt, before),
      ),
    )
    .orderBy(asc(ledgerAccounts.code));
  return projects.flatMap(({ application, plan }) => {
    const ref = { ...application, currency: plan.currency };
    const planOrder = payingShares(plan).flatMap((share) => [
      chart.share(ref, share.party),
      chart.disbursed(ref, share.party),
    ]);
    const rank = (code: string) => (planOrder.includes(code) ? planOrder.indexOf(code) : planOrder.length);
    return accounts
      .filter((account) => account.applicationId === application.id)
      .sort((a, b) => rank(a.code) - rank(b.code))
      .map((account) => account.id);
  });
}

/** Per (party, organisation playing it), summed over the applications given; see the module note. */
async function partyTotals(
  tx: Transaction,
  projects: ReadonlyArray<{ access: Pick<ApplicationAccess, 'application' | 'parties'>; plan: Plan }>,
  currency: string,
  asOf: Date,
): Promise<PartyTotals[]> {
  const movements = await accountMovements(
    tx,
    projects.map(({ access }) => access.application.id),
    asOf,
  );
  const totals = new Map<
    string,
    {
      party: string;
      partyName: PartyTotals['partyName'];
      organisationId: string | null;
      committed: Decimal;
      paid: Decimal;
      disbursed: Decimal;
      refunded: Decimal;
    }
  >();
  for (const { access, plan } of projects) {
    const approved = access.application.approvedAt !== null && access.application.approvedAt.getTime() < asOf.getTime();
    const ref = { ...access.application, currency: plan.currency };
    for (const share of payingShares(plan)) {
      const organisationId = organisationOf(access, share.party) ?? null;
      const key = `${share.party}\u0000${organisationId}`;
      const name = plan.texts?.parties[share.party];
      const total = totals.get(key) ?? {
        party: share.party,
        partyName: name && plan.texts && { text: name, language: plan.texts.language },
        organisationId,
        committed: ZERO,
        paid: ZERO,
        disbursed: ZERO,
        refunded: ZERO,
      };
      const received = movements.get(chart.share(ref, share.party));
      const paidOut = movements.get(chart.disbursed(ref, share.party));
      totals.set(key, {
        ...total,
        committed: approved ? total.committed.plus(share.amount) : total.committed,
        paid: total.paid.plus(received?.debits ?? ZERO),
        disbursed: total.disbursed.plus(paidOut ? paidOut.debits.minus(paidOut.credits) : ZERO),
        refunded: total.refunded.plus(received?.refundCredits ?? ZERO),
      });
    }
  }
  const rows = [...totals.values()].filter(
    (total) => ![total.committed, total.paid, total.disbursed, total.refunded].every((amount) => amount.isZero()),
  );
  const ids = [...new Set(rows.map((row) => row.organisationId).filter((id): id is string => id !== null))];
  const names = new Map(
    (ids.length
      ? await tx
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, ids))
      : []
    ).map((row) => [row.id, row.name]),
  );
  return rows.map((row) => ({
    party: row.party,
    ...(row.partyName && { partyName: row.partyName }),
    organisation: (row.organisationId && names.get(row.organisationId)) ?? '',
    currency,
    committed: formatMoney(row.committed, currency),
    paid: formatMoney(row.paid, currency),
    disbursed: formatMoney(row.disbursed, currency),
    refunded: formatMoney(row.refunded, currency),
  }));
}
