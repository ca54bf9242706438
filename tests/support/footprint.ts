import type { Sql } from 'postgres';
import { expect } from 'vitest';

type Counted =
  | 'entries'
  | 'postings'
  | 'holds'
  | 'pendingHolds'
  | 'accounts'
  | 'audit'
  | 'organisations'
  | 'apiKeys'
  | 'revokedKeys'
  | 'programmes'
  | 'programmeCodes'
  | 'partyBindings'
  | 'acceptedParties'
  | 'applications'
  | 'approvals'
  | 'contributions'
  | 'tranches'
  | 'trancheApprovals'
  | 'idempotentRequests';
/** Counts are numbers; the two sums are exact decimal strings. */
type Counts = Record<Counted, number> & { balances: string; held: string };

/**
 * Every row count a refused request must leave alone -- the ledger's, the workflow's, who is who
 * and who plays what -- plus the ledger's totals and, given one, an application's version.
 */
export async function footprint(sql: Sql, applicationId?: string) {
  const [counts] = await sql<Counts[]>`
    SELECT (SELECT count(*) FROM journal_entries)::int AS entries,
           (SELECT count(*) FROM postings)::int AS postings,
           (SELECT count(*) FROM ledger_holds)::int AS holds,
           (SELECT count(*) FROM ledger_holds WHERE status = 'pending')::int AS "pendingHolds",
           (SELECT count(*) FROM ledger_accounts)::int AS accounts,
           (SELECT coalesce(sum(balance), 0)::text FROM ledger_accounts) AS balances,
           (SELECT coalesce(sum(held), 0)::text FROM ledger_accounts) AS held,
           (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT count(*) FROM organisations)::int AS organisations,
           (SELECT count(*) FROM api_keys)::int AS "apiKeys",
           (SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL)::int AS "revokedKeys",
           (SELECT count(*) FROM programmes)::int AS programmes,
           (SELECT count(*) FROM programme_codes)::int AS "programmeCodes",
           (SELECT count(*) FROM programme_parties)::int AS "partyBindings",
           (SELECT count(*) FROM programme_parties WHERE status = 'accepted')::int AS "acceptedParties",
           (SELECT count(*) FROM applications)::int AS applications,
           (SELECT count(*) FROM application_approvals)::int AS approvals,
           (SELECT count(*) FROM contributions)::int AS contributions,
           (SELECT count(*) FROM tranches)::int AS tranches,
           (SELECT count(*) FROM tranche_approvals)::int AS "trancheApprovals",
           (SELECT count(*) FROM idempotent_requests)::int AS "idempotentRequests"`;
  const version = applicationId
    ? (await sql`SELECT version, status FROM applications WHERE id = ${applicationId}`)[0]
    : undefined;
  return {
    ...counts!,
    version: (version?.version as number | undefined) ?? null,
    status: (version?.status as string | undefined) ?? null,
  };
}

/** Asserts that `act` leaves the footprint of the database unchanged. */
export async function expectNothingChanged<T>(
  sql: Sql,
  applicationId: string | undefined,
  act: () => Promise<T>,
): Promise<T> {
  const before = await footprint(sql, applicationId);
  const result = await act();
  expect(await footprint(sql, applicationId)).toEqual(before);
  return result;
}
