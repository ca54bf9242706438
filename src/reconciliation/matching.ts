import type { Decimal } from '../money';

/*
 * Automatic matching of bank lines to the ledger's movements, pure. The criteria, in their order of
 * trust: amount and currency (the same signed amount: money in against money in), a date window
 * (the bank's booking date within DATE_WINDOW_DAYS of the entry), then the reference (the line's
 * remittance information, end-to-end id or bank reference quoting the entry, its project or its
 * tranche), then the counterparty (the line's other party named like an organisation of the
 * movement). Each criterion after the date window only narrows candidates that remain: a line is
 * matched when exactly one is left, and the criteria that agreed are recorded. When several are
 * left, the line stays unmatched and they are proposed. Movements are indexed by amount and
 * currency, so a line looks at its own bucket only: the work grows with the lines, not lines x
 * movements.
 */

export const DATE_WINDOW_DAYS = 10;

export interface MatchableLine {
  id: string;
  /** Signed: positive is money in. */
  amount: Decimal;
  currency: string;
  bookingDate: string;
  /** Remittance, end-to-end id and bank reference, as the bank wrote them. */
  texts: string[];
  counterparty: string;
}

export interface MatchableMovement {
  entryId: string;
  amount: Decimal;
  currency: string;
  date: string;
  /** What a payer may quote: the entry's reference, its application's and tranche's ids. */
  references: string[];
  /** Organisation names the money may come from or go to. */
  counterparties: string[];
}

export interface Found {
  lineId: string;
  entryId: string;
  rule: string;
}

export interface Ambiguous {
  lineId: string;
  candidates: string[];
}

const DAY = 86_400_000;
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / DAY;

/** Lower case, no accents, single spaces: how names and references are compared. */
export const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const bucketKey = (amount: Decimal, currency: string) => `${currency}:${amount.toFixed()}`;

export function quotesReference(line: MatchableLine, movement: MatchableMovement): boolean {
  const texts = line.texts.map((text) => text.toLowerCase());
  return movement.references.some((reference) => texts.some((text) => text.includes(reference.toLowerCase())));
}

export function namesCounterparty(line: MatchableLine, movement: MatchableMovement): boolean {
  const name = normalise(line.counterparty);
  if (name.length < 3) return false;
  return movement.counterparties.some((candidate) => {
    const other = normalise(candidate);
    return other.length >= 3 && (other.includes(name) || name.includes(other));
  });
}

export function matchLines(
  lines: readonly MatchableLine[],
  movements: readonly MatchableMovement[],
): { found: Found[]; ambiguous: Ambiguous[] } {
  const buckets = new Map<string, MatchableMovement[]>();
  for (const movement of movements) {
    const key = bucketKey(movement.amount, movement.currency);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(movement);
    else buckets.set(key, [movement]);
  }
  const taken = new Set<string>();
  const found: Found[] = [];
  const ambiguous: Ambiguous[] = [];
  const ordered = [...lines].sort((a, b) => a.bookingDate.localeCompare(b.bookingDate) || compareIds(a.id, b.id));
  for (const line of ordered) {
    const bucket = buckets.get(bucketKey(line.amount, line.currency)) ?? [];
    let candidates = bucket.filter(
      (movement) => !taken.has(movement.entryId) && daysApart(line.bookingDate, movement.date) <= DATE_WINDOW_DAYS,
    );
    if (candidates.length === 0) continue;
    const agreed = ['amount', 'currency', 'date-window'];
    for (const [criterion, test] of [
      ['reference', quotesReference],
      ['counterparty', namesCounterparty],
    ] as const) {
      const narrowed = candidates.filter((movement) => test(line, movement));
      if (narrowed.length > 0 && (candidates.length > 1 || narrowed.length === candidates.length)) {
        candidates = narrowed;
        agreed.push(criterion);
      }
    }
    if (candidates.length === 1) {
      taken.add(candidates[0]!.entryId);
      found.push({ lineId: line.id, entryId: candidates[0]!.entryId, rule: agreed.join('+') });
    } else {
      ambiguous.push({ lineId: line.id, candidates: candidates.map((movement) => movement.entryId) });
    }
  }
  return { found, ambiguous };
}

const compareIds = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
