import { describe, expect, test } from 'vitest';
import { renderDecisionLetterJson, renderStatementJson, renderTrialBalanceJson } from '../../src/statements';
import { syntheticDecisionLetter, syntheticTrialBalance } from '../../tools/synthetic-statements';
import { HASH, manyRowsSection, projectSection, statement } from './support/fixtures';
import { collectText } from './support/pdf-text';

describe('statement JSON', () => {
  test('the model with its rows and the totals computed from them; money as strings', async () => {
    const parsed = JSON.parse(await collectText(renderStatementJson(statement())));
    expect(parsed.header).toMatchObject({
      kind: 'account',
      locale: 'en',
      period: { from: '2025-03-01T00:00:00.000Z' },
    });
    expect(parsed.chain).toMatchObject({ ok: true, lastEntry: { id: '987', sealSeq: '1234', hash: HASH } });
    const [section] = parsed.sections;
    expect(section.account.code).toBe('APP-1/PROJECT');
    expect(section.openingBalance).toBe('1000.00');
    expect(section.rows).toHaveLength(3);
    expect(section.rows[0]).toEqual({
      entryId: '1',
      bookedAt: '2025-03-01T15:00:00.000Z',
      effectiveAt: '2025-03-01T00:00:00.000Z',
      kind: 'contribution',
      memo: 'Aportación del club',
      counterAccounts: ['APP-1/CLUB'],
      side: 'debit',
      amount: '250.00',
      balanceAfter: '1250.00',
    });
    expect(section).toMatchObject({
      debitTotal: '300.00',
      creditTotal: '50.00',
      closingBalance: '1250.00',
      computedClosing: '1250.00',
      reconciled: true,
      firstMismatchEntry: null,
    });
    expect(parsed.parties).toHaveLength(2);
  });

  test('streams in pieces and stays valid JSON across sections', async () => {
    const pieces: string[] = [];
    const document = statement({ sections: [manyRowsSection(3000), projectSection({ closingBalance: '9.99' })] });
    for await (const piece of renderStatementJson(document)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    const parsed = JSON.parse(pieces.join(''));
    expect(parsed.sections[0].rows).toHaveLength(3000);
    expect(parsed.sections[0].reconciled).toBe(true);
    expect(parsed.sections[1]).toMatchObject({ reconciled: false, computedClosing: '1250.00', closingBalance: '9.99' });
  });
});

describe('trial balance and decision letter JSON', () => {
  test('trial balance rows carry their balance; the grand totals balance', async () => {
    const parsed = JSON.parse(await collectText(renderTrialBalanceJson(syntheticTrialBalance({ rows: 30 }))));
    const [group] = parsed.groups;
    expect(group.rows).toHaveLength(30);
    expect(group.balanced).toBe(true);
    expect(group.debitTotal).toBe(group.creditTotal);
    expect(group.rows[0]).toHaveProperty('balance');
  });

  test('decision letter is the letter model as JSON', () => {
    const letter = syntheticDecisionLetter('fr-MA');
    const parsed = JSON.parse(renderDecisionLetterJson(letter));
    expect(parsed.plan.shares.map((share: { party: string }) => share.party)).toEqual(['investor', 'grant', 'bank']);
    expect(parsed.plan.total).toBe('12000000.00');
    expect(parsed.outcome).toBe('approved');
  });
});
