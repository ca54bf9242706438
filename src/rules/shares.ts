import { Decimal, ZERO, allocate, minorUnits, sum } from '../money';
import { fieldValue, type Application } from './application';
import type { AbsorbPolicy, LimitData, ProjectTypeData, ShareData } from './schema';
import type { RuleFinding, RuleVersion } from './types';
import { displayMoney, listWords, percentText } from './wording';

const HUNDRED = new Decimal(100);

export interface SharePart {
  party: string;
  definition: ShareData;
  /** Exact (unrounded) amount. */
  exact: Decimal;
  /** Whole minor units, after largest-remainder rounding. */
  amount: Decimal;
  capped: boolean;
}

export interface ShareOutcome {
  parts: SharePart[];
  unallocated: Decimal;
  trace: RuleFinding[];
  failures: RuleFinding[];
}

interface Working {
  party: string;
  definition: ShareData;
  exact: Decimal;
  capped: boolean;
}

/**
 * Who pays what, in five steps, each traced:
 * 1. every taking part party's nominal amount: a percent of the total or of a quantity, a fixed
 *    amount, or the amount the application declares;
 * 2. an optional party that does not take part: its nominal amount goes where `whenAbsent` says;
 * 3. caps, in file order, until none binds: a capped party keeps its cap and the gap goes where
 *    `whenCapped` says -- pro rata among named parties still under their caps, one named party,
 *    the rest, or unallocated (also when no named party can take it);
 * 4. the party taking the rest gets the total less everyone else (never below zero);
 * 5. floors are checked on exact amounts (a share below its floor makes the application
 *    ineligible), then the amounts are rounded to the currency's minor unit by largest remainder, so
 *    they sum exactly to the total less what is unallocated, and a share left one unit under its
 *    floor by the rounding gets that unit (`settleFloors`).
 */
export function computeShares(version: RuleVersion, type: ProjectTypeData, application: Application): ShareOutcome {
  const { currency } = application;
  const total = application.totalCost;
  const trace: RuleFinding[] = [];
  const failures: RuleFinding[] = [];
  const money = (amount: Decimal) => displayMoney(amount, currency);

  const bases = new Map<string, { value: Decimal; words: string }>([
    ['total', { value: total, words: 'the total cost' }],
  ]);
  for (const [name, quantity] of Object.entries(version.quantities)) {
    const given =
      quantity.percentField === undefined
        ? undefined
        : (fieldValue(application, quantity.percentField) as Decimal | undefined);
    const percent = new Decimal(quantity.percent ?? given ?? quantity.default ?? 0);
    const base = bases.get(quantity.of)!;
    const value = base.value.times(percent).dividedBy(HUNDRED);
    bases.set(name, { value, words: quantity.says });
    const source =
      quantity.percentField && given === undefined ? ` (${quantity.percentField} not given, so the default)` : '';
    trace.push({
      rule: quantity.rule,
      says: `${quantity.says} is ${percentText(percent)}% of ${base.words}${source}: ${money(value)}`,
    });
  }

  const joining = new Set(application.joiningParties);
  const entries = Object.entries(type.shares);
  const working: Working[] = [];
  const absent: Working[] = [];
  for (const [party, definition] of entries) {
    const part: Working = { party, definition, exact: ZERO, capped: false };
    if (definition.optional && !joining.has(party)) absent.push(part);
    else working.push(part);
  }
  const rest = working.find((part) => part.definition.rest);
  let unallocated = ZERO;

  const nominal = (part: Working): { amount: Decimal; words: string } => {
    const { definition } = part;
    const declared =
      definition.declaredBy === undefined
        ? undefined
        : (fieldValue(application, definition.declaredBy) as Decimal | undefined);
    if (declared !== undefined)
      return { amount: declared, words: `declares ${money(declared)} (${definition.declaredBy})` };
    if (definition.amount !== undefined) {
      const amount = new Decimal(definition.amount);
      return { amount, words: `pays a fixed ${money(amount)}` };
    }
    const base = bases.get(definition.of ?? 'total')!;
    const amount = base.value.times(definition.percent!).dividedBy(HUNDRED);
    return {
      amount,
      words: `pays ${percentText(new Decimal(definition.percent!))}% of ${base.words}: ${money(amount)}`,
    };
  };

  for (const part of working) {
    if (part.definition.rest) continue;
    const { amount, words } = nominal(part);
    part.exact = amount;
    trace.push({ rule: part.definition.rule, says: `${part.party} ${words}` });
  }

  /** Moves `gap` where the policy says; returns the words for the trace. */
  const place = (gap: Decimal, policy: AbsorbPolicy | undefined): string => {
    const named = policy?.absorb === 'pro-rata' ? policy.among : policy?.absorb === 'party' ? [policy.party] : [];
    const targets = working.filter((part) => named.includes(part.party) && !part.capped && part !== rest);
    if (targets.length > 0) {
      shareProRata(gap, targets);
      const who = listWords(targets.map((part) => part.party));
      return targets.length === 1 ? `taken by ${who}` : `shared pro rata by ${who}`;
    }
    const reason = named.length > 0 ? ` (${listWords(named)} cannot take it)` : '';
    if (policy?.absorb !== 'unallocated' && rest && !rest.capped)
      return `left to ${rest.party}, which takes the rest${reason}`;
    unallocated = unallocated.plus(gap);
    return `left unallocated, to be allocated by hand${reason}`;
  };

  for (const part of absent) {
    const { amount } = nominal(part);
    const policy = part.definition.whenAbsent;
    const where = place(amount, policy);
    trace.push({
      rule: policy?.rule ?? part.definition.rule,
      says: `${part.party} does not take part; its ${money(amount)} is ${where}`,
    });
  }

  const settleRest = () => {
    if (rest && !rest.capped)
      rest.exact = total
        .minus(sum(working.filter((part) => part !== rest).map((part) => part.exact)))
        .minus(unallocated);
  };

  // Each pass caps one more party, so this ends after at most one pass per party.
  for (;;) {
    settleRest();
    const over = working.find((part) => {
      if (part.capped || !part.definition.cap) return false;
      return part.exact.greaterThan(limitValue(part.definition.cap, bases, currency, 'cap'));
    });
    if (!over) break;
    const cap = limitValue(over.definition.cap!, bases, currency, 'cap');
    const gap = over.exact.minus(cap);
    over.exact = cap;
    over.capped = true;
    const where = place(gap, over.definition.whenCapped);
    trace.push({
      rule: over.definition.cap!.rule,
      says:
        `${over.party} share capped at ${money(cap)}${describeLimit(over.definition.cap!, bases)}; ` +
        `the ${money(gap)} gap is ${where}`,
    });
  }

  if (rest) {
    if (rest.exact.isNegative()) {
      const others = total.minus(rest.exact).minus(unallocated);
      failures.push({
        rule: rest.definition.rule,
        says:
          `the other shares (${money(others)}) exceed the total cost ${money(total)}: ` +
          `nothing is left for ${rest.party}`,
      });
    } else if (!rest.capped) {
      trace.push({
        rule: rest.definition.rule,
        says: `${rest.party} ${restVerb(version, rest.party)} the rest: ${money(rest.exact)}`,
      });
    }
  }

  const floors = new Map<string, Decimal>();
  for (const part of working) {
    const floor = part.definition.floor;
    if (!floor) continue;
    const minimum = limitValue(floor, bases, currency, 'floor');
    floors.set(part.party, minimum);
    const words = `${part.party} must bring at least ${money(minimum)}${describeLimit(floor, bases)}`;
    // Judged on the exact floor: 25% of 245,322,888.37 is 61,330,722.0925, which a 25% share meets;
    // rounding then makes sure the share is at least the floor in whole units (61,330,722.10).
    if (part.exact.lessThan(limitValue(floor, bases, currency, 'exact'))) {
      failures.push({ rule: floor.rule, says: `${words}; it would be ${money(part.exact)}` });
    } else {
      trace.push({ rule: floor.rule, says: `${words}: ${money(part.exact)} does` });
    }
  }

  if (failures.length > 0) {
    return { parts: working.map((part) => ({ ...part, amount: part.exact })), unallocated, trace, failures };
  }

  const rounded = allocate(total, [...working.map((part) => part.exact), unallocated], currency);
  const parts = working.map((part, index) => ({ ...part, amount: rounded[index]! }));
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(minorUnits(currency)));
  const roundedUp = parts.filter((part) =>
    part.amount.greaterThan(part.exact.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN)),
  );
  if (parts.some((part) => !part.amount.equals(part.exact))) {
    trace.push({
      rule: 'rounding',
      says:
        `exact shares had fractions of the smallest ${currency} unit (${unit.toFixed()}): each was rounded down` +
        (roundedUp.length > 0
          ? ` and the ${roundedUp.length} unit(s) left over went to ` +
            `${listWords(roundedUp.map((part) => part.party))}, which had the largest remainders`
          : ''),
    });
  }
  const settled = settleFloors(parts, rounded[working.length]!, floors, currency, unit);
  trace.push(...settled.trace);
  failures.push(
    ...settled.short.map((part) => ({
      rule: part.definition.floor!.rule,
      says:
        `${part.party} must bring at least ${money(floors.get(part.party)!)}, ` +
        `which whole ${currency} units cannot give once the other shares are rounded`,
    })),
  );
  return { parts, unallocated: settled.unallocated, trace, failures };
}

/**
 * Largest remainder may leave a share that meets its floor exactly one minor unit under the floor
 * in whole units. That unit comes from the rest when it is not capped, else from the unallocated
 * amount, else from the largest share neither capped nor floored, else from the largest share that
 * can spare it: the sum is unchanged and taking a unit away never crosses a cap. Only tiny totals
 * (0.01 with floors of 1% and 99%) find no donor: those shares are returned as `short`.
 */
function settleFloors(
  parts: SharePart[],
  unallocated: Decimal,
  floors: Map<string, Decimal>,
  currency: string,
  unit: Decimal,
) {
  const trace: RuleFinding[] = [];
  const short: SharePart[] = [];
  const floorOf = (part: SharePart) => floors.get(part.party);
  const canSpare = (part: SharePart) => part.amount.minus(unit).greaterThanOrEqualTo(floorOf(part) ?? 0);
  for (const part of parts) {
    const floor = floorOf(part);
    if (!floor || part.amount.greaterThanOrEqualTo(floor)) continue;
    const others = parts
      .filter((other) => other !== part && canSpare(other))
      .sort((a, b) => b.amount.comparedTo(a.amount));
    const rest = others.find((other) => other.definition.rest && !other.capped);
    const fromUnallocated = !rest && unallocated.greaterThanOrEqualTo(unit);
    const donor = fromUnallocated
      ? undefined
      : (rest ?? others.find((other) => !other.capped && !floorOf(other)) ?? others[0]);
    if (!donor && !fromUnallocated) {
      short.push(part);
      continue;
    }
    if (donor) donor.amount = donor.amount.minus(unit);
    else unallocated = unallocated.minus(unit);
    part.amount = part.amount.plus(unit);
    trace.push({
      rule: 'rounding',
      says:
        `${currency} ${unit.toFixed()} moved from ${donor?.party ?? 'the unallocated amount'} to ${part.party}, ` +
        `so that ${part.party} is not under its floor once rounded`,
    });
  }
  return { unallocated, trace, short };
}

/**
 * Shares `gap` among `targets` in proportion to what they pay so far (equally when they all pay
 * nothing). The last target takes what is left, so the parts sum exactly to the gap.
 */
function shareProRata(gap: Decimal, targets: Working[]) {
  const weights = targets.map((part) => part.exact);
  const weightSum = sum(weights);
  let given = ZERO;
  targets.forEach((part, index) => {
    const portion =
      index === targets.length - 1
        ? gap.minus(given)
        : weightSum.isZero()
          ? gap.dividedBy(targets.length)
          : gap.times(weights[index]!).dividedBy(weightSum);
    given = given.plus(portion);
    part.exact = part.exact.plus(portion);
  });
}

/** A cap rounds down and a floor up to the minor unit, so a rounded share can never cross either. */
function limitValue(
  limit: LimitData,
  bases: Map<string, { value: Decimal }>,
  currency: string,
  kind: 'cap' | 'floor' | 'exact',
): Decimal {
  if (limit.amount !== undefined) return new Decimal(limit.amount);
  const value = bases
    .get(limit.of ?? 'total')!
    .value.times(limit.percent!)
    .dividedBy(HUNDRED);
  if (kind === 'exact') return value;
  return value.toDecimalPlaces(minorUnits(currency), kind === 'cap' ? Decimal.ROUND_DOWN : Decimal.ROUND_UP);
}

function describeLimit(limit: LimitData, bases: Map<string, { words: string }>): string {
  if (limit.percent === undefined) return '';
  return ` (${percentText(new Decimal(limit.percent))}% of ${bases.get(limit.of ?? 'total')!.words})`;
}

function restVerb(version: RuleVersion, party: string): string {
  return version.parties[party]?.funding === 'credit' ? 'lends' : 'pays';
}
