/* Kept free of imports: the schema types its column with it. */

/** Every domain event cofund writes (docs/events.md describes each payload). */
export const EVENT_TYPES = [
  'application.filed',
  'application.approved',
  'application.rejected',
  'application.cancelled',
  'application.closed',
  'application.clawed-back',
  'approval.recorded',
  'contribution.received',
  'tranche.requested',
  'tranche.approved',
  'tranche.posted',
  'tranche.rejected',
  'refund.posted',
  'hold.expired',
  'budget.funded',
  'deadline.approaching',
  'deadline.missed',
  'webhook.disabled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
