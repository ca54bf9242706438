/**
 * Webhooks (docs/events.md): organisations' endpoints, signed at-least-once delivery of the events
 * they may see, with retries over three days, every attempt logged, and replay.
 */
export { type ReachPolicy, classifyAddress, refusal } from './addresses';
export {
  type DeliveryOptions,
  type DeliveryWorker,
  type PassResult,
  DEFAULT_TIMEOUT_MS,
  RETRY_SCHEDULE_MS,
  deliverDue,
  messageBody,
  startWebhookDelivery,
} from './delivery';
export {
  EXCERPT_CHARS,
  RESPONSE_CAP_BYTES,
  type SendRequest,
  type SendResult,
  type Sender,
  fetchSender,
} from './sender';
export { SECRET_KEY_MIN_LENGTH, sealSecret, secretKeyProblem, unsealSecret } from './secrets';
export * from './service';
export { type WebhookSettings, readWebhookSettings } from './settings';
export { generateSecret, sign, signedHeaders } from './signing';
