import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import { type Executor, rowsOf } from '../db';
import {
  applications,
  bankLines,
  bankMatchEntries,
  bankMatchLines,
  bankMatches,
  bankUnmatches,
  organisations,
  programmeParties,
  programmes,
} from '../db/schema';
import { ConflictError, CofundError, NotFoundError, ValidationError } from '../errors';
import { type Transaction, postEntry } from '../ledger';
import { Decimal, formatMoney } from '../money';
import type { RuleCatalog } from '../rules';
import { type BankAccountView, readBankAccount, requireStaff } from './bank-accounts';
import { lineNature } from './formats/statement';
import { type MatchableLine, type MatchableMovement, matchLines } from './matching';
import { type BankRole, accountsOf, chart, lookUpAccount } from '../workflow/chart';

export type BankLine = typeof bankLines.$inferSelect;

/** A movement of the books on the linked account: one journal entry's net effect there. */
export interface Movement extends MatchableMovement {
  kind: string;
  effectiveAt: Date;
  memo: string;
}

/** How a payer quotes an entry of the books in a transfer: "CF-E" and its id. */
export const entryReference = (entryId: string) => `CF-E${entryId}`;

const INSERT_BATCH = 2000;

/** Every movement of the linked ledger account booked up to `at` (all when absent), oldest first. */
export async function movementsOf(db: Executor, account: BankAccountView, at?: Date): Promise<Movement[]> {
  const rows = await rowsOf<{
    entry_id: string;
    kind: string;
    memo: string;
    effective_at: string | Date;
    metadata: Record<string, unknown>;
    net: string;
  }>(
    db,
    sql`
    SELECT p.entry_id::text AS entry_id, je.kind, je.memo, je.effective_at, je.metadata,
           sum(CASE WHEN p.side = 'debit' THEN p.amount ELSE -p.amount END)::text AS net
    FROM postings p JOIN journal_entries je ON je.id = p.entry_id
    WHERE p.account_id = ${account.ledgerAccountId}::uuid
      ${at ? sql`AND p.created_at < ${new Date(at.getTime() + 1).toISOString()}::timestamptz` : sql``}
    GROUP BY p.entry_id, je.kind, je.memo, je.effective_at, je.metadata
    HAVING sum(CASE WHEN p.side = 'debit' THEN p.amount ELSE -p.amount END) <> 0
    ORDER BY p.entry_id`,
  );
  const names = await counterpartyNames(
    db,
    account.programmeId,
    rows.map((row) => row.metadata),
  );
  return rows.map((row) => {
    const effectiveAt = new Date(row.effective_at);
    const applicationId = typeof row.metadata.applicationId === 'string' ? row.metadata.applicationId : undefined;
    const trancheId = typeof row.metadata.trancheId === 'string' ? row.metadata.trancheId : undefined;
    const party = typeof row.metadata.party === 'string' ? row.metadata.party : undefined;
    return {
      entryId: row.entry_id,
      kind: row.kind,
      memo: row.memo,
      effectiveAt,
      amount: new Decimal(row.net),
      currency: account.currency,
      date: effectiveAt.toISOString().slice(0, 10),
      references: [entryReference(row.entry_id), applicationId, trancheId].filter((r): r is string => r !== undefined),
      counterparties: [
        applicationId ? names.applicants.get(applicationId) : undefined,
        party ? names.parties.get(party) : undefined,
      ].filter((name): name is string => name !== undefined),
    };
  });
}

/** The organisations behind movements: each project's applicant, each party's bound organisation. */
async function counterpartyNames(db: Executor, programmeId: string, metadata: Array<Record<string, unknown>>) {
  const applicationIds = [
    ...new Set(metadata.map((m) => m.applicationId).filter((id): id is string => typeof id === 'string')),
  ];
  const [applicants, parties] = await Promise.all([
    applicationIds.length === 0
      ? []
      : db
          .select({ id: applications.id, name: organisations.name })
          .from(applications)
          .innerJoin(organisations, eq(organisations.id, applications.applicantId))
          .where(inArray(applications.id, applicationIds)),
    db
      .select({ party: programmeParties.party, name: organisations.name })
      .from(programmeParties)
      .innerJoin(organisations, eq(organisations.id, programmeParties.organisationId))
      .where(and(eq(programmeParties.programmeId, programmeId), eq(programmeParties.status, 'accepted'))),
  ]);
  return {
    applicants: new Map(applicants.map((row) => [row.id, row.name])),
    parties: new Map(parties.map((row) => [row.party, row.name])),
  };
}

export interface MatchState {
  /** Line id -> the active match holding it. */
  lines: Map<string, string>;
  /** Entry id -> the active match holding it. */
  entries: Map<string, string>;
}

/** A bank line or ledger entry, and the match it belongs to. */
interface Pair {
  id: string;
  match: string;
}
/** Which lines and movements are matched, now or as of an instant. */
export async function matchState(db: Executor, bankAccountId: string, at?: Date): Promise<MatchState> {
  const until = at ? new Date(at.getTime() + 1).toISOString() : undefined;
  const active = sql`m.bank_account_id = ${bankAccountId}::uuid
    ${until ? sql`AND m.created_at < ${until}::timestamptz` : sql``}
    AND NOT EXISTS (SELECT 1 FROM bank_unmatches u WHERE u.match_id = m.id
      ${until ? sql`AND u.created_at < ${until}::timestamptz` : sql``})`;
  const [lines, entries] = await Promise.all([
    rowsOf<Pair>(
      db,
      sql`SELECT ml.line_id::text AS id, m.id::text AS match FROM bank_match_lines ml
      JOIN bank_matches m ON m.id = ml.match_id WHERE ${active}`,
    ),
    rowsOf<Pair>(
      db,
      sql`SELECT me.entry_id::text AS id, m.id::text AS match FROM bank_match_entries me
      JOIN bank_matches m ON m.id = me.match_id WHERE ${active}`,
    ),
  ]);
  const toMap = (rows: Pair[]) => new Map(rows.map((r) => [r.id, r.match]));
  return { lines: toMap(lines), entries: toMap(entries) };
}

export const signedLine = (line: Pick<BankLine, 'amount' | 'direction'>) =>
  line.direction === 'credit' ? new Decimal(line.amount) : new Decimal(line.amount).negated();

const matchable = (line: BankLine): MatchableLine => ({
  id: line.id.toString(),
  amount: signedLine(line),
  currency: line.currency,
  bookingDate: line.bookingDate,
  texts: [line.remittance, line.endToEndId, line.bankReference].filter(Boolean),
  counterparty: line.counterparty,
});

/** Serialises matching on one bank account: a line or a movement is in one active match at most. */
async function lockBankAccount(db: Executor, bankAccountId: string): Promise<void> {
  await db.execute(sql`SELECT 1 FROM bank_accounts WHERE id = ${bankAccountId}::uuid FOR UPDATE`);
}

async function linesOf(db: Executor, bankAccountId: string, at?: string): Promise<BankLine[]> {
  return db
    .select()
    .from(bankLines)
    .where(
      and(eq(bankLines.bankAccountId, bankAccountId), at ? sql`${bankLines.bookingDate} <= ${at}::date` : undefined),
    );
}

/** The unmatched lines and movements, and what the rules would do with them. */
export async function openItems(db: Executor, account: BankAccountView) {
  const [lines, movements, state] = await Promise.all([
    linesOf(db, account.id),
    movementsOf(db, account),
    matchState(db, account.id),
  ]);
  const openLines = lines.filter((line) => !state.lines.has(line.id.toString()));
  const openMovements = movements.filter((movement) => !state.entries.has(movement.entryId));
  return { openLines, openMovements, ...matchLines(openLines.map(matchable), openMovements) };
}

interface NewMatch {
  method: 'rule' | 'manual';
  rule: string;
  reason: string;
  lines: Array<Pick<BankLine, 'id'>>;
  entries: Array<{ entryId: string; amount: Decimal }>;
}

async function insertMatches(db: Executor, caller: Caller, account: BankAccountView, matches: NewMatch[]) {
  const ids: string[] = [];
  for (let start = 0; start < matches.length; start += INSERT_BATCH) {
    const batch = matches.slice(start, start + INSERT_BATCH);
    const rows = await db
      .insert(bankMatches)
      .values(
        batch.map((match) => ({
          bankAccountId: account.id,
          method: match.method,
          rule: match.rule,
          reason: match.reason,
          apiKeyId: caller.actor.kind === 'key' ? caller.actor.keyId : null,
        })),
      )
      .returning({ id: bankMatches.id });
    const lineRows = batch.flatMap((match, index) =>
      match.lines.map((line) => ({ matchId: rows[index]!.id, lineId: line.id })),
    );
    const entryRows = batch.flatMap((match, index) =>
      match.entries.map((entry) => ({
        matchId: rows[index]!.id,
        entryId: BigInt(entry.entryId),
        amount: formatMoney(entry.amount, account.currency),
      })),
    );
    if (lineRows.length > 0) await db.insert(bankMatchLines).values(lineRows);
    if (entryRows.length > 0) await db.insert(bankMatchEntries).values(entryRows);
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Matches what the rules can among the account's unmatched lines and movements; returns how many lines it matched. */
export async function autoMatch(db: Executor, caller: Caller, account: BankAccountView): Promise<number> {
  await lockBankAccount(db, account.id);
  const { openLines, openMovements, found } = await openItems(db, account);
  const lineById = new Map(openLines.map((line) => [line.id.toString(), line]));
  const movementById = new Map(openMovements.map((movement) => [movement.entryId, movement]));
  await insertMatches(
    db,
    caller,
    account,
    found.map((match) => ({
      method: 'rule',
      rule: match.rule,
      reason: '',
      lines: [lineById.get(match.lineId)!],
      entries: [{ entryId: match.entryId, amount: movementById.get(match.entryId)!.amount }],
    })),
  );
  return found.length;
}

/** POST .../matching: runs the rules again (movements booked after the statement came in). */
export async function runMatching(db: Executor, caller: Caller, rules: RuleCatalog, bankAccountId: string) {
  const account = await readBankAccount(db, caller, bankAccountId);
  await requireStaff(db, caller, rules, account, 'match its lines');
  const matched = await autoMatch(db, caller, account);
  if (matched > 0) {
    await recordAudit(
      db,
      caller.actor,
      { action: 'bank-matching.run', resourceType: 'bank-account', resourceId: account.id, details: { matched } },
      caller.requestId,
    );
  }
  return matched;
}

/**
 * A match by hand: lines and movements that sum to the same signed amount -- one to one, one line
 * split over several movements, or several lines to one movement. Audited with its reason; the
 * ledger is not touched.
 */
export async function matchByHand(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  bankAccountId: string,
  input: { lines: string[]; entries: string[]; reason: string },
) {
  requireRole(caller.actor, ['programme_admin']);
  const account = await readBankAccount(db, caller, bankAccountId);
  await requireStaff(db, caller, rules, account, 'match its lines');
  await lockBankAccount(db, account.id);
  const [lines, movements, state] = await Promise.all([
    db
      .select()
      .from(bankLines)
      .where(and(eq(bankLines.bankAccountId, account.id), inArray(bankLines.id, input.lines.map(BigInt)))),
    movementsOf(db, account),
    matchState(db, account.id),
  ]);
  const errors = [];
  for (const [index, id] of input.lines.entries()) {
    const line = lines.find((l) => l.id.toString() === id);
    if (!line) errors.push({ field: `body.lines.${index}`, message: `line ${id} is not a line of this bank account` });
    else if (state.lines.has(id)) {
      errors.push({ field: `body.lines.${index}`, message: `line ${id} is already matched (${state.lines.get(id)})` });
    }
  }
  const chosen = input.entries.map((id, index) => {
    const movement = movements.find((m) => m.entryId === id);
    if (!movement) {
      errors.push({
        field: `body.entries.${index}`,
        message: `entry ${id} moves no money on ${account.ledgerAccount.code}`,
      });
    } else if (state.entries.has(id)) {
      errors.push({
        field: `body.entries.${index}`,
        message: `entry ${id} is already matched (${state.entries.get(id)})`,
      });
    }
    return movement;
  });
  if (errors.length > 0) throw new ValidationError('The match is invalid; see errors.', errors);
  const bank = lines.reduce((total, line) => total.plus(signedLine(line)), new Decimal(0));
  const books = chosen.reduce((total, movement) => total.plus(movement!.amount), new Decimal(0));
  if (!bank.equals(books)) {
    throw new CofundError(
      'match-unbalanced',
      422,
      `the lines sum to ${formatMoney(bank, account.currency)} and the entries to ` +
        `${formatMoney(books, account.currency)}: ` +
        'a match takes both sides to the same amount',
      [{ field: 'body.entries', message: `must sum to ${formatMoney(bank, account.currency)}` }],
    );
  }
  const [id] = await insertMatches(db, caller, account, [
    {
      method: 'manual',
      rule: 'manual',
      reason: input.reason,
      lines,
      entries: chosen.map((movement) => ({ entryId: movement!.entryId, amount: movement!.amount })),
    },
  ]);
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'bank-match.created',
      resourceType: 'bank-account',
      resourceId: account.id,
      details: { matchId: id, lines: input.lines, entries: input.entries, reason: input.reason },
    },
    caller.requestId,
  );
  return id!;
}

/** Undoes a match (the rules' or a person's), with a reason: its lines and movements are open again. */
export async function unmatch(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  bankAccountId: string,
  matchId: string,
  reason: string,
) {
  requireRole(caller.actor, ['programme_admin']);
  const account = await readBankAccount(db, caller, bankAccountId);
  await requireStaff(db, caller, rules, account, 'unmatch its lines');
  await lockBankAccount(db, account.id);
  const [match] = await db
    .select()
    .from(bankMatches)
    .where(and(eq(bankMatches.id, matchId), eq(bankMatches.bankAccountId, account.id)));
  if (!match) throw new NotFoundError('bank match', matchId);
  const [undone] = await db.select().from(bankUnmatches).where(eq(bankUnmatches.matchId, matchId));
  if (undone)
    throw new ConflictError('match-undone', `match ${matchId} was undone on ${undone.createdAt.toISOString()}`);
  await db.insert(bankUnmatches).values({
    matchId,
    reason,
    apiKeyId: caller.actor.kind === 'key' ? caller.actor.keyId : null,
  });
  await recordAudit(
    db,
    caller.actor,
    { action: 'bank-match.undone', resourceType: 'bank-account', resourceId: account.id, details: { matchId, reason } },
    caller.requestId,
  );
}

/** The entry a fee or interest line proposes: the charge paid out of the account, or the interest paid into it. */
export function proposedEntry(account: BankAccountView, programmeCode: string, line: BankLine) {
  const nature = lineNature(line.transactionCode);
  if (!nature) return null;
  const role: BankRole = nature === 'fee' ? 'bank-charges' : 'bank-interest';
  return {
    kind: nature === 'fee' ? 'bank-fee' : 'bank-interest',
    role,
    counterAccount: chart.bank({ code: programmeCode }, role, account.currency),
    amount: line.amount,
    direction: line.direction,
  };
}

/**
 * Posts the entry a fee or interest line proposes, explicitly, by programme staff, and matches the
 * line to it: the books then carry what the bank charged or paid. A line is posted once (its id is
 * the entry's idempotency key).
 */
export async function postProposedEntry(
  db: Transaction,
  caller: Caller,
  rules: RuleCatalog,
  bankAccountId: string,
  lineId: string,
  reason: string,
) {
  requireRole(caller.actor, ['programme_admin']);
  const account = await readBankAccount(db, caller, bankAccountId);
  await requireStaff(db, caller, rules, account, 'post entries for its lines');
  await lockBankAccount(db, account.id);
  const [line] = /^[0-9]{1,18}$/.test(lineId)
    ? await db
        .select()
        .from(bankLines)
        .where(and(eq(bankLines.id, BigInt(lineId)), eq(bankLines.bankAccountId, account.id)))
    : [];
  if (!line) throw new NotFoundError('bank line', lineId);
  const state = await matchState(db, account.id);
  if (state.lines.has(lineId)) throw new ConflictError('line-matched', `line ${lineId} is matched already`);
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, account.programmeId));
  const proposal = proposedEntry(account, programme!.code, line);
  if (!proposal) {
    throw new ConflictError(
      'no-proposal',
      `line ${lineId} is not a bank fee or interest (transaction code "${line.transactionCode}"): ` +
        'match it to a movement instead',
    );
  }
  const fee = proposal.kind === 'bank-fee';
  const counter = await lookUpAccount(db, accountsOf.bank(programme!, proposal.role, account.currency));
  const into = line.direction === 'credit';
  const { entry } = await postEntry(db, {
    idempotencyKey: `bank-line:${line.id}`,
    kind: proposal.kind,
    memo: `${account.bank} ${fee ? 'charge' : 'interest'} of ${line.bookingDate}: ${reason}`,
    metadata: { bankAccountId: account.id, bankLineId: line.id.toString(), reason },
    postings: [
      { accountId: account.ledgerAccountId, side: into ? 'debit' : 'credit', amount: line.amount },
      { accountId: counter.id, side: into ? 'credit' : 'debit', amount: line.amount },
    ],
  });
  const [matchId] = await insertMatches(db, caller, account, [
    {
      method: 'manual',
      rule: 'posted-from-line',
      reason,
      lines: [line],
      entries: [{ entryId: entry.id, amount: signedLine(line) }],
    },
  ]);
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'bank-line.entry-posted',
      resourceType: 'bank-account',
      resourceId: account.id,
      details: { lineId, entryId: entry.id, matchId, kind: proposal.kind, reason },
    },
    caller.requestId,
  );
  return { entryId: entry.id, matchId: matchId! };
}
