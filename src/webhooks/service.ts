import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { type Caller, readsEverything } from '../auth';
import { type Database, type Executor, type Position, olderThan } from '../db';
import { events, organisations, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../db/schema';
import { CofundError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { EVENT_TYPES, type EventType, publishEvents } from '../events';
import { type ReachPolicy, classifyAddress, refusal } from './addresses';
import { sealSecret } from './secrets';
import { isLocalhostName } from './sender';
import type { WebhookSettings } from './settings';
import { generateSecret } from './signing';

export type Webhook = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookAttempt = typeof webhookAttempts.$inferSelect;

const MAX_URL = 2000;

/**
 * Who may see an organisation's webhooks: its own keys, the administrator and auditors; anyone
 * else gets 404. Writing them is the organisation's (any role but auditor) or the administrator's.
 */
function sees(caller: Caller, organisationId: string): boolean {
  return (
    readsEverything(caller.actor) || (caller.actor.kind === 'key' && caller.actor.organisationId === organisationId)
  );
}

function requireWriter(caller: Caller) {
  if (caller.actor.kind === 'key' && caller.actor.role === 'auditor')
    throw new ForbiddenError('auditors read webhooks and deliveries; they change nothing');
}

/**
 * A receiver's URL: absolute, https (plain http only to loopback when loopback is allowed), no
 * credentials in it, and not a literal address we refuse. Host names are checked again at each
 * attempt, on the address actually connected to (src/webhooks/node-sender.ts).
 */
function checkEndpointUrl(text: unknown, policy: ReachPolicy): string {
  const field = 'body.url';
  if (typeof text !== 'string' || text.length > MAX_URL)
    throw ValidationError.field(field, `required, at most ${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ValidationError.field(field, 'is not an absolute URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = isLocalhostName(host) || classifyAddress(host) === 'loopback';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && policy.allowLoopback))
    throw ValidationError.field(field, 'must be https');
  if (url.username || url.password) throw ValidationError.field(field, 'must not carry credentials');
  const refused = refusal(isLocalhostName(host) ? '127.0.0.1' : host, policy);
  if (refused) throw ValidationError.field(field, refused);
  return url.toString();
}

function checkTypes(value: unknown): EventType[] {
  const field = 'body.events';
  if (!Array.isArray(value) || value.length === 0)
    throw ValidationError.field(field, 'required: one or more event types');
  const unknown = value.filter((type) => !(EVENT_TYPES as readonly unknown[]).includes(type));
  if (unknown.length > 0) throw ValidationError.field(field, `unknown event types: ${unknown.join(', ')}`);
  return [...new Set(value as EventType[])].sort();
}

export interface NewWebhook {
  url: unknown;
  events: unknown;
  /** Whose webhook: a key's own organisation when unset; the administrator must name one. */
  organisationId?: string;
}

/** Whose webhook a new one is, or 404 for an organisation the caller does not act for. */
function ownerOf(caller: Caller, organisationId: string | undefined): string {
  if (organisationId === undefined) {
    if (caller.actor.kind === 'key') return caller.actor.organisationId;
    throw ValidationError.field('body.organisationId', 'required of the administrator: whose webhook it is');
  }
  if (!sees(caller, organisationId)) throw new NotFoundError('organisation', organisationId);
  return organisationId;
}

/**
 * Subscribes an endpoint of the organisation to event types. It receives the events published from
 * now on (the feed has the earlier ones). The secret is returned here, once; it is kept sealed.
 */
export async function createWebhook(
  db: Database,
  caller: Caller,
  settings: WebhookSettings,
  input: NewWebhook,
): Promise<{ webhook: Webhook; secret: string }> {
  const organisationId = ownerOf(caller, input.organisationId);
  requireWriter(caller);
  if (settings.secretKey === undefined)
    throw new CofundError(
      'webhooks-not-configured',
      503,
      'webhooks are not configured on this server: its operator must set COFUND_SECRET_KEY (README)',
    );
  const url = checkEndpointUrl(input.url, settings);
  const eventTypes = checkTypes(input.events);
  const secret = generateSecret();
  const sealed = await sealSecret(settings.secretKey, secret);
  // Numbered first, so "from now on" is a sequence: every event committed before this one is behind it.
  await publishEvents(db);
  const webhook = await db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
    if (!organisation) throw new NotFoundError('organisation', organisationId);
    const [top] = await tx.select({ top: sql<string>`coalesce(max(${events.sequence}), 0)` }).from(events);
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        organisationId,
        url,
        eventTypes,
        secret: sealed,
        fannedOutTo: BigInt(top!.top),
        createdAt: caller.now,
        createdByKey: caller.actor.kind === 'key' ? caller.actor.keyId : null,
      })
      .returning();
    await recordAudit(
      tx,
      caller.actor,
      {
        action: 'webhook.created',
        resourceType: 'webhook',
        resourceId: created!.id,
        details: { organisationId, url, events: eventTypes },
      },
      caller.requestId,
    );
    return created!;
  });
  return { webhook, secret };
}

/** A key's own organisation's webhooks; the administrator and auditors see all, or one organisation's. */
export async function listWebhooks(db: Executor, caller: Caller, organisationId?: string) {
  const own = caller.actor.kind === 'key' && !readsEverything(caller.actor) ? caller.actor.organisationId : undefined;
  const whose = organisationId ?? own;
  if (whose !== undefined && !sees(caller, whose)) throw new NotFoundError('organisation', whose);
  return db
    .select()
    .from(webhookEndpoints)
    .where(whose === undefined ? undefined : eq(webhookEndpoints.organisationId, whose))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

export async function getWebhook(db: Executor, caller: Caller, id: string, lock = false): Promise<Webhook> {
  const query = db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const [endpoint] = lock ? await query.for('update') : await query;
  if (!endpoint || !sees(caller, endpoint.organisationId)) throw new NotFoundError('webhook', id);
  return endpoint;
}

/**
 * Turns a webhook on or off by hand. Turned back on, it receives what waited meanwhile: its
 * deliveries stay pending while it is off, and start a fresh schedule of retries.
 */
export async function setWebhookStatus(
  db: Executor,
  caller: Caller,
  id: string,
  status: 'active' | 'disabled',
): Promise<Webhook> {
  const endpoint = await getWebhook(db, caller, id, true);
  requireWriter(caller);
  if (endpoint.status === status) return endpoint;
  const [updated] = await db
    .update(webhookEndpoints)
    .set(
      status === 'active'
        ? { status, disabledAt: null, disabledReason: null }
        : { status, disabledAt: caller.now, disabledReason: 'disabled by its organisation' },
    )
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (status === 'active')
    await db
      .update(webhookDeliveries)
      .set({ attempts: 0, nextAttemptAt: caller.now, leasedUntil: null })
      .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, 'pending')));
  await recordAudit(
    db,
    caller.actor,
    {
      action: status === 'active' ? 'webhook.enabled' : 'webhook.disabled',
      resourceType: 'webhook',
      resourceId: id,
      details: {},
    },
    caller.requestId,
  );
  return updated!;
}

export async function listDeliveries(
  db: Executor,
  caller: Caller,
  endpointId: string,
  limit: number,
  after?: Position,
) {
  await getWebhook(db, caller, endpointId);
  return db
    .select({ delivery: webhookDeliveries, eventType: events.type })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        olderThan(webhookDeliveries.createdAt, webhookDeliveries.id, after),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit + 1);
}

export interface DeliveryView {
  delivery: WebhookDelivery;
  eventType: EventType;
  attempts: WebhookAttempt[];
}

export async function getDelivery(db: Executor, caller: Caller, id: string, lock = false): Promise<DeliveryView> {
  const query = db
    .select({ delivery: webhookDeliveries, eventType: events.type, organisationId: webhookEndpoints.organisationId })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, id));
  const [row] = lock ? await query.for('update', { of: webhookDeliveries }) : await query;
  if (!row || !sees(caller, row.organisationId)) throw new NotFoundError('webhook delivery', id);
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, id))
    .orderBy(asc(webhookAttempts.id));
  return { delivery: row.delivery, eventType: row.eventType, attempts };
}

/**
 * Sends a delivery again, delivered or not: it goes back to pending, due now, with a fresh
 * schedule of retries. The same webhook-id, so a receiver that did get it can tell.
 */
export async function replayDelivery(db: Executor, caller: Caller, id: string): Promise<DeliveryView> {
  const view = await getDelivery(db, caller, id, true);
  requireWriter(caller);
  const endpoint = await getWebhook(db, caller, view.delivery.endpointId);
  if (endpoint.status !== 'active')
    throw new ConflictError('webhook-disabled', 'the webhook is disabled: enable it first, then replay');
  if (view.delivery.status === 'pending' && view.delivery.attempts === 0)
    throw new ConflictError('delivery-pending', 'the delivery has not been attempted yet; it is on its way');
  await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: caller.now, leasedUntil: null, deliveredAt: null })
    .where(eq(webhookDeliveries.id, id));
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'webhook-delivery.replayed',
      resourceType: 'webhook-delivery',
      resourceId: id,
      details: { previousStatus: view.delivery.status },
    },
    caller.requestId,
  );
  return getDelivery(db, caller, id);
}
