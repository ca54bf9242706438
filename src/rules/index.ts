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
export {
  DOCUMENT_STEPS,
  TRANCHE_SELECTORS,
  documentsForStep,
  type DocumentStep,
  type PlanDocument,
  type TrancheSelector,
} from './documents';
export { evaluate } from './evaluate';
export {
  fallbackNotice,
  localizePlan,
  localizeDocumentNames,
  localizeRefusal,
  localizeStepDocuments,
  textIn,
  type LocalizablePlan,
  type Localized,
  type LocalizedFinding,
  type LocalizedPlan,
  type LocalizedRefusal,
} from './localize';
export {
  FIELD_LABELS,
  MESSAGES,
  MESSAGE_IDS,
  message,
  type LocalizedText,
  type Message,
  type MessageId,
  type MessageParams,
} from './messages';
export { MessageRenderer, type RenderStyle } from './render';
export { RuleFileError, formatRuleFileIssue, parseRuleFile, type RuleFileIssue, type RuleFileText } from './load';
export { ruleFileSchema, type RuleFileData } from './schema';
export type {
  Funding,
  Plan,
  PlanClawback,
  PlanDeadline,
  PlanProof,
  PlanResult,
  PlanShare,
  PlanTexts,
  PlanTranche,
  RuleFinding,
  RuleTexts,
  RuleSet,
  RuleVersion,
  RuleVersionSummary,
} from './types';
