import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { webhookAttempts } from '../db/schema';
import { publishEvents, recordEvent } from '../events';
import { type BackgroundLoop, startBackgroundLoop } from '../operations/background';
import { unsealSecret } from './secrets';
import type { Sender, SendResult } from './sender';
import { signedHeaders } from './signing';

/*
 * Delivery, off the request path (docs/events.md): each pass numbers the committed events, fans
 * them out to the endpoints subscribed (one delivery per event and endpoint), then sends what is
 * due. At least once: a delivery is leased while it is being sent, and a worker that dies mid-send
 * leaves a lease that runs out, so another sends it again.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The wait after each failed attempt: 10 attempts over about 3 days (71.6 hours), after which the
 * delivery has failed and its endpoint is disabled.
 */
export const RETRY_SCHEDULE_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  14 * HOUR,
  20 * HOUR,
  20 * HOUR,
];

export interface DeliveryOptions {
  sender: Sender;
  /** COFUND_SECRET_KEY, which the signing secrets are sealed under. */
  secretKey: string | undefined;
  /** The clock retries are scheduled by (tests move it). */
  now?: () => Date;
  timeoutMs?: number;
  /** Deliveries claimed per pass. */
  batch?: number;
  /** Requests in flight at once within a pass. */
  concurrency?: number;
}

export const DEFAULT_TIMEOUT_MS = 10 * SECOND;
const LEASE_MARGIN_MS = 30 * SECOND;

export interface PassResult {
  published: number;
  fannedOut: number;
  attempted: number;
  delivered: number;
}

/** One delivery per event and endpoint, for the events published since the endpoint last fanned out. */
async function fanOut(db: Database, now: Date): Promise<number> {
  const rows = await db.execute<{ inserted: string }>(sql`
    WITH top AS (SELECT coalesce(max(sequence), 0) AS top FROM events),
    due AS (
      SELECT id, organisation_id, event_types, fanned_out_to FROM webhook_endpoints
      WHERE fanned_out_to < (SELECT top FROM top) FOR UPDATE SKIP LOCKED
    ),
    inserted AS (
      INSERT INTO webhook_deliveries (endpoint_id, event_id, next_attempt_at, created_at)
      SELECT due.id, e.id, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      FROM due JOIN events e
        ON e.sequence > due.fanned_out_to AND e.sequence <= (SELECT top FROM top)
       AND e.type = ANY(due.event_types) AND due.organisation_id = ANY(e.organisation_ids)
      ORDER BY e.sequence
      ON CONFLICT DO NOTHING RETURNING 1
    ),
    advanced AS (
      UPDATE webhook_endpoints SET fanned_out_to = (SELECT top FROM top) FROM due
      WHERE webhook_endpoints.id = due.id RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted) AS inserted, (SELECT count(*) FROM advanced) AS advanced`);
  return Number(rows[0]?.inserted ?? 0);
}

type Claimed = {
  id: string;
  attempts: number;
  endpoint_id: string;
  organisation_id: string;
  url: string;
  /** Sealed under COFUND_SECRET_KEY (src/webhooks/secrets.ts). */
  sealed_secret: string;
  event_id: string;
  type: string;
  occurred_at: string;
  payload: Record<string, unknown>;
};

/** Leases the deliveries due now on active endpoints, oldest due first; skips what another worker holds. */
async function claimDue(db: Database, now: Date, batch: number, leaseMs: number): Promise<Claimed[]> {
  return db.execute<Claimed>(sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints ep ON ep.id = d.endpoint_id
      WHERE d.status = 'pending' AND ep.status = 'active' AND d.next_attempt_at <= ${now.toISOString()}::timestamptz
        AND (d.leased_until IS NULL OR d.leased_until <= ${now.toISOString()}::timestamptz)
      ORDER BY d.next_attempt_at LIMIT ${batch} FOR UPDATE OF d SKIP LOCKED
    ), leased AS (
      UPDATE webhook_deliveries d SET leased_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
      FROM due WHERE d.id = due.id RETURNING d.id, d.attempts, d.endpoint_id, d.event_id
    )
    SELECT leased.id, leased.attempts, leased.endpoint_id, ep.organisation_id, ep.url, ep.secret AS sealed_secret,
           e.id AS event_id, e.type, to_json(e.occurred_at) #>> '{}' AS occurred_at, e.payload
    FROM leased JOIN webhook_endpoints ep ON ep.id = leased.endpoint_id JOIN events e ON e.id = leased.event_id`);
}

type Settings = Required<Omit<DeliveryOptions, 'secretKey'>> & Pick<DeliveryOptions, 'secretKey'>;

async function unsealed(stored: string, secretKey: string | undefined): Promise<string | undefined> {
  if (secretKey === undefined) return undefined;
  try {
    return await unsealSecret(secretKey, stored);
  } catch {
    return undefined;
  }
}

/** The message of an event, the same bytes at every attempt (Standard Webhooks' suggested shape). */
const messageBody = (event: { id: string; type: string; occurredAt: string; payload: unknown }) =>
  JSON.stringify({ id: event.id, type: event.type, timestamp: event.occurredAt, data: event.payload });

async function attempt(claimed: Claimed, options: Settings): Promise<SendResult> {
  const secret = await unsealed(claimed.sealed_secret, options.secretKey);
  // Not the receiver's fault, but nothing can be signed: a failed attempt, logged, retried on schedule.
  if (secret === undefined)
    return {
      statusCode: null,
      latencyMs: 0,
      error: 'the signing secret cannot be unsealed: COFUND_SECRET_KEY is unset or not the key it was sealed under',
      excerpt: '',
    };
  const occurredAt = new Date(claimed.occurred_at).toISOString();
  const body = messageBody({ id: claimed.event_id, type: claimed.type, occurredAt, payload: claimed.payload });
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'cofund-webhooks/1',
    ...(await signedHeaders(secret, claimed.event_id, new Date(), body)),
  };
  return options.sender({ url: claimed.url, headers, body, timeoutMs: options.timeoutMs });
}

/** Logs the attempt and moves the delivery on: delivered, due again later, or failed for good. */
async function settle(db: Database, claimed: Claimed, result: SendResult, now: Date): Promise<boolean> {
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: claimed.id,
      attemptedAt: now,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.statusCode === null ? result.error : null,
      responseExcerpt: result.excerpt,
    });
    const attempts = claimed.attempts + 1;
    if (ok) {
      await tx.execute(sql`
        UPDATE webhook_deliveries SET status = 'delivered', attempts = ${attempts}, leased_until = NULL,
          delivered_at = ${now.toISOString()}::timestamptz
        WHERE id = ${claimed.id} AND status = 'pending'`);
      return true;
    }
    const wait = RETRY_SCHEDULE_MS[attempts - 1];
    if (wait !== undefined) {
      await tx.execute(sql`
        UPDATE webhook_deliveries SET attempts = ${attempts}, leased_until = NULL,
          next_attempt_at = ${new Date(now.getTime() + wait).toISOString()}::timestamptz
        WHERE id = ${claimed.id} AND status = 'pending'`);
      return false;
    }
    await tx.execute(sql`
      UPDATE webhook_deliveries SET status = 'failed', attempts = ${attempts}, leased_until = NULL
      WHERE id = ${claimed.id} AND status = 'pending'`);
    // Three days of failures: the webhook is off until its organisation turns it back on, and is told.
    const disabled = await tx.execute(sql`
      UPDATE webhook_endpoints SET status = 'disabled', disabled_at = ${now.toISOString()}::timestamptz,
        disabled_reason = ${`delivery ${claimed.id} failed all ${attempts} attempts`}
      WHERE id = ${claimed.endpoint_id} AND status = 'active' RETURNING id`);
    if (disabled.length > 0)
      await recordEvent(tx, {
        type: 'webhook.disabled',
        occurredAt: now,
        organisationIds: [claimed.organisation_id],
        payload: { webhookId: claimed.endpoint_id, deliveryId: claimed.id, eventId: claimed.event_id },
      });
    return false;
  });
}

/** Runs tasks with at most `limit` in flight. */
async function inPool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const runner = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}

/** One pass of the delivery worker. */
export async function deliverDue(db: Database, options: DeliveryOptions): Promise<PassResult> {
  const settings: Settings = {
    now: () => new Date(),
    timeoutMs: DEFAULT_TIMEOUT_MS,
    batch: 200,
    concurrency: 16,
    ...options,
  };
  let published = 0;
  for (let numbered = -1; numbered !== 0;) published += numbered = await publishEvents(db);
  const fannedOut = await fanOut(db, settings.now());
  const claimed = await claimDue(db, settings.now(), settings.batch, settings.timeoutMs + LEASE_MARGIN_MS);
  let delivered = 0;
  await inPool(claimed, settings.concurrency, async (one) => {
    const result = await attempt(one, settings);
    if (await settle(db, one, result, settings.now())) delivered += 1;
  });
  return { published, fannedOut, attempted: claimed.length, delivered };
}

/**
 * The Node delivery worker: a pass every `everyMs`, never two at once, each draining what is due
 * (a full batch is followed by another pass at once).
 */
export function startWebhookDelivery(
  db: Database,
  options: DeliveryOptions & { everyMs?: number; onError?: (error: unknown) => void },
): BackgroundLoop {
  const batch = options.batch ?? 200;
  return startBackgroundLoop(async () => (await deliverDue(db, options)).attempted >= batch, {
    everyMs: options.everyMs ?? 500,
    onError: options.onError,
  });
}
