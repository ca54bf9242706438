import { z } from 'zod';
import { ValidationError, type FieldError } from '../errors';
import { Decimal, isCurrency, parseMoney, type CurrencyCode } from '../money';
import { INSTANT_RANGE_MESSAGE, isStorableInstant, safeText, uniqueArray } from '../input';
import { isCalendarDate, utcDate, type CalendarDate } from './dates';

/**
 * The application fields rule files may test, and the kind of value each holds. A rule file that
 * names a field outside this table, or tests it with an operator that does not fit its kind, is
 * refused at load.
 */
export const APPLICATION_FIELDS = {
  projectType: 'text',
  title: 'text',
  sector: 'text',
  location: 'text',
  currency: 'text',
  investorStatus: 'text',
  applicantResidence: 'text',
  totalCost: 'money',
  ownContribution: 'money',
  beneficiaryFamilies: 'number',
  investorStakePercent: 'number',
  filedAt: 'date',
  returnedAt: 'date',
  registration: 'period',
  inFinancialLitigation: 'flag',
  hasLocalPartner: 'flag',
} as const;

export type ApplicationField = keyof typeof APPLICATION_FIELDS;
export type FieldKind = (typeof APPLICATION_FIELDS)[ApplicationField];
export const applicationFieldNames = Object.keys(APPLICATION_FIELDS) as [ApplicationField, ...ApplicationField[]];

const text = safeText(500);
const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD');
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true }), z.date()], {
    error: 'must be an ISO-8601 date (2014-05-02) or date-time with offset (2014-05-02T10:00:00-06:00)',
  })
  .refine((value) => isStorableInstant(new Date(value)), INSTANT_RANGE_MESSAGE);
const decimalText = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * The application as a client sends it (contract "Application fields"). Unknown fields are refused
 * so that a misspelt field is an error rather than silently ignored. Money fields are checked
 * against the currency after this schema (`parseApplication`), so their messages can name it.
 */
export const applicationSchema = z.strictObject({
  projectType: text,
  title: text.optional(),
  totalCost: z.unknown(),
  currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code such as "MXN"'),
  sector: text.optional(),
  location: text.optional(),
  filedAt: instant.optional(),
  beneficiaryFamilies: z.number().int('must be a whole number').nonnegative('must not be negative').optional(),
  investorStakePercent: z
    .union([z.number(), z.string().regex(decimalText)], { error: 'must be a number such as 40 or "33.5"' })
    .refine((value) => {
      // zod runs this even when the union refused the value: judge only what it let through.
      if (typeof value === 'string' ? !decimalText.test(value) : !Number.isFinite(value)) return true;
      const percent = new Decimal(String(value));
      return percent.greaterThan(0) && percent.lessThanOrEqualTo(100);
    }, 'must be more than 0 and at most 100')
    .optional(),
  investorStatus: text.optional(),
  returnedAt: calendarDate.optional(),
  inFinancialLitigation: z.boolean().optional(),
  registration: z
    .strictObject({ validFrom: calendarDate, validTo: calendarDate })
    .refine((period) => period.validFrom <= period.validTo, {
      message: 'validTo must not be before validFrom',
      path: ['validTo'],
    })
    .optional(),
  ownContribution: z.unknown().optional(),
  applicantResidence: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "US"')
    .optional(),
  hasLocalPartner: z.boolean().optional(),
  // A set of the rule set's party names: a handful, each once.
  joiningParties: uniqueArray(
    z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a party name such as "state"'),
    10,
  ).optional(),
});

export type ApplicationInput = z.input<typeof applicationSchema>;

export interface Period {
  validFrom: CalendarDate;
  validTo: CalendarDate;
}

/** An application checked and typed: amounts as Decimals, the filing date resolved. */
export interface Application {
  projectType: string;
  title?: string;
  totalCost: Decimal;
  currency: CurrencyCode;
  sector?: string;
  location?: string;
  /** The instant of filing as given (or `now`), ISO-8601. */
  filedAt: string;
  /** The calendar date that picks the rule version: the date as written in filedAt, or now's UTC date. */
  filedOn: CalendarDate;
  beneficiaryFamilies?: number;
  investorStakePercent?: Decimal;
  investorStatus?: string;
  returnedAt?: CalendarDate;
  inFinancialLitigation?: boolean;
  registration?: Period;
  ownContribution?: Decimal;
  applicantResidence?: string;
  hasLocalPartner?: boolean;
  joiningParties: string[];
}

/**
 * Checks an application's shape and amounts; throws one ValidationError naming every bad field.
 * `now` stands in for a missing filedAt. Whether the currency and project type suit a programme is
 * the evaluator's business, once it knows the rule version.
 */
export function parseApplication(input: unknown, now: Date): Application {
  const result = applicationSchema.safeParse(input);
  const errors: FieldError[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys)
          errors.push({ field: fieldPath([...issue.path, key]), message: 'is not an application field' });
      } else {
        errors.push({ field: fieldPath(issue.path) || 'application', message: issue.message });
      }
    }
  }
  const raw = (input ?? {}) as Record<string, unknown>;
  // Amounts are checked even when other fields fail, so that one answer names every bad field.
  const currency = isCurrency(raw.currency) ? raw.currency : undefined;
  const money = (field: 'totalCost' | 'ownContribution', required: boolean): Decimal | undefined => {
    const value = raw[field];
    if (value === undefined && !required) return undefined;
    if (currency === undefined) return undefined;
    try {
      return parseMoney(value, currency, field);
    } catch (error) {
      if (error instanceof ValidationError) errors.push(...error.errors);
      else throw error;
      return undefined;
    }
  };
  const totalCost = money('totalCost', true);
  const ownContribution = money('ownContribution', false);
  if (!result.success || errors.length > 0 || totalCost === undefined) {
    throw new ValidationError(
      `The application is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
  }

  const data = result.data;
  const { filedAt, filedOn } = filing(data.filedAt, now);
  return {
    projectType: data.projectType,
    ...(data.title !== undefined && { title: data.title }),
    totalCost,
    currency: data.currency,
    ...(data.sector !== undefined && { sector: data.sector }),
    ...(data.location !== undefined && { location: data.location }),
    filedAt,
    filedOn,
    ...(data.beneficiaryFamilies !== undefined && { beneficiaryFamilies: data.beneficiaryFamilies }),
    ...(data.investorStakePercent !== undefined && {
      investorStakePercent: new Decimal(String(data.investorStakePercent)),
    }),
    ...(data.investorStatus !== undefined && { investorStatus: data.investorStatus }),
    ...(data.returnedAt !== undefined && { returnedAt: data.returnedAt }),
    ...(data.inFinancialLitigation !== undefined && { inFinancialLitigation: data.inFinancialLitigation }),
    ...(data.registration !== undefined && { registration: data.registration }),
    ...(ownContribution !== undefined && { ownContribution }),
    ...(data.applicantResidence !== undefined && { applicantResidence: data.applicantResidence }),
    ...(data.hasLocalPartner !== undefined && { hasLocalPartner: data.hasLocalPartner }),
    joiningParties: data.joiningParties ?? [],
  };
}

/**
 * The filing date is the calendar date written in filedAt -- the filer's own date when it carries
 * an offset -- so that a Mexican club filing at 23:00 on 31 December is judged by that year's rules.
 */
function filing(filedAt: string | Date | undefined, now: Date): { filedAt: string; filedOn: CalendarDate } {
  if (filedAt === undefined) return { filedAt: now.toISOString(), filedOn: utcDate(now) };
  if (filedAt instanceof Date) return { filedAt: filedAt.toISOString(), filedOn: utcDate(filedAt) };
  return { filedAt, filedOn: filedAt.slice(0, 10) };
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export type FieldValue = string | boolean | Decimal | Period;

/** The value a rule tests, typed by the field's kind; undefined when the application does not give it. */
export function fieldValue(application: Application, field: ApplicationField): FieldValue | undefined {
  if (field === 'filedAt') return application.filedOn;
  if (field === 'beneficiaryFamilies') {
    return application.beneficiaryFamilies === undefined ? undefined : new Decimal(application.beneficiaryFamilies);
  }
  return application[field];
}
