import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { countPages, layOut, type PageGeometry, type Placement, type TableBlock } from '../../src/statements/layout';

const geometry: PageGeometry = { top: 50, bottom: 550, documentHeader: 150, continued: 16, blockGap: 14 };
const block = (rowCount: number, overrides: Partial<TableBlock> = {}): TableBlock => ({
  rowCount,
  heading: 22,
  lead: 16,
  tableHeader: 15,
  row: 12,
  empty: 14,
  closing: 50,
  ...overrides,
});

const heightOf = (placement: Placement, blocks: readonly TableBlock[]): number => {
  if (placement.type === 'page') return 0;
  if (placement.type === 'documentHeader') return geometry.documentHeader;
  if (placement.type === 'continued') return geometry.continued;
  return blocks[placement.block]![placement.type];
};

describe('deterministic pagination', () => {
  test('a small statement fits one page; rows beyond the page go on with a repeated header', () => {
    expect(countPages(geometry, [block(3)])).toBe(1);
    // Page 1 has room for (550 - 50 - 150 - 14 gap - 22 - 16 - 15) / 12 = 23 rows.
    const placements = [...layOut(geometry, [block(24)])];
    const secondPage = placements.findIndex((placement) => placement.type === 'page' && placement.page === 2);
    expect(placements.slice(0, secondPage).filter((placement) => placement.type === 'row')).toHaveLength(23);
    expect(placements.slice(secondPage + 1, secondPage + 4).map((placement) => placement.type)).toEqual([
      'continued',
      'tableHeader',
      'row',
    ]);
  });

  test('a heading never ends a page alone', () => {
    // The first block leaves less than heading + lead + header + one row at the foot of page 1.
    const placements = [...layOut(geometry, [block(19), block(5)])];
    const heading = placements.find((placement) => placement.type === 'heading' && placement.block === 1)!;
    const pageOfHeading = placements
      .slice(0, placements.indexOf(heading))
      .filter((placement) => placement.type === 'page').length;
    expect(pageOfHeading).toBe(2);
  });

  test('invariants for any row counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 6 }), (counts) => {
        const blocks = counts.map((count) => block(count));
        const placements = [...layOut(geometry, blocks)];
        let page = 0;
        let headerOnPage: number | null = null;
        const rowsPerBlock = counts.map(() => 0);
        for (const placement of placements) {
          if (placement.type === 'page') {
            expect(placement.page).toBe(page + 1);
            page = placement.page;
            headerOnPage = null;
            continue;
          }
          // Everything lies within the content area.
          expect(placement.y).toBeGreaterThanOrEqual(geometry.top);
          expect(placement.y + heightOf(placement, blocks)).toBeLessThanOrEqual(geometry.bottom);
          if (placement.type === 'tableHeader') headerOnPage = placement.block;
          if (placement.type === 'row') {
            // No row without its table header above it on the same page.
            expect(headerOnPage).toBe(placement.block);
            rowsPerBlock[placement.block]! += 1;
          }
        }
        expect(rowsPerBlock).toEqual(counts);
        expect(countPages(geometry, blocks)).toBe(page);
      }),
      { numRuns: 100 },
    );
  });

  test('a block that cannot fit on one page is refused', () => {
    expect(() => countPages(geometry, [block(1, { closing: 600 })])).toThrow(RangeError);
  });
});
