import type { ReachPolicy } from './addresses';
import { secretKeyProblem } from './secrets';

export interface WebhookSettings extends ReachPolicy {
  /** COFUND_SECRET_KEY: seals the signing secrets at rest; unset, no webhook can be created (503). */
  secretKey?: string;
}

/**
 * The webhook settings of an environment (process.env on Node, the bindings on Workers). A key too
 * weak to seal with stops the runtime, rather than sealing secrets under it.
 */
export function readWebhookSettings(env: Record<string, unknown>): WebhookSettings {
  const loopback = env.COFUND_WEBHOOKS_ALLOW_LOOPBACK;
  const secretKey =
    typeof env.COFUND_SECRET_KEY === 'string' && env.COFUND_SECRET_KEY !== '' ? env.COFUND_SECRET_KEY : undefined;
  const problem = secretKey === undefined ? undefined : secretKeyProblem(secretKey);
  if (problem) throw new Error(`COFUND_SECRET_KEY ${problem}`);
  return { allowLoopback: loopback === 'true' || loopback === '1', ...(secretKey ? { secretKey } : {}) };
}
