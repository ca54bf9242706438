import type { Context } from 'hono';
import type { Caller } from '../auth';
import { ForbiddenError } from '../errors';
import type { PortalEnv } from './env';
import { now } from './session';

/** The signed-in person as the domain sees a caller: their actor, exactly as a key's would be. */
export function personCaller(c: Context<PortalEnv>): Caller {
  const person = c.var.person;
  if (!person) throw new ForbiddenError('sign in to continue');
  return { actor: person.actor, now: now(c), requestId: c.var.requestId };
}
