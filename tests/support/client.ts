import { type Transport, clientOver } from '../../tools/api-client';

export { type Transport, clientOver };

/** A running server (the Worker in workerd, say) as a transport. */
export const overHttp = (baseUrl: string): Transport => ({
  request: (path, init) => fetch(new URL(path, baseUrl), init),
});

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** The generated client's `request`, for any method and path: tests also call paths the API does not have. */
type AnyRequest = (
  method: string,
  path: string,
  init: {
    headers: Record<string, string | null>;
    body?: unknown;
    bodySerializer: (body: unknown) => string;
    parseAs: 'text';
  },
) => Promise<{ data?: string; error?: unknown; response: Response }>;

/**
 * Calls the app like an HTTP client, through the generated client: JSON in and out, a bearer
 * token, and an Idempotency-Key on every POST unless the test gives its own (or `null` to send
 * none). `api` is the typed client itself, with the same token, for calls by operation path.
 */
export function client(app: Transport, token?: string) {
  const api = clientOver(app, token ?? '');
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string | null> = {},
  ): Promise<Reply<T>> => {
    const sent: Record<string, string | null> = { authorization: token ? `Bearer ${token}` : null };
    if (method === 'POST' && !('idempotency-key' in headers)) sent['idempotency-key'] = crypto.randomUUID();
    const result = await (api.request as unknown as AnyRequest)(method, path, {
      headers: { ...sent, ...headers },
      ...(body === undefined ? {} : { body }),
      // A string is sent as it is (malformed JSON, say); anything else as JSON.
      bodySerializer: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
      parseAs: 'text',
    });
    // A success comes back as text (parsed here); a refusal already parsed, or '' when it had no body.
    const answer = result.response.ok ? (result.data ? JSON.parse(result.data) : undefined) : result.error;
    return {
      status: result.response.status,
      body: (answer === '' ? undefined : answer) as T,
      headers: result.response.headers,
    };
  };
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string | null>) =>
      call<T>('POST', path, body ?? {}, headers),
    as: (other: string) => client(app, other),
    api,
  };
}
