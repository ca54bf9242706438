import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { EventType } from '../../events/types';
import { events } from './events';
import { apiKeys, instant, organisations } from './workflow';

/*
 * Webhooks (docs/events.md): an organisation's endpoints, one delivery per event and endpoint (the
 * logical message, delivered at least once), and every attempt at it.
 */

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    url: text('url').notNull(),
    eventTypes: text('event_types').array().$type<EventType[]>().notNull(),
    /** The signing key (`whsec_` + base64, shown once), sealed under COFUND_SECRET_KEY (src/webhooks/secrets.ts). */
    secret: text('secret').notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    disabledAt: instant('disabled_at'),
    disabledReason: text('disabled_reason'),
    /** The events published up to this sequence have been fanned out to this endpoint. */
    fannedOutTo: bigint('fanned_out_to', { mode: 'bigint' }).notNull(),
    createdAt: instant('created_at').notNull(),
    createdByKey: uuid('created_by_key').references(() => apiKeys.id),
  },
  (t) => [
    index('webhook_endpoints_organisation_idx').on(t.organisationId),
    check('webhook_endpoints_types_check', sql`cardinality(${t.eventTypes}) > 0`),
  ],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    /** A worker sending it now holds it until then; past it, another may (the first one crashed). */
    leasedUntil: instant('leased_until'),
    deliveredAt: instant('delivered_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    unique('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);

export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attemptedAt: instant('attempted_at').notNull(),
    /** The HTTP status the receiver answered; null when there was no answer (timeout, refusal, network). */
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    /** Why it failed without an answer: timeout, refused address, connection error. */
    error: text('error'),
    /** The first characters of the receiver's answer. */
    responseExcerpt: text('response_excerpt').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
