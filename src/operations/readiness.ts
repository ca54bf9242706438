import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { databaseOutage } from '../db/faults';

/** What a readiness probe requires, besides a database that answers. */
export interface ReadinessOptions {
  /** The `when` of the last migration this build ships (drizzle's journal); unset: not checked (Workers). */
  expectedMigration?: number;
  /** The oldest entry not yet sealed into the hash chain may be this old, in seconds. */
  sealerLagSeconds: number;
  /** The whole probe's budget: past it, the database counts as unreachable. */
  timeoutMs: number;
}

export type CheckOutcome = 'ok' | 'failed' | 'timeout' | 'not-checked';

export interface Readiness {
  ready: boolean;
  checks: { database: CheckOutcome; migrations: CheckOutcome; sealer: CheckOutcome; write: CheckOutcome };
  /** Why it is not ready, for people (one line per failed check). */
  reasons: string[];
}

class ProbeTimeout extends Error {}

/**
 * Is this process able to serve money-moving requests now? The database answers within the budget,
 * its migrations are those this build expects, the sealer keeps up, and a write commits: a row in
 * a temporary table, which extends a file on disk and commits through the WAL, so it fails on a
 * full disk, a read-only server or a standby (it needs only the TEMP privilege every role has).
 * The checks run one after another on the request pool, within one budget.
 */
export async function checkReadiness(db: Database, options: ReadinessOptions): Promise<Readiness> {
  const checks: Readiness['checks'] = {
    database: 'not-checked',
    migrations: 'not-checked',
    sealer: 'not-checked',
    write: 'not-checked',
  };
  const reasons: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), options.timeoutMs);
  });
  budget.catch(() => undefined);
  const within = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => undefined); // a query abandoned at the deadline settles later, unobserved
    return Promise.race([work, budget]);
  };
  let current: keyof Readiness['checks'] = 'database';
  try {
    await within(db.execute(sql`SELECT 1`));
    checks.database = 'ok';

    current = 'migrations';
    const [state] = (await within(
      db.execute(sql`
        SELECT (SELECT max(created_at) FROM drizzle.__drizzle_migrations)::text AS migrated,
               extract(epoch FROM clock_timestamp() - (
                 SELECT e.created_at FROM ledger_unsealed u JOIN journal_entries e ON e.id = u.entry_id
                 ORDER BY u.entry_id LIMIT 1))::float8 AS lag`),
    )) as unknown as Array<{ migrated: string | null; lag: number | null }>;
    if (options.expectedMigration !== undefined) {
      const migrated = Number(state?.migrated ?? 0);
      checks.migrations = migrated >= options.expectedMigration ? 'ok' : 'failed';
      if (checks.migrations === 'failed') reasons.push('the database lacks migrations this build needs');
    }
    current = 'sealer';
    const lag = state?.lag ?? 0;
    checks.sealer = lag <= options.sealerLagSeconds ? 'ok' : 'failed';
    if (checks.sealer === 'failed')
      reasons.push(`the oldest unsealed entry is ${Math.round(lag)} s old (at most ${options.sealerLagSeconds} s)`);

    current = 'write';
    await within(
      db.transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE cofund_ready_probe (written int) ON COMMIT DROP`);
        await tx.execute(sql`INSERT INTO cofund_ready_probe VALUES (1)`);
      }),
    );
    checks.write = 'ok';
  } catch (error) {
    if (error instanceof ProbeTimeout) {
      checks[current] = 'timeout';
      reasons.push(`the database did not answer the ${current} check within ${options.timeoutMs} ms`);
    } else {
      checks[current] = 'failed';
      reasons.push(`the ${current} check failed (${databaseOutage(error) ?? 'error'})`);
    }
  } finally {
    clearTimeout(timer);
  }
  // The write runs last: it passed only if every check before it did.
  return { ready: checks.write === 'ok' && reasons.length === 0, checks, reasons };
}
