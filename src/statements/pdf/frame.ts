import { formatDateTime } from '../format';
import type { Labels } from '../labels';
import type { PageGeometry } from '../layout';
import type { ChainStatus, DocumentHeader } from '../model';
import { COLORS, PdfCanvas } from './canvas';

/*
 * What every page of every document carries: a running header naming the document, and a footer
 * with the chain status and "page X of Y", so a single page pulled from a binder still says what it
 * belongs to and whether the ledger it came from was intact.
 */

export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
export const A4_PORTRAIT: [number, number] = [595.28, 841.89];
export const MARGIN = 36;
export const RUNNING_HEADER_BASELINE = 34;
export const CONTENT_TOP = 50;
/** Content stays above this distance from the bottom edge of the page. */
export const FOOTER_SPACE = 44;

export interface Frame {
  kindLabel: string;
  header: DocumentHeader;
  /** Right side of the running header: the period, or the date of the trial balance. */
  scope: string;
  chain: ChainStatus | null;
  labels: Labels;
}

/**
 * Starts page `page` of a streamed document. From the second page on it returns the bytes of the
 * page just finished, for the caller to hand out; then it draws the running header and footer.
 */
export function beginPage(canvas: PdfCanvas, frame: Frame, page: number, pageCount: number): Uint8Array | null {
  let finished: Uint8Array | null = null;
  if (page > 1) {
    canvas.addPage();
    finished = canvas.take();
  }
  drawPageFrame(canvas, frame, page, pageCount);
  return finished;
}

/** The line a table shows in place of rows when nothing moved. */
export function drawNoMovements(canvas: PdfCanvas, labels: Labels, y: number): void {
  canvas.text(labels.noMovements, MARGIN + PAD, y + 10, canvas.width - 2 * MARGIN, {
    weight: 'italic',
    size: 8.5,
    color: COLORS.muted,
  });
}

export function drawPageFrame(canvas: PdfCanvas, frame: Frame, page: number, pageCount: number): void {
  const right = canvas.width - MARGIN;
  const usable = right - MARGIN;
  const scopeWidth = Math.min(canvas.widthOf(frame.scope, { size: 8 }), usable * 0.45);
  canvas.text(`${frame.kindLabel} — ${frame.header.title}`, MARGIN, RUNNING_HEADER_BASELINE, usable - scopeWidth - 12, {
    weight: 'bold',
    size: 8.5,
  });
  canvas.textRight(frame.scope, right, RUNNING_HEADER_BASELINE, scopeWidth, { size: 8, color: COLORS.muted });
  canvas.rule(MARGIN, right, RUNNING_HEADER_BASELINE + 5);

  const footerRule = canvas.height - FOOTER_SPACE + 8;
  const footerBaseline = footerRule + 12;
  canvas.rule(MARGIN, right, footerRule);
  const pageLabel = frame.labels.page(page, pageCount);
  const pageWidth = canvas.widthOf(pageLabel, { size: 8 });
  canvas.textRight(pageLabel, right, footerBaseline, pageWidth, { size: 8 });
  const { header, labels, chain } = frame;
  const generated = formatDateTime(header.generatedAt, header.locale, header.timeZone);
  const origin = `${header.subject.code} · ${generated}`;
  canvas.text(origin, MARGIN, footerBaseline, usable * 0.45, { size: 7.5, color: COLORS.muted });
  if (chain) {
    const broken = !chain.ok;
    const status = broken
      ? labels.chainFooterBroken
      : chain.lastEntry
        ? labels.chainFooterOk(chain.lastEntry.sealSeq, chain.lastEntry.hash.slice(0, 16))
        : labels.chainNoSeal;
    canvas.text(status, MARGIN + usable * 0.45 + 12, footerBaseline, usable * 0.55 - pageWidth - 24, {
      weight: broken ? 'bold' : 'regular',
      size: 7.5,
      color: broken ? COLORS.alert : COLORS.muted,
    });
  }
}

/** Inner padding of a table cell. */
export const PAD = 3;

export interface ColumnBox {
  x: number;
  width: number;
  right: number;
}

/** Lays columns out left to right between the margins; the one of width 0 takes what is left. */
export function columns<const Key extends string>(
  pageWidth: number,
  spec: readonly { key: Key; width: number }[],
): Record<Key, ColumnBox> {
  const left = MARGIN;
  const fixed = spec.reduce((total, column) => total + column.width, 0);
  const flexible = pageWidth - 2 * MARGIN - fixed;
  const placed = {} as Record<Key, ColumnBox>;
  let x = left;
  for (const column of spec) {
    const width = column.width || flexible;
    placed[column.key] = { x, width, right: x + width };
    x += width;
  }
  return placed;
}

/** Height of the chain box drawn by drawChainBox. */
export const CHAIN_BOX_HEIGHT = 56;

/** Height of the block drawn by drawDocumentHeader. */
export const DOCUMENT_HEADER_HEIGHT = 96 + CHAIN_BOX_HEIGHT;

/** The table documents (statements, trial balance): A4 landscape, a table per block. */
export const LANDSCAPE_LEFT = MARGIN;
export const LANDSCAPE_RIGHT = A4_LANDSCAPE[0] - MARGIN;
export const LANDSCAPE_TABLES: PageGeometry = {
  top: CONTENT_TOP,
  bottom: A4_LANDSCAPE[1] - FOOTER_SPACE,
  documentHeader: DOCUMENT_HEADER_HEIGHT,
  continued: 16,
  blockGap: 14,
};

/** A landscape table document's canvas, with the metadata a PDF reader shows. */
export function openLandscapeDocument(kindLabel: string, header: DocumentHeader): PdfCanvas {
  return new PdfCanvas({
    size: A4_LANDSCAPE,
    title: `${kindLabel} — ${header.title}`,
    subject: `${header.subject.code} ${header.subject.name}`,
    author: header.generatedBy.organisation,
    lang: header.locale,
    createdAt: header.generatedAt,
  });
}

/**
 * The first page's header: what the document is, its title, up to three labelled facts (subject,
 * owner, period...), who generated it, and the chain box.
 */
export function drawDocumentHeader(
  canvas: PdfCanvas,
  frame: Frame,
  facts: readonly (readonly [label: string, value: string])[],
  y: number,
): void {
  const { header, labels } = frame;
  const width = canvas.width - 2 * MARGIN;
  canvas.text(frame.kindLabel, MARGIN, y + 9, width, { size: 9, color: COLORS.muted });
  canvas.text(header.title, MARGIN, y + 27, width, { weight: 'bold', size: 15 });
  for (const [index, [label, value]] of facts.slice(0, 3).entries()) {
    const baseline = y + 44 + 13 * index;
    const labelWidth = canvas.widthOf(`${label}:`, { weight: 'bold', size: 9.5 });
    canvas.text(`${label}:`, MARGIN, baseline, width, { weight: 'bold', size: 9.5 });
    canvas.text(value, MARGIN + labelWidth + 4, baseline, width - labelWidth - 4, { size: 9.5 });
  }
  const by = header.generatedBy;
  const at = formatDateTime(header.generatedAt, header.locale, header.timeZone);
  canvas.text(labels.generated(at, by.organisation, by.role, by.keyPrefix), MARGIN, y + 84, width, {
    size: 8.5,
    color: COLORS.muted,
  });
  if (frame.chain) drawChainBox(canvas, frame.chain, labels, MARGIN, y + 94, width);
}

/** A grey band with column titles; `figures` are right-aligned. */
export function drawTableHeader<Key extends string>(
  canvas: PdfCanvas,
  layout: Record<Key, ColumnBox>,
  titles: readonly (readonly [Key, string])[],
  figures: ReadonlySet<Key>,
  y: number,
): void {
  canvas.box(MARGIN, y, canvas.width - 2 * MARGIN, 13, COLORS.headerFill);
  const style = { weight: 'bold', size: 7.5 } as const;
  for (const [key, title] of titles) {
    const column = layout[key];
    if (figures.has(key)) canvas.textRight(title, column.right - PAD, y + 9.5, column.width - 2 * PAD, style);
    else canvas.text(title, column.x + PAD, y + 9.5, column.width - 2 * PAD, style);
  }
}

/**
 * The hash-chain verdict in a box: green-grey when verified, red when broken. The full SHA-256 of
 * the last seal is printed so the paper can be compared with GET /v1/ledger/verify later.
 */
export function drawChainBox(
  canvas: PdfCanvas,
  chain: ChainStatus,
  labels: Labels,
  x: number,
  y: number,
  width: number,
): void {
  const broken = !chain.ok;
  canvas.box(
    x,
    y,
    width,
    CHAIN_BOX_HEIGHT - 4,
    broken ? COLORS.alertFill : COLORS.okFill,
    broken ? COLORS.alert : COLORS.rule,
  );
  const inner = width - 16;
  canvas.text(labels.chainHeading, x + 8, y + 12, inner, { weight: 'bold', size: 8.5 });
  const verdict = chain.ok
    ? labels.chainOk(chain.entriesChecked)
    : chain.firstBadEntry
      ? labels.chainBroken(chain.firstBadEntry)
      : labels.chainInconsistent(chain.unaccounted ?? 0, chain.balanceMismatches ?? []);
  canvas.text(verdict, x + 8, y + 23.5, inner, {
    weight: broken ? 'bold' : 'regular',
    size: 8.5,
    color: broken ? COLORS.alert : COLORS.text,
  });
  if (chain.unsealed > 0) canvas.text(labels.chainUnsealed(chain.unsealed), x + 8, y + 34.5, inner, { size: 8 });
  if (chain.lastEntry) {
    const label = labels.chainLastEntry(chain.lastEntry.id, chain.lastEntry.sealSeq);
    const labelWidth = Math.min(canvas.widthOf(label, { size: 8 }), inner * 0.5);
    canvas.text(label, x + 8, y + 45.5, labelWidth, { size: 8 });
    canvas.text(chain.lastEntry.hash, x + 12 + labelWidth, y + 45.5, inner - labelWidth - 4, {
      weight: 'mono',
      size: 8,
    });
  } else {
    canvas.text(labels.chainNoSeal, x + 8, y + 45.5, inner, { size: 8 });
  }
}
