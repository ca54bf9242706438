import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import { auditLog } from '../db/schema';
import { ValidationError } from '../errors';

export type AuditRecord = typeof auditLog.$inferSelect;

export interface AuditLogFilter {
  resourceType?: string;
  resourceId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  /** The id of the last record already seen. */
  after?: string;
}

/**
 * The audit log, newest first (by id: the order records were written), for the administrator and
 * auditors. Returns one record more than `limit` when there is a next page.
 */
export async function listAuditLog(db: Executor, caller: Caller, filter: AuditLogFilter): Promise<AuditRecord[]> {
  requireRole(caller.actor, ['auditor'], { admin: true });
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    throw ValidationError.field('query.to', 'must be after from (from is inclusive, to exclusive)');
  }
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        filter.resourceType !== undefined ? eq(auditLog.resourceType, filter.resourceType) : undefined,
        filter.resourceId !== undefined ? eq(auditLog.resourceId, filter.resourceId) : undefined,
        filter.from !== undefined ? gte(auditLog.at, filter.from) : undefined,
        filter.to !== undefined ? lt(auditLog.at, filter.to) : undefined,
        filter.after !== undefined ? lt(auditLog.id, BigInt(filter.after)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
}
