import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { FieldError } from '../errors';
import type { AppEnv } from './context';
import { problemResponse } from './problem';

/** Zod issues as problem+json field errors: "body.totalCost", "query.limit". */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  const name = (path: readonly PropertyKey[]) =>
    [prefix, ...path.map(String)].filter((part) => part !== undefined && part !== '').join('.') || (prefix ?? '(root)');
  // A strict object reports its unknown keys in one issue on the object: name each key instead.
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: name([...issue.path, key]), message: 'is not a field of this request' }))
      : [{ field: name(issue.path), message: issue.message }],
  );
}

/**
 * What every route does with input that fails its zod schema: 422 naming each field. (Malformed
 * JSON never gets this far: Hono's validator throws and the error handler answers 400.)
 */
export const validationHook: Hook<unknown, AppEnv, string, Response | undefined> = (result, c) => {
  if (result.success) return undefined;
  const prefix = result.target === 'json' ? 'body' : result.target === 'param' ? 'path' : result.target;
  return problemResponse(c, 422, 'validation-failed', 'The request has invalid fields; see errors.', {
    errors: fieldErrors(result.error.issues, prefix),
  });
};
