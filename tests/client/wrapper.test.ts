import { describe, expect, it } from 'vitest';
import {
  CofundProblemError,
  createCofundClient,
  IDEMPOTENT_OPERATIONS,
  unwrap,
} from '../../clients/typescript/src/index';

/** A client whose fetch records each request and answers with `answer`. */
function recording(answer: () => Response = () => Response.json({})) {
  const sent: Request[] = [];
  const cofund = createCofundClient({
    baseUrl: 'https://cofund.example.org',
    apiKey: 'cfk_test',
    fetch: async (request) => {
      sent.push(request);
      return answer();
    },
  });
  return { cofund, sent };
}

const problem = (status: number, type: string) =>
  new Response(JSON.stringify({ type, title: 'Refused', status, detail: 'why' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/** What unwrap throws for an answer. */
function refusal(answer: Parameters<typeof unwrap>[0]): CofundProblemError {
  try {
    unwrap(answer);
  } catch (error) {
    if (error instanceof CofundProblemError) return error;
    throw error;
  }
  throw new Error('unwrap returned instead of throwing');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const approve = { decision: 'approve' } as const;

describe('the client wrapper (createCofundClient)', () => {
  it('sends the API key as a bearer token, to the base URL', async () => {
    const { cofund, sent } = recording();
    await cofund.GET('/v1/tranches/{id}', { params: { path: { id: 't-1' } } });
    expect(sent[0]!.url).toBe('https://cofund.example.org/v1/tranches/t-1');
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer cfk_test');
    expect(sent[0]!.headers.get('idempotency-key')).toBeNull();
  });

  it('gives each money-moving call a key of its own, and keeps the one the caller gives', async () => {
    const { cofund, sent } = recording();
    await cofund.POST('/v1/tranches/{id}/approvals', { params: { path: { id: 't-1' } }, body: approve });
    await cofund.POST('/v1/tranches/{id}/approvals', { params: { path: { id: 't-1' } }, body: approve });
    const header = { 'idempotency-key': 'retry-me' };
    await cofund.POST('/v1/tranches/{id}/approvals', { params: { path: { id: 't-1' }, header }, body: approve });
    const [first, second, given] = sent.map((request) => request.headers.get('idempotency-key'));
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    expect(given).toBe('retry-me');
    expect(IDEMPOTENT_OPERATIONS.has('POST /v1/tranches/{id}/approvals')).toBe(true);
  });

  it('sends no key on a call that moves no money', async () => {
    const { cofund, sent } = recording();
    await cofund.POST('/v1/organisations', { body: { name: 'Banque Populaire', kind: 'bank' } });
    expect(sent[0]!.headers.get('idempotency-key')).toBeNull();
  });

  it('returns a refusal as the typed problem, and says a 5xx may be retried', async () => {
    const refused = recording(() => problem(409, 'urn:cofund:problem:tranche-decided'));
    const answer = await refused.cofund.GET('/v1/tranches/{id}', { params: { path: { id: 't-1' } } });
    expect(answer.error?.type).toBe('urn:cofund:problem:tranche-decided');
    const conflict = refusal(answer);
    expect(conflict.problem).toMatchObject({ status: 409, detail: 'why' });
    expect(conflict.retryable).toBe(false);

    const down = recording(() => problem(503, 'urn:cofund:problem:database-unavailable'));
    const unavailable = refusal(await down.cofund.GET('/v1/tranches/{id}', { params: { path: { id: 't-1' } } }));
    expect(unavailable.problem.type).toBe('urn:cofund:problem:database-unavailable');
    expect(unavailable.retryable).toBe(true);
  });

  it("makes a problem from the status when the body is not problem+json (a proxy's page)", async () => {
    const proxy = recording(() => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const answer = await proxy.cofund.GET('/v1/tranches/{id}', { params: { path: { id: 't-1' } } });
    expect(refusal(answer).problem).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: '<html>Bad Gateway</html>',
    });
    expect(refusal(answer).retryable).toBe(true);
  });

  it('returns the body of a success', async () => {
    const ok = recording(() => Response.json({ id: 't-1', status: 'posted' }));
    const answer = await ok.cofund.GET('/v1/tranches/{id}', { params: { path: { id: 't-1' } } });
    expect(unwrap(answer)).toEqual({ id: 't-1', status: 'posted' });
  });
});
