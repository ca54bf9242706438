import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  createRuleCatalog,
  parseRuleFile,
  type Plan,
  type PlanResult,
  type RuleCatalog,
  type RuleFileIssue,
} from '../../src/rules';
import { loadRuleDirectory } from '../../src/rules/load-directory';

export const shippedRulesDir = fileURLToPath(new URL('../../rules', import.meta.url));

let shipped: Promise<RuleCatalog> | undefined;
/** The catalog of the rule files in rules/, loaded once per test file. */
export function shippedCatalog(): Promise<RuleCatalog> {
  shipped ??= loadRuleDirectory(shippedRulesDir);
  return shipped;
}

/** A catalog of one rule file given as an object (JSON is YAML, so any object is a rule file). */
export function catalogOfObject(file: object, name = 'fixture.json'): RuleCatalog {
  return createRuleCatalog([{ path: path.posix.join('rules', name), text: JSON.stringify(file, null, 2) }]);
}

export function expectPlan(result: PlanResult): Plan {
  if (!result.eligible) expect.fail(`expected a plan, got failures: ${JSON.stringify(result.failures, null, 2)}`);
  return result.plan;
}

export function expectIneligible(result: PlanResult) {
  if (result.eligible) expect.fail(`expected ineligible, got a plan: ${JSON.stringify(result.plan.shares)}`);
  return result;
}

/** `{party: amount}` of a plan, for compact assertions. */
export function amounts(plan: Plan): Record<string, string> {
  return Object.fromEntries(plan.shares.map((share) => [share.party, share.amount]));
}

export const NOW = new Date('2026-01-15T12:00:00Z');

/** Where the small fixture rule files of these tests say they come from. */
export const FIXTURE_FILE = 'rules/demo/2020.yaml';

/** The issues of a rule file the loader must refuse. */
export function issuesOf(text: string, file = FIXTURE_FILE): RuleFileIssue[] {
  const result = parseRuleFile(file, text);
  if (result.ok) return expect.fail('expected the file to be refused');
  return result.issues;
}
