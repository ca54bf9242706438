import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, minorUnits, sum } from '../../src/money';
import type { Plan, RuleCatalog, RuleVersion } from '../../src/rules';
import { NOW, catalogOfObject, expectPlan, shippedCatalog } from './support';

/**
 * Invariants every plan keeps, whatever the application: shares sum exactly to the total less
 * what is unallocated, no share is negative or has more digits than the currency, no cap is
 * exceeded and no floor undercut, tranches sum to the total, the applicant never approves, and the
 * same input gives the same plan.
 */

const catalog = await shippedCatalog();

function amountOf(value: string, currency: string): Decimal {
  const scale = minorUnits(currency);
  expect(value).toMatch(scale === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${scale}}$`));
  return new Decimal(value);
}

function checkInvariants(plan: Plan, version: RuleVersion, projectType: string) {
  const { currency } = plan;
  const total = amountOf(plan.total, currency);
  const shares = plan.shares.map((share) => amountOf(share.amount, currency));
  const unallocated = amountOf(plan.unallocated, currency);
  expect(sum(shares).plus(unallocated).equals(total)).toBe(true);
  expect(sum(plan.tranches.map((tranche) => amountOf(tranche.amount, currency))).equals(total)).toBe(true);

  const definitions = version.projectTypes[projectType]!.shares;
  const limit = (value: { amount?: string | undefined; percent?: string | undefined; of?: string | undefined }) =>
    value.amount !== undefined
      ? new Decimal(value.amount)
      : value.of === undefined || value.of === 'total'
        ? total.times(value.percent!).dividedBy(100)
        : undefined;
  plan.shares.forEach((share, index) => {
    const amount = shares[index]!;
    const definition = definitions[share.party]!;
    const cap = definition.cap && limit(definition.cap);
    if (cap)
      expect(amount.lessThanOrEqualTo(cap), `${share.party} ${share.amount} above its cap ${cap.toString()}`).toBe(
        true,
      );
    // A capped share is at its cap, or under it by at most one minor unit per floored share, the
    // last resort for a floor short of a unit after rounding (docs/rules.md, "Rounding").
    const unit = new Decimal(1).dividedBy(new Decimal(10).pow(minorUnits(currency)));
    const floored = plan.shares.filter((other) => definitions[other.party]!.floor).length;
    if (share.capped && cap) {
      expect(
        cap
          .toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN)
          .minus(amount)
          .lessThanOrEqualTo(unit.times(floored)),
      ).toBe(true);
    }
    const floor = definition.floor && limit(definition.floor);
    if (floor) expect(amount.greaterThanOrEqualTo(floor), `${share.party} below its floor`).toBe(true);
  });

  const applicant = Object.keys(version.parties).find((party) => version.parties[party]!.applicant)!;
  const paying = plan.shares.map((share) => share.party);
  expect(plan.requiredApprovals).not.toContain(applicant);
  expect(plan.requiredApprovals.every((party) => paying.includes(party))).toBe(true);
  expect(plan.requiredApprovals.length).toBeGreaterThan(0);
  for (const tranche of plan.tranches) {
    expect(tranche.approvers).not.toContain(applicant);
    expect(tranche.approvers.length).toBeGreaterThan(0);
  }
}

/** Whole minor units between min and max (both in major units), as a money string. */
function money(currency: string, min: number, max: number) {
  const scale = minorUnits(currency);
  return fc
    .bigInt({ min: BigInt(min) * 10n ** BigInt(scale), max: BigInt(max) * 10n ** BigInt(scale) })
    .map((units) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)).toFixed(scale));
}

function dateWithin(from: string, to: string | null) {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to ?? '2030-12-31'}T00:00:00Z`);
  return fc
    .integer({ min: 0, max: Math.round((end - start) / 86_400_000) })
    .map((days) => new Date(start + days * 86_400_000).toISOString().slice(0, 10));
}

type GeneratedApplication = { projectType: string } & Record<string, unknown>;

/** Applications every shipped rule set must accept: the generator keeps to each version's eligibility. */
function eligibleApplication(version: RuleVersion): fc.Arbitrary<GeneratedApplication> {
  const projectType = fc.constantFrom(...Object.keys(version.projectTypes));
  return fc
    .tuple(projectType, dateWithin(version.validFrom, version.validTo))
    .chain(([type, filedAt]): fc.Arbitrary<GeneratedApplication> => {
      const registration = {
        validFrom: `${filedAt.slice(0, 4)}-01-01`,
        validTo: `${Number(filedAt.slice(0, 4)) + 1}-12-31`,
      };
      const shares = version.projectTypes[type]!.shares;
      const optional = Object.keys(shares).filter((party) => shares[party]!.optional);
      switch (version.id) {
        case 'tres-por-uno':
        case 'zacatecas-2x1':
          return fc.record({
            projectType: fc.constant(type),
            currency: fc.constant('MXN'),
            filedAt: fc.constant(filedAt),
            registration: fc.constant(registration),
            totalCost: money('MXN', 1, 30_000_000),
            beneficiaryFamilies:
              type === 'productive-family' ? fc.integer({ min: 2, max: 4 }) : fc.integer({ min: 5, max: 500 }),
            joiningParties: fc.subarray(optional),
          });
        case 'mdm-invest': {
          const maxCost = version.version === '2009' ? 50_000_000 : 400_000_000;
          const sectors = (version.eligibility.find((rule) => rule.field === 'sector')?.in ?? []) as string[];
          const minimumEquity = new Decimal(shares.investor!.floor!.percent!);
          return fc
            .record({
              projectType: fc.constant(type),
              currency: fc.constant('MAD'),
              filedAt: fc.constant(filedAt),
              sector: fc.constantFrom(...sectors),
              investorStatus: fc.constant('mre'),
              totalCost: money('MAD', 1_000_000, maxCost),
              investorStakePercent: fc.option(
                fc.integer({ min: 1, max: 10_000 }).map((hundredths) => (hundredths / 100).toFixed(2)),
                { nil: undefined },
              ),
              equityPercent: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
            })
            .map(({ equityPercent, ...application }) => {
              if (equityPercent === undefined) return application;
              // Declared equity between the minimum and minimum + 50% of the cost, rounded up to the centime.
              const equity = new Decimal(application.totalCost)
                .times(minimumEquity.plus(equityPercent))
                .dividedBy(100)
                .toDecimalPlaces(2, Decimal.ROUND_UP);
              return { ...application, ownContribution: equity.toFixed(2) };
            });
        }
        case 'african-diaspora-marketplace':
          return fc.record({
            projectType: fc.constant(type),
            currency: fc.constant('USD'),
            filedAt: fc.constant(filedAt),
            applicantResidence: fc.constant('US'),
            hasLocalPartner: fc.constant(true),
            totalCost: money('USD', version.version === '2009' ? 100_000 : 1, 2_000_000),
          });
        default:
          throw new Error(`no generator for ${version.id}`);
      }
    });
}

describe('plans of the shipped programmes', () => {
  for (const summary of catalog.list()) {
    it(`${summary.id} ${summary.version}: every eligible application gets a plan that keeps the invariants`, () => {
      const version = catalog.versionAt(summary.id, summary.validFrom)!;
      fc.assert(
        fc.property(eligibleApplication(version), (application) => {
          const result = catalog.plan(summary.id, application, NOW);
          const plan = expectPlan(result);
          expect(plan.ruleVersion).toBe(summary.version);
          checkInvariants(plan, version, application.projectType);
          expect(catalog.plan(summary.id, structuredClone(application), NOW)).toEqual(result);
        }),
        { numRuns: 150 },
      );
    });
  }
});

/**
 * Random programmes: 2 to 5 parties, percentages that cover the total (or a party taking the
 * rest), random caps with random gap policies, optional parties that may or may not join.
 */
const syntheticProgramme = fc
  .record({
    partyCount: fc.integer({ min: 2, max: 5 }),
    withRest: fc.boolean(),
    currency: fc.constantFrom('MXN', 'JPY', 'KWD'),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 4, maxLength: 4 }),
    caps: fc.array(fc.option(fc.integer({ min: 1, max: 2_000_000 }), { nil: undefined, freq: 2 }), {
      minLength: 5,
      maxLength: 5,
    }),
    policies: fc.array(
      fc.tuple(
        fc.constantFrom('pro-rata', 'party', 'unallocated', 'rest'),
        fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }),
      ),
      { minLength: 10, maxLength: 10 },
    ),
    optional: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    floored: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ partyCount, withRest, currency, cuts, caps, policies, optional, floored }) => {
    const names = ['club', 'federal', 'state', 'municipal', 'donor'].slice(0, partyCount);
    // Percent shares: a random partition of 100 (of 100 less the rest's part when a party takes the rest).
    const points = [...cuts.slice(0, partyCount - 1)].sort((a, b) => a - b);
    const percents = [...points, 100].map((point, index) => point - (index === 0 ? 0 : points[index - 1]!));
    const restParty = withRest ? names[0] : undefined;
    const policyFor = (owner: string, index: number, mayUseRest: boolean) => {
      const [kind, picks] = policies[index]!;
      const others = names.filter((name) => name !== owner && name !== restParty);
      if (kind === 'rest') return mayUseRest && restParty ? { absorb: 'rest' } : { absorb: 'unallocated' };
      if (kind === 'unallocated' || others.length === 0) return { absorb: 'unallocated' };
      const among = [...new Set(picks.map((pick) => others[pick % others.length]!))];
      return kind === 'party' ? { absorb: 'party', party: among[0] } : { absorb: 'pro-rata', among };
    };
    const shares: Record<string, object> = {};
    names.forEach((name, index) => {
      if (name === restParty) {
        shares[name] = { rule: 'S-1', rest: true };
        return;
      }
      const isOptional = index >= 2 && optional[index]!;
      const cap = caps[index];
      const percent = restParty ? Math.max(1, Math.floor(percents[index]! / 2)) : percents[index]!;
      shares[name] = {
        rule: 'S-1',
        percent,
        // A floor at the share's own percentage, like M-3's 25% equity: met exactly, before rounding.
        ...(floored[index]! && { floor: { rule: 'S-5', percent } }),
        ...(isOptional && { optional: true, whenAbsent: policyFor(name, index, true) }),
        ...(cap !== undefined && {
          cap: { rule: 'S-2', amount: new Decimal(cap).toFixed(minorUnits(currency)) },
          whenCapped: policyFor(name, index + 5, true),
        }),
      };
    });
    const approvers = names.filter((name) => name !== 'club');
    return {
      currency,
      optional: names.filter((name) => (shares[name] as { optional?: boolean }).optional),
      file: {
        id: 'synthetic',
        name: 'Synthetic fund',
        version: '1',
        validFrom: '2020-01-01',
        currency,
        parties: Object.fromEntries(
          names.map((name) => [
            name,
            {
              name,
              role: name === 'club' ? 'association' : 'government',
              funding: name === 'club' ? 'contribution' : 'budget',
              applicant: name === 'club',
            },
          ]),
        ),
        projectTypes: { works: { rule: 'S-1', shares } },
        tranches: [
          { rule: 'S-3', percent: 33, milestone: 'first' },
          { rule: 'S-3', percent: 33, milestone: 'second' },
          { rule: 'S-3', percent: 34, milestone: 'third' },
        ],
        requiredApprovals: { rule: 'S-4', parties: approvers },
        trancheApprovals: { rule: 'S-4', parties: approvers },
      },
    };
  });

describe('plans of random programmes', () => {
  it('keep the invariants for any total and any choice of optional parties', async () => {
    await fc.assert(
      fc.asyncProperty(
        syntheticProgramme.chain((programme) =>
          fc.tuple(fc.constant(programme), money(programme.currency, 0, 10_000_000), fc.subarray(programme.optional)),
        ),
        async ([programme, totalCost, joiningParties]) => {
          fc.pre(new Decimal(totalCost).greaterThan(0));
          let built: RuleCatalog;
          try {
            built = catalogOfObject(programme.file);
          } catch (error) {
            return expect.fail(
              `generated an invalid file: ${(error as Error).message}\n${JSON.stringify(programme.file, null, 1)}`,
            );
          }
          const application = {
            projectType: 'works',
            currency: programme.currency,
            totalCost,
            joiningParties,
            filedAt: '2021-06-01',
          };
          const result = built.plan('synthetic', application, NOW);
          expect(built.plan('synthetic', application, NOW)).toEqual(result);
          // Only a cap set below a floor can make these programmes refuse an application.
          if (!result.eligible) {
            expect(result.failures.every((failure) => failure.rule === 'S-5')).toBe(true);
            return;
          }
          checkInvariants(result.plan, built.versionAt('synthetic', '2021-06-01')!, 'works');
        },
      ),
      { numRuns: 300 },
    );
  });
});
