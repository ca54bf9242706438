/*
 * Deterministic pagination. Every piece of a tabular document has a fixed height (rows are one line,
 * long text is ellipsized), so where everything lands depends only on the row counts. The same
 * generator is run twice: once without data to count the pages ("page X of Y" is known before page 1
 * is drawn, with nothing buffered), then again to drive the drawing. One code path, so the count
 * and the drawing cannot disagree.
 */

export interface PageGeometry {
  /** Where content starts on every page, below the running header. */
  top: number;
  /** Content never goes below this, above the footer. */
  bottom: number;
  /** The document header drawn once, at the top of page 1. */
  documentHeader: number;
  /** The "(continued)" line repeated above a table that goes on from the previous page. */
  continued: number;
  /** Space between two blocks on the same page. */
  blockGap: number;
}

/** A titled table: heading, lead lines (opening balance), header, rows, closing lines (totals). */
export interface TableBlock {
  rowCount: number;
  heading: number;
  lead: number;
  tableHeader: number;
  row: number;
  /** Printed instead of the table when there are no rows. */
  empty: number;
  closing: number;
}

export type Placement =
  | { type: 'page'; page: number }
  | { type: 'documentHeader'; y: number }
  | { type: 'heading' | 'continued' | 'lead' | 'tableHeader' | 'row' | 'empty' | 'closing'; block: number; y: number };

export function* layOut(geometry: PageGeometry, blocks: readonly TableBlock[]): Generator<Placement> {
  const room = geometry.bottom - geometry.top;
  let page = 1;
  let y = geometry.top;
  yield { type: 'page', page };
  yield { type: 'documentHeader', y };
  y += geometry.documentHeader;

  for (const [block, shape] of blocks.entries()) {
    const { rowCount } = shape;
    const opening = shape.heading + shape.lead + (rowCount > 0 ? shape.tableHeader + shape.row : shape.empty);
    const continuation = geometry.continued + Math.max(shape.tableHeader + shape.row, shape.closing);
    if (opening > room || continuation > room) throw new RangeError(`block ${block} cannot fit on one page`);

    if (y > geometry.top) y += geometry.blockGap;
    // A heading is never left alone at the foot of a page: it starts where its first row fits.
    if (y + opening > geometry.bottom) {
      page += 1;
      yield { type: 'page', page };
      y = geometry.top;
    }
    const place = function* (
      type: 'heading' | 'continued' | 'lead' | 'tableHeader' | 'row' | 'empty' | 'closing',
      height: number,
    ) {
      if (height > 0) yield { type, block, y } as const;
      y += height;
    };
    const breakPage = function* (withTableHeader: boolean) {
      page += 1;
      yield { type: 'page', page } as const;
      y = geometry.top;
      yield* place('continued', geometry.continued);
      if (withTableHeader) yield* place('tableHeader', shape.tableHeader);
    };

    yield* place('heading', shape.heading);
    yield* place('lead', shape.lead);
    if (rowCount === 0) {
      yield* place('empty', shape.empty);
    } else {
      yield* place('tableHeader', shape.tableHeader);
      for (let row = 0; row < rowCount; row++) {
        if (y + shape.row > geometry.bottom) yield* breakPage(true);
        yield { type: 'row', block, y };
        y += shape.row;
      }
    }
    if (shape.closing > 0 && y + shape.closing > geometry.bottom) yield* breakPage(false);
    yield* place('closing', shape.closing);
  }
}

/** How many pages layOut will produce, without drawing anything. */
export function countPages(geometry: PageGeometry, blocks: readonly TableBlock[]): number {
  let pages = 0;
  for (const placement of layOut(geometry, blocks)) if (placement.type === 'page') pages = placement.page;
  return pages;
}
