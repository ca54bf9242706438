import { describe, expect, it } from 'vitest';
import { NOW, amounts, catalogOfObject, expectIneligible, expectPlan } from './support';

/**
 * Features of the rule language that the shipped programmes do not all use: unallocated gaps,
 * caps that cascade, fixed amounts, quantities, other currencies. Expected figures are worked out
 * by hand from the fixture.
 */

interface Options {
  currency?: string;
  shares: Record<string, object>;
  eligibility?: object[];
  quantities?: object;
}

function programme({ currency = 'MXN', shares, eligibility = [], quantities = {} }: Options) {
  return {
    id: 'demo',
    name: 'Demo fund',
    version: '1',
    validFrom: '2020-01-01',
    currency,
    parties: {
      club: { name: 'club', role: 'association', funding: 'contribution', applicant: true },
      federal: { name: 'federal', role: 'government', funding: 'budget' },
      state: { name: 'state', role: 'government', funding: 'budget' },
      municipal: { name: 'municipal', role: 'government', funding: 'budget' },
    },
    quantities,
    eligibility,
    projectTypes: { works: { rule: 'D-1', shares } },
    tranches: [
      { rule: 'D-3', percent: 50, milestone: 'at start' },
      { rule: 'D-3', percent: 50, milestone: 'at the end' },
    ],
    requiredApprovals: { rule: 'D-4', parties: ['federal', 'state', 'municipal'] },
    trancheApprovals: { rule: 'D-4', parties: ['federal'] },
  };
}

const application = (fields: Record<string, unknown>) => ({
  projectType: 'works',
  currency: 'MXN',
  filedAt: '2021-01-01',
  ...fields,
});

describe('gaps left by caps', () => {
  it('unallocated: the gap is flagged for manual allocation, and shares sum to the total less it', async () => {
    const catalog = catalogOfObject(
      programme({
        shares: {
          club: { rule: 'D-1', percent: 25 },
          federal: {
            rule: 'D-1',
            percent: 25,
            cap: { rule: 'D-2', amount: '100000.00' },
            whenCapped: { rule: 'D-2', absorb: 'unallocated' },
          },
          state: { rule: 'D-1', percent: 50 },
        },
      }),
    );
    const plan = expectPlan(catalog.plan('demo', application({ totalCost: '1000000.00' }), NOW));
    expect(amounts(plan)).toEqual({ club: '250000.00', federal: '100000.00', state: '500000.00' });
    expect(plan.unallocated).toBe('150000.00');
    expect(plan.trace).toContainEqual(
      expect.objectContaining({
        rule: 'D-2',
        says:
          'federal share capped at MXN 100,000.00; the MXN 150,000.00 gap is left unallocated, ' +
          'to be allocated by hand',
      }),
    );
    // Tranches still cover the whole cost.
    expect(plan.tranches.map((tranche) => tranche.amount)).toEqual(['500000.00', '500000.00']);
  });

  const cascade = (municipalCap?: object) =>
    programme({
      shares: {
        club: { rule: 'D-1', percent: 25 },
        federal: {
          rule: 'D-1',
          percent: 25,
          cap: { rule: 'D-2', amount: '100000.00' },
          whenCapped: { rule: 'D-2', absorb: 'pro-rata', among: ['state', 'municipal'] },
        },
        state: {
          rule: 'D-1',
          percent: 25,
          cap: { rule: 'D-5', amount: '300000.00' },
          whenCapped: { rule: 'D-5', absorb: 'party', party: 'municipal' },
        },
        municipal: { rule: 'D-1', percent: 25, ...municipalCap },
      },
    });

  it('a gap taken up by a party that then hits its own cap moves on', async () => {
    // 1,600,000: 400,000 each. Federal capped at 100,000: 300,000 to state and municipal (150,000 each).
    // State (550,000) capped at 300,000: its 250,000 gap goes to municipal (550,000 + 250,000).
    const catalog = catalogOfObject(cascade());
    const plan = expectPlan(catalog.plan('demo', application({ totalCost: '1600000.00' }), NOW));
    expect(amounts(plan)).toEqual({
      club: '400000.00',
      federal: '100000.00',
      state: '300000.00',
      municipal: '800000.00',
    });
    expect(plan.shares.map((share) => share.capped)).toEqual([false, true, true, false]);
  });

  it('when every party that could take a gap is capped, the gap is left unallocated', async () => {
    const catalog = catalogOfObject(
      cascade({
        cap: { rule: 'D-6', amount: '500000.00' },
        whenCapped: { rule: 'D-6', absorb: 'pro-rata', among: ['state', 'federal'] },
      }),
    );
    const plan = expectPlan(catalog.plan('demo', application({ totalCost: '1600000.00' }), NOW));
    expect(amounts(plan)).toEqual({
      club: '400000.00',
      federal: '100000.00',
      state: '300000.00',
      municipal: '500000.00',
    });
    expect(plan.unallocated).toBe('300000.00');
    expect(
      plan.trace.some((finding) =>
        finding.says.includes('left unallocated, to be allocated by hand (state and federal cannot take it)'),
      ),
    ).toBe(true);
  });

  it('a percentage cap rounds down to the minor unit, so the share never exceeds it', async () => {
    const catalog = catalogOfObject(
      programme({
        shares: {
          club: { rule: 'D-1', rest: true },
          federal: { rule: 'D-1', percent: 50, cap: { rule: 'D-2', percent: '33.333' } },
        },
      }),
    );
    // 33.333% of 100.01 is 33.3363333...: the cap is 33.33, the club pays the rest, 66.68.
    const plan = expectPlan(catalog.plan('demo', application({ totalCost: '100.01' }), NOW));
    expect(amounts(plan)).toEqual({ club: '66.68', federal: '33.33' });
  });
});

describe('optional parties', () => {
  const withOptional = (whenAbsent: object) =>
    programme({
      shares: {
        club: { rule: 'D-1', percent: 50 },
        federal: { rule: 'D-1', percent: 30 },
        state: { rule: 'D-1', percent: 20, optional: true, whenAbsent },
      },
    });

  it("an absent party's share goes where whenAbsent says", async () => {
    const catalog = catalogOfObject(withOptional({ rule: 'D-7', absorb: 'party', party: 'federal' }));
    expect(amounts(expectPlan(catalog.plan('demo', application({ totalCost: '1000.00' }), NOW)))).toEqual({
      club: '500.00',
      federal: '500.00',
    });
    const joined = expectPlan(
      catalog.plan('demo', application({ totalCost: '1000.00', joiningParties: ['state'] }), NOW),
    );
    expect(amounts(joined)).toEqual({ club: '500.00', federal: '300.00', state: '200.00' });
  });

  it('or stays unallocated', async () => {
    const catalog = catalogOfObject(withOptional({ rule: 'D-7', absorb: 'unallocated' }));
    const plan = expectPlan(catalog.plan('demo', application({ totalCost: '1000.00' }), NOW));
    expect(amounts(plan)).toEqual({ club: '500.00', federal: '300.00' });
    expect(plan.unallocated).toBe('200.00');
  });
});

describe('amounts', () => {
  it('fixed amounts, percentages of a quantity, and the rest', async () => {
    const catalog = catalogOfObject(
      programme({
        quantities: {
          eligibleCost: {
            rule: 'D-8',
            says: 'the eligible part of the cost',
            percentField: 'investorStakePercent',
            default: 80,
          },
        },
        shares: {
          club: { rule: 'D-1', rest: true },
          federal: { rule: 'D-1', amount: '50000.00' },
          state: { rule: 'D-1', percent: 10, of: 'eligibleCost' },
        },
      }),
    );
    // Default 80%: eligible cost 160,000, state 16,000; club pays 200,000 - 50,000 - 16,000.
    expect(amounts(expectPlan(catalog.plan('demo', application({ totalCost: '200000.00' }), NOW)))).toEqual({
      club: '134000.00',
      federal: '50000.00',
      state: '16000.00',
    });
    // Given 50%: eligible cost 100,000, state 10,000.
    expect(
      amounts(
        expectPlan(catalog.plan('demo', application({ totalCost: '200000.00', investorStakePercent: '50' }), NOW)),
      ),
    ).toEqual({
      club: '140000.00',
      federal: '50000.00',
      state: '10000.00',
    });
  });

  it('refuses a plan where the other shares exceed the total', async () => {
    const catalog = catalogOfObject(
      programme({ shares: { club: { rule: 'D-1', rest: true }, federal: { rule: 'D-1', amount: '50000.00' } } }),
    );
    const result = expectIneligible(catalog.plan('demo', application({ totalCost: '40000.00' }), NOW));
    expect(result.failures).toEqual([
      expect.objectContaining({
        rule: 'D-1',
        says: 'the other shares (MXN 50,000.00) exceed the total cost MXN 40,000.00: nothing is left for club',
      }),
    ]);
  });

  it.each([
    ['JPY', '1000', { club: '334', federal: '333', state: '333' }],
    ['KWD', '1.000', { club: '0.334', federal: '0.333', state: '0.333' }],
    ['MXN', '0.10', { club: '0.04', federal: '0.03', state: '0.03' }],
  ])('rounds %s to its minor unit by largest remainder', async (currency, totalCost, expected) => {
    const catalog = catalogOfObject(
      programme({
        currency,
        shares: {
          club: { rule: 'D-1', percent: '33.3334' },
          federal: { rule: 'D-1', percent: '33.3333' },
          state: { rule: 'D-1', percent: '33.3333' },
        },
      }),
    );
    const plan = expectPlan(catalog.plan('demo', application({ currency, totalCost }), NOW));
    expect(amounts(plan)).toEqual(expected);
    expect(plan.trace.some((finding) => finding.rule === 'rounding' && finding.says.includes('went to club'))).toBe(
      true,
    );
  });
});

describe('eligibility predicates', () => {
  const gated = programme({
    shares: { club: { rule: 'D-1', percent: 50 }, federal: { rule: 'D-1', percent: 50 } },
    eligibility: [
      { rule: 'E-1', says: 'works of MXN 1,000.00 to 5,000.00', field: 'totalCost', min: '1000.00', max: '5000.00' },
      {
        rule: 'E-2',
        says: 'a returnee came back within 2 years',
        when: { field: 'investorStatus', equals: 'returnee' },
        field: 'returnedAt',
        withinYearsBefore: 2,
      },
      { rule: 'E-3', says: 'not in litigation', field: 'inFinancialLitigation', notEquals: true, ifMissing: 'pass' },
      { rule: 'E-4', says: 'not a casino', field: 'sector', notIn: ['casino'], ifMissing: 'pass' },
    ],
  });

  it('applies a rule only when its `when` holds, and lets ifMissing: pass through', async () => {
    const catalog = catalogOfObject(gated);
    expectPlan(catalog.plan('demo', application({ totalCost: '2000.00', investorStatus: 'mre' }), NOW));
    expectPlan(
      catalog.plan(
        'demo',
        application({ totalCost: '2000.00', investorStatus: 'returnee', returnedAt: '2019-02-01' }),
        NOW,
      ),
    );
  });

  it('lists every failure', async () => {
    const catalog = catalogOfObject(gated);
    const result = expectIneligible(
      catalog.plan(
        'demo',
        application({
          totalCost: '6000.00',
          investorStatus: 'returnee',
          returnedAt: '2018-12-31',
          inFinancialLitigation: true,
          sector: 'casino',
        }),
        NOW,
      ),
    );
    expect(result.failures.map((failure) => failure.rule)).toEqual(['E-1', 'E-2', 'E-3', 'E-4']);
    expect(result.failures[0]?.says).toBe(
      'works of MXN 1,000.00 to 5,000.00: not met (totalCost is MXN 6,000.00, above the maximum MXN 5,000.00)',
    );
    expect(result.failures[3]?.says).toBe('not a casino: not met (sector is casino, which is excluded)');
  });
});
