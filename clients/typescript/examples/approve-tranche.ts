// A bank's disbursement system approves a tranche it has checked (docs/integrating.md shows this file).
import { CofundProblemError, createCofundClient, newIdempotencyKey, unwrap, type Schema } from '../src/index.js';

const cofund = createCofundClient({ baseUrl: 'https://cofund.example.org', apiKey: 'cfk_your_bank_key' });

/** Approves the tranche as `party`; safe to call again after a crash or a timeout. */
export async function approveTranche(trancheId: string, party: string): Promise<Schema<'Tranche'>> {
  const params = { path: { id: trancheId } };
  const tranche = unwrap(await cofund.GET('/v1/tranches/{id}', { params }));
  if (tranche.status !== 'requested') return tranche; // already posted or rejected: nothing to do

  // One key for this approval, kept across retries: a repeat is answered with the first answer.
  const key = newIdempotencyKey();
  for (let attempt = 1; ; attempt++) {
    try {
      const decided = await cofund.POST('/v1/tranches/{id}/approvals', {
        params: { ...params, header: { 'idempotency-key': key } },
        body: { decision: 'approve', party, comment: 'Milestone evidence checked by the branch' },
        signal: AbortSignal.timeout(10_000),
      });
      return unwrap(decided);
    } catch (error) {
      // A timeout or a 5xx leaves the outcome unknown: ask again with the same key. A 4xx is final.
      const unknownOutcome =
        (error instanceof CofundProblemError && error.retryable) || (error as Error).name === 'TimeoutError';
      if (!unknownOutcome || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}

const posted = await approveTranche('0b6f7c1e-8d2a-4c55-9a4e-3f1d2b7c9e10', 'bank');
if (posted.status === 'posted') {
  for (const part of posted.parts ?? []) console.log(`${part.party} paid ${part.amount}`);
} else {
  const waiting = posted.approvers.filter((p) => !posted.approvals.some((a) => a.party === p));
  console.log(`approved; waiting for ${waiting.join(', ')}`);
}
