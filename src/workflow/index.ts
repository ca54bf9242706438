/**
 * The workflow of a co-funded project: filing, the parties' decisions, contributions, tranches and
 * settlement, over the programme's chart of accounts. The API calls this surface only; the files
 * behind it are the workflow's own business.
 */
export { type ApplicationRow, organisationOf, payingShares, requireStatus } from './application';
export { type Decision, decideApplication } from './approvals';
export { chart, programmeTrialBalance } from './chart';
export { countedContributions, deadlineDue, recordContribution } from './contributions';
export { applicantPartyOf, authorizeFiling, fileApplication, takesApplicationsFrom } from './filing';
export { assertVersion, lockApplication } from './locks';
export { type AwaitingDecision, type PastDecision, awaitingDecision, decisionsTaken } from './queue';
export { type ChartPlace, type MovementPreview, previewMovement } from './preview';
export {
  type ChecklistItem,
  type CitedDocument,
  DocumentsMissingError,
  type EvidenceItem,
  type MissingDocument,
  type StepDocument,
  documentChecklist,
  documentsBehindSteps,
} from './required-documents';
export { cancel, clawback, close, dropApplication, equityReleasedOn, refund } from './settlement';
export { decideTranche, getTranche, requestTranche, tranchesOf } from './tranches';
export { applicationView, listApplications, requireApplicationAccounts } from './view';
