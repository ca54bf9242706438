/** A loop of background work on Node (the Worker runs the same passes from its Cron Trigger). */
export interface BackgroundLoop {
  /** Ends the loop; waits for a pass under way. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `everyMs`, never two at once. A pass answers whether more is due at once (it
 * took a full batch), so that a backlog drains without waiting for the timer. A failed pass is
 * reported to `onError` and the loop goes on; the timer does not keep the process alive.
 */
export function startBackgroundLoop(
  pass: () => Promise<boolean>,
  options: { everyMs: number; onError?: ((error: unknown) => void) | undefined; atStart?: boolean },
): BackgroundLoop {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = async () => {
    while ((await pass()) && !stopped);
  };
  const tick = () => {
    if (running || stopped) return;
    running = run()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  if (options.atStart) tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
