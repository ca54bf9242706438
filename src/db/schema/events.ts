import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgSequence, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { EventType } from '../../events/types';
import { instant } from './workflow';

/*
 * The outbox of domain events (docs/events.md). A state change inserts its event in its own
 * transaction, without a sequence number: numbers are handed out after commit, by one publisher at
 * a time (src/events/publish.ts), so they follow the order events became visible and a reader that
 * saw number n never later meets a smaller one (a bigserial taken inside the transaction would not:
 * transactions commit out of the order they took their numbers).
 */

export const eventSequence = pgSequence('event_sequence');

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order events were written in; the publisher numbers a batch in this order. */
    writeOrder: bigint('write_order', { mode: 'bigint' }).notNull().generatedAlwaysAsIdentity(),
    /** Null until published; then the feed's cursor, increasing in publication order. */
    sequence: bigint('sequence', { mode: 'bigint' }).unique(),
    type: text('type').$type<EventType>().notNull(),
    occurredAt: instant('occurred_at').notNull(),
    /** The organisations entitled to see it (beside the administrator and auditors, who see everything). */
    organisationIds: uuid('organisation_ids').array().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    recordedAt: instant('recorded_at')
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('events_unpublished_idx')
      .on(t.writeOrder)
      .where(sql`${t.sequence} IS NULL`),
    index('events_audience_idx').using('gin', t.organisationIds),
    index('events_type_idx').on(t.type, t.sequence),
  ],
);
