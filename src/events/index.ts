/**
 * Domain events: the outbox every state change writes to in its own transaction, its publisher
 * and the feed (docs/events.md). The workflow side writes events; the ledger knows nothing of them.
 */
export { type EventFeedQuery, type EventRecord, listEvents } from './feed';
export { recordHoldExpired } from './holds';
export { type DomainEvent, applicationAudience, programmeAudience, recordEvent } from './outbox';
export { EVENT_TYPES, type EventType } from './types';
export { publishEvents } from './publish';
