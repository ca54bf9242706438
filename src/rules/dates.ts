/**
 * Calendar dates for the rules: validity periods, filing dates, business-day windows. A calendar
 * date is the string `YYYY-MM-DD`; such strings compare correctly as text, and arithmetic goes
 * through UTC midnight so that no local time zone or daylight-saving change can shift a day.
 */

export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A day off that is not a weekend day: one date (`2018-12-01`), the same day every year
 * (`{month: 9, day: 16}`), or the nth weekday of a month every year (`{month: 3, weekday: monday,
 * nth: 3}`; `nth: -1` is the last one).
 */
export type Holiday = CalendarDate | { month: number; day: number } | { month: number; weekday: Weekday; nth: number };

export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2013-02-30 over to March: a real date survives the round trip unchanged.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): CalendarDate {
  return instant.toISOString().slice(0, 10);
}

function toUtcMidnight(date: CalendarDate): Date {
  if (!isCalendarDate(date)) throw new RangeError(`${JSON.stringify(date)} is not a calendar date YYYY-MM-DD`);
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return utcDate(new Date(toUtcMidnight(date).getTime() + days * DAY_MS));
}

/** The same day `years` later (29 February becomes 28 February in a common year). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const start = toUtcMidnight(date);
  const year = start.getUTCFullYear() + years;
  const month = start.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return utcDate(new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay))));
}

function matchesHoliday(date: Date, holiday: Holiday): boolean {
  if (typeof holiday === 'string') return utcDate(date) === holiday;
  if (date.getUTCMonth() + 1 !== holiday.month) return false;
  if ('day' in holiday) return date.getUTCDate() === holiday.day;
  if (WEEKDAYS[date.getUTCDay()] !== holiday.weekday) return false;
  if (holiday.nth > 0) return Math.ceil(date.getUTCDate() / 7) === holiday.nth;
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return Math.ceil((daysInMonth - date.getUTCDate() + 1) / 7) === -holiday.nth;
}

/** Monday to Friday and not one of `holidays`. */
export function isBusinessDay(date: CalendarDate | Date, holidays: readonly Holiday[] = []): boolean {
  const day = typeof date === 'string' ? toUtcMidnight(date) : toUtcMidnight(utcDate(date));
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.some((holiday) => matchesHoliday(day, holiday));
}

/**
 * The n-th business day after `date` (the day itself does not count): the last day of a window
 * such as 3x1-7's "20 business days after the eligibility notice". An instant counts from its UTC
 * date. `n = 0` gives `date` back unchanged.
 */
export function addBusinessDays(date: CalendarDate | Date, n: number, holidays: readonly Holiday[] = []): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number >= 0, not ${n}`);
  let current = typeof date === 'string' ? date : utcDate(date);
  toUtcMidnight(current);
  let remaining = n;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current, holidays)) remaining -= 1;
  }
  return current;
}
