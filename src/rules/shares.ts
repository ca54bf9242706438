import { Decimal, ZERO, allocate, minorUnits, sum } from '../money';
import { fieldValue, type Application } from './application';
import { TOTAL_COST, message, type LocalizedText, type Message } from './messages';
import { findingWriter } from './render';
import type { AbsorbPolicy, LimitData, ProjectTypeData, ShareData } from './schema';
import { partyParam, textAt } from './texts';
import type { RuleFinding, RuleVersion } from './types';
import { moneyParam, percentText } from './wording';

const HUNDRED = new Decimal(100);

/** What shares can be a percentage of: the total cost and each quantity, with its name for the trace. */
type Bases = Map<string, { value: Decimal; text: LocalizedText }>;

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
  const money = (amount: Decimal) => moneyParam(amount, currency);
  const party = (name: string) => partyParam(version, name);
  const found = findingWriter(version.language, version.messageOverrides);

  const bases: Bases = new Map([['total', { value: total, text: TOTAL_COST }]]);
  for (const [name, quantity] of Object.entries(version.quantities)) {
    const given =
      quantity.percentField === undefined
        ? undefined
        : (fieldValue(application, quantity.percentField) as Decimal | undefined);
    const percent = new Decimal(quantity.percent ?? given ?? quantity.default ?? 0);
    const base = bases.get(quantity.of)!;
    const value = base.value.times(percent).dividedBy(HUNDRED);
    const text = textAt(version, 'quantities', name, 'says');
    bases.set(name, { value, text });
    const params = { quantity: text, percent: percentText(percent), base: base.text, amount: money(value) };
    trace.push(
      found(
        quantity.rule,
        quantity.percentField && given === undefined
          ? message('quantity.default', { ...params, field: quantity.percentField })
          : message('quantity', params),
      ),
    );
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

  const nominal = (part: Working): { amount: Decimal; says: Message } => {
    const { definition } = part;
    const declared =
      definition.declaredBy === undefined
        ? undefined
        : (fieldValue(application, definition.declaredBy) as Decimal | undefined);
    const who = party(part.party);
    if (declared !== undefined) {
      const says = message('share.declared', { party: who, amount: money(declared), field: definition.declaredBy! });
      return { amount: declared, says };
    }
    if (definition.amount !== undefined) {
      const amount = new Decimal(definition.amount);
      return { amount, says: message('share.fixed', { party: who, amount: money(amount) }) };
    }
    const base = bases.get(definition.of ?? 'total')!;
    const amount = base.value.times(definition.percent!).dividedBy(HUNDRED);
    const percent = percentText(new Decimal(definition.percent!));
    return { amount, says: message('share.percent', { party: who, percent, base: base.text, amount: money(amount) }) };
  };

  for (const part of working) {
    if (part.definition.rest) continue;
    const { amount, says } = nominal(part);
    part.exact = amount;
    trace.push(found(part.definition.rule, says));
  }

  /** Moves `gap` where the policy says; returns where it went, for the trace. */
  const place = (gap: Decimal, policy: AbsorbPolicy | undefined): Message => {
    const named = policy?.absorb === 'pro-rata' ? policy.among : policy?.absorb === 'party' ? [policy.party] : [];
    const targets = working.filter((part) => named.includes(part.party) && !part.capped && part !== rest);
    if (targets.length > 0) {
      shareProRata(gap, targets);
      const parties = targets.map((part) => party(part.party));
      return message(targets.length === 1 ? 'placed.taken' : 'placed.pro-rata', { parties });
    }
    const unable = named.map(party);
    if (policy?.absorb !== 'unallocated' && rest && !rest.capped) {
      const to = party(rest.party);
      return unable.length > 0
        ? message('placed.rest.because', { party: to, named: unable })
        : message('placed.rest', { party: to });
    }
    unallocated = unallocated.plus(gap);
    return unable.length > 0
      ? message('placed.unallocated.because', { named: unable })
      : message('placed.unallocated', {});
  };

  for (const part of absent) {
    const { amount } = nominal(part);
    const policy = part.definition.whenAbsent;
    const placement = place(amount, policy);
    trace.push(
      found(
        policy?.rule ?? part.definition.rule,
        message('share.absent', { party: party(part.party), amount: money(amount), placement }),
      ),
    );
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
    const placement = place(gap, over.definition.whenCapped);
    const limit = over.definition.cap!;
    const params = { party: party(over.party), cap: money(cap), gap: money(gap), placement };
    const says =
      limit.percent === undefined
        ? message('share.capped', params)
        : message('share.capped.percent', { ...params, ...percentOf(limit, bases) });
    trace.push(found(limit.rule, says));
  }

  if (rest) {
    if (rest.exact.isNegative()) {
      const others = total.minus(rest.exact).minus(unallocated);
      failures.push(
        found(
          rest.definition.rule,
          message('share.overdrawn', { others: money(others), total: money(total), party: party(rest.party) }),
        ),
      );
    } else if (!rest.capped) {
      const lends = version.parties[rest.party]?.funding === 'credit';
      const params = { party: party(rest.party), amount: money(rest.exact) };
      trace.push(found(rest.definition.rule, message(lends ? 'share.rest.lends' : 'share.rest.pays', params)));
    }
  }

  const floors = new Map<string, Decimal>();
  for (const part of working) {
    const floor = part.definition.floor;
    if (!floor) continue;
    const minimum = limitValue(floor, bases, currency, 'floor');
    floors.set(part.party, minimum);
    const params = { party: party(part.party), minimum: money(minimum), amount: money(part.exact) };
    const ofBase = floor.percent === undefined ? undefined : percentOf(floor, bases);
    // Judged on the exact floor: 25% of 245,322,888.37 is 61,330,722.0925, which a 25% share meets;
    // rounding then makes sure the share is at least the floor in whole units (61,330,722.10).
    if (part.exact.lessThan(limitValue(floor, bases, currency, 'exact'))) {
      const says = ofBase ? message('floor.short.percent', { ...params, ...ofBase }) : message('floor.short', params);
      failures.push(found(floor.rule, says));
    } else {
      const says = ofBase ? message('floor.met.percent', { ...params, ...ofBase }) : message('floor.met', params);
      trace.push(found(floor.rule, says));
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
    const params = { currency, unit: unit.toFixed() };
    trace.push(
      found(
        'rounding',
        roundedUp.length > 0
          ? message('rounding.leftover', {
              ...params,
              count: roundedUp.length,
              parties: roundedUp.map((part) => party(part.party)),
            })
          : message('rounding.down', params),
      ),
    );
  }
  const settled = settleFloors(parts, rounded[working.length]!, floors, unit);
  for (const move of settled.moves) {
    const params = { unit: money(unit), party: party(move.to.party) };
    trace.push(
      found(
        'rounding',
        move.from
          ? message('rounding.floor-moved', { ...params, donor: party(move.from.party) })
          : message('rounding.floor-moved.unallocated', params),
      ),
    );
  }
  failures.push(
    ...settled.short.map((part) =>
      found(
        part.definition.floor!.rule,
        message('floor.unreachable', {
          party: party(part.party),
          minimum: money(floors.get(part.party)!),
          currency,
        }),
      ),
    ),
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
function settleFloors(parts: SharePart[], unallocated: Decimal, floors: Map<string, Decimal>, unit: Decimal) {
  /** Each unit moved: from a donor share, or from the unallocated amount when `from` is undefined. */
  const moves: { from: SharePart | undefined; to: SharePart }[] = [];
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
    moves.push({ from: donor, to: part });
  }
  return { unallocated, moves, short };
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

/** A percentage cap or floor's percent and base, for the trace. */
function percentOf(limit: LimitData, bases: Bases): { percent: string; base: LocalizedText } {
  return { percent: percentText(new Decimal(limit.percent!)), base: bases.get(limit.of ?? 'total')!.text };
}
