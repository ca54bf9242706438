import type { RouteHandler } from '@hono/zod-openapi';
import * as organisations from '../../organisations/service';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { decodeCursor, page } from '../pagination';
import { presented } from '../schemas';
import * as routes from './organisations.routes';

const present = (o: organisations.Organisation) =>
  presented(routes.OrganisationSchema, {
    id: o.id,
    name: o.name,
    kind: o.kind,
    createdAt: o.createdAt.toISOString(),
  });
const presentKey = (k: {
  id: string;
  organisationId: string;
  role: organisations.IssuedKey['role'];
  label: string;
  prefix: string;
  createdAt: Date;
  revokedAt?: Date | null;
}) =>
  presented(routes.ApiKeySchema, {
    id: k.id,
    organisationId: k.organisationId,
    role: k.role,
    label: k.label,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  });

export const createOrganisation: RouteHandler<typeof routes.createOrganisation, AppEnv> = async (c) => {
  const organisation = await c.var.db.transaction((tx) =>
    organisations.createOrganisation(tx, caller(c), c.req.valid('json')),
  );
  return c.json(present(organisation), 201);
};

export const listOrganisations: RouteHandler<typeof routes.listOrganisations, AppEnv> = async (c) => {
  const { limit, cursor } = c.req.valid('query');
  const rows = await organisations.listOrganisations(c.var.db, caller(c), limit, decodeCursor(cursor));
  const { items, nextCursor } = page(rows, limit, (o) => ({ at: o.createdAt, id: o.id }));
  return c.json({ items: items.map(present), nextCursor }, 200);
};

export const getOrganisation: RouteHandler<typeof routes.getOrganisation, AppEnv> = async (c) =>
  c.json(present(await organisations.getOrganisation(c.var.db, caller(c), c.req.valid('param').id)), 200);

export const issueApiKey: RouteHandler<typeof routes.issueApiKey, AppEnv> = async (c) => {
  const issued = await c.var.db.transaction((tx) =>
    organisations.issueApiKey(tx, caller(c), c.req.valid('param').id, c.req.valid('json')),
  );
  return c.json(presented(routes.IssuedApiKeySchema, { ...presentKey(issued), key: issued.key }), 201);
};

export const listApiKeys: RouteHandler<typeof routes.listApiKeys, AppEnv> = async (c) => {
  const keys = await organisations.listApiKeys(c.var.db, caller(c), c.req.valid('param').id);
  return c.json({ items: keys.map(presentKey) }, 200);
};

export const revokeApiKey: RouteHandler<typeof routes.revokeApiKey, AppEnv> = async (c) => {
  const key = await c.var.db.transaction((tx) => organisations.revokeApiKey(tx, caller(c), c.req.valid('param').id));
  // Committed: this process refuses the key from now on; others within their cache's TTL.
  c.var.guards.apiKeys.revoked(key.id);
  return c.json(presentKey(key), 200);
};
