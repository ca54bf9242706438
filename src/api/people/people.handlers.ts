import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { isLocale } from '../../i18n';
import * as people from '../../people/service';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import { presented } from '../schemas';
import * as routes from './people.routes';

export const presentUser = (user: people.Member & { invitationPending?: boolean }) =>
  presented(routes.UserSchema, {
    id: user.id,
    organisationId: user.organisationId,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: isLocale(user.locale) ? user.locale : null,
    secondFactor: user.totpConfirmedAt !== null,
    ...(user.invitationPending === undefined ? {} : { invitationPending: user.invitationPending }),
    createdAt: user.createdAt.toISOString(),
  });

/** The page that opens an invitation, on this server's origin. */
export const invitationUrl = (c: Context, token: string) => new URL(`/invitations/${token}`, c.req.url).toString();

const presentInvited = (c: Context, invited: people.Invited) =>
  presented(routes.InvitedUserSchema, {
    ...presentUser(invited.user),
    invitationUrl: invitationUrl(c, invited.token),
    invitationExpiresAt: invited.expiresAt.toISOString(),
  });

export const inviteUser: RouteHandler<typeof routes.inviteUser, AppEnv> = async (c) => {
  const invited = await c.var.db.transaction((tx) =>
    people.inviteUser(tx, caller(c), c.req.valid('param').id, c.req.valid('json')),
  );
  return c.json(presentInvited(c, invited), 201);
};

export const listUsers: RouteHandler<typeof routes.listUsers, AppEnv> = async (c) => {
  const users = await people.listUsers(c.var.db, caller(c), c.req.valid('param').id);
  return c.json({ items: users.map(presentUser) }, 200);
};

export const reinviteUser: RouteHandler<typeof routes.reinviteUser, AppEnv> = async (c) => {
  const invited = await c.var.db.transaction((tx) => people.reinviteUser(tx, caller(c), c.req.valid('param').id));
  return c.json(presentInvited(c, invited), 201);
};
