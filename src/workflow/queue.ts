import { sql } from 'drizzle-orm';
import { type Caller, requireRole } from '../auth';
import { type Executor, rowsOf } from '../db';

/** Something waiting for one of the caller's parties to decide. */
export interface AwaitingDecision {
  kind: 'application' | 'tranche';
  applicationId: string;
  /** Set for a tranche. */
  trancheId: string | null;
  title: string;
  programmeCode: string;
  programmeName: string;
  /** The party the caller's organisation decides for. */
  party: string;
  amount: string;
  currency: string;
  milestone: string | null;
  /** Filed, or asked for: the queue's order. */
  since: Date;
  /** The application's plan: its rule texts name the party and the milestone in the reader's language. */
  plan: unknown;
}

export interface PastDecision {
  kind: 'application' | 'tranche';
  applicationId: string;
  trancheId: string | null;
  title: string;
  programmeCode: string;
  party: string;
  decision: 'approve' | 'reject';
  comment: string;
  amount: string;
  currency: string;
  decidedAt: Date;
  /** The application's plan, as in `AwaitingDecision`. */
  plan: unknown;
}

/** A row as the driver gives it: a timestamp may come back as text. */
type AsRead<T, Instant extends keyof T> = Omit<T, Instant> & Record<Instant, Date | string>;

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * What waits for the caller's organisation, oldest first: filed applications whose plan asks one of
 * its parties to decide, and requested tranches of approved ones that name one of its parties, that
 * party not having decided yet. Maker-checker as in `partiesOfCaller`: never the organisation's own
 * applications. Only accepted bindings count, as for deciding.
 */
export async function awaitingDecision(db: Executor, caller: Caller, limit = 200): Promise<AwaitingDecision[]> {
  requireRole(caller.actor, ['approver']);
  if (caller.actor.kind !== 'key') return [];
  const organisationId = caller.actor.organisationId;
  const rows = await rowsOf<AsRead<AwaitingDecision, 'since'>>(
    db,
    sql`
    SELECT * FROM (
      SELECT 'application' AS kind, a.id::text AS "applicationId", NULL::text AS "trancheId", a.title,
             p.code AS "programmeCode", p.name AS "programmeName", pp.party, a.total::text AS amount, a.currency,
             NULL::text AS milestone, a.created_at AS since, a.plan
      FROM applications a
      JOIN programmes p ON p.id = a.programme_id
      JOIN programme_parties pp ON pp.programme_id = a.programme_id
        AND pp.organisation_id = ${organisationId}::uuid AND pp.status = 'accepted'
      WHERE a.status = 'filed' AND a.applicant_id <> ${organisationId}::uuid
        AND (a.plan -> 'requiredApprovals') @> jsonb_build_array(pp.party)
        AND NOT EXISTS (SELECT 1 FROM application_approvals d WHERE d.application_id = a.id AND d.party = pp.party)
      UNION ALL
      SELECT 'tranche', a.id::text, t.id::text, a.title, p.code, p.name, pp.party, t.amount::text, a.currency,
             t.milestone, t.created_at, a.plan
      FROM tranches t
      JOIN applications a ON a.id = t.application_id
      JOIN programmes p ON p.id = a.programme_id
      JOIN programme_parties pp ON pp.programme_id = a.programme_id
        AND pp.organisation_id = ${organisationId}::uuid AND pp.status = 'accepted'
      WHERE t.status = 'requested' AND a.status = 'approved' AND a.applicant_id <> ${organisationId}::uuid
        AND t.approvers @> jsonb_build_array(pp.party)
        AND NOT EXISTS (SELECT 1 FROM tranche_approvals d WHERE d.tranche_id = t.id AND d.party = pp.party)
    ) waiting
    ORDER BY since, "trancheId" NULLS FIRST, party
    LIMIT ${limit}`,
  );
  return rows.map((row) => ({ ...row, since: asDate(row.since) }));
}

/** The decisions the caller's organisation took (applications and tranches), newest first. */
export async function decisionsTaken(db: Executor, caller: Caller, limit = 200): Promise<PastDecision[]> {
  requireRole(caller.actor, ['approver']);
  if (caller.actor.kind !== 'key') return [];
  const organisationId = caller.actor.organisationId;
  const rows = await rowsOf<AsRead<PastDecision, 'decidedAt'>>(
    db,
    sql`
    SELECT * FROM (
      SELECT 'application' AS kind, a.id::text AS "applicationId", NULL::text AS "trancheId", a.title,
             p.code AS "programmeCode", d.party, d.decision::text AS decision, d.comment,
             a.total::text AS amount, a.currency, d.created_at AS "decidedAt", a.plan
      FROM application_approvals d
      JOIN applications a ON a.id = d.application_id
      JOIN programmes p ON p.id = a.programme_id
      WHERE d.organisation_id = ${organisationId}::uuid
      UNION ALL
      SELECT 'tranche', a.id::text, t.id::text, a.title, p.code, d.party, d.decision::text, d.comment,
             t.amount::text, a.currency, d.created_at, a.plan
      FROM tranche_approvals d
      JOIN tranches t ON t.id = d.tranche_id
      JOIN applications a ON a.id = t.application_id
      JOIN programmes p ON p.id = a.programme_id
      WHERE d.organisation_id = ${organisationId}::uuid
    ) taken
    ORDER BY "decidedAt" DESC
    LIMIT ${limit}`,
  );
  return rows.map((row) => ({ ...row, decidedAt: asDate(row.decidedAt) }));
}
