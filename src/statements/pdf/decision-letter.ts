import { fallbackNotice, localizePlan } from '../../rules';
import { formatAmount, formatDate, formatDateTime, formatPercent } from '../format';
import { labelsFor, type Labels } from '../labels';
import type { DecisionLetter } from '../model';
import { COLORS, PdfCanvas, type TextStyle } from './canvas';
import { stepLabel } from './statement';
import {
  A4_PORTRAIT,
  CONTENT_TOP,
  FOOTER_SPACE,
  MARGIN,
  PAD,
  drawDocumentHeader,
  drawPageFrame,
  type Frame,
} from './frame';

/*
 * An application's decision letter: the outcome, the co-funding plan (shares, tranches), the
 * approvals, the documents behind each step with their SHA-256, and the rule trace that produced
 * the plan. A few pages at most, with free text that must wrap rather than be cut (a rule's
 * explanation, an approver's comment), so unlike the statements it is laid out in memory (pdfkit's
 * bufferPages) and numbered once the page count is known.
 */

const [PAGE_WIDTH, PAGE_HEIGHT] = A4_PORTRAIT;
const LEFT = MARGIN;
const RIGHT = PAGE_WIDTH - MARGIN;
const BOTTOM = PAGE_HEIGHT - FOOTER_SPACE;
const BODY: TextStyle = { size: 9 };
const CELL: TextStyle = { size: 8.5 };
const HEAD: TextStyle = { weight: 'bold', size: 8 };
/** Figures sit on the baseline of the first line of the wrapped cells beside them (Helvetica ascender). */
const CELL_ASCENT = 0.718 * CELL.size;

interface FlowColumn {
  title: string;
  width: number;
  figure?: boolean;
}

/** Top-to-bottom writing with page breaks; tables repeat their header after a break. */
class Flow {
  y = CONTENT_TOP;

  constructor(private readonly canvas: PdfCanvas) {}

  ensure(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.canvas.addPage();
    this.y = CONTENT_TOP;
    return true;
  }

  heading(text: string): void {
    this.ensure(22 + 30);
    this.y += 8;
    this.canvas.text(text, LEFT, this.y + 12, RIGHT - LEFT, { weight: 'bold', size: 11 });
    this.canvas.rule(LEFT, RIGHT, this.y + 17);
    this.y += 22;
  }

  line(text: string, style: TextStyle = BODY): void {
    const height = this.canvas.paragraphHeight(text, RIGHT - LEFT, style) + 3;
    this.ensure(height);
    this.canvas.paragraph(text, LEFT, this.y, RIGHT - LEFT, style);
    this.y += height;
  }

  table(spec: readonly FlowColumn[], rows: readonly (readonly string[])[]): void {
    const flexible = RIGHT - LEFT - spec.reduce((total, column) => total + column.width, 0);
    const widths = spec.map((column) => column.width || flexible);
    const header = () => {
      this.canvas.box(LEFT, this.y, RIGHT - LEFT, 14, COLORS.headerFill);
      let x = LEFT;
      for (const [index, column] of spec.entries()) {
        const width = widths[index]!;
        if (column.figure) this.canvas.textRight(column.title, x + width - PAD, this.y + 10, width - 2 * PAD, HEAD);
        else this.canvas.text(column.title, x + PAD, this.y + 10, width - 2 * PAD, HEAD);
        x += width;
      }
      this.y += 16;
    };
    this.ensure(16 + 14);
    header();
    for (const [rowIndex, row] of rows.entries()) {
      const height =
        Math.max(
          ...row.map((cell, index) =>
            spec[index]!.figure ? 0 : this.canvas.paragraphHeight(cell, widths[index]! - 2 * PAD, CELL),
          ),
        ) + 4;
      if (this.ensure(height)) header();
      if (rowIndex % 2 === 1) this.canvas.box(LEFT, this.y, RIGHT - LEFT, height, COLORS.zebra);
      let x = LEFT;
      for (const [index, cell] of row.entries()) {
        const width = widths[index]!;
        if (spec[index]!.figure)
          this.canvas.figure(cell, x + width - PAD, this.y + 2 + CELL_ASCENT, width - 2 * PAD, CELL);
        else this.canvas.paragraph(cell, x + PAD, this.y + 2, width - 2 * PAD, CELL);
        x += width;
      }
      this.y += height;
    }
    this.y += 6;
  }
}

/** The whole letter as one PDF (a few pages, rendered in memory). */
export function renderDecisionLetterPdf(letter: DecisionLetter): Uint8Array {
  const { header, application, plan } = letter;
  const { locale } = header;
  const zone = header.timeZone;
  const labels = labelsFor(locale);
  const words = labels.letter;
  const kindLabel = labels.documentKind['decision-letter'];
  const frame: Frame = { kindLabel, header, scope: `${words.application} ${application.code}`, chain: null, labels };
  const canvas = new PdfCanvas({
    size: A4_PORTRAIT,
    title: `${kindLabel} — ${application.title}`,
    subject: `${application.code} ${application.title}`,
    author: header.generatedBy.organisation,
    lang: locale,
    createdAt: header.generatedAt,
    bufferPages: true,
  });
  const money = (amount: string) => formatAmount(amount, plan.currency, locale, { withSymbol: true });
  // Party names, milestones and the trace in the letter's locale, from what was stored with the plan.
  const localized = localizePlan(plan, locale);
  const partyName = (party: string) => localized.parties[party] ?? party;
  const notice = fallbackNotice(localized);

  drawDocumentHeader(
    canvas,
    frame,
    [
      [words.application, `${application.code} — ${application.title}`],
      [words.applicant, application.applicant],
      [words.programme, application.programme],
    ],
    CONTENT_TOP,
  );
  const flow = new Flow(canvas);
  flow.y = CONTENT_TOP + 96;
  flow.line(
    `${words.filed}: ${formatDateTime(application.filedAt, locale, zone)}    ${words.totalCost}: ${money(plan.total)}`,
  );
  drawOutcome(canvas, flow, letter, labels);

  flow.heading(words.plan);
  flow.line(words.ruleSet(plan.ruleSet, plan.ruleVersion, plan.ruleHash), { size: 8, color: COLORS.muted });
  if (notice) flow.line(notice, { weight: 'italic', size: 8, color: COLORS.muted });
  flow.table(
    [
      { title: labels.party, width: 0 },
      { title: words.amount, width: 130, figure: true },
      { title: words.percent, width: 80, figure: true },
      { title: words.capped, width: 60 },
    ],
    plan.shares.map((share) => [
      partyName(share.party),
      money(share.amount),
      formatPercent(share.percent, locale),
      share.capped ? words.yes : '',
    ]),
  );
  if (/[1-9]/.test(plan.unallocated))
    flow.line(`${words.unallocated}: ${money(plan.unallocated)}`, { weight: 'bold', size: 9, color: COLORS.alert });

  flow.heading(words.tranches);
  flow.table(
    [
      { title: '#', width: 28 },
      { title: words.percent, width: 60, figure: true },
      { title: words.amount, width: 120, figure: true },
      { title: words.milestone, width: 0 },
    ],
    plan.tranches.map((tranche, index) => [
      String(tranche.index),
      formatPercent(tranche.percent, locale),
      money(tranche.amount),
      localized.milestones[index]!,
    ]),
  );

  flow.heading(words.approvals);
  flow.line(`${words.requiredApprovals}: ${plan.requiredApprovals.map(partyName).join(', ')}`);
  if (letter.approvals.length === 0) flow.line(words.noApprovals, { weight: 'italic', size: 9 });
  else
    flow.table(
      [
        { title: labels.party, width: 120 },
        { title: labels.organisation, width: 120 },
        { title: words.decision, width: 70 },
        { title: words.date, width: 70 },
        { title: words.comment, width: 0 },
      ],
      letter.approvals.map((approval) => [
        partyName(approval.party),
        approval.organisation,
        approval.decision === 'approved' ? words.approved : words.rejected,
        formatDate(approval.decidedAt, locale, zone),
        approval.comment,
      ]),
    );

  if (letter.documents) {
    const text = labels.documents;
    flow.heading(text.heading);
    if (letter.documents.length === 0) flow.line(text.none, { weight: 'italic', size: 9 });
    else
      flow.table(
        [
          { title: text.step, width: 64 },
          { title: text.type, width: 96 },
          { title: text.rule, width: 44 },
          { title: `${text.file} · ${text.sha256}`, width: 0 },
        ],
        // The hash on a line of its own under the file name: it is printed whole, never cut.
        letter.documents.map((document) => [
          stepLabel(document, labels),
          document.type,
          document.rule ?? '',
          `${document.fileName}\n${document.sha256}`,
        ]),
      );
  }

  flow.heading(words.trace);
  flow.table(
    [
      { title: words.rule, width: 70 },
      { title: words.says, width: 0 },
    ],
    localized.trace.map((step) => [step.rule, step.text]),
  );

  const pageCount = canvas.bufferedPageCount;
  for (let page = 0; page < pageCount; page++) {
    canvas.switchToPage(page);
    drawPageFrame(canvas, frame, page + 1, pageCount);
  }
  return canvas.end();
}

function drawOutcome(canvas: PdfCanvas, flow: Flow, letter: DecisionLetter, labels: Labels): void {
  const words = labels.letter;
  const { locale, timeZone } = letter.header;
  const color = letter.outcome === 'approved' ? COLORS.ok : letter.outcome === 'rejected' ? COLORS.alert : COLORS.text;
  flow.ensure(30);
  flow.y += 6;
  const label = `${words.decision}: `;
  const labelWidth = canvas.widthOf(label, { weight: 'bold', size: 13 });
  canvas.text(label, LEFT, flow.y + 14, RIGHT - LEFT, { weight: 'bold', size: 13 });
  const when = letter.decidedAt ? ` ${words.decidedOn(formatDate(letter.decidedAt, locale, timeZone))}` : '';
  canvas.text(`${words.outcome[letter.outcome]}${when}`, LEFT + labelWidth, flow.y + 14, RIGHT - LEFT - labelWidth, {
    weight: 'bold',
    size: 13,
    color,
  });
  flow.y += 24;
}
