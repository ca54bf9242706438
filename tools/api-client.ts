import { type CofundClient, createCofundClient } from '../clients/typescript/src/index';

/** What answers HTTP requests for a path: the app's own `request`, or fetch to a running server. */
export interface Transport {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** The origin the generated client builds its URLs on; only the path and query reach the transport. */
const ORIGIN = 'http://localhost';

/** A fetch for the generated client that hands each request to the transport (the app's `request`, say). */
const fetchOver =
  (app: Transport) =>
  async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return app.request(`${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
  };

/** The generated client (clients/typescript), typed by the OpenAPI document, with `token` as its key. */
export const clientOver = (app: Transport, token: string): CofundClient =>
  createCofundClient({ baseUrl: ORIGIN, apiKey: token, fetch: fetchOver(app) });

/** The body of an answer with the expected status; an error with the API's answer otherwise. */
export function expectAnswer<Data>(
  answer: { data?: Data; error?: unknown; response: Response },
  expected: number,
  what: string,
): Data {
  if (answer.response.status !== expected)
    throw new Error(`${what}: expected ${expected}, got ${answer.response.status}: ${JSON.stringify(answer.error)}`);
  return answer.data as Data;
}
