import { csvRecord, inertText } from '../statements/csv';
import { A4_PORTRAIT, MARGIN } from '../statements/pdf/frame';
import { COLORS, PdfCanvas } from '../statements/pdf/canvas';
import type { Reconciliation } from './report';

/*
 * The reconciliation as CSV (one file, a `record` column saying what each line is, amounts as plain
 * decimals, free text made inert for spreadsheets, like the statements) and as a PDF page set.
 */

export function reconciliationCsv(report: Reconciliation): string {
  const account = report.bankAccount;
  const out = [
    '\ufeff',
    csvRecord(['record', 'date', 'id', 'direction', 'amount', 'age_days', 'text']),
    csvRecord([
      'account',
      report.at.toISOString(),
      account.id,
      '',
      '',
      '',
      `${account.scheme} ${account.number} ${account.bank}`,
    ]),
    csvRecord([
      'ledger_balance',
      report.at.toISOString(),
      account.ledgerAccount.code,
      '',
      report.ledgerBalance,
      '',
      '',
    ]),
    csvRecord([
      'bank_balance',
      report.at.toISOString(),
      report.statement?.id ?? '',
      '',
      report.bankBalance ?? '',
      '',
      '',
    ]),
    csvRecord(['difference', report.at.toISOString(), '', '', report.difference ?? '', '', report.status]),
    csvRecord(['matched', '', String(report.matched.lines), 'credit', report.matched.credits, '', '']),
    csvRecord(['matched', '', String(report.matched.lines), 'debit', report.matched.debits, '', '']),
  ];
  for (const line of report.unmatchedBank) {
    out.push(
      csvRecord([
        'unmatched_bank',
        line.bookingDate,
        line.lineId,
        line.direction,
        line.amount,
        String(line.ageDays),
        inertText(
          [line.counterparty, line.remittance, line.proposal ? `proposed ${line.proposal.kind}` : '']
            .filter(Boolean)
            .join(' | '),
        ),
      ]),
    );
  }
  for (const movement of report.unmatchedLedger) {
    out.push(
      csvRecord([
        'unmatched_ledger',
        movement.date,
        movement.entryId,
        movement.amount.startsWith('-') ? 'debit' : 'credit',
        movement.amount.replace(/^-/, ''),
        String(movement.ageDays),
        inertText(`${movement.kind}: ${movement.memo}`),
      ]),
    );
  }
  out.push(
    csvRecord([
      'chain',
      '',
      report.chain.lastEntry?.id ?? '',
      '',
      '',
      '',
      report.chain.lastEntry
        ? `seal ${report.chain.lastEntry.sealSeq} ${report.chain.lastEntry.hash}`
        : 'no sealed entry yet',
    ]),
  );
  return out.join('');
}

/** Items listed per side in the PDF; the CSV and JSON list them all. */
const PDF_ITEMS = 400;

export function reconciliationPdf(report: Reconciliation): Uint8Array {
  const account = report.bankAccount;
  const canvas = new PdfCanvas({
    size: A4_PORTRAIT,
    title: `Bank reconciliation ${account.number}`,
    subject: account.ledgerAccount.code,
    author: 'cofund',
    lang: 'en',
    createdAt: report.at,
  });
  const width = A4_PORTRAIT[0] - 2 * MARGIN;
  const right = A4_PORTRAIT[0] - MARGIN;
  let y = MARGIN + 16;
  const newPageIfNeeded = () => {
    if (y > A4_PORTRAIT[1] - MARGIN - 20) {
      canvas.addPage();
      y = MARGIN + 16;
    }
  };
  const line = (label: string, value: string, bold = false) => {
    newPageIfNeeded();
    canvas.text(label, MARGIN, y, width * 0.6, { size: 9, weight: bold ? 'bold' : 'regular' });
    canvas.figure(value, right, y, width * 0.4, { size: 9, weight: bold ? 'bold' : 'regular' });
    y += 14;
  };
  canvas.text('Bank reconciliation', MARGIN, y, width, { size: 16, weight: 'bold' });
  y += 22;
  canvas.text(
    `${account.holder} - ${account.bank} ${account.scheme.toUpperCase()} ${account.number}`,
    MARGIN,
    y,
    width,
    { size: 10 },
  );
  y += 14;
  canvas.text(`${account.ledgerAccount.code} (${account.currency}), at ${report.at.toISOString()}`, MARGIN, y, width, {
    size: 9,
    color: COLORS.muted,
  });
  y += 22;
  line('Ledger balance', report.ledgerBalance);
  line(
    `Bank balance${report.statement ? ` (statement ${report.statement.reference})` : ''}`,
    report.bankBalance ?? 'no statement',
  );
  line(`Difference: ${report.status}`, report.difference ?? '-', true);
  line(`Matched lines: ${report.matched.lines}, money in`, report.matched.credits);
  line('Matched money out', report.matched.debits);
  y += 8;
  const sides: Array<[string, Array<[string, string]>]> = [
    [
      `Bank lines not in the books (${report.unmatchedBank.length})`,
      report.unmatchedBank.map((l): [string, string] => [
        `${l.bookingDate} line ${l.lineId}, ${l.ageDays} d: ${l.counterparty} ${l.remittance}` +
          (l.proposal ? ` (proposed ${l.proposal.kind})` : ''),
        `${l.direction === 'debit' ? '-' : ''}${l.amount}`,
      ]),
    ],
    [
      `Movements of the books not at the bank (${report.unmatchedLedger.length})`,
      report.unmatchedLedger.map((m): [string, string] => [
        `${m.date} entry ${m.entryId}, ${m.ageDays} d: ${m.kind} ${m.memo}`,
        m.amount,
      ]),
    ],
  ];
  for (const [title, items] of sides) {
    newPageIfNeeded();
    canvas.text(title, MARGIN, y, width, { size: 11, weight: 'bold' });
    y += 16;
    for (const [label, amount] of items.slice(0, PDF_ITEMS)) line(label, amount);
    if (items.length > PDF_ITEMS) line(`... and ${items.length - PDF_ITEMS} more (see the CSV or JSON)`, '');
    y += 8;
  }
  const seal = report.chain.lastEntry;
  line(
    seal ? `Ledger fingerprint: entry ${seal.id}, seal ${seal.sealSeq}` : 'No sealed entry yet: no fingerprint',
    report.chain.ok ? 'chain verified' : 'CHAIN BROKEN',
    true,
  );
  if (seal) {
    newPageIfNeeded();
    canvas.text(seal.hash, MARGIN, y, width, { size: 8, weight: 'mono' });
  }
  return canvas.end();
}
