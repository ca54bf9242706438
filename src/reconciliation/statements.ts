import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { type Caller, requireRole } from '../auth';
import { type Executor, rowsOf } from '../db';
import { bankCsvMappings, bankLines, bankStatements } from '../db/schema';
import { ConflictError, ValidationError } from '../errors';
import { sha256HexOfBytes } from '../hashing';
import { uniqueViolation } from '../ledger/entries';
import { formatMoney } from '../money';
import type { RuleCatalog } from '../rules';
import { type BankAccountView, readBankAccount, requireStaff } from './bank-accounts';
import { parseCamt053 } from './formats/camt053';
import { type CsvMapping, csvMappingSchema, parseCsv } from './formats/csv';
import { parseMt940 } from './formats/mt940';
import { autoMatch } from './matches';
import { type ParsedStatement, StatementFileError, checkBalances } from './formats/statement';

export type BankStatement = typeof bankStatements.$inferSelect;
export type BankLine = typeof bankLines.$inferSelect;

export interface StatementFile {
  /** The request's media type, without parameters. */
  mediaType: string;
  bytes: Uint8Array;
  /** The saved CSV mapping's name (CSV only). */
  mapping?: string | undefined;
}

/** Which reader a media type means. */
export const STATEMENT_MEDIA_TYPES = {
  'application/xml': 'camt.053',
  'text/xml': 'camt.053',
  'text/plain': 'mt940',
  'text/csv': 'csv',
} as const;

const INSERT_BATCH = 2000;

/**
 * Reads, checks and stores a bank's statement for one of the fund's bank accounts: all or nothing.
 * The file is kept with its SHA-256; the same bytes again return the first import and write nothing.
 * Refused with a 422 naming the element or line: an unreadable file, another account's or
 * currency's statement, a statement whose lines do not take the opening balance to the closing one.
 */
export async function importStatement(
  db: Executor,
  caller: Caller,
  rules: RuleCatalog,
  bankAccountId: string,
  file: StatementFile,
): Promise<{ statement: BankStatement; account: BankAccountView; replayed: boolean; matched: number }> {
  requireRole(caller.actor, ['programme_admin']);
  const account = await readBankAccount(db, caller, bankAccountId);
  await requireStaff(db, caller, rules, account, 'import its statements');
  const sha256 = sha256HexOfBytes(file.bytes);
  const earlier = await statementByHash(db, account.id, sha256);
  if (earlier) return { statement: earlier, account, replayed: true, matched: await matchedLines(db, earlier.id) };

  const parsed = await parse(db, account, file);
  if (parsed.account !== null && parsed.account.replace(/\s/g, '').toUpperCase() !== account.number) {
    throw new StatementFileError(
      parsed.format === 'mt940' ? ':25:' : 'Document/BkToCstmrStmt/Stmt/Acct/Id',
      `is account ${parsed.account}, not ${account.number}: import it into that account's statements`,
    );
  }
  if (parsed.currency !== account.currency) {
    throw new StatementFileError(
      parsed.opening.where,
      `is in ${parsed.currency}, the account keeps ${account.currency}`,
    );
  }
  checkBalances(parsed);
  const dates = parsed.lines.map((line) => line.bookingDate).sort();
  const openingDate = [parsed.opening.date, dates[0]].filter((d): d is string => d !== undefined).sort()[0]!;
  const closingDate = [parsed.closing.date, dates[dates.length - 1]]
    .filter((d): d is string => d !== undefined)
    .sort()
    .pop()!;
  let statement: BankStatement;
  try {
    [statement] = (await db
      .insert(bankStatements)
      .values({
        bankAccountId: account.id,
        sha256,
        format: parsed.format,
        reference: parsed.reference,
        content: Buffer.from(file.bytes),
        currency: parsed.currency,
        openingDate,
        openingBalance: formatMoney(parsed.opening.amount, parsed.currency),
        closingDate,
        closingBalance: formatMoney(parsed.closing.amount, parsed.currency),
        lineCount: parsed.lines.length,
        importedBy: caller.actor.kind === 'key' ? caller.actor.keyId : null,
      })
      .returning()) as [BankStatement];
  } catch (error) {
    if (uniqueViolation(error, 'bank_statements_file_key')) {
      throw new ConflictError('statement-importing', 'the same file is being imported by another request: retry');
    }
    throw error;
  }
  for (let start = 0; start < parsed.lines.length; start += INSERT_BATCH) {
    await db.insert(bankLines).values(
      parsed.lines.slice(start, start + INSERT_BATCH).map((line, index) => ({
        statementId: statement.id,
        bankAccountId: account.id,
        position: start + index + 1,
        bookingDate: line.bookingDate,
        valueDate: line.valueDate,
        amount: formatMoney(line.amount, line.currency),
        direction: line.direction,
        currency: line.currency,
        counterparty: line.counterparty,
        counterpartyAccount: line.counterpartyAccount,
        remittance: line.remittance,
        endToEndId: line.endToEndId === 'NOTPROVIDED' ? '' : line.endToEndId,
        bankReference: line.bankReference,
        transactionCode: line.transactionCode,
      })),
    );
  }
  await autoMatch(db, caller, account);
  await recordAudit(
    db,
    caller.actor,
    {
      action: 'bank-statement.imported',
      resourceType: 'bank-account',
      resourceId: account.id,
      details: { statementId: statement.id, sha256, format: parsed.format, lines: parsed.lines.length },
    },
    caller.requestId,
  );
  return { statement, account, replayed: false, matched: await matchedLines(db, statement.id) };
}

/** How many of a statement's lines are matched now. */
async function matchedLines(db: Executor, statementId: string): Promise<number> {
  const [row] = await rowsOf<{
    n: number;
  }>(
    db,
    sql`
    SELECT count(DISTINCT l.id)::int AS n FROM bank_lines l
    JOIN bank_match_lines ml ON ml.line_id = l.id
    WHERE l.statement_id = ${statementId}::uuid
      AND NOT EXISTS (SELECT 1 FROM bank_unmatches u WHERE u.match_id = ml.match_id)`,
  );
  return row?.n ?? 0;
}

async function statementByHash(db: Executor, bankAccountId: string, sha256: string) {
  const [row] = await db
    .select()
    .from(bankStatements)
    .where(and(eq(bankStatements.bankAccountId, bankAccountId), eq(bankStatements.sha256, sha256)));
  return row;
}

async function parse(db: Executor, account: BankAccountView, file: StatementFile): Promise<ParsedStatement> {
  const reader = STATEMENT_MEDIA_TYPES[file.mediaType as keyof typeof STATEMENT_MEDIA_TYPES];
  if (!reader) {
    throw ValidationError.field(
      'header.Content-Type',
      `one of ${Object.keys(STATEMENT_MEDIA_TYPES).join(', ')} (camt.053, MT940, CSV)`,
      'unsupported-media-type',
      415,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new StatementFileError('body', 'is not UTF-8 text');
  }
  if (reader === 'camt.053') return parseCamt053(text);
  if (reader === 'mt940') return parseMt940(text);
  if (!file.mapping)
    throw ValidationError.field('query.mapping', `the name of a CSV mapping saved for ${account.bank}`);
  return parseCsv(text, await csvMapping(db, account.bank, file.mapping), account.currency);
}

async function csvMapping(db: Executor, bank: string, name: string): Promise<CsvMapping> {
  const [row] = await db
    .select()
    .from(bankCsvMappings)
    .where(and(eq(bankCsvMappings.bank, bank), eq(bankCsvMappings.name, name)));
  if (!row) throw ValidationError.field('query.mapping', `no CSV mapping "${name}" is saved for ${bank}`);
  return csvMappingSchema.parse(row.mapping);
}

/** Saves how a bank writes its CSV statements, under a name; a name is never reused for another mapping. */
export async function saveCsvMapping(
  db: Executor,
  caller: Caller,
  input: { bank: string; name: string; mapping: unknown },
) {
  requireRole(caller.actor, ['programme_admin']);
  const checked = csvMappingSchema.safeParse(input.mapping);
  if (!checked.success) {
    throw new ValidationError(
      'The CSV mapping is invalid; see errors.',
      checked.error.issues.map((issue) => ({
        field: ['body', 'mapping', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  try {
    const [row] = await db
      .insert(bankCsvMappings)
      .values({
        bank: input.bank,
        name: input.name,
        mapping: checked.data as Record<string, unknown>,
        createdBy: caller.actor.kind === 'key' ? caller.actor.keyId : null,
      })
      .returning();
    await recordAudit(
      db,
      caller.actor,
      { action: 'bank-csv-mapping.saved', resourceType: 'bank-csv-mapping', resourceId: row!.id, details: input },
      caller.requestId,
    );
    return row!;
  } catch (error) {
    if (uniqueViolation(error, 'bank_csv_mappings_name_key')) {
      throw new ConflictError('mapping-exists', `${input.bank} already has a CSV mapping named "${input.name}"`);
    }
    throw error;
  }
}

export async function statementLines(db: Executor, statementId: string): Promise<BankLine[]> {
  return db.select().from(bankLines).where(eq(bankLines.statementId, statementId)).orderBy(asc(bankLines.position));
}
