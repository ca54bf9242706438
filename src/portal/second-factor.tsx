import type { Context } from 'hono';
import { CofundError } from '../errors';
import { needsSecondFactor } from '../people/service';
import type { PortalEnv } from './env';

/*
 * Approvers and programme admins decide on money only with a second factor enrolled: their forms
 * are replaced by a way to enrol, and a post sent anyway is refused here, before any work runs.
 */

export const mustEnrol = (c: Context<PortalEnv>) => {
  const user = c.var.person?.user;
  return user !== undefined && needsSecondFactor(user) && !user.totpConfirmedAt;
};

/** Throws the 403 page's refusal when the signed-in person must enrol first. */
export function requireSecondFactor(c: Context<PortalEnv>): void {
  if (mustEnrol(c)) throw new CofundError('second-factor-required', 403, c.var.texts.secondFactorRequired);
}

export const EnrolFirst = (props: { c: Context<PortalEnv> }) => (
  <p class="warning">
    {props.c.var.texts.secondFactorRequired} <a href="/account/second-factor">{props.c.var.texts.enrolStart}</a>
  </p>
);
