import { textIn } from '../../rules';
import { compactCode, formatAmount, formatDateTime, isNegativeAmount, isoDate, isoDateOf } from '../format';
import { labelsFor, type Labels } from '../labels';
import { countPages, layOut, type TableBlock } from '../layout';
import type {
  BankReconciliationStatus,
  PartyTotals,
  Statement,
  StatementHeader,
  StatementLocale,
  StatementRow,
  StatementSection,
  StepDocument,
} from '../model';
import { CountedRows, type SectionOutcome, SectionTally } from '../tally';
import { COLORS, type PdfCanvas, type TextStyle } from './canvas';
import {
  A4_LANDSCAPE,
  LANDSCAPE_LEFT as LEFT,
  LANDSCAPE_RIGHT as RIGHT,
  LANDSCAPE_TABLES,
  PAD,
  columns,
  beginPage,
  drawDocumentHeader,
  drawNoMovements,
  drawTableHeader,
  openLandscapeDocument,
  type Frame,
} from './frame';

/*
 * Account, project and programme statements: A4 landscape, one table per ledger account. Rows are
 * pulled from each section's cursor only when the layout reaches them and each page is handed out
 * as soon as pdfkit flushes it, so memory does not grow with the number of rows.
 */

const [PAGE_WIDTH] = A4_LANDSCAPE;

const SECTION_BLOCK: Omit<TableBlock, 'rowCount'> = {
  heading: 22,
  lead: 16,
  tableHeader: 15,
  row: 12,
  empty: 14,
  closing: 50,
};

const PARTY_BLOCK: Omit<TableBlock, 'rowCount'> = {
  heading: 22,
  lead: 0,
  tableHeader: 15,
  row: 13,
  empty: 0,
  closing: 0,
};

const BANK_BLOCK: Omit<TableBlock, 'rowCount'> = { ...PARTY_BLOCK, empty: 14 };

const ROW_COLUMNS = columns(PAGE_WIDTH, [
  { key: 'booked', width: 50 },
  { key: 'valueDate', width: 50 },
  { key: 'reference', width: 40 },
  { key: 'kind', width: 62 },
  { key: 'memo', width: 0 },
  { key: 'counterAccounts', width: 136 },
  { key: 'debit', width: 80 },
  { key: 'credit', width: 80 },
  { key: 'balance', width: 88 },
]);

const PARTY_COLUMNS = columns(PAGE_WIDTH, [
  { key: 'party', width: 160 },
  { key: 'organisation', width: 0 },
  { key: 'committed', width: 115 },
  { key: 'paid', width: 115 },
  { key: 'disbursed', width: 115 },
  { key: 'refunded', width: 115 },
]);

const BANK_COLUMNS = columns(PAGE_WIDTH, [
  { key: 'account', width: 0 },
  { key: 'bankAccount', width: 170 },
  { key: 'status', width: 84 },
  { key: 'books', width: 90 },
  { key: 'bank', width: 90 },
  { key: 'difference', width: 80 },
  { key: 'open', width: 70 },
  { key: 'oldest', width: 52 },
]);

const DOCUMENT_COLUMNS = columns(PAGE_WIDTH, [
  { key: 'step', width: 80 },
  { key: 'type', width: 150 },
  { key: 'rule', width: 55 },
  { key: 'file', width: 0 },
  { key: 'uploaded', width: 80 },
  { key: 'sha256', width: 300 },
]);

const ROW_SIZE = 7.5;
const ROW: TextStyle = { size: ROW_SIZE };
const ROW_FIGURES = new Set(['debit', 'credit', 'balance'] as const);
const PARTY_FIGURES = ['committed', 'paid', 'disbursed', 'refunded'] as const;
const BANK_FIGURES = ['books', 'bank', 'difference', 'open', 'oldest'] as const;

/** The tables after the sections, in order: those the statement has. */
function trailingTables(statement: Statement): ('parties' | 'bank' | 'documents')[] {
  return [
    ...(statement.parties.length > 0 ? (['parties'] as const) : []),
    ...(statement.bankAccounts ? (['bank'] as const) : []),
    ...(statement.documents ? (['documents'] as const) : []),
  ];
}

/**
 * The sections' tables, then the party totals (when any), the bank accounts (programme statements)
 * and the documents behind each step (application statements).
 */
function statementBlocks(statement: Statement): TableBlock[] {
  const blocks = statement.sections.map((section) => ({ ...SECTION_BLOCK, rowCount: section.rowCount }));
  for (const table of trailingTables(statement)) {
    if (table === 'parties') blocks.push({ ...PARTY_BLOCK, rowCount: statement.parties.length });
    if (table === 'bank') blocks.push({ ...BANK_BLOCK, rowCount: statement.bankAccounts!.length });
    if (table === 'documents') blocks.push({ ...BANK_BLOCK, rowCount: statement.documents!.length });
  }
  return blocks;
}

/** The number of pages renderStatementPdf will produce for this statement. */
export function statementPageCount(statement: Statement): number {
  return countPages(LANDSCAPE_TABLES, statementBlocks(statement));
}

/** Renders a statement to PDF bytes, page by page, reading each section's rows once. */
export async function* renderStatementPdf(statement: Statement): AsyncGenerator<Uint8Array> {
  const { header } = statement;
  const labels = labelsFor(header.locale);
  const kindLabel = labels.documentKind[header.kind];
  const blocks = statementBlocks(statement);
  const pageCount = countPages(LANDSCAPE_TABLES, blocks);
  const frame: Frame = {
    kindLabel,
    header,
    scope: `${labels.period}: ${describePeriod(header, labels)}`,
    chain: statement.chain,
    labels,
  };
  const canvas = openLandscapeDocument(kindLabel, header);

  let rows: CountedRows<StatementRow> | null = null;
  let tally: SectionTally | null = null;
  let rowIndex = 0;
  try {
    for (const placement of layOut(LANDSCAPE_TABLES, blocks)) {
      if (placement.type === 'page') {
        const finished = beginPage(canvas, frame, placement.page, pageCount);
        if (finished) yield finished;
        continue;
      }
      if (placement.type === 'documentHeader') {
        const facts: [string, string][] = [
          [labels.subject[header.kind], `${header.subject.code} — ${header.subject.name}`],
        ];
        if (header.subject.owner) facts.push([labels.owner, header.subject.owner]);
        facts.push([labels.period, describePeriod(header, labels)]);
        drawDocumentHeader(canvas, frame, facts, placement.y);
        continue;
      }
      const section = statement.sections[placement.block];
      if (!section) {
        const table = trailingTables(statement)[placement.block - statement.sections.length];
        if (table === 'parties') {
          drawPartyPlacement(canvas, placement.type, placement.y, statement.parties, rowIndex, labels, header.locale);
        } else if (table === 'bank') {
          drawBankPlacement(canvas, placement.type, placement.y, statement.bankAccounts!, rowIndex, labels, header);
        } else {
          drawDocumentPlacement(canvas, placement.type, placement.y, statement.documents!, rowIndex, labels, header);
        }
        if (placement.type === 'row') rowIndex += 1;
        else if (placement.type === 'heading') rowIndex = 0;
        continue;
      }
      const { y } = placement;
      switch (placement.type) {
        case 'heading':
          rows = new CountedRows(section.rows, section.rowCount, `section ${section.account.code}`);
          tally = new SectionTally(section);
          rowIndex = 0;
          drawSectionHeading(canvas, section, labels, y);
          break;
        case 'lead':
          drawBalanceLine(canvas, labels.openingBalance, section.openingBalance, section, header.locale, y + 11);
          break;
        case 'continued':
          canvas.text(
            `${section.account.code} · ${section.account.name} ${labels.continued}`,
            LEFT,
            y + 11,
            RIGHT - LEFT,
            {
              weight: 'bold',
              size: 8.5,
              color: COLORS.muted,
            },
          );
          break;
        case 'tableHeader':
          drawRowTableHeader(canvas, labels, section.account.currency, y);
          break;
        case 'row': {
          const row = await rows!.next();
          tally!.add(row);
          drawRow(canvas, row, section, header.locale, header.timeZone, y, rowIndex);
          rowIndex += 1;
          break;
        }
        case 'empty':
          drawNoMovements(canvas, labels, y);
          break;
        case 'closing':
          await rows!.finish();
          rows = null;
          drawClosing(canvas, section, tally!.outcome(), labels, header.locale, y);
          break;
      }
    }
    yield canvas.end();
  } finally {
    await rows?.close();
  }
}

function describePeriod(header: StatementHeader, labels: Labels): string {
  const { from, to } = header.period;
  const zone = header.timeZone ?? 'UTC';
  const at = (instant: Date) => formatDateTime(instant, header.locale, zone, { zone: false });
  return labels.periodRange(at(from), at(to), zone);
}

function drawSectionHeading(canvas: PdfCanvas, section: StatementSection, labels: Labels, y: number): void {
  const { account } = section;
  const side = `${labels.accountType[account.type]} · ${account.currency}`;
  const sideWidth = canvas.widthOf(side, { size: 8.5 });
  canvas.text(`${account.code} · ${account.name}`, LEFT, y + 14, RIGHT - LEFT - sideWidth - 12, {
    weight: 'bold',
    size: 11,
  });
  canvas.textRight(side, RIGHT, y + 14, sideWidth, { size: 8.5, color: COLORS.muted });
  canvas.rule(LEFT, RIGHT, y + 19);
}

function drawBalanceLine(
  canvas: PdfCanvas,
  label: string,
  amount: string,
  section: StatementSection,
  locale: StatementLocale,
  baseline: number,
): void {
  const column = ROW_COLUMNS.balance;
  canvas.text(label, LEFT + PAD, baseline, column.x - LEFT, { weight: 'bold', size: 8.5 });
  canvas.figure(
    formatAmount(amount, section.account.currency, locale, { withSymbol: true, field: label }),
    column.right - PAD,
    baseline,
    column.width + 60,
    { weight: 'bold', size: 8.5, color: isNegativeAmount(amount) ? COLORS.alert : COLORS.text },
  );
}

function drawRowTableHeader(canvas: PdfCanvas, labels: Labels, currency: string, y: number): void {
  const c = labels.columns;
  drawTableHeader(
    canvas,
    ROW_COLUMNS,
    [
      ['booked', c.booked],
      ['valueDate', c.valueDate],
      ['reference', c.reference],
      ['kind', c.kind],
      ['memo', c.memo],
      ['counterAccounts', c.counterAccounts],
      ['debit', `${c.debit} (${currency})`],
      ['credit', `${c.credit} (${currency})`],
      ['balance', `${c.balance} (${currency})`],
    ],
    ROW_FIGURES,
    y,
  );
}

function drawRow(
  canvas: PdfCanvas,
  row: StatementRow,
  section: StatementSection,
  locale: StatementLocale,
  timeZone: string | undefined,
  y: number,
  index: number,
): void {
  if (index % 2 === 1) canvas.box(LEFT, y, RIGHT - LEFT, 12, COLORS.zebra);
  const baseline = y + 8.5;
  const cell = (key: keyof typeof ROW_COLUMNS, text: string) => {
    const column = ROW_COLUMNS[key];
    canvas.text(text, column.x + PAD, baseline, column.width - 2 * PAD, ROW);
  };
  cell('booked', isoDateOf(row.bookedAt, timeZone));
  cell('valueDate', isoDateOf(row.effectiveAt, timeZone));
  cell('reference', row.entryId);
  cell('kind', row.kind);
  cell('memo', row.memo);
  cell('counterAccounts', row.counterAccounts.map(compactCode).join(', '));
  const currency = section.account.currency;
  const amountColumn = ROW_COLUMNS[row.side];
  canvas.figure(
    formatAmount(row.amount, currency, locale),
    amountColumn.right - PAD,
    baseline,
    amountColumn.width - 2 * PAD,
    ROW,
  );
  const balance = ROW_COLUMNS.balance;
  canvas.figure(
    formatAmount(row.balanceAfter, currency, locale),
    balance.right - PAD,
    baseline,
    balance.width - 2 * PAD,
    {
      ...ROW,
      color: isNegativeAmount(row.balanceAfter) ? COLORS.alert : COLORS.text,
    },
  );
}

function drawClosing(
  canvas: PdfCanvas,
  section: StatementSection,
  outcome: SectionOutcome,
  labels: Labels,
  locale: StatementLocale,
  y: number,
): void {
  const currency = section.account.currency;
  canvas.rule(LEFT, RIGHT, y + 1, COLORS.text, 0.75);
  const totals = y + 12;
  canvas.text(labels.periodTotals, LEFT + PAD, totals, ROW_COLUMNS.debit.x - LEFT, { weight: 'bold', size: 8.5 });
  for (const [side, amount] of [
    ['debit', outcome.debitTotal],
    ['credit', outcome.creditTotal],
  ] as const) {
    const column = ROW_COLUMNS[side];
    canvas.figure(formatAmount(amount, currency, locale), column.right - PAD, totals, column.width - 2 * PAD, {
      weight: 'bold',
      size: 8,
    });
  }
  drawBalanceLine(canvas, labels.closingBalance, section.closingBalance, section, locale, y + 26);
  if (!outcome.reconciled) {
    const problems = [
      labels.notReconciled(
        formatAmount(outcome.computedClosing, currency, locale, { withSymbol: true }),
        formatAmount(section.closingBalance, currency, locale, { withSymbol: true }),
      ),
    ];
    if (outcome.firstMismatchEntry) problems.push(labels.balanceMismatch(outcome.firstMismatchEntry));
    canvas.text(problems.join(' '), LEFT + PAD, y + 40, RIGHT - LEFT - 2 * PAD, {
      weight: 'bold',
      size: 8.5,
      color: COLORS.alert,
    });
  }
}

/** A section's title, or its "continued" line at the top of a later page. */
function drawSectionTitle(
  canvas: PdfCanvas,
  type: 'heading' | 'continued',
  y: number,
  title: string,
  continued: string,
) {
  canvas.text(type === 'heading' ? title : `${title} ${continued}`, LEFT, y + 14, RIGHT - LEFT, {
    weight: 'bold',
    size: type === 'heading' ? 11 : 8.5,
  });
  if (type === 'heading') canvas.rule(LEFT, RIGHT, y + 19);
}

/** The line a section draws when it has no rows. */
function drawSectionEmpty(canvas: PdfCanvas, y: number, text: string) {
  canvas.text(text, LEFT + PAD, y + 10, RIGHT - LEFT - 2 * PAD, { weight: 'italic', size: 8.5 });
}

function drawPartyPlacement(
  canvas: PdfCanvas,
  type: 'heading' | 'continued' | 'lead' | 'tableHeader' | 'row' | 'empty' | 'closing',
  y: number,
  parties: readonly PartyTotals[],
  index: number,
  labels: Labels,
  locale: StatementLocale,
): void {
  if (type === 'heading' || type === 'continued') {
    drawSectionTitle(canvas, type, y, labels.partyTotals, labels.continued);
    return;
  }
  if (type === 'tableHeader') {
    drawTableHeader(
      canvas,
      PARTY_COLUMNS,
      [
        ['party', labels.party],
        ['organisation', labels.organisation],
        ['committed', labels.committed],
        ['paid', labels.paid],
        ['disbursed', labels.disbursed],
        ['refunded', labels.refunded],
      ],
      new Set(PARTY_FIGURES),
      y,
    );
    return;
  }
  if (type !== 'row') return;
  const party = parties[index]!;
  if (index % 2 === 1) canvas.box(LEFT, y, RIGHT - LEFT, 13, COLORS.zebra);
  const baseline = y + 9;
  const style: TextStyle = { size: 8 };
  const name = party.partyName ? textIn(party.partyName.text, locale, party.partyName.language) : party.party;
  canvas.text(name, PARTY_COLUMNS.party.x + PAD, baseline, PARTY_COLUMNS.party.width - 2 * PAD, style);
  const organisation = PARTY_COLUMNS.organisation;
  canvas.text(party.organisation, organisation.x + PAD, baseline, organisation.width - 2 * PAD, style);
  for (const key of PARTY_FIGURES) {
    const column = PARTY_COLUMNS[key];
    const text = formatAmount(party[key], party.currency, locale, {
      withSymbol: true,
      field: `parties.${index}.${key}`,
    });
    canvas.figure(text, column.right - PAD, baseline, column.width - 2 * PAD, style);
  }
}

function drawBankPlacement(
  canvas: PdfCanvas,
  type: 'heading' | 'continued' | 'lead' | 'tableHeader' | 'row' | 'empty' | 'closing',
  y: number,
  accounts: readonly BankReconciliationStatus[],
  index: number,
  labels: Labels,
  header: StatementHeader,
): void {
  const text = labels.bank;
  if (type === 'heading' || type === 'continued') {
    drawSectionTitle(canvas, type, y, text.heading, labels.continued);
    return;
  }
  if (type === 'empty') {
    drawSectionEmpty(canvas, y, text.none);
    return;
  }
  if (type === 'tableHeader') {
    drawTableHeader(
      canvas,
      BANK_COLUMNS,
      [
        ['account', text.account],
        ['bankAccount', text.bankAccount],
        ['status', text.state],
        ['books', text.books],
        ['bank', text.bank],
        ['difference', text.difference],
        ['open', text.open],
        ['oldest', text.oldest],
      ],
      new Set(BANK_FIGURES),
      y,
    );
    return;
  }
  if (type !== 'row') return;
  const account = accounts[index]!;
  if (index % 2 === 1) canvas.box(LEFT, y, RIGHT - LEFT, 13, COLORS.zebra);
  const baseline = y + 9;
  const style: TextStyle = { size: 8 };
  const cell = (key: keyof typeof BANK_COLUMNS, value: string, cellStyle: TextStyle = style) => {
    const column = BANK_COLUMNS[key];
    canvas.text(value, column.x + PAD, baseline, column.width - 2 * PAD, cellStyle);
  };
  const figure = (key: (typeof BANK_FIGURES)[number], value: string, cellStyle: TextStyle = style) => {
    const column = BANK_COLUMNS[key];
    canvas.figure(value, column.right - PAD, baseline, column.width - 2 * PAD, cellStyle);
  };
  const money = (amount: string | null, field: string) =>
    amount === null ? '—' : formatAmount(amount, account.currency, header.locale, { withSymbol: true, field });
  cell('account', compactCode(account.accountCode));
  cell('bankAccount', `${account.bank} · ${account.number}`);
  const alert = account.status !== 'reconciled';
  cell('status', text.status[account.status], alert ? { ...style, weight: 'bold', color: COLORS.alert } : style);
  figure('books', money(account.ledgerBalance, `bankAccounts.${index}.ledgerBalance`));
  figure('bank', money(account.bankBalance, `bankAccounts.${index}.bankBalance`));
  const differs = account.difference !== null && !/^-?0(\.0+)?$/.test(account.difference);
  figure(
    'difference',
    money(account.difference, `bankAccounts.${index}.difference`),
    differs ? { ...style, color: COLORS.alert } : style,
  );
  figure('open', `${account.unmatchedBankLines} / ${account.unmatchedLedgerMovements}`);
  figure('oldest', account.oldestOpenDays === null ? '—' : String(account.oldestOpenDays));
}

function drawDocumentPlacement(
  canvas: PdfCanvas,
  type: 'heading' | 'continued' | 'lead' | 'tableHeader' | 'row' | 'empty' | 'closing',
  y: number,
  documents: readonly StepDocument[],
  index: number,
  labels: Labels,
  header: StatementHeader,
): void {
  const text = labels.documents;
  if (type === 'heading' || type === 'continued') {
    drawSectionTitle(canvas, type, y, text.heading, labels.continued);
    return;
  }
  if (type === 'empty') {
    drawSectionEmpty(canvas, y, text.none);
    return;
  }
  if (type === 'tableHeader') {
    drawTableHeader(
      canvas,
      DOCUMENT_COLUMNS,
      [
        ['step', text.step],
        ['type', text.type],
        ['rule', text.rule],
        ['file', text.file],
        ['uploaded', text.uploaded],
        ['sha256', text.sha256],
      ],
      new Set(),
      y,
    );
    return;
  }
  if (type !== 'row') return;
  const document = documents[index]!;
  if (index % 2 === 1) canvas.box(LEFT, y, RIGHT - LEFT, 13, COLORS.zebra);
  const baseline = y + 9;
  const style: TextStyle = { size: 8 };
  const cell = (key: keyof typeof DOCUMENT_COLUMNS, value: string) => {
    const column = DOCUMENT_COLUMNS[key];
    canvas.text(value, column.x + PAD, baseline, column.width - 2 * PAD, style);
  };
  cell('step', stepLabel(document, labels));
  cell('type', document.type);
  cell('rule', document.rule ?? '');
  cell('file', document.fileName);
  cell('uploaded', isoDate(document.uploadedAt, header.timeZone));
  // The hash is printed whole (scaled down if need be), never cut: it is what an auditor compares.
  const column = DOCUMENT_COLUMNS.sha256;
  canvas.figure(document.sha256, column.right - PAD, baseline, column.width - 2 * PAD, style);
}

/** The step a document backs, as printed: a tranche's papers name their tranche (1 for the first). */
export const stepLabel = (document: StepDocument, labels: Labels) =>
  document.trancheIndex === null
    ? labels.documents.steps[document.step]
    : labels.documents.tranche(document.trancheIndex + 1);
