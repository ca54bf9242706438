import type { ChainStatus, Statement, StatementRow, StatementSection } from '../../../src/statements';

/* Small hand-made statements whose every figure the tests know. */

export const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

export function chain(overrides: Partial<ChainStatus> = {}): ChainStatus {
  return {
    ok: true,
    entriesChecked: 1234,
    unsealed: 0,
    firstBadEntry: null,
    lastEntry: { id: '987', sealSeq: '1234', hash: HASH },
    ...overrides,
  };
}

export interface RowSpec {
  side: 'debit' | 'credit';
  amount: string;
  memo?: string;
  balanceAfter: string;
}

export function rows(specs: readonly RowSpec[], firstId = 1): StatementRow[] {
  return specs.map((spec, index) => ({
    entryId: String(firstId + index),
    bookedAt: new Date(Date.UTC(2025, 2, 1 + index, 15)).toISOString(),
    effectiveAt: new Date(Date.UTC(2025, 2, 1 + index)).toISOString(),
    kind: spec.side === 'debit' ? 'contribution' : 'tranche',
    memo: spec.memo ?? `movement ${firstId + index}`,
    counterAccounts: [spec.side === 'debit' ? 'APP-1/CLUB' : 'SUPPLIER-7'],
    side: spec.side,
    amount: spec.amount,
    balanceAfter: spec.balanceAfter,
  }));
}

/** An asset account: opening 1,000.00, +250.00, -50.00, +50.00 → closing 1,250.00. */
export const PROJECT_ROWS: RowSpec[] = [
  { side: 'debit', amount: '250.00', balanceAfter: '1250.00', memo: 'Aportación del club' },
  { side: 'credit', amount: '50.00', balanceAfter: '1200.00', memo: 'Ministración núm. 1' },
  { side: 'debit', amount: '50.00', balanceAfter: '1250.00', memo: 'Reembolso' },
];

export function projectSection(
  overrides: Partial<StatementSection> = {},
  rowSpecs: readonly RowSpec[] = PROJECT_ROWS,
): StatementSection {
  const sectionRows = rows(rowSpecs);
  return {
    account: {
      id: 'acc-1',
      code: 'APP-1/PROJECT',
      name: 'Project account',
      type: 'asset',
      normalSide: 'debit',
      currency: 'MXN',
    },
    openingBalance: '1000.00',
    closingBalance: sectionRows.at(-1)?.balanceAfter ?? '1000.00',
    rowCount: sectionRows.length,
    rows: sectionRows,
    ...overrides,
  };
}

/** `count` rows alternating +10.00 / -5.00 from 1000.00, as an async source like a cursor. */
export function manyRowsSection(count: number, onPull?: (index: number) => void): StatementSection {
  let balance = 100000; // in cents
  const specs: RowSpec[] = [];
  for (let index = 0; index < count; index++) {
    const debit = index % 2 === 0;
    balance += debit ? 1000 : -500;
    specs.push({
      side: debit ? 'debit' : 'credit',
      amount: debit ? '10.00' : '5.00',
      balanceAfter: (balance / 100).toFixed(2),
    });
  }
  const all = rows(specs);
  return {
    account: {
      id: 'acc-2',
      code: 'APP-2/PROJECT',
      name: 'Busy project',
      type: 'asset',
      normalSide: 'debit',
      currency: 'MXN',
    },
    openingBalance: '1000.00',
    closingBalance: all.at(-1)?.balanceAfter ?? '1000.00',
    rowCount: count,
    rows: (async function* () {
      for (const [index, row] of all.entries()) {
        onPull?.(index);
        yield row;
      }
    })(),
  };
}

export function statement(overrides: Partial<Statement> = {}, header: Partial<Statement['header']> = {}): Statement {
  return {
    header: {
      kind: 'account',
      title: 'Project account of APP-1',
      subject: { id: 'acc-1', code: 'APP-1/PROJECT', name: 'Project account', owner: 'Club Unidos de Chicago' },
      period: { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-04-01T00:00:00Z') },
      generatedAt: new Date('2025-04-02T09:15:00Z'),
      generatedBy: { organisation: 'Auditoría Superior', role: 'auditor', keyPrefix: 'cfk_ab12' },
      locale: 'en',
      timeZone: 'UTC',
      currency: 'MXN',
      ...header,
    },
    sections: [projectSection()],
    parties: [
      {
        party: 'club',
        organisation: 'Club Unidos de Chicago',
        currency: 'MXN',
        committed: '300.00',
        paid: '250.00',
        disbursed: '50.00',
        refunded: '0.00',
      },
      {
        party: 'federal',
        organisation: 'Secretaría de Bienestar',
        currency: 'MXN',
        committed: '300.00',
        paid: '0.00',
        disbursed: '0.00',
        refunded: '0.00',
      },
    ],
    chain: chain(),
    ...overrides,
  };
}
