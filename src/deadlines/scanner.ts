import { and, eq, inArray, sql } from 'drizzle-orm';
import { applicationAccess } from '../access';
import type { Actor, Caller } from '../auth';
import { type Database, rowsOf } from '../db';
import { applications, deadlineNotices } from '../db/schema';
import { applicationAudience, recordEvent } from '../events';
import type { Transaction } from '../ledger';
import { Decimal, formatMoney } from '../money';
import type { Plan, PlanDeadline } from '../rules';
import { type CalendarDate, type Holiday, addDays, addYears, isBusinessDay, utcDate } from '../rules/dates';
import { type ApplicationRow, countedContributions, deadlineDue, dropApplication, equityReleasedOn } from '../workflow';

/*
 * Deadlines, off the request path (docs/events.md, "Deadlines"): each scan looks at what the rule
 * files and the programmes' settings give each open application, and sends what is due as domain
 * events. A notice is a row of deadline_notices, written in the transaction of its event: it is sent
 * once, whatever runs twice or at once, and a step that fails leaves neither row nor event.
 */

/** Business days before a 3x1-7 style window closes at which its party is reminded. */
const PROOF_REMINDERS = [10, 3] as const;
/** Calendar days before an M-6 clawback window ends at which the programme is told. */
const CLAWBACK_NOTICE_DAYS = 30;

/** The platform itself: what the scanner does, no person decided (its audit rows say `deadline-scanner`). */
const PLATFORM: Actor = { kind: 'admin' };
const REQUEST_ID = 'deadline-scanner';

export interface DeadlineRun {
  /** deadline.approaching events sent. */
  approaching: number;
  /** deadline.missed events sent (each drops its project). */
  missed: number;
  /** Notices that failed this time (rolled back, tried again next scan). */
  failures: unknown[];
}

interface NoticeKey {
  applicationId: string;
  rule: string;
  kind: string;
  step: string;
}

/** Thrown inside a notice's transaction to roll it back when, locked, the notice no longer applies. */
class NoLongerDue extends Error {}

/**
 * Sends the notice `key` once: claims its row, then runs `send` (which writes the event and any
 * change) in the same transaction. Answers whether this call sent it; a failure rolls both back
 * and is kept in `run.failures` (the next scan tries again).
 */
async function once(
  db: Database,
  run: DeadlineRun,
  key: NoticeKey,
  now: Date,
  send: (tx: Transaction) => Promise<void>,
) {
  try {
    return await db.transaction(async (tx) => {
      // A concurrent scan holding the same key makes this wait for its commit, then find the row.
      const [claimed] = await tx
        .insert(deadlineNotices)
        .values({ ...key, sentAt: now })
        .onConflictDoNothing()
        .returning({ step: deadlineNotices.step });
      if (!claimed) return false;
      await send(tx);
      return true;
    });
  } catch (error) {
    if (!(error instanceof NoLongerDue)) run.failures.push(error);
    return false;
  }
}

/** Business days after `from` up to and including `to` (0 on the last day of a window, or after it). */
function businessDaysLeft(from: CalendarDate, to: CalendarDate, holidays: readonly Holiday[]): number {
  let left = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isBusinessDay(day, holidays)) left += 1;
  return left;
}

const calendarDaysBetween = (from: CalendarDate, to: CalendarDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

async function audienceOf(tx: Transaction, applicationId: string) {
  const access = await applicationAccess(tx, PLATFORM, applicationId);
  return access ? applicationAudience(access) : [];
}

/** The share a deadline asks of its party, and what of it counts as paid in now. */
async function standing(tx: Transaction | Database, application: ApplicationRow, deadline: PlanDeadline) {
  const plan = application.plan as unknown as Plan;
  const share = new Decimal(plan.shares.find((s) => s.party === deadline.party)?.amount ?? 0);
  const counted = await countedContributions(tx, { application, plan }, deadline.party);
  return { plan, share, counted, paidInFull: counted.greaterThanOrEqualTo(share) };
}

/** The notices already sent for these applications, as `noticeId` strings. */
async function noticesOf(db: Database, applicationIds: string[]): Promise<Set<string>> {
  if (applicationIds.length === 0) return new Set();
  const rows = await db.select().from(deadlineNotices).where(inArray(deadlineNotices.applicationId, applicationIds));
  return new Set(rows.map(noticeId));
}

const noticeId = (key: NoticeKey) => [key.applicationId, key.rule, key.kind, key.step].join(' ');

/**
 * 3x1-7: the club proves its whole share within 20 business days of the eligibility notice. Reminds
 * at 10 and 3 business days left (only the nearer one when a scan comes late), and when the window
 * has closed short, says so and drops the project through the workflow's cancellation. A window
 * that closed with the share in is marked `kept` (a row, no event) and never looked at again; what
 * is not due by the calendar costs no query.
 */
async function proofOfFunds(db: Database, now: Date, run: DeadlineRun) {
  const open = await db
    .select()
    .from(applications)
    .where(
      and(
        inArray(applications.status, ['filed', 'approved']),
        sql`jsonb_array_length(${applications.plan} -> 'deadlines') > 0`,
      ),
    );
  const sent = await noticesOf(
    db,
    open.map((application) => application.id),
  );
  const today = utcDate(now);
  for (const application of open) {
    for (const deadline of (application.plan as unknown as Plan).deadlines) {
      const key = { applicationId: application.id, rule: deadline.rule, kind: deadline.kind };
      const due = deadlineDue(application, deadline);
      const closed = today > due;
      const left = closed ? 0 : businessDaysLeft(today, due, deadline.holidays);
      const step = closed
        ? 'missed'
        : [...PROOF_REMINDERS]
            .reverse()
            .find((days) => left <= days)
            ?.toString();
      if (step === undefined) continue;
      if (['missed', 'kept', step].some((done) => sent.has(noticeId({ ...key, step: done })))) continue;
      const { share, paidInFull } = await standing(db, application, deadline);
      if (share.isZero() || paidInFull) {
        if (closed) await once(db, run, { ...key, step: 'kept' }, now, async () => {});
        continue;
      }
      if (closed) {
        if (
          await once(db, run, { ...key, step }, now, (tx) => dropForMissedDeadline(tx, now, application, deadline, due))
        )
          run.missed += 1;
        continue;
      }
      const reminded = await once(db, run, { ...key, step }, now, async (tx) =>
        recordEvent(tx, {
          type: 'deadline.approaching',
          occurredAt: now,
          organisationIds: await audienceOf(tx, application.id),
          payload: { ...key, party: deadline.party, due, businessDaysLeft: left },
        }),
      );
      if (reminded) run.approaching += 1;
    }
  }
}

async function dropForMissedDeadline(
  tx: Transaction,
  now: Date,
  unlocked: ApplicationRow,
  deadline: PlanDeadline,
  due: CalendarDate,
) {
  await tx.execute(sql`SELECT 1 FROM applications WHERE id = ${unlocked.id}::uuid FOR UPDATE`);
  const [application] = await tx.select().from(applications).where(eq(applications.id, unlocked.id));
  // What the scan saw may have changed before the lock: a cancellation, the last proof matched.
  if (!application || !['filed', 'approved'].includes(application.status)) throw new NoLongerDue();
  const { plan, share, counted, paidInFull } = await standing(tx, application, deadline);
  if (paidInFull) throw new NoLongerDue();
  const currency = plan.currency;
  const paid = formatMoney(counted, currency);
  const reason =
    `${deadline.rule}: ${deadline.party}'s share was not fully proven by ${due} ` +
    `(${paid} of ${formatMoney(share, currency)} ${currency}); ${deadline.says}`;
  await recordEvent(tx, {
    type: 'deadline.missed',
    occurredAt: now,
    organisationIds: await audienceOf(tx, application.id),
    payload: {
      applicationId: application.id,
      rule: deadline.rule,
      kind: deadline.kind,
      party: deadline.party,
      due,
      paid,
      share: formatMoney(share, currency),
      currency,
    },
  });
  const caller: Caller = { actor: PLATFORM, now, requestId: REQUEST_ID };
  await dropApplication(tx, caller, application.id, reason);
}

interface Waiting extends Record<string, unknown> {
  application_id: string;
  tranche_id: string | null;
  party: string;
  organisation_id: string;
  since: Date | string;
  days: number;
}

/**
 * Approvals pending more than the programme's `approvalReminderDays`: the organisation playing each
 * party that has not decided on a filed application, or on a requested tranche it approves, is told
 * once per application or tranche.
 */
async function approvalsPending(db: Database, now: Date, run: DeadlineRun) {
  const waiting = await rowsOf<Waiting>(
    db,
    sql`
    SELECT a.id AS application_id, NULL::uuid AS tranche_id, pp.party, pp.organisation_id, a.created_at AS since,
           p.approval_reminder_days AS days
    FROM applications a
    JOIN programmes p ON p.id = a.programme_id
    JOIN programme_parties pp ON pp.programme_id = a.programme_id AND pp.status = 'accepted'
    WHERE a.status = 'filed' AND a.applicant_id <> pp.organisation_id
      AND (a.plan -> 'requiredApprovals') @> jsonb_build_array(pp.party)
      AND NOT EXISTS (SELECT 1 FROM application_approvals d WHERE d.application_id = a.id AND d.party = pp.party)
      AND a.created_at + make_interval(days => p.approval_reminder_days) <= ${now.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM deadline_notices n WHERE n.application_id = a.id AND n.rule = 'programme'
        AND n.kind = 'approval-pending' AND n.step = 'application:' || pp.party)
    UNION ALL
    SELECT a.id, t.id, pp.party, pp.organisation_id, t.created_at, p.approval_reminder_days
    FROM tranches t
    JOIN applications a ON a.id = t.application_id
    JOIN programmes p ON p.id = a.programme_id
    JOIN programme_parties pp ON pp.programme_id = a.programme_id AND pp.status = 'accepted'
    WHERE t.status = 'requested' AND a.status = 'approved' AND a.applicant_id <> pp.organisation_id
      AND t.approvers @> jsonb_build_array(pp.party)
      AND NOT EXISTS (SELECT 1 FROM tranche_approvals d WHERE d.tranche_id = t.id AND d.party = pp.party)
      AND t.created_at + make_interval(days => p.approval_reminder_days) <= ${now.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM deadline_notices n WHERE n.application_id = a.id AND n.rule = 'programme'
        AND n.kind = 'approval-pending' AND n.step = 'tranche:' || t.id || ':' || pp.party)
    ORDER BY since`,
  );
  for (const row of waiting) {
    const since = new Date(row.since);
    const step = row.tranche_id ? `tranche:${row.tranche_id}:${row.party}` : `application:${row.party}`;
    const key = { applicationId: row.application_id, rule: 'programme', kind: 'approval-pending', step };
    const sent = await once(db, run, key, now, (tx) =>
      recordEvent(tx, {
        type: 'deadline.approaching',
        occurredAt: now,
        // Only the party that has to decide: the others have, or are told on their own.
        organisationIds: [row.organisation_id],
        payload: {
          applicationId: row.application_id,
          ...(row.tranche_id ? { trancheId: row.tranche_id } : {}),
          kind: 'approval-pending',
          party: row.party,
          pendingSince: since.toISOString(),
          dueAt: new Date(since.getTime() + row.days * 86_400_000).toISOString(),
          days: row.days,
        },
      }),
    );
    if (sent) run.approaching += 1;
  }
}

/**
 * M-6: the clawback window runs `years` from the investor's equity release. The programme and the
 * applicant are told CLAWBACK_NOTICE_DAYS before it ends, and on its last day (or the first scan
 * after it): after that the grant can no longer be clawed back.
 */
async function clawbackWindows(db: Database, now: Date, run: DeadlineRun) {
  const candidates = await db
    .select()
    .from(applications)
    .where(
      and(
        inArray(applications.status, ['approved', 'closed']),
        sql`jsonb_typeof(${applications.plan} -> 'clawback') = 'object'`,
        sql`NOT coalesce(${applications.outcome} ? 'clawback', false)`,
        // Told of the end already: nothing more to say about this window.
        sql`NOT EXISTS (SELECT 1 FROM deadline_notices n WHERE n.application_id = ${applications.id}
          AND n.kind = 'clawback-window-ends' AND n.step = 'end')`,
      ),
    );
  const today = utcDate(now);
  for (const application of candidates) {
    const plan = application.plan as unknown as Plan;
    const terms = plan.clawback!;
    const released = await equityReleasedOn(db, { application, plan });
    if (!released) continue;
    const ends = addYears(released, terms.years);
    const step = today >= ends ? 'end' : today >= addDays(ends, -CLAWBACK_NOTICE_DAYS) ? 'before' : undefined;
    if (!step) continue;
    const key = { applicationId: application.id, rule: terms.rule, kind: 'clawback-window-ends', step };
    const sent = await once(db, run, key, now, async (tx) =>
      recordEvent(tx, {
        type: 'deadline.approaching',
        occurredAt: now,
        organisationIds: await audienceOf(tx, application.id),
        payload: {
          applicationId: application.id,
          rule: terms.rule,
          kind: key.kind,
          party: terms.party,
          from: released,
          due: ends,
          daysLeft: Math.max(0, calendarDaysBetween(today, ends)),
        },
      }),
    );
    if (sent) run.approaching += 1;
  }
}

/**
 * One scan of every deadline, judged by `now` (the workflow clock: tests pass theirs). A notice that
 * fails (its transaction rolled back: no row, no event) does not stop the others; the failures are
 * thrown together once the scan is done, and the next scan tries again.
 */
export async function runDeadlines(db: Database, now: Date): Promise<DeadlineRun> {
  const run: DeadlineRun = { approaching: 0, missed: 0, failures: [] };
  for (const scan of [proofOfFunds, approvalsPending, clawbackWindows]) {
    try {
      await scan(db, now, run);
    } catch (error) {
      run.failures.push(error);
    }
  }
  if (run.failures.length > 0) throw new AggregateError(run.failures, 'deadline scan failed');
  return run;
}
