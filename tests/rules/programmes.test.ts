import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import { addBusinessDays } from '../../src/rules';
import { NOW, amounts, expectIneligible, expectPlan, shippedCatalog } from './support';

/**
 * The shipped programmes against the facts of ../shared/domain/programmes.md. Every expected figure
 * below is worked out by hand from the rule it cites, not copied from the evaluator's output.
 */

const catalog = await shippedCatalog();

const validTomaDeNota = { validFrom: '2012-06-01', validTo: '2014-05-31' };

function tresPorUno(fields: Record<string, unknown>) {
  return {
    projectType: 'infrastructure',
    title: 'Pavimentación de calle',
    currency: 'MXN',
    location: 'Jerez, Zacatecas',
    ...fields,
  };
}

function mdm(fields: Record<string, unknown>) {
  return {
    projectType: 'creation',
    title: 'Usine de conditionnement',
    currency: 'MAD',
    sector: 'industry',
    location: 'Tanger',
    investorStatus: 'mre',
    ...fields,
  };
}

describe('tres-por-uno: infrastructure (3x1-1, 3x1-2, 3x1-4)', () => {
  it.each([
    // 3x1-1: 25% each; the example.
    [
      '2,400,000.00 in 2013: four shares of 600,000.00',
      '2400000.00',
      '2013-09-10',
      { club: '600000.00', federal: '600000.00', state: '600000.00', municipal: '600000.00' },
    ],
    // 3x1-4: Zacatecas 2013, 2,221,208.00 = 4 x 555,302.00.
    [
      '3x1-4: 2,221,208.00 = 4 x 555,302.00',
      '2221208.00',
      '2013-04-15',
      { club: '555302.00', federal: '555302.00', state: '555302.00', municipal: '555302.00' },
    ],
    // 3x1-2 (2013-2018): 25% of 5,000,000 is 1,250,000 > 1,000,000; the 250,000 gap goes half to
    // state, half to municipal.
    [
      '3x1-2: MXN 5,000,000.00 in 2014, federal capped at 1,000,000.00',
      '5000000.00',
      '2014-02-20',
      { club: '1250000.00', federal: '1000000.00', state: '1375000.00', municipal: '1375000.00' },
    ],
    // Exactly 4,000,000: 25% is the cap itself, which does not bind.
    [
      'MXN 4,000,000.00 in 2014: at the cap, not above it',
      '4000000.00',
      '2014-02-20',
      { club: '1000000.00', federal: '1000000.00', state: '1000000.00', municipal: '1000000.00' },
    ],
    // 3x1-2 (2008-09, about 800,000): 25% of 4,000,000 is 1,000,000 > 800,000; 200,000 gap split state/municipal.
    [
      '3x1-2: MXN 4,000,000.00 in 2009, federal capped at about 800,000.00',
      '4000000.00',
      '2009-07-01',
      { club: '1000000.00', federal: '800000.00', state: '1100000.00', municipal: '1100000.00' },
    ],
    // 2010-2012 keeps 800,000 (documented choice).
    [
      '3x1-2: MXN 4,000,000.00 in 2011 keeps the 800,000.00 cap',
      '4000000.00',
      '2011-07-01',
      { club: '1000000.00', federal: '800000.00', state: '1100000.00', municipal: '1100000.00' },
    ],
    // One centavo that does not divide by four: largest remainder gives it to the first party (ties to the earlier).
    [
      '1,000,000.01: the odd centavo goes by largest remainder',
      '1000000.01',
      '2014-02-20',
      { club: '250000.01', federal: '250000.00', state: '250000.00', municipal: '250000.00' },
    ],
  ])('%s', (_title, totalCost, filedAt, expected) => {
    const registration = { validFrom: filedAt.slice(0, 4) + '-01-01', validTo: filedAt.slice(0, 4) + '-12-31' };
    const plan = expectPlan(catalog.plan('tres-por-uno', tresPorUno({ totalCost, filedAt, registration }), NOW));
    expect(amounts(plan)).toEqual(expected);
    expect(plan.total).toBe(totalCost);
    expect(plan.unallocated).toBe('0.00');
  });

  it('says in the trace that the federal cap binds and who takes up the gap', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({ totalCost: '4800000.00', filedAt: '2014-02-20', registration: validTomaDeNota }),
        NOW,
      ),
    );
    expect(plan.trace).toContainEqual(
      expect.objectContaining({
        rule: '3x1-2',
        says:
          'federal share capped at MXN 1,000,000.00; the MXN 200,000.00 gap is shared pro rata ' +
          'by state and municipal',
      }),
    );
    expect(plan.shares.find((share) => share.party === 'federal')).toMatchObject({
      amount: '1000000.00',
      capped: true,
      percent: '20.8333',
    });
    expect(plan.shares.filter((share) => share.capped).map((share) => share.party)).toEqual(['federal']);
  });

  it('records the version in force, its hash, approvals by the COVAM parties and the 20-business-day window', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({ totalCost: '2400000.00', filedAt: '2014-02-20', registration: validTomaDeNota }),
        NOW,
      ),
    );
    const version = catalog.versionAt('tres-por-uno', '2014-02-20')!;
    expect(plan).toMatchObject({
      ruleSet: 'tres-por-uno',
      ruleVersion: '2013',
      ruleHash: version.hash,
      currency: 'MXN',
      filedOn: '2014-02-20',
    });
    expect(plan.ruleHash).toMatch(/^[0-9a-f]{64}$/);
    // 3x1-6: federal, state, municipal; never the club (maker-checker).
    expect(plan.requiredApprovals).toEqual(['federal', 'state', 'municipal']);
    // 3x1-8: first tranche 50%.
    expect(plan.tranches[0]).toMatchObject({ index: 1, percent: '50', amount: '1200000.00' });
    expect(plan.tranches.every((tranche) => !tranche.approvers.includes('club'))).toBe(true);
    // 3x1-7: 20 business days to prove funds, counted from the eligibility notice.
    expect(plan.deadlines).toMatchObject([
      { rule: '3x1-7', party: 'club', kind: 'proof-of-funds', businessDays: 20, from: 'eligibility-notice' },
    ]);
    expect(plan.clawback).toBeNull();
    // How the money arrives, for the workflow: public pools are held, the club pays in.
    expect(Object.fromEntries(plan.shares.map((share) => [share.party, share.funding]))).toEqual({
      club: 'contribution',
      federal: 'budget',
      state: 'budget',
      municipal: 'budget',
    });
  });

  it("3x1-7: the 20 business days skip weekends and the rule file's holidays", () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({ totalCost: '2400000.00', filedAt: '2014-02-20', registration: validTomaDeNota }),
        NOW,
      ),
    );
    const [deadline] = plan.deadlines;
    // Notice on Monday 3 March 2014: 20 weekdays later is Monday 31 March, but Monday 17 March
    // (third Monday of March, Benito Juárez) is a rest day, so the window ends on Tuesday 1 April.
    expect(addBusinessDays('2014-03-03', deadline!.businessDays)).toBe('2014-03-31');
    expect(addBusinessDays('2014-03-03', deadline!.businessDays, deadline!.holidays)).toBe('2014-04-01');
  });
});

describe('tres-por-uno: productive projects (3x1-3)', () => {
  const registration = validTomaDeNota;

  it('federal 50% / club 50% when state and municipality do not join', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          projectType: 'productive-family',
          beneficiaryFamilies: 3,
          totalCost: '400000.00',
          filedAt: '2014-01-10',
          registration,
        }),
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({ club: '200000.00', federal: '200000.00' });
    // Approvals come from paying parties only.
    expect(plan.requiredApprovals).toEqual(['federal']);
  });

  it('federal support is capped at MXN 250,000.00 and the club covers the rest', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          projectType: 'productive-individual',
          totalCost: '600000.00',
          filedAt: '2014-01-10',
          registration,
        }),
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({ club: '350000.00', federal: '250000.00' });
  });

  it('state and municipality may join, 25% each', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          projectType: 'productive-community',
          beneficiaryFamilies: 12,
          totalCost: '800000.00',
          joiningParties: ['state', 'municipal'],
          filedAt: '2014-01-10',
          registration,
        }),
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({
      club: '200000.00',
      federal: '200000.00',
      state: '200000.00',
      municipal: '200000.00',
    });
    expect(plan.requiredApprovals).toEqual(['federal', 'state', 'municipal']);
  });

  it.each([
    ['productive-community', 4, '3x1-3'],
    ['productive-family', 1, '3x1-3'],
    ['productive-family', 5, '3x1-3'],
  ])('refuses %s with %i families', (projectType, beneficiaryFamilies, rule) => {
    const result = expectIneligible(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({ projectType, beneficiaryFamilies, totalCost: '300000.00', filedAt: '2014-01-10', registration }),
        NOW,
      ),
    );
    expect(result.failures.map((failure) => failure.rule)).toEqual([rule]);
  });

  it('a productive-community project without its number of families is refused, not guessed', () => {
    const result = expectIneligible(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          projectType: 'productive-community',
          totalCost: '300000.00',
          filedAt: '2014-01-10',
          registration,
        }),
        NOW,
      ),
    );
    expect(result.failures[0]?.says).toContain('beneficiaryFamilies was not given');
  });
});

describe('tres-por-uno: club registration (3x1-5) and versions', () => {
  it('refuses an expired Toma de Nota', () => {
    const result = expectIneligible(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          totalCost: '2400000.00',
          filedAt: '2014-08-01',
          registration: { validFrom: '2012-06-01', validTo: '2014-05-31' },
        }),
        NOW,
      ),
    );
    expect(result.failures).toEqual([
      expect.objectContaining({
        rule: '3x1-5',
        field: 'registration',
        says:
          "the club's Toma de Nota must be valid on the filing date: not met " +
          '(registration runs from 2012-06-01 to 2014-05-31, which does not cover the filing date 2014-08-01)',
      }),
    ]);
    expect(result.ruleVersion).toBe('2013');
  });

  it('refuses an application without a Toma de Nota', () => {
    const result = expectIneligible(
      catalog.plan('tres-por-uno', tresPorUno({ totalCost: '2400000.00', filedAt: '2014-08-01' }), NOW),
    );
    expect(result.failures.map((failure) => failure.rule)).toEqual(['3x1-5']);
  });

  it('judges by the filing date as written, even near midnight in Mexico', () => {
    // 23:30 on 31 December 2012 in Mexico City is already 2013 in UTC; the 2010 rules (cap 800,000) apply.
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          totalCost: '4000000.00',
          filedAt: '2012-12-31T23:30:00-06:00',
          registration: { validFrom: '2012-01-01', validTo: '2013-12-31' },
        }),
        NOW,
      ),
    );
    expect(plan.ruleVersion).toBe('2010');
    expect(amounts(plan).federal).toBe('800000.00');
  });

  it('filedAt defaults to now, which the caller passes', () => {
    const plan = expectPlan(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({ totalCost: '2400000.00', registration: validTomaDeNota }),
        new Date('2014-03-01T10:00:00Z'),
      ),
    );
    expect(plan.filedOn).toBe('2014-03-01');
    expect(plan.ruleVersion).toBe('2013');
  });

  it('has no version in force after the programme ended in 2018', () => {
    const result = expectIneligible(
      catalog.plan(
        'tres-por-uno',
        tresPorUno({
          totalCost: '2400000.00',
          filedAt: '2020-03-01',
          registration: { validFrom: '2020-01-01', validTo: '2021-12-31' },
        }),
        NOW,
      ),
    );
    expect(result).toMatchObject({ ruleVersion: null, ruleHash: null });
    expect(result.failures[0]?.rule).toBe('in-force');
  });
});

describe('zacatecas-2x1 (Z-1)', () => {
  it('40% state, 35% municipalities, 25% club', () => {
    const plan = expectPlan(
      catalog.plan(
        'zacatecas-2x1',
        {
          projectType: 'infrastructure',
          title: 'Techado de escuela',
          totalCost: '1000000.00',
          currency: 'MXN',
          filedAt: '2021-05-04',
          registration: { validFrom: '2020-01-01', validTo: '2021-12-31' },
        },
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({ state: '400000.00', municipal: '350000.00', club: '250000.00' });
    expect(plan.requiredApprovals).toEqual(['state', 'municipal']);
    expect(plan.deadlines[0]).toMatchObject({ rule: '3x1-7', party: 'club', businessDays: 20 });
  });

  it('keeps the 3x1 registration rule', () => {
    const result = expectIneligible(
      catalog.plan(
        'zacatecas-2x1',
        {
          projectType: 'infrastructure',
          totalCost: '1000000.00',
          currency: 'MXN',
          filedAt: '2021-05-04',
          registration: { validFrom: '2018-01-01', validTo: '2019-12-31' },
        },
        NOW,
      ),
    );
    expect(result.failures.map((failure) => failure.rule)).toEqual(['3x1-5']);
  });
});

describe('mdm-invest', () => {
  it('M-3: MAD 80,000,000.00, sole investor: grant capped at 5,000,000.00, equity 25%, the bank lends the rest', () => {
    // 10% of the MRE's quote-part (100% of 80,000,000) is 8,000,000 > 5,000,000.
    const plan = expectPlan(catalog.plan('mdm-invest', mdm({ totalCost: '80000000.00', filedAt: '2017-06-12' }), NOW));
    expect(amounts(plan)).toEqual({ investor: '20000000.00', grant: '5000000.00', bank: '55000000.00' });
    expect(plan.shares.find((share) => share.party === 'grant')?.capped).toBe(true);
    expect(plan.ruleVersion).toBe('2015');
    expect(plan.requiredApprovals).toEqual(['grant', 'bank']);
    // M-6: the grant is clawed back if the MRE disinvests within 5 years of releasing the equity.
    expect(plan.clawback).toMatchObject({ rule: 'M-6', party: 'grant', years: 5, from: 'equity-release' });
    // M-3: equity in foreign currency into a dedicated dirham account.
    expect(plan.shares.find((share) => share.party === 'investor')).toMatchObject({
      funding: 'contribution',
      applicant: true,
      contribution: { rule: 'M-3', currency: 'foreign', into: 'a dedicated dirham account' },
    });
    expect(plan.shares.find((share) => share.party === 'bank')?.funding).toBe('credit');
  });

  it("M-3: with a 40% stake the grant is 10% of the MRE's quote-part", () => {
    // Quote-part = 40% of 10,000,000 = 4,000,000; grant = 400,000; equity 25% = 2,500,000.
    const plan = expectPlan(
      catalog.plan(
        'mdm-invest',
        mdm({ totalCost: '10000000.00', investorStakePercent: 40, filedAt: '2017-06-12' }),
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({ investor: '2500000.00', grant: '400000.00', bank: '7100000.00' });
  });

  it('M-3: a declared equity above the minimum leaves less to borrow', () => {
    const plan = expectPlan(
      catalog.plan(
        'mdm-invest',
        mdm({ totalCost: '10000000.00', ownContribution: '4000000.00', filedAt: '2017-06-12' }),
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({ investor: '4000000.00', grant: '1000000.00', bank: '5000000.00' });
  });

  it.each(['real-estate', 'deep-sea-fishing'])('M-5: refuses a %s project', (sector) => {
    const result = expectIneligible(
      catalog.plan('mdm-invest', mdm({ totalCost: '10000000.00', sector, filedAt: '2017-06-12' }), NOW),
    );
    expect(result.failures.map((failure) => failure.rule)).toEqual(['M-5']);
    expect(result.failures[0]?.says).toContain(`sector is ${sector}`);
  });

  it('lists every failed rule at once', () => {
    const result = expectIneligible(
      catalog.plan(
        'mdm-invest',
        mdm({
          totalCost: '500000.00',
          sector: 'real-estate',
          investorStatus: 'resident',
          ownContribution: '50000.00',
          inFinancialLitigation: true,
          filedAt: '2017-06-12',
        }),
        NOW,
      ),
    );
    // Below MAD 1 million (M-3), not an MRE (M-4), in litigation (M-4), excluded sector (M-5), equity below 25% (M-3).
    expect(result.failures.map((failure) => failure.rule)).toEqual(['M-3', 'M-4', 'M-4', 'M-5', 'M-3']);
    expect(result.failures[4]?.says).toContain('at least MAD 125,000.00');
  });

  it('M-4: a returnee qualifies within one year of coming back, not after', () => {
    const base = mdm({ totalCost: '10000000.00', investorStatus: 'returnee', filedAt: '2017-06-12' });
    expectPlan(catalog.plan('mdm-invest', { ...base, returnedAt: '2016-07-01' }, NOW));
    const late = expectIneligible(catalog.plan('mdm-invest', { ...base, returnedAt: '2016-06-01' }, NOW));
    expect(late.failures.map((failure) => failure.rule)).toEqual(['M-4']);
  });

  it('M-7: a 2021 sector is accepted only under the 2021 version', () => {
    const energy = mdm({ totalCost: '10000000.00', sector: 'energy' });
    const refused = expectIneligible(catalog.plan('mdm-invest', { ...energy, filedAt: '2019-09-01' }, NOW));
    expect(refused.ruleVersion).toBe('2015');
    expect(refused.failures.map((failure) => failure.rule)).toEqual(['M-5']);
    const accepted = expectPlan(catalog.plan('mdm-invest', { ...energy, filedAt: '2022-09-01' }, NOW));
    expect(accepted.ruleVersion).toBe('2021');
    // 20% equity (M-7); grant still 10% of the quote-part.
    expect(amounts(accepted)).toEqual({ investor: '2000000.00', grant: '1000000.00', bank: '7000000.00' });
  });

  it('M-7: 21% equity in dirhams is enough in 2022, not in 2019', () => {
    const application = mdm({ totalCost: '10000000.00', ownContribution: '2100000.00' });
    expectIneligible(catalog.plan('mdm-invest', { ...application, filedAt: '2019-09-01' }, NOW));
    const plan = expectPlan(catalog.plan('mdm-invest', { ...application, filedAt: '2022-09-01' }, NOW));
    expect(plan.shares.find((share) => share.party === 'investor')?.contribution?.currency).toBe('any');
    // The grant in tranches as the investment progresses.
    expect(plan.tranches.map((tranche) => tranche.amount)).toEqual(['4000000.00', '3000000.00', '3000000.00']);
  });

  it('M-1: the 2009 design pays 10% of the cost, for projects of MAD 1 to 50 million', () => {
    const plan = expectPlan(catalog.plan('mdm-invest', mdm({ totalCost: '20000000.00', filedAt: '2010-03-01' }), NOW));
    expect(plan.ruleVersion).toBe('2009');
    expect(amounts(plan)).toEqual({ investor: '5000000.00', grant: '2000000.00', bank: '13000000.00' });
    const tooBig = expectIneligible(
      catalog.plan('mdm-invest', mdm({ totalCost: '60000000.00', filedAt: '2010-03-01' }), NOW),
    );
    expect(tooBig.failures.map((failure) => failure.rule)).toEqual(['M-1']);
  });

  it('M-2: from 2013 the grant is capped at MAD 5,000,000.00', () => {
    // 10% of 60,000,000 is 6,000,000 > 5,000,000. With 25% equity (15,000,000) the bank would lend
    // 40,000,000, above M-1's 65% (39,000,000): the investor brings the other 1,000,000.
    const plan = expectPlan(catalog.plan('mdm-invest', mdm({ totalCost: '60000000.00', filedAt: '2013-05-01' }), NOW));
    expect(amounts(plan)).toEqual({ investor: '16000000.00', grant: '5000000.00', bank: '39000000.00' });
    expect(
      plan.trace.some((finding) => finding.rule === 'M-2' && finding.says.includes('capped at MAD 5,000,000.00')),
    ).toBe(true);
  });

  it('M-1: bank credit is at most 65%; when less equity is declared, the investor must bring the difference', () => {
    // 20,000,000 - 4,000,000 declared - 2,000,000 grant leaves 14,000,000 (70%) to borrow; the cap is
    // 13,000,000 and the file says the investor absorbs the 1,000,000 gap.
    const plan = expectPlan(
      catalog.plan(
        'mdm-invest',
        mdm({ totalCost: '20000000.00', ownContribution: '4000000.00', filedAt: '2010-03-01' }),
        NOW,
      ),
    );
    expect(amounts(plan)).toEqual({ investor: '5000000.00', grant: '2000000.00', bank: '13000000.00' });
    expect(plan.trace).toContainEqual(
      expect.objectContaining({
        rule: 'M-1',
        says:
          'bank share capped at MAD 13,000,000.00 (65% of the total cost); ' +
          'the MAD 1,000,000.00 gap is taken by investor',
      }),
    );
  });
});

describe('african-diaspora-marketplace (ADM)', () => {
  const adm = (fields: Record<string, unknown>) => ({
    projectType: 'creation',
    title: 'Solar kiosks',
    currency: 'USD',
    applicantResidence: 'US',
    hasLocalPartner: true,
    ...fields,
  });

  it.each([
    ['a dollar for a dollar', '150000.00', '2010-01-15', { grant: '75000.00', entrepreneur: '75000.00' }],
    [
      'grant capped at USD 100,000.00 in the first round',
      '300000.00',
      '2010-01-15',
      { grant: '100000.00', entrepreneur: '200000.00' },
    ],
    [
      'grant capped at USD 50,000.00 in the second round',
      '150000.00',
      '2011-06-15',
      { grant: '50000.00', entrepreneur: '100000.00' },
    ],
  ])('%s', (_title, totalCost, filedAt, expected) => {
    expect(amounts(expectPlan(catalog.plan('african-diaspora-marketplace', adm({ totalCost, filedAt }), NOW)))).toEqual(
      expected,
    );
  });

  it(
    'refuses a grant below USD 50,000.00 in the first round, ' +
      'and an applicant without a US residence or a local partner',
    () => {
      const result = expectIneligible(
        catalog.plan(
          'african-diaspora-marketplace',
          adm({ totalCost: '80000.00', applicantResidence: 'GB', hasLocalPartner: false, filedAt: '2010-01-15' }),
          NOW,
        ),
      );
      expect(result.failures.map((failure) => failure.rule)).toEqual(['ADM-2', 'ADM-3', 'ADM-1']);
    },
  );
});

describe('applications a rule set cannot read', () => {
  function fieldsOf(run: () => unknown): string[] {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).errors.map((fieldError) => fieldError.field);
    }
    return expect.fail('expected a ValidationError');
  }

  it.each([
    ['totalCost as a JSON number', { totalCost: 2400000 }, ['totalCost']],
    ['totalCost with one decimal', { totalCost: '2400000.5' }, ['totalCost']],
    ['an unknown currency', { currency: 'XYZ' }, ['currency']],
    ['a currency the programme does not use', { currency: 'USD' }, ['currency']],
    ['a project type it does not offer', { projectType: 'creation' }, ['projectType']],
    ['a misspelt field', { beneficiaryFamily: 5 }, ['beneficiaryFamily']],
    ['a party that is not optional', { joiningParties: ['federal'] }, ['joiningParties.0']],
    ['a bad filing date', { filedAt: '2014-02-30' }, ['filedAt']],
    [
      'a registration ending before it starts',
      { registration: { validFrom: '2014-01-01', validTo: '2013-01-01' } },
      ['registration.validTo'],
    ],
  ])('refuses %s, naming the field', (_title, change, fields) => {
    const application = {
      ...tresPorUno({ totalCost: '2400000.00', filedAt: '2014-02-20', registration: validTomaDeNota }),
      ...change,
    };
    expect(fieldsOf(() => catalog.plan('tres-por-uno', application, NOW))).toEqual(fields);
  });

  it('names every bad field at once', () => {
    expect(
      fieldsOf(() =>
        catalog.plan('tres-por-uno', { projectType: '', totalCost: 5, currency: 'MXN', beneficiaryFamilies: -1 }, NOW),
      ),
    ).toEqual(['projectType', 'beneficiaryFamilies', 'totalCost']);
  });

  it('an unknown rule set is not found', () => {
    expect(() => catalog.plan('cuatro-por-uno', {}, NOW)).toThrow(/rule set cuatro-por-uno was not found/);
  });
});
