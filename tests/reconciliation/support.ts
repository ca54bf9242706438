import type { Transport } from '../support/client';

/** Posts a statement file as a bank sent it: raw bytes, the file's media type, the caller's key. */
export async function postStatement(
  app: Transport,
  token: string,
  bankAccountId: string,
  body: string,
  mediaType: string,
  query = '',
) {
  const response = await app.request(`/v1/bank-accounts/${bankAccountId}/statements${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': mediaType },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Today's calendar date (UTC), and another day counted from it: statements are dated like the ledger's bookings. */
export const today = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
