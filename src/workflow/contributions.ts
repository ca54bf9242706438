import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import { contributions } from '../db/schema';
import { CofundError, ForbiddenError, ValidationError } from '../errors';
import { type PostingInput, type Transaction, postEntry } from '../ledger';
import { Decimal, formatMoney, isCurrency, minorUnits, parseMoney } from '../money';
import { fxAccount, shareAccount, sourceAccount } from './chart';
import { addBusinessDays, utcDate } from '../rules/dates';
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

  const target = await shareAccount(
    db,
    { ...application, currency: plan.currency },
    input.party,
    organisationId ?? null,
  );
  // The programme's binding, not the payer: many applicants play the applicant party, one source serves them all.
  const source = await sourceAccount(db, programme, input.party, currency, locked.parties.get(input.party) ?? null);
  const paidText = formatMoney(paid, currency);
  const amountText = formatMoney(amount, plan.currency);
  const postings: PostingInput[] = converted
    ? [
        { accountId: (await fxAccount(db, programme, currency)).id, side: 'debit', amount: paidText },
        { accountId: source.id, side: 'credit', amount: paidText },
        { accountId: target.id, side: 'debit', amount: amountText },
        { accountId: (await fxAccount(db, programme, plan.currency)).id, side: 'credit', amount: amountText },
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
    const due = addBusinessDays(utcDate(locked.application.createdAt), deadline.businessDays, deadline.holidays);
    if (utcDate(now) > due) {
      throw new CofundError('deadline-passed', 422, `${deadline.rule}: ${deadline.says} The deadline was ${due}.`, [
        { field: 'body.party', message: `${party}'s window closed on ${due}` },
      ]);
    }
  }
}

export async function contributionsOf(db: Executor, applicationId: string) {
  return db
    .select()
    .from(contributions)
    .where(eq(contributions.applicationId, applicationId))
    .orderBy(contributions.createdAt);
}
