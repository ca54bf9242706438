// What the wrapper needs to know of the operations at run time.
// Generated from the OpenAPI document by `npm run client:generate` (tools/openapi/client.ts): do not edit.
// `npm run client:check` fails when it differs from a fresh generation.

/** Operations that move money: their requests carry an Idempotency-Key (`METHOD /path`). */
export const IDEMPOTENT_OPERATIONS: ReadonlySet<string> = new Set([
  'POST /v1/applications/{id}/approvals',
  'POST /v1/applications/{id}/cancel',
  'POST /v1/applications/{id}/clawback',
  'POST /v1/applications/{id}/close',
  'POST /v1/applications/{id}/contributions',
  'POST /v1/applications/{id}/refunds',
  'POST /v1/applications/{id}/tranches',
  'POST /v1/bank-accounts/{id}/lines/{lineId}/entry',
  'POST /v1/programmes/{id}/budgets',
  'POST /v1/tranches/{id}/approvals',
]);
