import type { RouteHandler } from '@hono/zod-openapi';
import { type EventRecord, listEvents as readEvents } from '../../events';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { decodeSequenceCursor, encodeSequenceCursor } from '../sequence-cursor';
import { presented } from '../schemas';
import * as routes from './events.routes';

export const presentEvent = (event: EventRecord) =>
  presented(routes.EventSchema, {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    organisationIds: event.organisationIds,
    payload: event.payload,
    cursor: encodeSequenceCursor(String(event.sequence)),
  });

export const listEvents: RouteHandler<typeof routes.listEvents, AppEnv> = async (c) => {
  const { after, type, limit } = c.req.valid('query');
  const position = decodeSequenceCursor(after, 'query.after');
  const rows = await readEvents(c.var.db, caller(c), { after: position, type, limit });
  const items = rows.slice(0, limit).map(presentEvent);
  return c.json(
    { items, nextCursor: items[items.length - 1]?.cursor ?? after ?? null, hasMore: rows.length > limit },
    200,
  );
};
