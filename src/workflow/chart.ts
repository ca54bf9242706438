/**
 * The chart of accounts of a programme and its applications: every account cofund opens, named
 * so that an auditor can follow a peso from a party's budget to a tranche and back.
 *
 *   programme:{code}:{party}:pool            asset, never below 0   a public party's money for the programme
 *   programme:{code}:{party}:source:{CUR}    equity, no limit       money entering/leaving the books from that party
 *   programme:{code}:fx:{CUR}                equity, no limit       FX position: each currency balances on its own
 *   application:{id}:{party}:share           asset, never below 0   the party's money received for the project,
 *                                                                   not yet paid out
 *   application:{id}:{party}:disbursed       expense, no limit      what the project paid out of that party's
 *                                                                   share (tranches)
 *
 * Budget: pool <- source. Approval: a hold on the pool for the party's share, counter-account its
 * share account. Contribution: share <- source (through FX positions when paid in another
 * currency). Tranche: hold capture pool -> share, then share -> disbursed. Refund: share -> pool
 * (public money) or share -> source (own money and credit). Clawback: disbursed -> pool.
 */
import type { Executor } from '../db';
import { type Account, ensureAccount } from '../ledger';

export interface ProgrammeRef {
  id: string;
  code: string;
  name: string;
  currency: string;
}

export interface ApplicationRef {
  id: string;
  programmeId: string;
  currency: string;
  title: string;
}

export const chart = {
  pool: (programme: ProgrammeRef, party: string) => `programme:${programme.code}:${party}:pool`,
  source: (programme: ProgrammeRef, party: string, currency: string) =>
    `programme:${programme.code}:${party}:source:${currency}`,
  fx: (programme: ProgrammeRef, currency: string) => `programme:${programme.code}:fx:${currency}`,
  share: (application: ApplicationRef, party: string) => `application:${application.id}:${party}:share`,
  disbursed: (application: ApplicationRef, party: string) => `application:${application.id}:${party}:disbursed`,
};

export function poolAccount(
  db: Executor,
  programme: ProgrammeRef,
  party: string,
  ownerId: string | null,
): Promise<Account> {
  return ensureAccount(db, {
    code: chart.pool(programme, party),
    name: `${programme.name}: ${party} pool`,
    type: 'asset',
    currency: programme.currency,
    programmeId: programme.id,
    ownerOrganisationId: ownerId,
  });
}

/**
 * Owned by the organisation the programme binds to the party; the applicant party's source by none,
 * since every applicant of the programme plays that party and pays in through it.
 */
export function sourceAccount(
  db: Executor,
  programme: ProgrammeRef,
  party: string,
  currency: string,
  ownerId: string | null,
): Promise<Account> {
  return ensureAccount(db, {
    code: chart.source(programme, party, currency),
    name: `${programme.name}: funds from ${party} (${currency})`,
    type: 'equity',
    currency,
    minBalance: null,
    programmeId: programme.id,
    ownerOrganisationId: ownerId,
  });
}

export function fxAccount(db: Executor, programme: ProgrammeRef, currency: string): Promise<Account> {
  return ensureAccount(db, {
    code: chart.fx(programme, currency),
    name: `${programme.name}: FX position ${currency}`,
    type: 'equity',
    currency,
    minBalance: null,
    programmeId: programme.id,
  });
}

export function shareAccount(
  db: Executor,
  application: ApplicationRef,
  party: string,
  ownerId: string | null,
): Promise<Account> {
  return ensureAccount(db, {
    code: chart.share(application, party),
    name: `${application.title}: ${party} share`,
    type: 'asset',
    currency: application.currency,
    programmeId: application.programmeId,
    applicationId: application.id,
    ownerOrganisationId: ownerId,
  });
}

export function disbursedAccount(
  db: Executor,
  application: ApplicationRef,
  party: string,
  ownerId: string | null,
): Promise<Account> {
  return ensureAccount(db, {
    code: chart.disbursed(application, party),
    name: `${application.title}: paid out of the ${party} share`,
    type: 'expense',
    currency: application.currency,
    minBalance: null,
    programmeId: application.programmeId,
    applicationId: application.id,
    ownerOrganisationId: ownerId,
  });
}
