import type { Database } from '../db';
import { sealPending } from './chain';
import { type HoldExpiredHook, expireHolds } from './holds';

export interface MaintenanceOptions {
  /** How often a pass seals what this process booked since the last pass (default 200 ms). */
  sealEveryMs?: number;
  /** How often a pass seals whatever is queued, booked here or elsewhere (default 1 s). */
  sweepEveryMs?: number;
  expireEveryMs?: number;
  /** Runs in each expiry's transaction (the runtime records the hold.expired event with it). */
  onHoldExpired?: HoldExpiredHook;
  onError?: (error: unknown) => void;
}

/**
 * Background upkeep for a long-running process (the Node runtime): seals new entries into the
 * hash chain in batches and expires overdue holds every `expireEveryMs`. `kick()` costs no SQL: it
 * notes that money moved, and the next pass (within `sealEveryMs`) seals everything committed by
 * then in one transaction per 500 entries, however many requests booked them. A pass that follows
 * a kick waits for another process's sealer instead of skipping, so an entry committed just after
 * that sealer read the queue is sealed by this pass. Entries booked by other processes (the CLI,
 * another instance) are sealed by the sweep every `sweepEveryMs`, which skips when another sealer
 * is at work.
 */
export function startLedgerMaintenance(db: Database, options: MaintenanceOptions = {}) {
  const onError = options.onError ?? ((error: unknown) => console.error('[cofund] ledger maintenance:', error));
  const sweepEveryMs = options.sweepEveryMs ?? 1000;
  let sealing: Promise<void> | undefined;
  let kicked = false;
  let lastSweep = 0;
  const pass = () => {
    const now = Date.now();
    if (sealing || (!kicked && now - lastSweep < sweepEveryMs)) return;
    const waitForLock = kicked;
    kicked = false;
    lastSweep = now;
    sealing = sealPending(db, { waitForLock })
      .then(() => undefined, onError)
      .finally(() => {
        sealing = undefined;
      });
  };
  const sealTimer = setInterval(pass, options.sealEveryMs ?? 200);
  const expireTimer = setInterval(
    () => void expireHolds(db, new Date(), undefined, options.onHoldExpired).catch(onError),
    options.expireEveryMs ?? 10_000,
  );
  sealTimer.unref();
  expireTimer.unref();
  return {
    kick: () => {
      kicked = true;
    },
    async stop() {
      clearInterval(sealTimer);
      clearInterval(expireTimer);
      await sealing;
      // What was booked since the last pass is sealed before the process goes.
      if (kicked) await sealPending(db, { waitForLock: true }).catch(onError);
    },
  };
}
