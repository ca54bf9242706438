import type { z } from 'zod';
import { fieldErrors } from '../api/validation';
import type { FieldError } from '../errors';

/**
 * A posted form read through the API's own request schema: the same rules, the same field names
 * ("body.role"), so a refusal is shown beside the field exactly as /v1 would name it. Empty fields
 * are absent, as a JSON client would leave them out.
 */
export function readForm<S extends z.ZodType>(
  schema: S,
  form: Record<string, string>,
  fields: readonly string[],
): { data: z.infer<S>; errors: [] } | { data: undefined; errors: FieldError[] } {
  const body: Record<string, string> = {};
  for (const name of fields) {
    const value = form[name]?.trim();
    if (value) body[name] = value;
  }
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { data: parsed.data, errors: [] }
    : { data: undefined, errors: fieldErrors(parsed.error.issues, 'body') };
}
