import { describe, expect, test } from 'vitest';
import { StatementDataError, renderStatementPdf, statementPageCount, type Statement } from '../../src/statements';
import { HASH, chain, manyRowsSection, projectSection, rows, statement } from './support/fixtures';
import { collectBytes, readPdf } from './support/pdf-text';

const render = async (document: Statement) => readPdf(await collectBytes(renderStatementPdf(document)));

describe('statement PDF', () => {
  test('prints the header, balances, totals, party totals and the chain fingerprint', async () => {
    const [page, ...more] = await render(statement());
    expect(more).toHaveLength(0);
    const { text, lines } = page!;
    expect(lines[0]).toContain('Account statement — Project account of APP-1');
    expect(text).toContain('Account: APP-1/PROJECT — Project account');
    expect(text).toContain('Owner: Club Unidos de Chicago');
    expect(text).toContain('Period: from Mar 1, 2025, 00:00 to Apr 1, 2025, 00:00 (UTC, end excluded)');
    expect(text).toContain('Generated Apr 2, 2025, 09:15 UTC by Auditoría Superior (auditor, key cfk_ab12…)');
    expect(lines).toContain('Opening balance MX$1,000.00');
    expect(lines).toContain('Totals for the period 300.00 50.00');
    expect(lines).toContain('Closing balance MX$1,250.00');
    expect(lines).toContain('club Club Unidos de Chicago MX$300.00 MX$250.00 MX$50.00 MX$0.00');
    expect(text).toContain('Hash chain verified: 1234 entries checked, no alteration found.');
    expect(text).toContain(`Last sealed entry covered: 987, seal no. 1234, SHA-256: ${HASH}`);
    expect(lines.at(-1)).toBe(
      `APP-1/PROJECT · Apr 2, 2025, 09:15 UTC Chain verified, seal 1234 ${HASH.slice(0, 16)}… Page 1 of 1`,
    );
    expect(text).not.toMatch(/NOT RECONCILE|BROKEN/);
  });

  test('prints each row with its dates, entry, memo, counter-account, amount and running balance', async () => {
    const [page] = await render(statement());
    expect(page!.lines).toContain(
      '2025-03-01 2025-03-01 1 contribution Aportación del club APP-1/CLUB 250.00 1,250.00',
    );
    expect(page!.lines).toContain('2025-03-02 2025-03-02 2 tranche Ministración núm. 1 SUPPLIER-7 50.00 1,200.00');
    // The credit amount sits in the credit column: its right edge is that column's, left of the balance.
    const debit = page!.items.find((item) => item.text === '250.00')!;
    const credit = page!.items.find(
      (item) => item.text === '50.00' && item.y === page!.items.find((i) => i.text === '1,200.00')!.y,
    )!;
    expect(credit.right).toBeGreaterThan(debit.right + 50);
  });

  test('a broken chain makes every page say so, naming the first bad entry', async () => {
    const broken = statement({ sections: [manyRowsSection(120)], chain: chain({ ok: false, firstBadEntry: '42' }) });
    const pages = await render(broken);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]!.text).toContain(
      'HASH CHAIN BROKEN at entry 42: the ledger has been altered. The figures of this document cannot be trusted.',
    );
    for (const page of pages) expect(page.lines.at(-1)).toContain('HASH CHAIN BROKEN');
    expect(pages.map((page) => page.text).join('\n')).not.toContain('Hash chain verified');
  });

  test('says how many entries are not sealed yet, or that there is no fingerprint at all', async () => {
    const [unsealed] = await render(statement({ chain: chain({ unsealed: 7 }) }));
    expect(unsealed!.text).toContain('7 recent entries not sealed yet: not covered by the fingerprint below.');
    const [none] = await render(statement({ chain: chain({ lastEntry: null, entriesChecked: 0 }) }));
    expect(none!.text).toContain('No sealed entry yet: this document carries no fingerprint.');
  });

  test('"page X of Y" on every page, Y known before rendering, table header repeated on each page', async () => {
    const document = statement({ sections: [manyRowsSection(250), projectSection()] });
    const expectedPages = statementPageCount(statement({ sections: [manyRowsSection(250), projectSection()] }));
    const pages = await render(document);
    expect(pages).toHaveLength(expectedPages);
    expect(expectedPages).toBeGreaterThan(5);
    const tableHeader = 'Booked Value date Entry Kind Memo Counter-account Debit (MXN) Credit (MXN) Balance (MXN)';
    for (const [index, page] of pages.entries()) {
      expect(page.lines.at(-1)).toMatch(new RegExp(`Page ${index + 1} of ${expectedPages}$`));
      const rowLines = page.lines.filter((line) => /^\d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2} /.test(line));
      if (rowLines.length > 0) {
        // The header comes before the first row of the page.
        const headerAt = page.lines.indexOf(tableHeader);
        expect(headerAt).toBeGreaterThanOrEqual(0);
        expect(headerAt).toBeLessThan(page.lines.indexOf(rowLines[0]!));
      }
      if (index > 0) expect(page.lines[1]).toMatch(/\(continued\)$|^APP-1\/PROJECT · Project account asset · MXN$/);
    }
    // Every row is printed once, in order.
    const printedIds = pages.flatMap((page) =>
      page.lines
        .filter((line) => /^\d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2} /.test(line))
        .map((line) => Number(line.split(' ')[2])),
    );
    expect(printedIds).toHaveLength(253);
    expect(printedIds.slice(0, 250)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
  });

  test('figures are right-aligned: every amount of a column ends at the same x', async () => {
    const pages = await render(statement({ sections: [manyRowsSection(80)] }));
    const balanceRightEdges = new Set<number>();
    for (const page of pages) {
      for (const line of page.lines.filter((text) => /^\d{4}-/.test(text))) {
        const balance = line.split(' ').at(-1)!;
        const item = page.items.find((candidate) => candidate.text === balance)!;
        balanceRightEdges.add(Math.round(item.right));
      }
    }
    expect(balanceRightEdges.size).toBe(1);
  });

  test('a closing balance that the rows do not reach is reported, not hidden', async () => {
    const [page] = await render(statement({ sections: [projectSection({ closingBalance: '1300.00' })] }));
    expect(page!.text).toContain(
      'BALANCES DO NOT RECONCILE: opening balance + movements = MX$1,250.00, ledger closing balance = MX$1,300.00.',
    );
    expect(page!.lines).toContain('Closing balance MX$1,300.00');
  });

  test('a running balance that does not follow is reported with the entry where it starts', async () => {
    const tampered = rows([
      { side: 'debit', amount: '250.00', balanceAfter: '1250.00' },
      { side: 'credit', amount: '50.00', balanceAfter: '1210.00' },
    ]);
    const section = projectSection({ rows: tampered, rowCount: 2, closingBalance: '1200.00' });
    const [page] = await render(statement({ sections: [section] }));
    expect(page!.text).toContain('RUNNING BALANCE DIFFERS FROM THE LEDGER from entry 2 on.');
  });

  test('a source yielding fewer or more rows than counted is refused', async () => {
    await expect(
      collectBytes(renderStatementPdf(statement({ sections: [projectSection({ rowCount: 4 })] }))),
    ).rejects.toThrow(new StatementDataError('section APP-1/PROJECT: 4 rows announced, only 3 given'));
    await expect(
      collectBytes(renderStatementPdf(statement({ sections: [projectSection({ rowCount: 2 })] }))),
    ).rejects.toThrow(StatementDataError);
  });

  test('amounts that are not money strings of the currency are refused', async () => {
    const bad = rows([{ side: 'debit', amount: '250.5', balanceAfter: '1250.50' }]);
    await expect(
      collectBytes(renderStatementPdf(statement({ sections: [projectSection({ rows: bad, rowCount: 1 })] }))),
    ).rejects.toThrow(/MXN amounts have exactly 2 decimal digit/);
  });

  test('Spanish and French text keeps its accents; what WinAnsi lacks becomes "?"', async () => {
    const memo = 'Señal ñandú — façade, cœur «garantie» 50 € ¿sí?';
    const section = projectSection({}, [{ side: 'debit', amount: '1.00', balanceAfter: '1001.00', memo }]);
    const [page] = await render(
      statement({ sections: [section] }, { locale: 'fr-MA', title: 'Relevé — Société Argan Émergence' }),
    );
    expect(page!.text).toContain(memo);
    expect(page!.lines[0]).toContain('Relevé de compte — Relevé — Société Argan Émergence');
    expect(page!.lines).toContain("Solde d'ouverture 1.000,00 $MX");
    const [arabic] = await render(
      statement({
        sections: [
          projectSection({}, [{ side: 'debit', amount: '1.00', balanceAfter: '1001.00', memo: 'Tanger طنجة' }]),
        ],
      }),
    );
    expect(arabic!.text).toContain('Tanger ????');
  });

  test('long memos are cut with an ellipsis inside their column; huge amounts are printed whole', async () => {
    const memo = (
      'Ministración final contra acta de entrega-recepción firmada por el comité de obra, ' +
      'el municipio y la federación '
    ).repeat(2);
    const section = projectSection({ openingBalance: '0.00', closingBalance: '12345678901234567.89' }, [
      { side: 'debit', amount: '12345678901234567.89', balanceAfter: '12345678901234567.89', memo },
    ]);
    const [page] = await render(statement({ sections: [section] }));
    const memoItem = page!.items.find((item) => item.text.startsWith('Ministración final'))!;
    expect(memoItem.text.endsWith('…')).toBe(true);
    const counter = page!.items.find((item) => item.text === 'APP-1/CLUB')!;
    expect(memoItem.right).toBeLessThan(counter.x);
    // The debit, the running balance and the period's debit total.
    expect(page!.items.filter((item) => item.text === '12,345,678,901,234,567.89')).toHaveLength(3);
    expect(page!.lines).toContain('Closing balance MX$12,345,678,901,234,567.89');
  });

  test('negative balances carry a minus sign', async () => {
    const section = projectSection({ openingBalance: '0.00', closingBalance: '-40.00' }, [
      { side: 'credit', amount: '40.00', balanceAfter: '-40.00' },
    ]);
    const [page] = await render(statement({ sections: [section] }, { locale: 'es-MX' }));
    expect(page!.text).toContain('-40.00');
    expect(page!.lines).toContain('Saldo final -$40.00');
  });

  test('the same statement renders to the same bytes', async () => {
    const first = await collectBytes(renderStatementPdf(statement({ sections: [manyRowsSection(60)] })));
    const second = await collectBytes(renderStatementPdf(statement({ sections: [manyRowsSection(60)] })));
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(new TextDecoder().decode(first.subarray(0, 8))).toBe('%PDF-1.3');
  });

  test('streams: the first page is handed out before the rows of later pages are read', async () => {
    let pulled = 0;
    const renderer = renderStatementPdf(statement({ sections: [manyRowsSection(2000, () => (pulled += 1))] }));
    const first = await renderer.next();
    expect(first.done).toBe(false);
    // Page 1 holds the document header and a few dozen rows: the cursor has not gone further.
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(40);
    await renderer.return(undefined);
  });
});
