/**
 * The workflow of a co-funded project: filing, the parties' decisions, contributions, tranches and
 * settlement, over the programme's chart of accounts. The API calls this surface only; the files
 * behind it are the workflow's own business.
 */
export { type ApplicationRow, organisationOf, payingShares, requireStatus } from './application';
export { type Decision, decideApplication } from './approvals';
export { chart, poolAccount, sourceAccount } from './chart';
export { countedContributions, deadlineDue, recordContribution } from './contributions';
export { applicantPartyOf, fileApplication, takesApplicationsFrom } from './filing';
export { assertVersion, lockApplication } from './locks';
export { type AwaitingDecision, type PastDecision, awaitingDecision, decisionsTaken } from './queue';
export { type MovementPreview, previewMovement } from './preview';
export { cancel, clawback, close, dropApplication, equityReleasedOn, refund } from './settlement';
export { decideTranche, getTranche, requestTranche, tranchesOf } from './tranches';
export { applicationView, listApplications, requireApplicationAccounts } from './view';
