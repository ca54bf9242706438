/**
 * Deadlines from the rule files and the programmes' settings, sent as domain events off the request
 * path (docs/events.md, "Deadlines"): a scan the Node runtime runs on a timer and the Worker's Cron
 * Trigger runs every minute.
 */
import type { Database } from '../db';
import { runDeadlines } from './scanner';

export { type DeadlineRun, runDeadlines } from './scanner';

/** How often Node scans: deadlines are counted in days, so a few minutes late is on time. */
export const DEADLINE_SCAN_EVERY_MS = 5 * 60 * 1000;

export interface DeadlineScanner {
  stop(): Promise<void>;
}

/** Node's background loop: a scan at start and every `everyMs`, one at a time; stop() waits for the one running. */
export function startDeadlineScanner(
  db: Database,
  options: { everyMs?: number; clock?: () => Date; onError?: (error: unknown) => void } = {},
): DeadlineScanner {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runDeadlines(db, options.clock?.() ?? new Date())
      .then(() => undefined)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.everyMs ?? DEADLINE_SCAN_EVERY_MS);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
