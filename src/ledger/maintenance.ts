import type { Database } from '../db';
import { sealPending } from './chain';
import { type HoldExpiredHook, expireHolds } from './holds';

export interface MaintenanceOptions {
  sealEveryMs?: number;
  expireEveryMs?: number;
  /** Runs in each expiry's transaction (the runtime records the hold.expired event with it). */
  onHoldExpired?: HoldExpiredHook;
  onError?: (error: unknown) => void;
}

/**
 * Background upkeep for a long-running process (the Node runtime): seals new entries into the
 * hash chain every `sealEveryMs` and expires overdue holds every `expireEveryMs`. `kick()` asks for
 * a seal now (after a money-moving request); concurrent kicks coalesce into one pass.
 */
export function startLedgerMaintenance(db: Database, options: MaintenanceOptions = {}) {
  const onError = options.onError ?? ((error: unknown) => console.error('[cofund] ledger maintenance:', error));
  let sealing: Promise<void> | undefined;
  let again = false;
  const seal = (): Promise<void> => {
    if (sealing) {
      again = true;
      return sealing;
    }
    sealing = (async () => {
      do {
        again = false;
        await sealPending(db).catch(onError);
      } while (again);
    })().finally(() => {
      sealing = undefined;
    });
    return sealing;
  };
  const sealTimer = setInterval(() => void seal(), options.sealEveryMs ?? 500);
  const expireTimer = setInterval(
    () => void expireHolds(db, new Date(), undefined, options.onHoldExpired).catch(onError),
    options.expireEveryMs ?? 10_000,
  );
  sealTimer.unref();
  expireTimer.unref();
  return {
    kick: () => void seal(),
    async stop() {
      clearInterval(sealTimer);
      clearInterval(expireTimer);
      await sealing;
    },
  };
}
