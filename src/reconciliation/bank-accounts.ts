import { desc, eq } from 'drizzle-orm';
import { accountsSeenBy, administers, programmeAccess, seesAccount } from '../access';
import { recordAudit } from '../audit';
import { type Actor, type Caller, requireRole } from '../auth';
import type { Executor } from '../db';
import { bankAccounts, chartAccounts, ledgerAccounts, programmes } from '../db/schema';
import { ConflictError, type FieldError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { uniqueViolation } from '../ledger/entries';
import { isUuid } from '../ledger/entry-rules';
import { budgetParties } from '../programmes/service';
import type { RuleCatalog } from '../rules';
import { type Scheme, checkers } from './account-numbers';

export type BankAccount = typeof bankAccounts.$inferSelect;
export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
type ChartRow = typeof chartAccounts.$inferSelect;

export interface BankAccountView extends BankAccount {
  ledgerAccount: Pick<LedgerAccountRow, 'id' | 'code' | 'name' | 'currency'> & Pick<ChartRow, 'applicationId'>;
}

export interface NewBankAccount {
  ledgerAccountId: string;
  iban?: string | undefined;
  clabe?: string | undefined;
  number?: string | undefined;
  bank: string;
  currency: string;
  holder?: string | undefined;
}

/** The accounts of the chart a bank account can stand for: a programme's pool, or a party's share of a project. */
const LINKABLE: ReadonlyArray<ChartRow['role']> = ['pool', 'share'];

/**
 * Whether the caller is programme staff for this programme: a programme_admin key of the
 * organisation that administers it (or, without one, of a public funder), as for refunds.
 */
async function isStaff(db: Executor, actor: Actor, rules: RuleCatalog, programmeId: string): Promise<boolean> {
  const access = await programmeAccess(db, actor, programmeId);
  return access !== undefined && administers(actor, access, budgetParties(rules, access.programme.ruleSet));
}

/** Refuses anyone but the programme's staff (403), after a 404 for a caller who cannot see the account at all. */
export async function requireStaff(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  account: BankAccountView,
  doing: string,
): Promise<void> {
  if (!(await isStaff(db, caller.actor, rules, account.programmeId))) {
    throw new ForbiddenError(`only the programme's staff (its programme_admin keys) ${doing}`);
  }
}

/**
 * Registers the bank account behind a ledger account, once: validated number (IBAN checksum, CLABE
 * check digit), same currency as the books, programme staff only, audited.
 */
export async function registerBankAccount(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  input: NewBankAccount,
): Promise<BankAccountView> {
  requireRole(caller.actor, ['programme_admin']);
  const [found] = isUuid(input.ledgerAccountId)
    ? await db
        .select({ ledger: ledgerAccounts, chart: chartAccounts })
        .from(ledgerAccounts)
        .leftJoin(chartAccounts, eq(chartAccounts.accountId, ledgerAccounts.id))
        .where(eq(ledgerAccounts.id, input.ledgerAccountId))
    : [];
  if (!found || !(await seesAccount(db, caller.actor, found.chart ?? undefined))) {
    throw new NotFoundError('ledger account', input.ledgerAccountId);
  }
  const { ledger, chart } = found;
  if (!chart || !LINKABLE.includes(chart.role)) {
    throw ValidationError.field(
      'body.ledgerAccountId',
      `${ledger.code} is not a programme pool or a project share account: no bank account stands for it`,
    );
  }
  if (!(await isStaff(db, caller.actor, rules, chart.programmeId))) {
    throw new ForbiddenError("only the programme's staff (its programme_admin keys) register its bank accounts");
  }
  const errors: FieldError[] = [];
  const given = (['iban', 'clabe', 'number'] as const).filter((field) => input[field] !== undefined);
  if (given.length !== 1) {
    errors.push({ field: 'body.iban', message: 'give exactly one of iban, clabe or number' });
  }
  const field = given[0] ?? 'iban';
  const scheme: Scheme = field === 'number' ? 'local' : field;
  const checked = checkers[scheme](input[field] ?? '');
  if (!checked.ok && given.length === 1) errors.push({ field: `body.${field}`, message: checked.message });
  if (input.currency !== ledger.currency) {
    errors.push({
      field: 'body.currency',
      message: `${ledger.code} keeps ${ledger.currency}: its bank account must be in ${ledger.currency}`,
    });
  }
  if (errors.length > 0 || !checked.ok) throw new ValidationError('The bank account is invalid; see errors.', errors);
  try {
    const [row] = await db
      .insert(bankAccounts)
      .values({
        ledgerAccountId: ledger.id,
        programmeId: chart.programmeId,
        scheme,
        number: checked.number,
        bank: input.bank,
        currency: input.currency,
        holder: input.holder ?? ledger.name,
        registeredBy: caller.actor.kind === 'key' ? caller.actor.keyId : null,
        registeredByOrganisation: caller.actor.kind === 'key' ? caller.actor.organisationId : null,
      })
      .returning();
    await recordAudit(
      db,
      caller.actor,
      {
        action: 'bank-account.registered',
        resourceType: 'bank-account',
        resourceId: row!.id,
        details: {
          ledgerAccount: ledger.code,
          scheme,
          number: checked.number,
          bank: input.bank,
          currency: input.currency,
        },
      },
      caller.requestId,
    );
    return withLedger(row!, ledger, chart);
  } catch (error) {
    if (uniqueViolation(error, 'bank_accounts_ledger_account_id_unique')) {
      throw new ConflictError('bank-account-exists', `${ledger.code} already has its bank account`);
    }
    if (uniqueViolation(error, 'bank_accounts_number_key')) {
      throw new ConflictError('bank-account-exists', `${scheme} ${checked.number} is already registered`);
    }
    throw error;
  }
}

const withLedger = (account: BankAccount, ledger: LedgerAccountRow, chart: ChartRow): BankAccountView => ({
  ...account,
  ledgerAccount: {
    id: ledger.id,
    code: ledger.code,
    name: ledger.name,
    currency: ledger.currency,
    applicationId: chart.applicationId,
  },
});

/** Bank accounts with the ledger account each stands for and its place in the chart. */
const withLedgers = (db: Executor) =>
  db
    .select({ account: bankAccounts, ledger: ledgerAccounts, chart: chartAccounts })
    .from(bankAccounts)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, bankAccounts.ledgerAccountId))
    .innerJoin(chartAccounts, eq(chartAccounts.accountId, bankAccounts.ledgerAccountId));

/** The bank account, if the caller may see its ledger account; 404 otherwise. */
export async function readBankAccount(db: Executor, caller: Caller, id: string): Promise<BankAccountView> {
  const [row] = isUuid(id) ? await withLedgers(db).where(eq(bankAccounts.id, id)) : [];
  if (!row || !(await seesAccount(db, caller.actor, row.chart))) throw new NotFoundError('bank account', id);
  return withLedger(row.account, row.ledger, row.chart);
}

/** The bank accounts of a programme the caller sees the books of; 404 for a programme it cannot see. */
export async function programmeBankAccounts(
  db: Executor,
  caller: Caller,
  programmeId: string,
): Promise<BankAccountView[]> {
  const access = await programmeAccess(db, caller.actor, programmeId);
  if (!access?.seesBooks) throw new NotFoundError('programme', programmeId);
  return bankAccountsOfProgramme(db, programmeId);
}

/** Every bank account whose ledger account the caller sees, by ledger account code: one query. */
export async function visibleBankAccounts(db: Executor, caller: Caller): Promise<BankAccountView[]> {
  const rows = await withLedgers(db).where(accountsSeenBy(db, caller.actor)).orderBy(ledgerAccounts.code);
  return rows.map((row) => withLedger(row.account, row.ledger, row.chart));
}

export async function bankAccountsOfProgramme(db: Executor, programmeId: string): Promise<BankAccountView[]> {
  const rows = await withLedgers(db)
    .where(eq(bankAccounts.programmeId, programmeId))
    .orderBy(desc(bankAccounts.createdAt), desc(bankAccounts.id));
  return rows.map((row) => withLedger(row.account, row.ledger, row.chart));
}

export async function programmeCode(db: Executor, programmeId: string): Promise<string> {
  const [row] = await db.select({ code: programmes.code }).from(programmes).where(eq(programmes.id, programmeId));
  return row!.code;
}
