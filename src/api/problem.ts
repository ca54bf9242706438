import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError } from '../errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  501: 'Not implemented here',
  503: 'Service unavailable',
};

/** The problem `type` of an error code: a URN, stable, so clients can switch on it. */
export const problemType = (code: string) => `urn:cofund:problem:${code}`;

/** An RFC 9457 response. */
export function problemResponse(
  c: Context,
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  const members = { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail };
  // Extensions come after the members RFC 9457 defines and never replace them (an error's own
  // "status" extension, say a hold's, must not turn the HTTP status into a word).
  const body: Problem = { ...members, ...extra, ...members };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    ...headers,
    'content-type': PROBLEM_CONTENT_TYPE,
  });
}
