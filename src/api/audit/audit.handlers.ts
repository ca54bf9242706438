import type { RouteHandler } from '@hono/zod-openapi';
import { type AuditRecord, listAuditLog as readAuditLog } from '../../audit/queries';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { toInstant } from '../instants';
import { decodeSequenceCursor, encodeSequenceCursor } from '../sequence-cursor';
import { presented } from '../schemas';
import * as routes from './audit.routes';

const present = (record: AuditRecord) =>
  presented(routes.AuditRecordSchema, { ...record, id: record.id.toString(), at: record.at.toISOString() });

export const listAuditLog: RouteHandler<typeof routes.listAuditLog, AppEnv> = async (c) => {
  const { limit, cursor, resourceType, resourceId, from, to } = c.req.valid('query');
  const after = decodeSequenceCursor(cursor);
  const fromInstant = toInstant(from);
  const toInstantValue = toInstant(to);
  const rows = await readAuditLog(c.var.db, caller(c), {
    limit,
    ...(resourceType !== undefined && { resourceType }),
    ...(resourceId !== undefined && { resourceId }),
    ...(fromInstant !== undefined && { from: fromInstant }),
    ...(toInstantValue !== undefined && { to: toInstantValue }),
    ...(after !== undefined && { after }),
  });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return c.json(
    {
      items: items.map(present),
      nextCursor: rows.length > limit && last ? encodeSequenceCursor(last.id.toString()) : null,
    },
    200,
  );
};
