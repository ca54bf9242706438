import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { publishEvents } from '../events';
import { type BackgroundLoop, startBackgroundLoop } from '../operations/background';
import { type MailSubject, composeMail } from './compose';
import type { MailTransport } from './transport';

/*
 * The mail dispatcher (docs/events.md, "Mail"), off the request path. Each pass numbers the
 * committed events, reads the outbox from its own cursor and fans each event out to the people it
 * concerns who want that kind of mail (one delivery per event and person: a unique key), then sends
 * what is due. At most once: a delivery is marked `sending` (committed) before it is sent; a send
 * the SMTP server refused is retried with backoff, and one whose dispatcher died mid-send is not
 * sent again.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wait after each failed attempt: 7 attempts over about 17 hours, then the delivery has failed. */
export const MAIL_RETRY_SCHEDULE_MS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 4 * HOUR, 12 * HOUR];

/** Longer than any send may take (smtp.ts bounds each step): past it, the sending dispatcher is gone. */
const LEASE_MS = 2 * MINUTE;
/** On its first pass the dispatcher starts this far back: a database with a history does not mail it all. */
const FIRST_PASS_HORIZON = '1 day';
const CURSOR = 'events';

export interface MailDispatchOptions {
  transport: MailTransport;
  /** COFUND_PUBLIC_URL, without a trailing slash: the mails' links start with it. */
  publicUrl: string;
  /** The clock retries are scheduled by (tests move it). */
  now?: () => Date;
  /** Events fanned out, and deliveries sent, per pass. */
  batch?: number;
  /** Mails in flight at once within a pass. */
  concurrency?: number;
}

export interface MailPassResult {
  fannedOut: number;
  attempted: number;
  sent: number;
  interrupted: number;
}

/**
 * The recipients of the events after the cursor, up to `batch` events, and the cursor moved past
 * them. One dispatcher at a time fans out (the cursor's row lock; another skips it and sends).
 */
async function fanOut(db: Database, now: Date, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    let [cursor] = await tx.execute<{ sequence: string }>(
      sql`SELECT sequence FROM mail_cursors WHERE name = ${CURSOR} FOR UPDATE SKIP LOCKED`,
    );
    // The first pass ever: no cursor yet (none when another dispatcher holds it, and then it fans out).
    cursor ??= (
      await tx.execute<{ sequence: string }>(sql`
        INSERT INTO mail_cursors (name, sequence)
        SELECT ${CURSOR}, coalesce(max(sequence), 0) FROM events
        WHERE recorded_at < clock_timestamp() - ${FIRST_PASS_HORIZON}::interval
          AND NOT EXISTS (SELECT 1 FROM mail_cursors WHERE name = ${CURSOR})
        ON CONFLICT (name) DO NOTHING RETURNING sequence`)
    )[0];
    if (!cursor) return 0;
    const [range] = await tx.execute<{ top: string | null }>(sql`
      SELECT max(sequence) AS top FROM (
        SELECT sequence FROM events WHERE sequence > ${cursor.sequence} ORDER BY sequence LIMIT ${batch}
      ) next`);
    if (range?.top == null) return 0;
    const at = now.toISOString();
    const inserted = await tx.execute(sql`
      WITH batch AS (
        SELECT id, type, payload, organisation_ids FROM events
        WHERE sequence > ${cursor.sequence} AND sequence <= ${range.top}
      ), about AS (
        SELECT batch.*, a.id AS application_id, a.programme_id, a.applicant_id, a.plan, t.approvers
        FROM batch
        LEFT JOIN applications a ON a.id = (batch.payload ->> 'applicationId')::uuid
        LEFT JOIN tranches t ON t.id = (batch.payload ->> 'trancheId')::uuid
      ), recipients AS (
        -- What waits for a decision: the approvers of the parties that must decide, never the applicant's.
        SELECT about.id AS event_id, u.id AS user_id FROM about
        JOIN programme_parties pp ON pp.programme_id = about.programme_id AND pp.status = 'accepted'
         AND pp.organisation_id <> about.applicant_id
         AND pp.party IN (SELECT jsonb_array_elements_text(
               CASE about.type WHEN 'tranche.requested' THEN about.approvers
                 ELSE about.plan -> 'requiredApprovals' END))
        JOIN users u ON u.organisation_id = pp.organisation_id AND u.role = 'approver' AND u.mail_decisions_waiting
        WHERE about.type IN ('application.filed', 'tranche.requested')
        UNION
        -- The applicant's decisions and tranches paid: its people.
        SELECT about.id, u.id FROM about
        JOIN users u ON u.organisation_id = about.applicant_id
         AND CASE about.type WHEN 'tranche.posted' THEN u.mail_tranches_paid ELSE u.mail_application_decisions END
        WHERE about.type IN ('application.approved', 'application.rejected', 'tranche.posted')
        UNION
        -- A deadline: the people of the organisations it names.
        SELECT about.id, u.id FROM about
        JOIN users u ON u.organisation_id = ANY(about.organisation_ids) AND u.mail_deadlines
        WHERE about.type = 'deadline.approaching'
      )
      INSERT INTO mail_deliveries (event_id, user_id, next_attempt_at, created_at)
      SELECT recipients.event_id, recipients.user_id, ${at}::timestamptz, ${at}::timestamptz
      FROM recipients JOIN users u ON u.id = recipients.user_id
      -- People who have set their password: an invitation not yet used is not a portal user yet.
      WHERE u.password_hash IS NOT NULL
      ON CONFLICT (event_id, user_id) DO NOTHING
      RETURNING 1`);
    await tx.execute(sql`UPDATE mail_cursors SET sequence = ${range.top} WHERE name = ${CURSOR}`);
    return inserted.length;
  });
}

/** Deliveries whose dispatcher stopped mid-send: they may have gone out, so they are not sent again. */
async function markInterrupted(db: Database, now: Date): Promise<number> {
  const rows = await db.execute(sql`
    UPDATE mail_deliveries SET status = 'interrupted', leased_until = NULL
    WHERE status = 'sending' AND leased_until <= ${now.toISOString()}::timestamptz RETURNING 1`);
  return rows.length;
}

type Claimed = {
  id: string;
  attempts: number;
  event_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  user_id: string;
  email: string;
  name: string;
  locale: string | null;
  role: string | null;
  organisation_id: string | null;
  application_id: string | null;
  title: string | null;
  applicant_id: string | null;
  currency: string | null;
  programme: string | null;
  tranche_amount: string | null;
};

/** Marks the deliveries due now `sending` (committed before anything is sent), oldest due first. */
async function claimDue(db: Database, now: Date, batch: number): Promise<Claimed[]> {
  return db.execute<Claimed>(sql`
    WITH due AS (
      SELECT id FROM mail_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now.toISOString()}::timestamptz
      ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE mail_deliveries d SET status = 'sending', attempts = d.attempts + 1,
        leased_until = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
      FROM due WHERE d.id = due.id RETURNING d.id, d.attempts, d.event_id, d.user_id
    )
    SELECT claimed.id, claimed.attempts, e.id AS event_id, e.type AS event_type, e.payload,
           u.id AS user_id, u.email, u.name, u.locale, u.role, u.organisation_id,
           a.id AS application_id, a.title, a.applicant_id, a.currency, p.name AS programme,
           t.amount AS tranche_amount
    FROM claimed JOIN events e ON e.id = claimed.event_id JOIN users u ON u.id = claimed.user_id
    LEFT JOIN applications a ON a.id = (e.payload ->> 'applicationId')::uuid
    LEFT JOIN programmes p ON p.id = a.programme_id
    LEFT JOIN tranches t ON t.id = (e.payload ->> 'trancheId')::uuid`);
}

const subjectOf = (row: Claimed): MailSubject => ({
  eventId: row.event_id,
  eventType: row.event_type,
  payload: row.payload,
  userId: row.user_id,
  email: row.email,
  name: row.name,
  locale: row.locale,
  role: row.role,
  organisationId: row.organisation_id,
  application: row.application_id
    ? {
        id: row.application_id,
        title: row.title!,
        applicantId: row.applicant_id!,
        currency: row.currency!,
        programme: row.programme!,
      }
    : null,
  trancheAmount: row.tranche_amount,
});

/** An SMTP reply of 5xx refuses the mail for good (RFC 5321 §4.2.1); anything else may pass later. */
const refusedForGood = (error: unknown) => {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** A mail that cannot be written (an event no mail is about, a resource gone): failed at once, not retried. */
class Unwritable extends Error {}

async function attempt(row: Claimed, options: Settings): Promise<'sent' | 'logged'> {
  let composed;
  try {
    composed = composeMail(subjectOf(row), options.publicUrl);
  } catch (error) {
    throw new Unwritable(errorText(error));
  }
  if (!composed) throw new Unwritable(`no mail is written for ${row.event_type}`);
  return options.transport({
    to: row.email,
    subject: composed.subject,
    text: composed.text,
    locale: composed.locale,
    eventId: row.event_id,
    eventType: row.event_type,
    userId: row.user_id,
  });
}

/** Sends one claimed delivery and records how it went: sent or logged, due again later, or failed. */
async function sendOne(db: Database, row: Claimed, options: Settings): Promise<boolean> {
  let outcome: { status: 'sent' | 'logged' } | { error: unknown };
  try {
    outcome = { status: await attempt(row, options) };
  } catch (error) {
    outcome = { error };
  }
  const now = options.now();
  if ('status' in outcome) {
    await db.execute(sql`
      UPDATE mail_deliveries SET status = ${outcome.status}, leased_until = NULL, last_error = NULL,
        sent_at = ${now.toISOString()}::timestamptz
      WHERE id = ${row.id} AND status = 'sending'`);
    return true;
  }
  const retried = !(outcome.error instanceof Unwritable) && !refusedForGood(outcome.error);
  const wait = retried ? MAIL_RETRY_SCHEDULE_MS[row.attempts - 1] : undefined;
  await db.execute(sql`
    UPDATE mail_deliveries SET leased_until = NULL, last_error = ${errorText(outcome.error)},
      status = ${wait === undefined ? 'failed' : 'pending'},
      next_attempt_at = ${new Date(now.getTime() + (wait ?? 0)).toISOString()}::timestamptz
    WHERE id = ${row.id} AND status = 'sending'`);
  return false;
}

type Settings = Required<MailDispatchOptions>;

/** Runs tasks with at most `limit` in flight. */
async function inPool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const runner = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}

/** One pass of the mail dispatcher. */
export async function dispatchMail(db: Database, options: MailDispatchOptions): Promise<MailPassResult> {
  const settings: Settings = { now: () => new Date(), batch: 200, concurrency: 4, ...options };
  for (let numbered = -1; numbered !== 0;) numbered = await publishEvents(db);
  const fannedOut = await fanOut(db, settings.now(), settings.batch);
  const interrupted = await markInterrupted(db, settings.now());
  const claimed = await claimDue(db, settings.now(), settings.batch);
  let sent = 0;
  await inPool(claimed, settings.concurrency, async (row) => {
    if (await sendOne(db, row, settings)) sent += 1;
  });
  return { fannedOut, attempted: claimed.length, sent, interrupted };
}

/** The Node mail dispatcher: a pass every `everyMs`, never two at once, as the webhook worker. */
export function startMailDispatch(
  db: Database,
  options: MailDispatchOptions & { everyMs?: number; onError?: (error: unknown) => void },
): BackgroundLoop {
  const batch = options.batch ?? 200;
  return startBackgroundLoop(
    async () => {
      const { attempted, fannedOut } = await dispatchMail(db, options);
      return attempted >= batch || fannedOut > 0;
    },
    { everyMs: options.everyMs ?? 1000, onError: options.onError },
  );
}
