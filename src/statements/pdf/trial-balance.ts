import { compactCode, formatAmount, formatDateTime, isNegativeAmount } from '../format';
import { labelsFor } from '../labels';
import { countPages, layOut, type TableBlock } from '../layout';
import type { TrialBalance, TrialBalanceRow } from '../model';
import { CountedRows, TrialBalanceTally, trialBalanceRowBalance } from '../tally';
import { COLORS, type TextStyle } from './canvas';
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
 * The programme trial balance: per account the debit and credit totals up to an instant and the
 * balance they leave, one table per currency, and the grand totals, which must be equal. Same page
 * frame, layout engine and streaming as the statements.
 */

const [PAGE_WIDTH] = A4_LANDSCAPE;

const GROUP_BLOCK: Omit<TableBlock, 'rowCount'> = {
  heading: 22,
  lead: 0,
  tableHeader: 15,
  row: 12,
  empty: 14,
  closing: 36,
};

const COLUMNS = columns(PAGE_WIDTH, [
  { key: 'code', width: 200 },
  { key: 'name', width: 0 },
  { key: 'type', width: 80 },
  { key: 'debit', width: 115 },
  { key: 'credit', width: 115 },
  { key: 'balance', width: 115 },
]);
const FIGURES = new Set(['debit', 'credit', 'balance'] as const);
const ROW: TextStyle = { size: 7.5 };

function blocks(trialBalance: TrialBalance): TableBlock[] {
  return trialBalance.groups.map((group) => ({ ...GROUP_BLOCK, rowCount: group.rowCount }));
}

export function trialBalancePageCount(trialBalance: TrialBalance): number {
  return countPages(LANDSCAPE_TABLES, blocks(trialBalance));
}

export async function* renderTrialBalancePdf(trialBalance: TrialBalance): AsyncGenerator<Uint8Array> {
  const { header } = trialBalance;
  const { locale } = header;
  const labels = labelsFor(locale);
  const kindLabel = labels.documentKind['trial-balance'];
  const layout = blocks(trialBalance);
  const pageCount = countPages(LANDSCAPE_TABLES, layout);
  const asOf = formatDateTime(trialBalance.asOf, locale, header.timeZone);
  const frame: Frame = { kindLabel, header, scope: `${labels.asOf}: ${asOf}`, chain: trialBalance.chain, labels };
  const canvas = openLandscapeDocument(kindLabel, header);

  let rows: CountedRows<TrialBalanceRow> | null = null;
  let tally: TrialBalanceTally | null = null;
  let rowIndex = 0;
  try {
    for (const placement of layOut(LANDSCAPE_TABLES, layout)) {
      if (placement.type === 'page') {
        const finished = beginPage(canvas, frame, placement.page, pageCount);
        if (finished) yield finished;
        continue;
      }
      if (placement.type === 'documentHeader') {
        const subject = labels.subject['trial-balance'];
        drawDocumentHeader(
          canvas,
          frame,
          [
            [subject, `${header.subject.code} — ${header.subject.name}`],
            [labels.asOf, asOf],
          ],
          placement.y,
        );
        continue;
      }
      const group = trialBalance.groups[placement.block]!;
      const { y } = placement;
      switch (placement.type) {
        case 'heading':
          rows = new CountedRows(group.rows, group.rowCount, `trial balance ${group.currency}`);
          tally = new TrialBalanceTally(group.currency);
          rowIndex = 0;
          canvas.text(group.currency, LEFT, y + 14, RIGHT - LEFT, { weight: 'bold', size: 11 });
          canvas.rule(LEFT, RIGHT, y + 19);
          break;
        case 'continued':
          canvas.text(`${group.currency} ${labels.continued}`, LEFT, y + 11, RIGHT - LEFT, {
            weight: 'bold',
            size: 8.5,
            color: COLORS.muted,
          });
          break;
        case 'tableHeader': {
          const c = labels.columns;
          const titles = [
            ['code', c.account],
            ['name', c.name],
            ['type', c.type],
            ['debit', c.debit],
            ['credit', c.credit],
            ['balance', c.balance],
          ] as const;
          drawTableHeader(canvas, COLUMNS, titles, FIGURES, y);
          break;
        }
        case 'row': {
          const row = await rows!.next();
          tally!.add(row);
          if (rowIndex % 2 === 1) canvas.box(LEFT, y, RIGHT - LEFT, 12, COLORS.zebra);
          const baseline = y + 8.5;
          canvas.text(compactCode(row.code), COLUMNS.code.x + PAD, baseline, COLUMNS.code.width - 2 * PAD, ROW);
          canvas.text(row.name, COLUMNS.name.x + PAD, baseline, COLUMNS.name.width - 2 * PAD, ROW);
          canvas.text(labels.accountType[row.type], COLUMNS.type.x + PAD, baseline, COLUMNS.type.width - 2 * PAD, ROW);
          const balance = trialBalanceRowBalance(row, group.currency);
          for (const [key, amount] of [
            ['debit', row.debit],
            ['credit', row.credit],
            ['balance', balance],
          ] as const) {
            const column = COLUMNS[key];
            canvas.figure(
              formatAmount(amount, group.currency, locale),
              column.right - PAD,
              baseline,
              column.width - 2 * PAD,
              {
                ...ROW,
                color: isNegativeAmount(amount) ? COLORS.alert : COLORS.text,
              },
            );
          }
          rowIndex += 1;
          break;
        }
        case 'empty':
          drawNoMovements(canvas, labels, y);
          break;
        case 'closing': {
          await rows!.finish();
          rows = null;
          const outcome = tally!.outcome();
          canvas.rule(LEFT, RIGHT, y + 1, COLORS.text, 0.75);
          canvas.text(labels.trialBalanceTotals, LEFT + PAD, y + 12, COLUMNS.debit.x - LEFT, {
            weight: 'bold',
            size: 8.5,
          });
          for (const [key, amount] of [
            ['debit', outcome.debitTotal],
            ['credit', outcome.creditTotal],
          ] as const) {
            const column = COLUMNS[key];
            const text = formatAmount(amount, group.currency, locale, { withSymbol: true });
            canvas.figure(text, column.right - PAD, y + 12, column.width - 2 * PAD, { weight: 'bold', size: 8.5 });
          }
          if (!outcome.balanced) {
            const message = labels.trialBalanceUnbalanced(
              formatAmount(outcome.debitTotal, group.currency, locale, { withSymbol: true }),
              formatAmount(outcome.creditTotal, group.currency, locale, { withSymbol: true }),
            );
            canvas.text(message, LEFT + PAD, y + 26, RIGHT - LEFT - 2 * PAD, {
              weight: 'bold',
              size: 8.5,
              color: COLORS.alert,
            });
          }
          break;
        }
        case 'lead':
          break;
      }
    }
    yield canvas.end();
  } finally {
    await rows?.close();
  }
}
