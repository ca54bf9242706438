import { expect } from 'vitest';
import type { Database } from '../../src/db';
import { findAccountByCode, trialBalance } from '../../src/ledger';
import { ADMIN_TOKEN } from './app';
import type { IssuedApiKey, Organisation, Programme } from './api';
import { type Transport, client } from './client';

/** A clock the test moves: deadlines and windows are judged by it. */
export function testClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set: (instant: string) => {
      now = new Date(instant);
    },
  };
}

/** Registers an organisation and issues it one key per role; returns a client per role. */
export async function organisation(app: Transport, name: string, kind: string, roles: string[]) {
  const admin = client(app, ADMIN_TOKEN);
  const created = await admin.post<Organisation>('/v1/organisations', { name, kind });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const keys: Record<string, ReturnType<typeof client>> = {};
  const tokens: Record<string, string> = {};
  for (const role of roles) {
    const issued = await admin.post<IssuedApiKey>(`/v1/organisations/${created.body.id}/api-keys`, { role });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    keys[role] = client(app, issued.body.key);
    tokens[role] = issued.body.key;
  }
  return { id: created.body.id, name, tokens, ...keys } as {
    id: string;
    name: string;
    /** The keys themselves, by role, for requests the JSON client does not make (documents). */
    tokens: Record<string, string>;
  } & Record<string, ReturnType<typeof client>>;
}

/** Asserts a reply's status, showing the problem when it differs. */
export function expectStatus<R extends { status: number; body: unknown }>(reply: R, status: number): R {
  expect(reply.status, JSON.stringify(reply.body, null, 2)).toBe(status);
  return reply;
}

/** What a call of the generated client answers: its typed body or its typed problem, and the response. */
interface Answer<Data, Problem> {
  data?: Data;
  error?: Problem;
  response: Response;
}

/** Asserts a typed call's status (showing the problem when it differs); returns its body, typed by the document. */
export function expectData<Data, Problem>(answer: Answer<Data, Problem>, status: number): Data {
  expect(answer.response.status, JSON.stringify(answer.error, null, 2)).toBe(status);
  return answer.data as Data;
}

/** Asserts that a typed call was refused with `status`; returns the problem, typed by the document. */
export function expectProblem<Data, Problem>(answer: Answer<Data, Problem>, status: number): Problem {
  expect(answer.response.status, JSON.stringify(answer.data, null, 2)).toBe(status);
  return answer.error as Problem;
}

/** Balance of a ledger account by code ("0.00" if it was never opened). */
export async function balanceOf(db: Database, code: string): Promise<{ balance: string; held: string }> {
  const account = await findAccountByCode(db, code);
  return { balance: account?.balance ?? '0.00', held: account?.held ?? '0.00' };
}

/** The whole ledger's trial balance: every currency's debits equal its credits. */
export async function expectTrialBalanced(db: Database) {
  const trial = await trialBalance(db);
  for (const total of trial.totals) expect(total.debits, `${total.currency} debits vs credits`).toBe(total.credits);
  return trial;
}

type Org = Awaited<ReturnType<typeof organisation>>;

/**
 * Opens a programme as `creator` (the administrator by default), then has every organisation it
 * invited accept its party with its own programme_admin key: the programme is open, as a fund's
 * staff would leave it before funding pools and taking applications. Returns it as its creator sees it.
 */
export async function openProgramme(
  app: Transport,
  body: Record<string, unknown> & { parties: Record<string, string> },
  players: readonly Org[],
  creator: ReturnType<typeof client> = client(app, ADMIN_TOKEN),
): Promise<Programme> {
  const created = expectStatus(await creator.post<Programme>('/v1/programmes', body), 201).body;
  for (const invitation of created.invitations.filter((i) => i.status === 'invited')) {
    const player = players.find((org) => org.id === invitation.organisationId);
    if (!player?.programme_admin) throw new Error(`no programme_admin key of ${invitation.organisationId} to accept`);
    expectStatus(
      await player.programme_admin.post(`/v1/programmes/${created.id}/parties/${invitation.party}/acceptance`, {}),
      200,
    );
  }
  const opened = expectStatus(await creator.get<Programme>(`/v1/programmes/${created.id}`), 200).body;
  expect(opened.status).toBe('open');
  return opened;
}
