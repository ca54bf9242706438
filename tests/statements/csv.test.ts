import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  STATEMENT_CSV_COLUMNS,
  csvField,
  csvRecord,
  renderStatementCsv,
  renderTrialBalanceCsv,
  type TrialBalance,
} from '../../src/statements';
import { HASH, chain, projectSection, statement } from './support/fixtures';
import { parseCsv } from './support/csv-reader';
import { collectText } from './support/pdf-text';

describe('RFC 4180 fields', () => {
  test('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField('"')).toBe('""""');
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });

  test('any fields survive a round trip through a strict reader', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (records) => {
          // A record of one empty field is an empty line, which RFC 4180 readers cannot tell from nothing.
          fc.pre(records.every((record) => record.length > 1 || record[0] !== ''));
          expect(parseCsv(records.map(csvRecord).join(''))).toEqual(records);
        },
      ),
    );
  });
});

describe('statement CSV', () => {
  const tricky = projectSection({}, [
    { side: 'debit', amount: '250.00', balanceAfter: '1250.00', memo: 'Aportación, "club" Jerez\nsegunda línea' },
    { side: 'credit', amount: '1300.00', balanceAfter: '-50.00', memo: '=HYPERLINK("http://x")' },
  ]);

  test('BOM, header, one record per line with CRLF, plain decimal amounts', async () => {
    const text = await collectText(renderStatementCsv(statement({ sections: [tricky] })));
    expect(text.startsWith('\ufeff')).toBe(true);
    const records = parseCsv(text.slice(1));
    expect(records[0]).toEqual([...STATEMENT_CSV_COLUMNS]);
    const rows = records
      .slice(1)
      .map((record) => Object.fromEntries(STATEMENT_CSV_COLUMNS.map((column, index) => [column, record[index]])));
    expect(rows.map((row) => row.record)).toEqual(['opening', 'entry', 'entry', 'closing', 'party', 'party', 'chain']);
    expect(rows[0]).toMatchObject({
      account_code: 'APP-1/PROJECT',
      currency: 'MXN',
      booked_at: '2025-03-01T00:00:00.000Z',
      balance: '1000.00',
    });
    expect(rows[1]).toMatchObject({
      booked_at: '2025-03-01T15:00:00.000Z',
      effective_at: '2025-03-01T00:00:00.000Z',
      entry_id: '1',
      kind: 'contribution',
      memo: 'Aportación, "club" Jerez\nsegunda línea',
      counter_accounts: 'APP-1/CLUB',
      debit: '250.00',
      credit: '',
      balance: '1250.00',
    });
    // Formula-looking text is made inert; a negative amount stays a number.
    expect(rows[2]).toMatchObject({ memo: '\'=HYPERLINK("http://x")', credit: '1300.00', balance: '-50.00' });
    expect(rows[3]).toMatchObject({
      record: 'closing',
      debit: '250.00',
      credit: '1300.00',
      balance: '-50.00',
      memo: '',
    });
    expect(rows[4]).toMatchObject({
      party: 'club',
      organisation: 'Club Unidos de Chicago',
      committed: '300.00',
      paid: '250.00',
      disbursed: '50.00',
      refunded: '0.00',
    });
    expect(rows[6]).toMatchObject({
      record: 'chain',
      kind: 'verified',
      entry_id: '987',
      memo: `seal 1234 sha256 ${HASH}; 1234 entries checked; 0 unsealed`,
    });
  });

  test('says when the rows do not reconcile or the chain is broken', async () => {
    const document = statement({
      sections: [projectSection({ closingBalance: '1300.00' })],
      chain: chain({ ok: false, firstBadEntry: '42' }),
    });
    const records = parseCsv(
      (await collectText(renderStatementCsv(document, { byteOrderMark: false }))).replace(/^\ufeff/, ''),
    );
    const closing = records.find((record) => record[0] === 'closing')!;
    expect(closing[STATEMENT_CSV_COLUMNS.indexOf('memo')]).toBe('NOT RECONCILED: opening + movements = 1250.00');
    const chainRecord = records.at(-1)!;
    expect(chainRecord[STATEMENT_CSV_COLUMNS.indexOf('kind')]).toBe('broken');
    expect(chainRecord[STATEMENT_CSV_COLUMNS.indexOf('memo')]).toContain('first bad entry 42');
  });
});

describe('trial balance CSV', () => {
  test('accounts with their balances, grand totals, and whether they balance', async () => {
    const trialBalance = (credit: string): TrialBalance => ({
      header: statement().header,
      asOf: new Date('2025-04-01T00:00:00Z'),
      groups: [
        {
          currency: 'MXN',
          rowCount: 2,
          rows: [
            { code: 'BANK', name: 'Bank', type: 'asset', normalSide: 'debit', debit: '500.00', credit: '200.00' },
            { code: 'CLUB', name: 'Club share', type: 'liability', normalSide: 'credit', debit: '200.00', credit },
          ],
        },
      ],
      chain: chain(),
    });
    const records = parseCsv(
      await collectText(renderTrialBalanceCsv(trialBalance('500.00'), { byteOrderMark: false })),
    );
    expect(records.slice(1, 4)).toEqual([
      ['account', 'MXN', 'BANK', 'Bank', 'asset', 'debit', '500.00', '200.00', '300.00'],
      ['account', 'MXN', 'CLUB', 'Club share', 'liability', 'credit', '200.00', '500.00', '300.00'],
      ['total', 'MXN', '', 'balanced', '', '', '700.00', '700.00', ''],
    ]);
    expect(records[4]!.slice(0, 5)).toEqual([
      'chain',
      '',
      '987',
      `seal 1234 sha256 ${HASH}; 1234 entries checked; 0 unsealed`,
      'verified',
    ]);
    const unbalanced = parseCsv(
      await collectText(renderTrialBalanceCsv(trialBalance('400.00'), { byteOrderMark: false })),
    );
    expect(unbalanced[3]).toEqual(['total', 'MXN', '', 'NOT BALANCED', '', '', '700.00', '600.00', '']);
  });
});
