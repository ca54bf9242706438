/**
 * The cofund API client: openapi-fetch over the generated types (./schema.ts), with the three
 * things every caller needs: the API key as a bearer token, an Idempotency-Key on each money-moving
 * call, and problem+json errors as typed values.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { IDEMPOTENT_OPERATIONS } from './operations.js';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export { IDEMPOTENT_OPERATIONS };

/** An error as the API answers it (RFC 9457 problem+json); `errors` names each invalid field. */
export type Problem = components['schemas']['Problem'];
/** A JSON body of the API, by schema name: `Schema<'Tranche'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

type KeyHeader = { 'idempotency-key': string };
/** An operation whose Idempotency-Key header the caller may leave out: the client then makes one. */
type KeyOptional<Operation> = Operation extends { parameters: infer Parameters extends { header: KeyHeader } }
  ? Omit<Operation, 'parameters'> & {
      parameters: Omit<Parameters, 'header'> & {
        header?: Omit<Parameters['header'], keyof KeyHeader> & Partial<KeyHeader>;
      };
    }
  : Operation;
/** The API's paths as the client takes them: the generated ones, with the Idempotency-Key optional. */
export type CofundPaths = {
  [Path in keyof paths]: { [Method in keyof paths[Path]]: KeyOptional<paths[Path][Method]> };
};
export type CofundClient = Client<CofundPaths>;

export interface CofundClientOptions {
  /** Where the API is, e.g. `https://cofund.example.org` (the paths start with /v1). */
  baseUrl: string;
  /** An organisation's API key (`cfk_...`), sent as `Authorization: Bearer`. */
  apiKey: string;
  /** A fetch of your own (a proxy, a test double, an in-process app); the global fetch otherwise. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A fresh Idempotency-Key. Keep it to retry the same call: the API answers a repeat with the first answer. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

/** Gives each money-moving request that has no Idempotency-Key a new one. */
const idempotency: Middleware = {
  onRequest({ request, schemaPath }) {
    if (IDEMPOTENT_OPERATIONS.has(`${request.method} ${schemaPath}`) && !request.headers.has('idempotency-key'))
      request.headers.set('idempotency-key', newIdempotencyKey());
    return request;
  },
};

export function createCofundClient(options: CofundClientOptions): CofundClient {
  const client = createClient<CofundPaths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(idempotency);
  return client;
}

/** A refused call: the API's problem, typed, with the HTTP status. */
export class CofundProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly response: Response,
  ) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = 'CofundProblemError';
  }

  /** 5xx: the API could not answer (a 503 `database-unavailable` says so); retry with the same key. */
  get retryable(): boolean {
    return this.problem.status >= 500;
  }
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Problem).status === 'number' &&
  typeof (body as Problem).title === 'string';

/** The problem of a failed call; one made from the status when the body is not problem+json (a proxy's page). */
export function problemOf(error: unknown, response: Response): Problem {
  if (isProblem(error)) return error;
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: typeof error === 'string' && error.length > 0 ? error.slice(0, 500) : `HTTP ${response.status}`,
  };
}

/** The body of a successful call, or a CofundProblemError carrying the API's problem. */
export function unwrap<Data>(result: { data?: Data; error?: unknown; response: Response }): Data {
  if (result.response.ok) return result.data as Data;
  throw new CofundProblemError(problemOf(result.error, result.response), result.response);
}
