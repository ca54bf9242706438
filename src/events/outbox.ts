import type { ProgrammeAccess } from '../access';
import { type Executor, insertWithTransaction } from '../db';
import { events } from '../db/schema';
import type { EventType } from './types';

export interface DomainEvent {
  type: EventType;
  occurredAt: Date;
  /** The organisations entitled to see it; the administrator and auditors see every event. */
  organisationIds: Iterable<string | null | undefined>;
  /** Refers to resources by id; never a copy of them. */
  payload: Record<string, unknown>;
}

/**
 * Writes a domain event to the outbox. Call it with the transaction that makes the change, so the
 * outbox holds exactly the changes that committed: none lost, none invented.
 */
export async function recordEvent(db: Executor, event: DomainEvent): Promise<void> {
  const audience = [...new Set([...event.organisationIds].filter((id): id is string => typeof id === 'string'))];
  await insertWithTransaction(db, events, {
    type: event.type,
    occurredAt: event.occurredAt,
    organisationIds: audience.sort(),
    payload: event.payload,
  });
}

/** Who sees a programme's books (src/access): its administrator and the organisations bound to its parties. */
export const programmeAudience = (access: Pick<ProgrammeAccess, 'programme' | 'parties'>) => [
  access.programme.administratorId,
  ...access.parties.values(),
];

/** Who sees an application (src/access): its applicant, and whoever sees its programme's books. */
export const applicationAudience = (
  access: Pick<ProgrammeAccess, 'programme' | 'parties'> & { application: { applicantId: string } },
) => [access.application.applicantId, ...programmeAudience(access)];
