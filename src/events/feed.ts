import { and, arrayContains, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { type Caller, readsEverything } from '../auth';
import type { Database } from '../db';
import { events } from '../db/schema';
import type { EventType } from './types';
import { publishEvents } from './publish';

export type EventRecord = typeof events.$inferSelect;

export interface EventFeedQuery {
  /** The sequence of the last event already seen. */
  after?: string | undefined;
  type?: EventType | undefined;
  limit: number;
}

/**
 * The events the caller may see, oldest first, after a sequence: the feed of pull integrations.
 * An organisation sees the events naming it (the same organisations that may read the resources
 * they are about); the administrator and auditors see all. Returns one more than `limit` when there
 * is a next page.
 */
export async function listEvents(db: Database, caller: Caller, query: EventFeedQuery): Promise<EventRecord[]> {
  await publishEvents(db);
  const actor = caller.actor;
  return db
    .select()
    .from(events)
    .where(
      and(
        isNotNull(events.sequence),
        query.after !== undefined ? gt(events.sequence, BigInt(query.after)) : undefined,
        query.type !== undefined ? eq(events.type, query.type) : undefined,
        actor.kind === 'key' && !readsEverything(actor)
          ? arrayContains(events.organisationIds, [actor.organisationId])
          : undefined,
      ),
    )
    .orderBy(asc(events.sequence))
    .limit(query.limit + 1);
}
