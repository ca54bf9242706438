import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { events } from './events';
import { users } from './people';
import { instant } from './workflow';

/*
 * Mail to the portal's people (docs/events.md, "Mail"): the dispatcher's place in the events
 * outbox, and one delivery per event and person, sent at most once.
 */

/** How far the mail dispatcher has read the outbox: one row, named after what it reads. */
export const mailCursors = pgTable('mail_cursors', {
  name: text('name').primaryKey(),
  /** The events published up to this sequence have been fanned out to their recipients. */
  sequence: bigint('sequence', { mode: 'bigint' }).notNull(),
});

export const mailDeliveries = pgTable(
  'mail_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /**
     * pending: due at next_attempt_at; sending: a dispatcher holds it until leased_until; sent: the
     * SMTP server accepted it; logged: written to the log (no SMTP_URL); failed: every attempt was
     * refused; interrupted: its dispatcher stopped mid-send, so it is not sent again (at most once).
     */
    status: text('status', { enum: ['pending', 'sending', 'sent', 'logged', 'failed', 'interrupted'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    leasedUntil: instant('leased_until'),
    /** Why the last attempt failed (the SMTP server's answer or the connection's error). */
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    unique('mail_deliveries_event_user_key').on(t.eventId, t.userId),
    index('mail_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('mail_deliveries_user_idx').on(t.userId, t.createdAt),
  ],
);
