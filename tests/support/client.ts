/** Anything that answers HTTP requests for a path: the app's own `request`, or fetch to a running server. */
export interface Transport {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** A running server (the Worker in workerd, say) as a transport. */
export const overHttp = (baseUrl: string): Transport => ({
  request: (path, init) => fetch(new URL(path, baseUrl), init),
});

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Calls the app like an HTTP client: JSON in and out, a bearer token, and an Idempotency-Key on
 * POSTs unless the test gives its own (or `null` to send none).
 */
export function client(app: Transport, token?: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string | null> = {},
  ): Promise<Reply<T>> => {
    const sent: Record<string, string> = { 'content-type': 'application/json' };
    if (token) sent.authorization = `Bearer ${token}`;
    if (method === 'POST' && !('idempotency-key' in headers)) sent['idempotency-key'] = crypto.randomUUID();
    for (const [name, value] of Object.entries(headers)) if (value !== null) sent[name] = value;
    const response = await app.request(path, {
      method,
      headers: sent,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string | null>) =>
      call<T>('POST', path, body ?? {}, headers),
    as: (other: string) => client(app, other),
  };
}
