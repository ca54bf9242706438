/**
 * The co-funding rules engine: rule files in, plans out. Pure (no I/O) except `load-directory`,
 * which is Node-only and imported separately. See docs/rules.md.
 */
export {
  APPLICATION_FIELDS,
  applicationSchema,
  parseApplication,
  type Application,
  type ApplicationField,
  type ApplicationInput,
  type Period,
} from './application';
export { checkRuleFiles, createRuleCatalog, type RuleCatalog } from './catalog';
export { addBusinessDays, addYears, isBusinessDay, type CalendarDate, type Holiday } from './dates';
export { evaluate } from './evaluate';
export { RuleFileError, formatRuleFileIssue, parseRuleFile, type RuleFileIssue, type RuleFileText } from './load';
export { ruleFileSchema, type RuleFileData } from './schema';
export type {
  Funding,
  Plan,
  PlanClawback,
  PlanDeadline,
  PlanResult,
  PlanShare,
  PlanTranche,
  RuleFinding,
  RuleSet,
  RuleVersion,
  RuleVersionSummary,
} from './types';
