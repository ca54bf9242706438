/**
 * Webhooks (docs/events.md): organisations' endpoints, signed at-least-once delivery of the events
 * they may see, with retries over three days, every attempt logged, and replay. The Node sender
 * (node:http with a guarded DNS lookup) is imported from './node-sender' by the Node runtime only.
 */
export { type DeliveryOptions, RETRY_SCHEDULE_MS, deliverDue, startWebhookDelivery } from './delivery';
export { type Sender, fetchSender } from './sender';
export * from './service';
export { type WebhookSettings, readWebhookSettings } from './settings';
