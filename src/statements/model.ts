import type { Locale } from '../i18n';
import type { AccountType, Side } from '../ledger/types';
import type { LocalizedText, PlanTexts, RuleFinding } from '../rules';
import type { StepDocument } from '../workflow';

export type { StepDocument };

/*
 * The data every statement renderer (PDF, CSV, JSON) reads. It mirrors the ledger: a section is one
 * ledger account over the period, a row is one posting on it (with the posting's `balance_after`),
 * the chain status is what `verify` reports about the ledger_seals hash chain.
 *
 * Rows arrive as AsyncIterables (a database cursor) and are read exactly once, so a document object
 * is single-use: build one per render. Each section states its row count up front (a COUNT in the
 * same snapshot as the cursor) so that the PDF knows its page count before it draws page 1; a
 * cursor that yields more or fewer rows than counted is an error, never a silently wrong "page X of Y".
 *
 * Money is always a decimal string with exactly the currency's minor-unit digits, as in the ledger.
 */

/** Documents are written in every locale cofund speaks. */
export { LOCALES as STATEMENT_LOCALES } from '../i18n';
export type StatementLocale = Locale;

export type StatementKind = 'account' | 'application' | 'programme';
export type DocumentKind = StatementKind | 'trial-balance' | 'decision-letter';

/** What the document is about: an account, an application (project) or a programme. */
export interface DocumentSubject {
  id: string;
  code: string;
  name: string;
  /** Owning organisation, when there is one. */
  owner?: string | null;
}

/** Who asked for the document: printed so that a paper copy says where it came from. */
export interface GeneratedBy {
  organisation: string;
  role: string;
  /** The first characters of the API key used, never the key; empty for the platform administrator's token. */
  keyPrefix: string;
}

/** Common to every document kind. */
export interface DocumentHeader {
  title: string;
  subject: DocumentSubject;
  generatedAt: Date;
  generatedBy: GeneratedBy;
  locale: StatementLocale;
  /** IANA zone in which dates are printed; instants themselves are never shifted. Default UTC. */
  timeZone?: string;
  /** The document's main currency (party totals, letter amounts). */
  currency: string;
}

/** Half-open booking-time interval: from <= booked < to. */
export interface Period {
  from: Date;
  to: Date;
}

export interface StatementHeader extends DocumentHeader {
  kind: StatementKind;
  period: Period;
}

export interface SectionAccount {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  normalSide: Side;
  currency: string;
}

/**
 * One posting on the section's account, as text ready to print: a statement of 100,000 rows reads
 * 100,000 of these, so nothing here needs parsing again.
 */
export interface StatementRow {
  entryId: string;
  /** When the entry was booked, ISO 8601 UTC to the millisecond: periods, order and running balances follow it. */
  bookedAt: string;
  /** The value date the entry declares, ISO 8601 UTC to the millisecond. */
  effectiveAt: string;
  kind: string;
  memo: string;
  /** Codes of the other accounts of the entry. */
  counterAccounts: readonly string[];
  side: Side;
  /** Positive amount on `side`. */
  amount: string;
  /** The account's normal-side balance after this posting (postings.balance_after). */
  balanceAfter: string;
}

export interface StatementSection {
  account: SectionAccount;
  /** Normal-side balance at period.from, as the ledger reports it. */
  openingBalance: string;
  /** Normal-side balance at period.to, as the ledger reports it; checked against the rows. */
  closingBalance: string;
  /** Exactly how many rows `rows` yields. */
  rowCount: number;
  /** In booking order (account_version ascending). */
  rows: AsyncIterable<StatementRow> | Iterable<StatementRow>;
}

/**
 * What one funder committed, actually put into the project (paid in, or released from its budget),
 * what the project paid out of that money, and what went back to the funder, in `currency`.
 */
export interface PartyTotals {
  party: string;
  /** The party's name in the rule file's locales, when the plan has it; documents print it in theirs. */
  partyName?: { text: LocalizedText; language: Locale };
  organisation: string;
  currency: string;
  committed: string;
  paid: string;
  disbursed: string;
  refunded: string;
}

export interface SealedEntry {
  id: string;
  sealSeq: string;
  /** SHA-256 of the seal, hex. */
  hash: string;
}

/** The ledger's hash-chain verification as of rendering. */
export interface ChainStatus {
  ok: boolean;
  entriesChecked: number;
  /** Committed entries not sealed yet: not covered by the fingerprint below. */
  unsealed: number;
  /** The first entry whose seal does not match, when the chain is broken. */
  firstBadEntry?: string | null;
  /** Entries neither sealed nor queued for sealing: written around the code. */
  unaccounted?: number;
  /** Codes of accounts whose stored balance disagrees with their postings. */
  balanceMismatches?: readonly string[];
  /** The last sealed entry the statement covers: its seal is the fingerprint to check later. */
  lastEntry: SealedEntry | null;
  /** Seals recomputed for this document; those before `since` were when that checkpoint was verified. */
  recomputed?: number;
  /** The verified checkpoint the recomputation started from; null or absent: the whole chain. */
  since?: { sealSeq: string; verifiedAt: Date } | null;
}

/**
 * One of the programme's bank accounts reconciled with the books at the end of the period
 * (src/reconciliation): what a programme statement shows of it. Counts and the oldest age sum up
 * the open items that GET /v1/bank-accounts/{id}/reconciliation lists one by one.
 */
export interface BankReconciliationStatus {
  bankAccountId: string;
  /** The ledger account it stands for. */
  accountCode: string;
  bank: string;
  /** iban, clabe or local, and the number in electronic form. */
  scheme: string;
  number: string;
  currency: string;
  /** reconciled: no difference and nothing open on either side. */
  status: 'reconciled' | 'unreconciled' | 'no-statement';
  ledgerBalance: string;
  /** Null before any statement of the account. */
  bankBalance: string | null;
  /** ledgerBalance - bankBalance. */
  difference: string | null;
  /** The bank statement the bank balance comes from. */
  statementReference: string | null;
  matchedLines: number;
  unmatchedBankLines: number;
  unmatchedLedgerMovements: number;
  /** Days the oldest open item (either side) has waited; null when nothing is open. */
  oldestOpenDays: number | null;
}

export interface Statement {
  header: StatementHeader;
  sections: readonly StatementSection[];
  parties: readonly PartyTotals[];
  /** Programme statements only: each bank account of the programme, reconciled at the period's end. */
  bankAccounts?: readonly BankReconciliationStatus[];
  /** Application statements only: the stored documents behind each step, uploaded before the period's end. */
  documents?: readonly StepDocument[];
  chain: ChainStatus;
}

export interface TrialBalanceRow {
  code: string;
  name: string;
  type: AccountType;
  normalSide: Side;
  /** Sum of the account's debit postings booked before `asOf`. */
  debit: string;
  /** Sum of its credit postings booked before `asOf`. */
  credit: string;
}

/** One currency of the trial balance: debits and credits balance per currency, never across. */
export interface TrialBalanceGroup {
  currency: string;
  rowCount: number;
  rows: AsyncIterable<TrialBalanceRow> | Iterable<TrialBalanceRow>;
}

export interface TrialBalance {
  header: DocumentHeader;
  asOf: Date;
  groups: readonly TrialBalanceGroup[];
  chain: ChainStatus;
}

/**
 * What the letter prints of a co-funding plan: the contract's "A plan" fields. The rules engine's
 * Plan (src/rules) has these and more, and is assignable to it (tests/statements check that).
 */
export interface LetterPlan {
  ruleSet: string;
  ruleVersion: string;
  ruleHash: string;
  total: string;
  currency: string;
  shares: readonly { party: string; amount: string; percent: string; capped: boolean }[];
  unallocated: string;
  tranches: readonly { index: number; percent: string; amount: string; milestone: string }[];
  requiredApprovals: readonly string[];
  /** Each finding's message, when the plan has them, is printed in the letter's locale (src/rules/localize.ts). */
  trace: readonly RuleFinding[];
  projectType?: string;
  /** The rule file's texts in its locales; plans filed before rule texts had locales have none. */
  texts?: PlanTexts;
}

export interface Approval {
  party: string;
  organisation: string;
  decision: 'approved' | 'rejected';
  comment: string;
  decidedAt: Date;
}

export type DecisionOutcome = 'approved' | 'rejected' | 'pending';

export interface DecisionLetter {
  header: DocumentHeader;
  application: {
    id: string;
    code: string;
    title: string;
    applicant: string;
    programme: string;
    filedAt: Date;
  };
  outcome: DecisionOutcome;
  decidedAt: Date | null;
  plan: LetterPlan;
  approvals: readonly Approval[];
  /** The stored documents behind each step, with their SHA-256 (absent from letters made before they were). */
  documents?: readonly StepDocument[];
}
