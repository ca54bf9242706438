import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { documents } from '../db/schema';
import type { DocumentStore } from './store';

/**
 * Uploads take this lock shared while they promote bytes and write their row; the sweep takes it
 * alone while it decides on and removes one object. So the sweep never sees "no row" for bytes an
 * upload is about to cite, and an upload never cites bytes the sweep is removing.
 */
export const SWEEP_LOCK = 0x636f_6664_6f63n; // "cofdoc"

/** How old an orphan must be before it is removed: uploads still streaming keep their staged bytes. */
export const DEFAULT_SWEEP_GRACE_MS = 60 * 60 * 1000;

export interface SweepReport {
  examined: number;
  removed: string[];
}

/**
 * Removes what a crash or a refused upload left in the store: staged bytes older than the grace,
 * and bytes at a content address that no document row cites, older than the grace. Bytes a row
 * cites are never touched. Node runs it every 15 minutes, Workers from the Cron Trigger
 * (docs/documents.md).
 */
export async function sweepOrphans(
  db: Database,
  store: DocumentStore,
  options: { now?: Date; graceMs?: number } = {},
): Promise<SweepReport> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? DEFAULT_SWEEP_GRACE_MS);
  const report: SweepReport = { examined: 0, removed: [] };
  for await (const object of store.list()) {
    report.examined++;
    if (object.writtenAt.getTime() > cutoff) continue;
    const sha256 = object.sha256;
    if (sha256 === undefined) {
      await store.remove(object.key);
      report.removed.push(object.key);
      continue;
    }
    const removed = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SWEEP_LOCK})`);
      const cited = await tx.select({ id: documents.id }).from(documents).where(eq(documents.sha256, sha256)).limit(1);
      if (cited.length > 0) return false;
      await store.remove(object.key);
      return true;
    });
    if (removed) report.removed.push(object.key);
  }
  return report;
}
