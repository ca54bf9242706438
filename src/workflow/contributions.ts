import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import {
  bankAccounts,
  bankMatchEntries,
  bankMatchLines,
  bankUnmatches,
  contributions,
  ledgerAccounts,
} from '../db/schema';
import { CofundError, ConflictError, ForbiddenError, ValidationError } from '../errors';
import { type PostingInput, type Transaction, postEntry } from '../ledger';
import { Decimal, formatMoney, isCurrency, minorUnits, parseMoney } from '../money';
import { accountsOf, chart, lookUpAccounts } from './chart';
import { addBusinessDays, utcDate } from '../rules/dates';
import type { PlanDeadline, PlanProof } from '../rules';
import { organisationOf, recordApplicationEvent, requireStatus, shareOf, updateApplication } from './application';
import { type Locked, lockApplication } from './locks';

export interface ContributionInput {
  party: string;
  amount: unknown;
  currency?: string | undefined;
  /** Units of the programme's currency per unit of `currency`, as a decimal string. */
  fxRate?: string | undefined;
}

const RATE = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Money a party actually paid in -- the club's funds, the investor's equity, the bank's credit --
 * recorded as it arrives, in the currency it arrived in. Paid in another currency, it is converted
 * at the rate given (rounded half-even to the programme's minor unit) through FX positions, each
 * currency balancing on its own. A party never pays in more than its share, and not after a
 * deadline the rules set (3x1-7's 20 business days to prove funds).
 */
export async function recordContribution(
  db: Transaction,
  caller: Caller,
  applicationId: string,
  input: ContributionInput,
) {
  requireRole(caller.actor, ['applicant', 'approver']);
  const locked = await lockApplication(db, caller, applicationId);
  requireStatus(locked, ['filed', 'approved'], 'record a contribution');
  const { application, plan, programme } = locked;
  const share = shareOf(plan, input.party);
  if (!share || share.funding === 'budget') {
    const payers = plan.shares.filter((s) => s.funding !== 'budget').map((s) => s.party);
    throw ValidationError.field('body.party', `one of the parties paying in: ${payers.join(', ')}`);
  }
  const organisationId = organisationOf(locked, input.party);
  if (caller.actor.kind !== 'key' || caller.actor.organisationId !== organisationId) {
    throw new ForbiddenError(`only the organisation playing ${input.party} records its money`);
  }
  assertWithinDeadline(locked, input.party, caller.now);

  const currency = input.currency ?? plan.currency;
  const errors = [];
  if (!isCurrency(currency)) errors.push({ field: 'body.currency', message: 'an ISO 4217 code such as "USD"' });
  const converted = currency !== plan.currency;
  if (
    converted &&
    (typeof input.fxRate !== 'string' || !RATE.test(input.fxRate) || new Decimal(input.fxRate).isZero())
  ) {
    errors.push({
      field: 'body.fxRate',
      message:
        `required for money paid in ${currency}: ${plan.currency} per ${currency}, ` +
        'as a decimal string such as "17.2345"',
    });
  }
  if (!converted && input.fxRate !== undefined)
    errors.push({ field: 'body.fxRate', message: `no rate: the money is in ${plan.currency} already` });
  if (share.contribution?.currency === 'foreign' && !converted) {
    errors.push({
      field: 'body.currency',
      message:
        `${share.contribution.rule}: ${input.party}'s money must be paid in foreign currency, ` +
        `not ${plan.currency}`,
    });
  }
  if (share.contribution?.currency === 'local' && converted) {
    errors.push({
      field: 'body.currency',
      message: `${share.contribution.rule}: ${input.party}'s money must be paid in ${plan.currency}`,
    });
  }
  if (errors.length > 0) throw new ValidationError('The contribution is invalid; see errors.', errors);

  const paid = parseMoney(input.amount, currency, 'body.amount');
  const amount = converted
    ? paid.times(input.fxRate!).toDecimalPlaces(minorUnits(plan.currency), Decimal.ROUND_HALF_EVEN)
    : paid;
  if (amount.isZero()) throw ValidationError.field('body.amount', `converts to 0 ${plan.currency}`);
  const [{ total } = { total: '0' }] = await db
    .select({ total: sql<string>`coalesce(sum(${contributions.amount}), 0)::text` })
    .from(contributions)
    .where(and(eq(contributions.applicationId, applicationId), eq(contributions.party, input.party)));
  const remaining = new Decimal(share.amount).minus(total);
  if (amount.greaterThan(remaining)) {
    throw new CofundError(
      'exceeds-share',
      422,
      `${input.party} has ${formatMoney(remaining, plan.currency)} ${plan.currency} left to pay ` +
        `of its ${share.amount} share; ${formatMoney(amount, plan.currency)} is more`,
      [{ field: 'body.amount', message: `at most ${formatMoney(remaining, plan.currency)} ${plan.currency}` }],
    );
  }

  const [target, source, paidPosition, planPosition] = await lookUpAccounts(db, [
    accountsOf.share({ ...application, currency: plan.currency }, input.party, organisationId ?? null),
    // The programme's binding, not the payer: many applicants play the applicant party, one source serves them all.
    accountsOf.source(programme, input.party, currency, locked.parties.get(input.party) ?? null),
    // FX positions are looked up (and opened) only for a payment in another currency.
    ...(converted ? [accountsOf.fx(programme, currency), accountsOf.fx(programme, plan.currency)] : []),
  ]);
  const paidText = formatMoney(paid, currency);
  const amountText = formatMoney(amount, plan.currency);
  const postings: PostingInput[] = converted
    ? [
        { accountId: paidPosition!.id, side: 'debit', amount: paidText },
        { accountId: source.id, side: 'credit', amount: paidText },
        { accountId: target.id, side: 'debit', amount: amountText },
        { accountId: planPosition!.id, side: 'credit', amount: amountText },
      ]
    : [
        { accountId: target.id, side: 'debit', amount: amountText },
        { accountId: source.id, side: 'credit', amount: amountText },
      ];
  const { entry } = await postEntry(db, {
    idempotencyKey: `contribution:${crypto.randomUUID()}`,
    kind: 'contribution',
    memo: `${application.title}: ${input.party} paid in ${paidText} ${currency}`,
    metadata: { applicationId, party: input.party },
    postings,
    ...(converted
      ? { fx: [{ from: currency, to: plan.currency, rate: input.fxRate!, fromAmount: paidText, toAmount: amountText }] }
      : {}),
  });
  const [row] = await db
    .insert(contributions)
    .values({
      applicationId,
      party: input.party,
      paidAmount: paidText,
      paidCurrency: currency,
      fxRate: converted ? input.fxRate! : null,
      amount: amountText,
      entryId: BigInt(entry.id),
      organisationId: organisationId!,
      apiKeyId: caller.actor.keyId,
      // Paid in now, by the clock that later judges windows counted from it (M-6's equity release).
      createdAt: caller.now,
    })
    .returning();
  await updateApplication(db, applicationId, {});
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'application.contribution-recorded',
      resourceType: 'application',
      resourceId: applicationId,
      details: {
        party: input.party,
        paid: paidText,
        currency,
        fxRate: input.fxRate ?? null,
        amount: amountText,
        entryId: entry.id,
      },
    },
    caller.requestId,
  );
  await recordApplicationEvent(db, caller, locked, 'contribution.received', {
    contributionId: row!.id,
    party: input.party,
    amount: amountText,
    currency: plan.currency,
    entryId: entry.id,
  });
  return row!;
}

/**
 * A window counted from the eligibility notice: the moment cofund answered that the application is
 * eligible, i.e. when it received the filing (not the filing date written on it, which may be an
 * older paper date and only picks the rule version).
 */
function assertWithinDeadline(locked: Locked, party: string, now: Date): void {
  for (const deadline of locked.plan.deadlines.filter((d) => d.party === party)) {
    const due = deadlineDue(locked.application, deadline);
    if (utcDate(now) > due) {
      throw new CofundError('deadline-passed', 422, `${deadline.rule}: ${deadline.says} The deadline was ${due}.`, [
        { field: 'body.party', message: `${party}'s window closed on ${due}` },
      ]);
    }
  }
}

export type ContributionRow = typeof contributions.$inferSelect;

export interface ContributionProof {
  /** declared: recorded by its payer; proven: a bank statement line is matched to its ledger entry. */
  status: 'declared' | 'proven';
  /** The bank lines of the match holding its entry, none while declared. */
  bankLineIds: string[];
  /** That match (a line or an entry is in one active match at most): what staff undo to unprove it. */
  bankMatchId: string | null;
}

/** An application's contributions, oldest first, each with what the bank says of it. */
export async function contributionsOf(db: Executor, applicationId: string) {
  const rows = await db
    .select()
    .from(contributions)
    .where(eq(contributions.applicationId, applicationId))
    .orderBy(contributions.createdAt);
  const proofs = await bankProofs(
    db,
    rows.map((row) => row.entryId),
  );
  return rows.map((row) => {
    const held = proofs.get(row.entryId.toString());
    const proof: ContributionProof = held
      ? { status: 'proven', bankLineIds: held.lineIds, bankMatchId: held.matchId }
      : { status: 'declared', bankLineIds: [], bankMatchId: null };
    return { ...row, proof };
  });
}

/**
 * Per ledger entry, the match that holds it and has not been undone, with its bank lines
 * (src/reconciliation keeps the matches; an undo is a row of its own, so it is read here too).
 */
async function bankProofs(
  db: Executor,
  entryIds: bigint[],
): Promise<Map<string, { matchId: string; lineIds: string[] }>> {
  if (entryIds.length === 0) return new Map();
  const rows = await db
    .select({ entryId: bankMatchEntries.entryId, matchId: bankMatchEntries.matchId, lineId: bankMatchLines.lineId })
    .from(bankMatchEntries)
    .innerJoin(bankMatchLines, eq(bankMatchLines.matchId, bankMatchEntries.matchId))
    .where(
      and(
        inArray(bankMatchEntries.entryId, entryIds),
        notExists(db.select().from(bankUnmatches).where(eq(bankUnmatches.matchId, bankMatchEntries.matchId))),
      ),
    )
    .orderBy(bankMatchLines.lineId);
  const proofs = new Map<string, { matchId: string; lineIds: string[] }>();
  for (const row of rows) {
    const key = row.entryId.toString();
    const held = proofs.get(key) ?? { matchId: row.matchId, lineIds: [] };
    proofs.set(key, { ...held, lineIds: [...held.lineIds, row.lineId.toString()] });
  }
  return proofs;
}

/** Whether a bank account is registered on the party's share account of the application. */
async function hasBankAccount(db: Executor, locked: Pick<Locked, 'application'>, party: string): Promise<boolean> {
  const [found] = await db
    .select({ id: bankAccounts.id })
    .from(bankAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, bankAccounts.ledgerAccountId))
    .where(eq(ledgerAccounts.code, chart.share(locked.application, party)))
    .limit(1);
  return found !== undefined;
}

/**
 * The rule file's proofs that wait for `step`: a party named by one, with a contribution no bank line
 * proves, stops it with a 409 proof-missing naming the rule and the contributions. A proof is asked
 * only of a party whose share account has a registered bank account: without one there is no
 * statement to prove anything, and the fund keeps the declared-money workflow of the contract.
 */
export async function requireProofs(db: Executor, locked: Locked, step: PlanProof['before']): Promise<void> {
  const proofs = (locked.plan.proofs ?? []).filter((proof) => proof.before === step);
  if (proofs.length === 0) return;
  const paid = await contributionsOf(db, locked.application.id);
  for (const proof of proofs) {
    if (!(await hasBankAccount(db, locked, proof.party))) continue;
    const declared = paid.filter((row) => row.party === proof.party && row.proof.status === 'declared');
    if (declared.length === 0) continue;
    throw new ConflictError(
      'proof-missing',
      `${proof.rule}: ${proof.says}. No bank line proves ${proof.party}'s ` +
        `${declared.length === 1 ? 'contribution' : 'contributions'} ${declared.map((row) => row.id).join(', ')} ` +
        `(${declared.map((row) => `${row.amount} ${locked.plan.currency}`).join(', ')}) yet: import the statement of ` +
        "the project's bank account, or match the line by hand.",
      {
        rule: proof.rule,
        party: proof.party,
        contributions: declared.map((row) => ({ id: row.id, amount: row.amount, entryId: row.entryId.toString() })),
      },
    );
  }
}

/**
 * What counts of the party's money toward its share: every contribution recorded, or, when the plan
 * asks a bank line to prove the party's money (`proofs:`) and its share account has a registered
 * bank account, the proven ones only (docs/reconciliation.md, "Declared and proven"). What a missed
 * 3x1-7 window is judged on.
 */
export async function countedContributions(
  db: Executor,
  locked: Pick<Locked, 'application' | 'plan'>,
  party: string,
): Promise<Decimal> {
  const paid = (await contributionsOf(db, locked.application.id)).filter((row) => row.party === party);
  const proofAsked =
    (locked.plan.proofs ?? []).some((proof) => proof.party === party) && (await hasBankAccount(db, locked, party));
  return paid
    .filter((row) => !proofAsked || row.proof.status === 'proven')
    .reduce((total, row) => total.plus(row.amount), new Decimal(0));
}

/** The window a deadline of the plan gives, counted from the eligibility notice (see assertWithinDeadline). */
export const deadlineDue = (application: { createdAt: Date }, deadline: PlanDeadline) =>
  addBusinessDays(utcDate(application.createdAt), deadline.businessDays, deadline.holidays);
