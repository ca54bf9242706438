import type { Locale } from '../i18n';
import type { CalendarDate, Holiday } from './dates';
import type { PlanDocument } from './documents';
import type { LocalizedText, Message, MessageOverrides } from './messages';
import type { RuleFileData } from './schema';
import type { ResolvedTexts } from './texts';

/** One version of one programme's rules, as loaded from its file. */
export interface RuleVersion extends RuleFileData, ResolvedTexts {
  /** SHA-256 (hex) of the file's exact bytes: what a plan records to prove which text judged it. */
  hash: string;
  /** Where it was loaded from, `/`-separated (`rules/tres-por-uno/2013.yaml`). */
  path: string;
}

export interface RuleVersionSummary {
  id: string;
  name: string;
  version: string;
  validFrom: CalendarDate;
  /** null: in force until a later version says otherwise. */
  validTo: CalendarDate | null;
  currency: string;
  projectTypes: string[];
  hash: string;
  path: string;
  /** The file's own language, then each locale it translates. */
  locales: Locale[];
}

export interface RuleSet {
  id: string;
  /** The name of the latest version. */
  name: string;
  /** Oldest first. */
  versions: RuleVersion[];
}

/** A rule applied and what it decided, in words for an association treasurer. */
export interface RuleFinding {
  rule: string;
  /** In English, with party and field ids, as the API has always said it. */
  says: string;
  /** The same as data, for a reader in any locale (src/rules/localize.ts). Absent from plans filed before it. */
  message?: Message;
  /** The application field an eligibility rule tests: where a form shows its failure. */
  field?: string;
}

/** What a reader's locale needs from the rule file that judged an application (stored with the plan). */
export interface RuleTexts {
  /** The rule file's own language: what a locale it does not translate falls back to. */
  language: Locale;
  /** The file's language, then each locale it translates. */
  locales: Locale[];
  ruleSet: LocalizedText;
  /** The file's own wording of some messages, per locale. */
  messages: MessageOverrides;
}

export interface PlanTexts extends RuleTexts {
  projectType: LocalizedText;
  /** Every party of the rule file. */
  parties: Record<string, LocalizedText>;
  /** Each tranche's milestone, in plan order. */
  milestones: LocalizedText[];
}

export type Funding = 'budget' | 'contribution' | 'credit';

export interface PlanShare {
  party: string;
  /** Money string in the plan's currency. */
  amount: string;
  /** Percent of the total, a decimal string with at most 4 decimals ("25", "22.7273"). */
  percent: string;
  /** True when a cap limited this share. */
  capped: boolean;
  /** How the money arrives: a public pool (held when the plan is approved), own money paid in, bank credit. */
  funding: Funding;
  role: string;
  /** The party filing the application (never an approver). */
  applicant: boolean;
  /** Conditions on money paid in, e.g. M-3's foreign-currency equity into a dedicated dirham account. */
  contribution?: { rule: string; currency: 'foreign' | 'local' | 'any'; into?: string; says?: string };
}

export interface PlanTranche {
  index: number;
  percent: string;
  amount: string;
  milestone: string;
  /** Parties whose approval releases this tranche (never the applicant). */
  approvers: string[];
  rule: string;
}

/** A window the workflow enforces after filing, e.g. 3x1-7's 20 business days to prove funds. */
export interface PlanDeadline {
  rule: string;
  party: string;
  kind: string;
  businessDays: number;
  /** The event the window counts from (`eligibility-notice`). */
  from: string;
  /** Days off besides weekends, for `addBusinessDays`. */
  holidays: Holiday[];
  says: string;
  message?: Message;
}

/**
 * Money a party pays in that counts only once a bank line proves it arrived, e.g. 3x1-7's proof of
 * funds: a contribution is declared when recorded, proven while a bank statement line is matched to
 * its ledger entry, and `before` names the step that waits for the proof.
 */
export interface PlanProof {
  rule: string;
  party: string;
  proof: 'bank-line';
  before: 'tranche';
  says: string;
  message?: Message;
}

/** A period during which money must be paid back if a condition breaks, e.g. M-6. */
export interface PlanClawback {
  rule: string;
  party: string;
  years: number;
  from: string;
  says: string;
  message?: Message;
}

/** The contract's plan, plus the fields the workflow needs (funding, approvers, deadlines, clawback). */
export interface Plan {
  ruleSet: string;
  ruleVersion: string;
  ruleHash: string;
  projectType: string;
  /** The date that chose the rule version. */
  filedOn: CalendarDate;
  total: string;
  currency: string;
  shares: PlanShare[];
  /** Non-zero only when the rules leave a gap to be allocated by hand. */
  unallocated: string;
  tranches: PlanTranche[];
  requiredApprovals: string[];
  deadlines: PlanDeadline[];
  clawback: PlanClawback | null;
  /** Proofs the workflow waits for; absent from plans filed before rule files had them. */
  proofs?: PlanProof[];
  /** The papers each step needs (docs/rules.md, "Documents"). Absent from plans filed before rule files listed them. */
  documents?: PlanDocument[];
  /** Choices the rule file made where the sources are uncertain. */
  assumptions: RuleFinding[];
  trace: RuleFinding[];
  /** The rule file's texts in its locales: absent from plans filed before rule texts had locales. */
  texts?: PlanTexts;
}

export type PlanResult =
  | { eligible: true; plan: Plan }
  | {
      eligible: false;
      ruleSet: string;
      /** null when no version was in force on the filing date. */
      ruleVersion: string | null;
      ruleHash: string | null;
      /** Every rule that failed, not just the first. */
      failures: RuleFinding[];
      trace: RuleFinding[];
      texts: RuleTexts;
    };
