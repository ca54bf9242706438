import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../tools/openapi/document';

/*
 * The operationIds are part of the contract: generated clients name their methods after them, so
 * renaming one breaks every integrator's build. This list pins them. A new route adds its line here
 * and in docs/integrating.md; an existing line never changes while /v1 lasts.
 */
const OPERATIONS = [
  ['getHealth', 'GET /health'],
  ['getReadiness', 'GET /ready'],
  ['createOrganisation', 'POST /v1/organisations'],
  ['listOrganisations', 'GET /v1/organisations'],
  ['getOrganisation', 'GET /v1/organisations/{id}'],
  ['issueApiKey', 'POST /v1/organisations/{id}/api-keys'],
  ['listApiKeys', 'GET /v1/organisations/{id}/api-keys'],
  ['revokeApiKey', 'POST /v1/api-keys/{id}/revoke'],
  ['listRuleSets', 'GET /v1/rule-sets'],
  ['getRuleSet', 'GET /v1/rule-sets/{id}'],
  ['previewPlan', 'POST /v1/rule-sets/{id}/plan'],
  ['getAccount', 'GET /v1/accounts/{id}'],
  ['getAccountBalance', 'GET /v1/accounts/{id}/balance'],
  ['listLedgerEntries', 'GET /v1/ledger/entries'],
  ['getTrialBalance', 'GET /v1/ledger/trial-balance'],
  ['verifyLedger', 'GET /v1/ledger/verify'],
  ['listAuditRecords', 'GET /v1/audit-log'],
  ['createProgramme', 'POST /v1/programmes'],
  ['listProgrammes', 'GET /v1/programmes'],
  ['getProgramme', 'GET /v1/programmes/{id}'],
  ['fundBudget', 'POST /v1/programmes/{id}/budgets'],
  ['acceptParty', 'POST /v1/programmes/{id}/parties/{party}/acceptance'],
  ['declineParty', 'POST /v1/programmes/{id}/parties/{party}/refusal'],
  ['inviteParty', 'POST /v1/programmes/{id}/parties/{party}/invitation'],
  ['reserveProgrammeCode', 'POST /v1/organisations/{id}/programme-codes'],
  ['listProgrammeCodes', 'GET /v1/organisations/{id}/programme-codes'],
  ['fileApplication', 'POST /v1/programmes/{id}/applications'],
  ['listApplications', 'GET /v1/applications'],
  ['getApplication', 'GET /v1/applications/{id}'],
  ['listApplicationAccounts', 'GET /v1/applications/{id}/accounts'],
  ['decideApplication', 'POST /v1/applications/{id}/approvals'],
  ['recordContribution', 'POST /v1/applications/{id}/contributions'],
  ['refundApplication', 'POST /v1/applications/{id}/refunds'],
  ['cancelApplication', 'POST /v1/applications/{id}/cancel'],
  ['closeApplication', 'POST /v1/applications/{id}/close'],
  ['clawBackApplication', 'POST /v1/applications/{id}/clawback'],
  ['requestTranche', 'POST /v1/applications/{id}/tranches'],
  ['getTranche', 'GET /v1/tranches/{id}'],
  ['decideTranche', 'POST /v1/tranches/{id}/approvals'],
  ['getAccountStatement', 'GET /v1/statements/accounts/{id}.{format}'],
  ['getApplicationStatement', 'GET /v1/statements/applications/{id}.{format}'],
  ['getProgrammeStatement', 'GET /v1/statements/programmes/{id}.{format}'],
  ['getTrialBalanceDocument', 'GET /v1/statements/trial-balance.{format}'],
  ['getDecisionLetter', 'GET /v1/applications/{id}/decision-letter.{format}'],
  ['registerBankAccount', 'POST /v1/bank-accounts'],
  ['getBankAccount', 'GET /v1/bank-accounts/{id}'],
  ['listProgrammeBankAccounts', 'GET /v1/programmes/{id}/bank-accounts'],
  ['createBankCsvMapping', 'POST /v1/bank-csv-mappings'],
  ['importBankStatement', 'POST /v1/bank-accounts/{id}/statements'],
  ['invitePerson', 'POST /v1/organisations/{id}/users'],
  ['listPeople', 'GET /v1/organisations/{id}/users'],
  ['reissueInvitation', 'POST /v1/users/{id}/invitation'],
  ['rematchBankAccount', 'POST /v1/bank-accounts/{id}/matching'],
  ['listOpenItems', 'GET /v1/bank-accounts/{id}/open-items'],
  ['matchBankLines', 'POST /v1/bank-accounts/{id}/matches'],
  ['undoBankMatch', 'POST /v1/bank-accounts/{id}/matches/{matchId}/undo'],
  ['postProposedEntry', 'POST /v1/bank-accounts/{id}/lines/{lineId}/entry'],
  ['getReconciliation', 'GET /v1/bank-accounts/{id}/reconciliation'],
  ['uploadDocument', 'POST /v1/applications/{id}/documents'],
  ['listDocuments', 'GET /v1/applications/{id}/documents'],
  ['downloadDocument', 'GET /v1/documents/{id}'],
  ['getDocumentMetadata', 'GET /v1/documents/{id}/metadata'],
  ['withdrawDocument', 'POST /v1/documents/{id}/withdrawal'],
  ['listEvents', 'GET /v1/events'],
  ['createWebhook', 'POST /v1/webhooks'],
  ['listWebhooks', 'GET /v1/webhooks'],
  ['getWebhook', 'GET /v1/webhooks/{id}'],
  ['enableWebhook', 'POST /v1/webhooks/{id}/enable'],
  ['disableWebhook', 'POST /v1/webhooks/{id}/disable'],
  ['listWebhookDeliveries', 'GET /v1/webhooks/{id}/deliveries'],
  ['getWebhookDelivery', 'GET /v1/webhook-deliveries/{id}'],
  ['replayWebhookDelivery', 'POST /v1/webhook-deliveries/{id}/replay'],
] as const;

interface Operation {
  id: string | undefined;
  route: string;
  security: unknown[] | undefined;
}
let operations: Operation[];

beforeAll(async () => {
  const { paths } = (await openApiDocument()) as {
    paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
  };
  operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, { operationId, security }]) => ({
      id: operationId,
      route: `${method.toUpperCase()} ${path}`,
      security,
    })),
  );
});

describe('operationIds', () => {
  it('are the pinned ones, each on its route', () => {
    expect(operations.map(({ id, route }) => [id, route]).sort()).toEqual(OPERATIONS.map((pair) => [...pair]).sort());
  });

  it('are listed in docs/integrating.md, each with its route', async () => {
    const guide = await readFile(new URL('../../docs/integrating.md', import.meta.url), 'utf8');
    const missing = OPERATIONS.filter(([id, route]) => !guide.includes(`| \`${id}\` | \`${route}\` |`));
    expect(missing).toEqual([]);
  });

  it('say which operations are public: only GET /health and GET /ready need no key', () => {
    expect(operations.filter(({ security }) => security?.length === 0).map(({ route }) => route)).toEqual([
      'GET /health',
      'GET /ready',
    ]);
  });
});
