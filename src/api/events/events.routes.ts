import { createRoute, z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../../events';
import { bearerSecurity, errorResponses, json } from '../schemas';

export const EventSchema = z
  .object({
    id: z.uuid().openapi({ description: 'Stable: the same event keeps its id in the feed and in every webhook' }),
    type: z.enum(EVENT_TYPES).openapi({ example: 'tranche.posted' }),
    occurredAt: z.iso.datetime().openapi({ description: 'When the change happened, by the workflow clock' }),
    organisationIds: z
      .array(z.uuid())
      .openapi({ description: 'The organisations entitled to see it (the administrator and auditors see all)' }),
    payload: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The resources it concerns, by id (docs/events.md lists each type)' }),
    cursor: z.string().openapi({ description: 'Pass as `after` to read the events after this one' }),
  })
  .openapi('Event');

export const listEvents = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'listEvents',
  tags: ['Events'],
  summary: 'The domain events the caller may see, oldest first, after a cursor',
  description:
    'A feed for pull integrations. An organisation sees the events about what it may read (the same ' +
    'rules as the resources); the administrator and auditors see all. Keep `nextCursor` and pass it as ' +
    "`after` on the next poll: it is the request's own `after` when nothing new has happened.",
  security: bearerSecurity,
  request: {
    query: z.object({
      after: z
        .string()
        .max(500, 'is not a cursor this API returned')
        .optional()
        .openapi({ param: { name: 'after', in: 'query' }, description: 'The cursor of the last event already read' }),
      type: z
        .enum(EVENT_TYPES)
        .optional()
        .openapi({ param: { name: 'type', in: 'query' } }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(100)
        .default(50)
        .openapi({ param: { name: 'limit', in: 'query' } }),
    }),
  },
  responses: {
    200: json(
      z.object({
        items: z.array(EventSchema),
        nextCursor: z.string().nullable().openapi({ description: 'Null only while the caller has seen no event' }),
        hasMore: z.boolean().openapi({ description: 'Whether more events wait after nextCursor now' }),
      }),
      'Events, oldest first',
    ),
    ...errorResponses,
  },
});
