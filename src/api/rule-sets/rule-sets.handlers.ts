import type { RouteHandler } from '@hono/zod-openapi';
import * as ruleSets from '../../rule-sets/service';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import type * as routes from './rule-sets.routes';

export const listRuleSets: RouteHandler<typeof routes.listRuleSets, AppEnv> = (c) =>
  c.json({ items: ruleSets.listRuleSets(c.var.deps.rules, caller(c).now) }, 200);

export const getRuleSet: RouteHandler<typeof routes.getRuleSet, AppEnv> = (c) =>
  c.json(ruleSets.describeRuleSet(c.var.deps.rules, c.req.valid('param').id, caller(c).now), 200);

export const planWhatIf: RouteHandler<typeof routes.planWhatIf, AppEnv> = (c) => {
  const plan = ruleSets.whatIfPlan(c.var.deps.rules, c.req.valid('param').id, c.req.valid('json'), caller(c).now);
  return c.json({ eligible: true as const, plan }, 200);
};
