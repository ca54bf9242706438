import type { Actor } from '../auth';
import { type Executor, insertWithTransaction } from '../db';
import { auditLog } from '../db/schema';

export interface AuditEvent {
  /** What happened, as a dotted verb: "application.filed", "tranche.posted". */
  action: string;
  resourceType: string;
  resourceId: string;
  details?: Record<string, unknown>;
}

/**
 * Records who did what with which key. Call it with the transaction that makes the change, so the
 * log has exactly the changes that happened (a money-moving request's goes with its last statement).
 */
export async function recordAudit(
  executor: Executor,
  actor: Actor,
  event: AuditEvent,
  requestId?: string,
): Promise<void> {
  await insertWithTransaction(executor, auditLog, {
    actorKind: actor.kind === 'admin' ? 'admin' : actor.role,
    organisationId: actor.kind === 'key' ? actor.organisationId : null,
    apiKeyId: actor.kind === 'key' ? actor.keyId : null,
    userId: actor.userId ?? null,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    details: event.details ?? {},
    requestId: requestId ?? null,
  });
}
