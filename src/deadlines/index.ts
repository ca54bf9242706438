/**
 * Deadlines from the rule files and the programmes' settings, sent as domain events off the request
 * path (docs/events.md, "Deadlines"): a scan the Node runtime runs on a timer and the Worker's Cron
 * Trigger runs every minute.
 */
import type { Database } from '../db';
import { type BackgroundLoop, startBackgroundLoop } from '../operations/background';
import { runDeadlines } from './scanner';

export { type DeadlineRun, runDeadlines } from './scanner';

/** How often Node scans: deadlines are counted in days, so a few minutes late is on time. */
export const DEADLINE_SCAN_EVERY_MS = 5 * 60 * 1000;

/** Node's background loop: a scan at start and every `everyMs`, one at a time; stop() waits for the one running. */
export function startDeadlineScanner(
  db: Database,
  options: { everyMs?: number; clock?: () => Date; onError?: (error: unknown) => void } = {},
): BackgroundLoop {
  return startBackgroundLoop(
    async () => {
      await runDeadlines(db, options.clock?.() ?? new Date());
      return false;
    },
    { everyMs: options.everyMs ?? DEADLINE_SCAN_EVERY_MS, onError: options.onError, atStart: true },
  );
}
