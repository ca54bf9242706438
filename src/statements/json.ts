import type { DecisionLetter, Statement, TrialBalance } from './model';
import { batched } from './streams';
import { SectionTally, TrialBalanceTally, talliedRows, trialBalanceRowBalance } from './tally';

/*
 * The same documents as JSON, written piece by piece so that a 100,000-row statement is never one
 * string in memory. Money stays a string with the currency's minor-unit digits, instants are ISO 8601.
 * Totals the renderer computes from the rows (period totals, reconciliation) follow the rows.
 */

const json = (value: unknown) => JSON.stringify(value);

/**
 * `{header, chain, sections: [{account, openingBalance, rows: [...], debitTotal, creditTotal,
 * closingBalance, computedClosing, reconciled, firstMismatchEntry}], parties}`, on a programme
 * statement `bankAccounts`: each bank account's reconciliation at the period's end, and on an
 * application statement `documents`: the stored documents behind each step, with their SHA-256.
 */
export function renderStatementJson(statement: Statement): AsyncGenerator<string> {
  return batched(statementPieces(statement));
}

async function* statementPieces(statement: Statement): AsyncGenerator<string> {
  yield `{"header":${json(statement.header)},"chain":${json(statement.chain)},"sections":[`;
  for (const [sectionIndex, section] of statement.sections.entries()) {
    yield (
      `${sectionIndex > 0 ? ',' : ''}{"account":${json(section.account)},` +
      `"openingBalance":${json(section.openingBalance)},"rows":[`
    );
    const tally = new SectionTally(section);
    let separator = '';
    for await (const row of talliedRows(section.rows, section.rowCount, `section ${section.account.code}`, tally)) {
      yield separator + json(row);
      separator = ',';
    }
    const { debitTotal, creditTotal, computedClosing, reconciled, firstMismatchEntry } = tally.outcome();
    const closingBalance = section.closingBalance;
    const closing = { debitTotal, creditTotal, closingBalance, computedClosing, reconciled, firstMismatchEntry };
    yield `],${json(closing).slice(1)}`;
  }
  const bank = statement.bankAccounts ? `,"bankAccounts":${json(statement.bankAccounts)}` : '';
  const documents = statement.documents ? `,"documents":${json(statement.documents)}` : '';
  yield `],"parties":${json(statement.parties)}${bank}${documents}}`;
}

/** `{header, asOf, chain, groups: [{currency, rows: [...], debitTotal, creditTotal, balanced}]}`. */
export function renderTrialBalanceJson(trialBalance: TrialBalance): AsyncGenerator<string> {
  return batched(trialBalancePieces(trialBalance));
}

async function* trialBalancePieces(trialBalance: TrialBalance): AsyncGenerator<string> {
  yield (
    `{"header":${json(trialBalance.header)},"asOf":${json(trialBalance.asOf)},` +
    `"chain":${json(trialBalance.chain)},"groups":[`
  );
  for (const [groupIndex, group] of trialBalance.groups.entries()) {
    yield `${groupIndex > 0 ? ',' : ''}{"currency":${json(group.currency)},"rows":[`;
    const tally = new TrialBalanceTally(group.currency);
    let separator = '';
    for await (const row of talliedRows(group.rows, group.rowCount, `trial balance ${group.currency}`, tally)) {
      yield separator + json({ ...row, balance: trialBalanceRowBalance(row, group.currency) });
      separator = ',';
    }
    yield `],${json(tally.outcome()).slice(1)}`;
  }
  yield ']}';
}

/** A decision letter is small and fully in memory: one JSON document. */
export function renderDecisionLetterJson(letter: DecisionLetter): string {
  return json(letter);
}
