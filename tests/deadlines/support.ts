import { expect } from 'vitest';
import type { Database } from '../../src/db';
import { type DeadlineRun, runDeadlines } from '../../src/deadlines';
import type { client } from '../support/client';
import { expectStatus, type testClock } from '../support/workflow';

export interface FeedEvent {
  id: string;
  type: string;
  occurredAt: string;
  organisationIds: string[];
  payload: Record<string, unknown>;
}

/** Every event of `type` the client may see (the feed, page by page). */
export async function feed(by: ReturnType<typeof client>, type: string): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const params = new URLSearchParams({ type, limit: '100', ...(after !== undefined && { after }) });
    const page = expectStatus(
      await by.get<{ items: FeedEvent[]; nextCursor: string | null; hasMore: boolean }>(`/v1/events?${params}`),
      200,
    ).body;
    events.push(...page.items);
    if (!page.hasMore) return events;
    after = page.nextCursor!;
  }
}

/** The events about one application. */
export const about = (events: FeedEvent[], applicationId: string) =>
  events.filter((event) => event.payload.applicationId === applicationId);

/** A scan at `instant`, by the clock the app judges by too. */
export async function scanAt(db: Database, clock: ReturnType<typeof testClock>, instant: string): Promise<DeadlineRun> {
  clock.set(instant);
  return runDeadlines(db, clock.now());
}

/** A scan expected to fail (e.g. a drop refused); answers the failures. */
export async function failingScanAt(db: Database, clock: ReturnType<typeof testClock>, instant: string) {
  clock.set(instant);
  const failure = await runDeadlines(db, clock.now()).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(AggregateError);
  return (failure as AggregateError).errors;
}
