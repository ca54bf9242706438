/**
 * The JSON bodies of the API, as the tests read them: the response schemas the routes document (the
 * `*.routes.ts` files of src/api), so a test that reads a field the API does not promise fails to compile.
 */
import type { z } from 'zod';
import type { AccountSchema, BalanceSchema } from '../../src/api/accounts/accounts.routes';
import type { ApplicationSchema } from '../../src/api/applications/applications.routes';
import type { TrancheSchema } from '../../src/api/tranches/tranches.routes';
import type { AuditRecordSchema } from '../../src/api/audit/audit.routes';
import type { ChainReportSchema, EntrySchema, TrialBalanceSchema } from '../../src/api/ledger/ledger.routes';
import type {
  ApiKeySchema,
  IssuedApiKeySchema,
  OrganisationSchema,
} from '../../src/api/organisations/organisations.routes';
import type {
  AccountSummarySchema,
  BudgetResultSchema,
  ProgrammeSchema,
} from '../../src/api/programmes/programmes.routes';
import type {
  IneligibleProblemSchema,
  PlanSchema,
  RuleSetSchema,
  RuleSetSummarySchema,
} from '../../src/api/rule-sets/rule-sets.routes';
import type { StatementDocumentSchema } from '../../src/api/statements/statements.routes';
import type { DecisionLetter } from '../../src/statements/model';
import type { LocalizedPlan } from '../../src/rules';

export type { Problem } from '../../src/api/problem';

/** A page of a list, newest first. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Plan = z.infer<typeof PlanSchema>;
/** A what-if for an eligible application (POST /v1/rule-sets/{id}/plan). */
export interface Eligible {
  eligible: true;
  plan: Plan;
  /** The plan's names, milestones and trace in the reader's locale. */
  localized: LocalizedPlan;
}
/** The schema documents `plan` as an object; it is the plan the rules made (contract "A plan"). */
export type Application = Omit<z.infer<typeof ApplicationSchema>, 'plan'> & { plan: Plan };
/** An application in a list: without its approvals, reservations, contributions, tranches and funding. */
export type ApplicationSummary = Omit<
  Application,
  'approvals' | 'reservations' | 'contributions' | 'tranches' | 'funding' | 'disbursed'
>;
export type Tranche = z.infer<typeof TrancheSchema>;
export type Programme = z.infer<typeof ProgrammeSchema>;
export type AccountSummary = z.infer<typeof AccountSummarySchema>;
export type BudgetResult = z.infer<typeof BudgetResultSchema>;
export type Organisation = z.infer<typeof OrganisationSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type IssuedApiKey = z.infer<typeof IssuedApiKeySchema>;
export type Account = z.infer<typeof AccountSchema>;
export type Balance = z.infer<typeof BalanceSchema>;
export type JournalEntry = z.infer<typeof EntrySchema>;
export type TrialBalance = z.infer<typeof TrialBalanceSchema>;
export type ChainReport = z.infer<typeof ChainReportSchema>;
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export type RuleSetSummary = z.infer<typeof RuleSetSummarySchema>;
export type RuleSet = z.infer<typeof RuleSetSchema>;
export type IneligibleProblem = z.infer<typeof IneligibleProblemSchema>;
export type StatementDocument = z.infer<typeof StatementDocumentSchema>;

/** What JSON.stringify makes of a value: its dates become ISO strings. */
type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** A decision letter as JSON (`decision-letter.json`): the DecisionLetter model, serialised. */
export type DecisionLetterDocument = Jsonified<DecisionLetter>;
