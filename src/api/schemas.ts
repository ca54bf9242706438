import { createRoute, z } from '@hono/zod-openapi';
import { safeText } from '../input';

export { safeJsonCheck, safeText, uniqueArray } from '../input';

/** An application's fields nest two levels (registration.validFrom); a little room, never a stack's worth. */
export const APPLICATION_DEPTH = 8;

/** A person's or organisation's name, a label, a title: one line of visible text. */
export const NameSchema = safeText(200);
/** A memo: one line. */
export const MemoSchema = safeText(500);
/** A comment or reason: free text that may break lines. */
export const CommentSchema = safeText(2000, 'paragraph');

/** A party of a rule set ("federal", "club"): named by the rule file, so short and plain. */
export const PartySchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a party of the rule set, such as "federal"')
  .openapi({ example: 'federal' });

/** A rule set id ("tres-por-uno"). */
export const RuleSetIdSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'a rule set id such as "tres-por-uno" (see GET /v1/rule-sets)')
  .openapi({ example: 'tres-por-uno' });

/** Money on the wire: a string with exactly the currency's minor-unit digits (checked per currency). */
export const MoneySchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'required' : 'must be a money string such as "2400000.00", not a number',
  })
  .max(60, 'must be a plain decimal string such as "2400000.00"')
  .regex(/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/, 'must be a plain decimal string such as "2400000.00"')
  .openapi({ example: '2400000.00', description: 'Decimal string with exactly the currency minor-unit digits' });

export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "MXN"')
  .openapi({ example: 'MXN' });

export const UuidSchema = z.uuid({ error: 'must be an id (UUID)' });

export const IdParamSchema = z.object({
  id: UuidSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .max(500, 'is not a cursor this API returned')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
});

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: problem('Malformed request'),
  401: problem('Missing, unknown or revoked API key'),
  403: problem('The key is not allowed to do this'),
  404: problem('Not found (or not visible to this key)'),
  409: problem('Conflicts with the current state'),
  422: problem('Invalid fields; `errors` names each'),
} as const;

export const idempotencyHeader = z.object({
  // Lengths are judged by the handler (src/api/idempotency.ts), so that a missing, empty or too long key
  // gets the same 400 naming header.Idempotency-Key; here they are only documented.
  'idempotency-key': z
    .string()
    .optional()
    .openapi({
      // Lower-case like the key: HTTP header names are case-insensitive, OpenAPI parameter names are not.
      param: { name: 'idempotency-key', in: 'header', required: true },
      minLength: 1,
      maxLength: 200,
      description:
        'Required on every request that moves money; a repeat with the same key and body returns the first response.',
    }),
});

export const bearerSecurity = [{ bearer: [] as string[] }];

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** A POST on /{id}/...: its body, its answer and status, and the Idempotency-Key it requires. */
export function postOnId<B extends z.ZodType, R extends z.ZodType, S extends 200 | 201>(
  operationId: string,
  tags: string[],
  path: string,
  summary: string,
  body: B,
  response: R,
  status: S,
) {
  const answer = { [status]: json(response, 'Done') } as Record<S, ReturnType<typeof json<R>>>;
  return createRoute({
    method: 'post',
    path,
    operationId,
    tags,
    summary,
    security: bearerSecurity,
    request: { params: IdParamSchema, headers: idempotencyHeader, ...jsonBody(body) },
    responses: { ...answer, ...errorResponses },
  });
}

/** Keys of `Value` that `Shape` does not have, each forced to `never`. */
type NoneBut<Shape, Value> = Record<Exclude<keyof Value, keyof Shape>, never>;

/**
 * An answer checked against its response schema: typecheck fails on a field the schema has and the
 * presenter does not fill, or one the presenter sends and the schema does not document (spread fields
 * too, which a return type alone lets through). The schema is the one description of the answer.
 */
export const presented = <S extends z.ZodType, V extends z.infer<S>>(schema: S, value: V & NoneBut<z.infer<S>, V>) =>
  value as z.infer<S>;
