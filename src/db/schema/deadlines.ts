import { pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { applications, instant } from './workflow';

/*
 * The deadline notices sent (src/deadlines, docs/events.md "Deadlines"): one row per application,
 * rule, kind and step, written in the transaction that writes the notice's event (and, for a missed
 * 3x1-7 window, drops the project). The key is what makes each notice once: a second scan, or two
 * at once, finds the row (or waits for it) and does nothing more.
 */
export const deadlineNotices = pgTable(
  'deadline_notices',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** The rule the deadline comes from (`3x1-7`, `M-6`), or `programme` for a programme's own setting. */
    rule: text('rule').notNull(),
    kind: text('kind').notNull(),
    /**
     * Which notice of the deadline: `10`, `3`, `missed` (or `kept`: the window closed with the share in,
     * no event); `application:<party>`, `tranche:<id>:<party>`; `before`, `end`.
     */
    step: text('step').notNull(),
    sentAt: instant('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.rule, t.kind, t.step] })],
);
