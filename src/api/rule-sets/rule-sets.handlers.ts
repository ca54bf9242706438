import type { RouteHandler } from '@hono/zod-openapi';
import { negotiateLocale } from '../../i18n';
import * as ruleSets from '../../rule-sets/service';
import { localizePlan } from '../../rules';
import { caller } from '../caller';
import type { AppEnv } from '../context';
import type * as routes from './rule-sets.routes';

export const listRuleSets: RouteHandler<typeof routes.listRuleSets, AppEnv> = (c) =>
  c.json({ items: ruleSets.listRuleSets(c.var.deps.rules, caller(c).now) }, 200);

export const getRuleSet: RouteHandler<typeof routes.getRuleSet, AppEnv> = (c) =>
  c.json(ruleSets.describeRuleSet(c.var.deps.rules, c.req.valid('param').id, caller(c).now), 200);

export const planWhatIf: RouteHandler<typeof routes.planWhatIf, AppEnv> = (c) => {
  const locale = c.req.valid('query').locale ?? negotiateLocale(c.req.header('accept-language'), 'en');
  c.header('Vary', 'Accept-Language');
  const { id } = c.req.valid('param');
  const plan = ruleSets.whatIfPlan(c.var.deps.rules, id, c.req.valid('json'), caller(c).now, locale);
  return c.json({ eligible: true as const, plan, localized: localizePlan(plan, locale) }, 200);
};
