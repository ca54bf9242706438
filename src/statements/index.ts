/*
 * Auditor exports: statements (account, application, programme), the trial balance and the decision
 * letter, as PDF, CSV and JSON, from the data model in ./model. Everything here is free of node:*
 * imports and runs on Workers; ./node has the Node Writable adapter.
 */
export * from './model';
export {
  csvField,
  csvRecord,
  inertText,
  renderStatementCsv,
  renderTrialBalanceCsv,
  STATEMENT_CSV_COLUMNS,
  TRIAL_BALANCE_CSV_COLUMNS,
  type CsvOptions,
} from './csv';
export { formatAmount, formatDate, formatDateTime, formatPercent, isoDate, toWinAnsi } from './format';
export { renderDecisionLetterJson, renderStatementJson, renderTrialBalanceJson } from './json';
export { labelsFor, type Labels } from './labels';
export { renderDecisionLetterPdf } from './pdf/decision-letter';
export { renderStatementPdf, statementPageCount } from './pdf/statement';
export { renderTrialBalancePdf, trialBalancePageCount } from './pdf/trial-balance';
export { batched, toReadableStream } from './streams';
export { StatementDataError } from './tally';
