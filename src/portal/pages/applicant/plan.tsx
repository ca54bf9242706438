import type { Context } from 'hono';
import { CofundError, type FieldError } from '../../../errors';
import type { Locale } from '../../../i18n';
import { IneligibleError, whatIfPlan } from '../../../rule-sets/service';
import {
  APPLICATION_FIELDS,
  FIELD_LABELS,
  fallbackNotice,
  textIn,
  type ApplicationField,
  type LocalizedRefusal,
  type Plan,
  type RuleCatalog,
} from '../../../rules';
import type { RuleVersion } from '../../../rules/types';
import type { PortalEnv } from '../../env';
import { PlanView } from '../../plan-view';
import { APPLICANT_TEXTS } from './texts';

/*
 * The application form is drawn from the rule version in force: the fields its eligibility rules
 * and shares test, the project types and optional parties it declares. The what-if plan and the
 * filing read that form into the same JSON body /v1 takes, and go through the same services.
 */

/** Always asked: what every rule set reads. The currency is the programme's, never typed. */
const BASE_FIELDS = ['title', 'projectType', 'totalCost'] as const;
/** Set by the server, never typed: the filing instant. */
const NOT_ASKED = new Set<string>([...BASE_FIELDS, 'currency', 'filedAt']);

export interface ApplicationForm {
  version: RuleVersion;
  /** The declared fields beyond the base ones, in rule-file order. */
  fields: ApplicationField[];
  projectTypes: { id: string; name: string }[];
  /** Parties a project may do without (3x1-3's state and municipality): the applicant ticks those joining. */
  optionalParties: { id: string; name: string }[];
}

/** Every `field`, `declaredBy` and `when.field` a part of the rule file names. */
function namedFields(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) namedFields(item, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'field' || key === 'declaredBy') && typeof value === 'string') into.add(value);
      else namedFields(value, into);
    }
  }
}

const ruleText = (version: RuleVersion, path: string, fallback: string, locale: Locale) => {
  const text = version.texts.get(path);
  return text ? textIn(text, locale, version.language) : fallback;
};

export function applicationForm(version: RuleVersion, locale: Locale): ApplicationForm {
  const named = new Set<string>();
  namedFields(version.eligibility, named);
  namedFields(version.projectTypes, named);
  const fields = [...named].filter(
    (field): field is ApplicationField => field in APPLICATION_FIELDS && !NOT_ASKED.has(field),
  );
  const optional = new Set<string>();
  for (const type of Object.values(version.projectTypes))
    for (const [party, share] of Object.entries(type.shares)) if (share.optional) optional.add(party);
  return {
    version,
    fields,
    projectTypes: Object.entries(version.projectTypes).map(([id, type]) => ({
      id,
      name: ruleText(version, `projectTypes.${id}.name`, type.name ?? id, locale),
    })),
    optionalParties: [...optional].map((id) => ({
      id,
      name: ruleText(version, `parties.${id}.name`, version.parties[id]?.name ?? id, locale),
    })),
  };
}

export const fieldLabel = (field: string, locale: Locale) => {
  const label = FIELD_LABELS[locale][field as ApplicationField] ?? field;
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
};

/** The typed values of a form, by field name, as the inputs hold them (strings). */
export type FormValues = Record<string, string | undefined>;

/** The form's values as the JSON body of POST /v1/programmes/{id}/applications: empty fields left out. */
export function applicationBody(form: ApplicationForm, values: FormValues, currency: string): Record<string, unknown> {
  const body: Record<string, unknown> = { currency };
  const value = (name: string) => {
    const v = values[name]?.trim();
    return v ? v : undefined;
  };
  for (const name of [...BASE_FIELDS, ...form.fields]) {
    const kind = APPLICATION_FIELDS[name];
    if (kind === 'period') {
      const [validFrom, validTo] = [value(`${name}.validFrom`), value(`${name}.validTo`)];
      if (validFrom || validTo) body[name] = { validFrom: validFrom ?? '', validTo: validTo ?? '' };
      continue;
    }
    const v = value(name);
    if (v === undefined) continue;
    // A number field is a JSON number; anything else stays as typed, so the schema names what is wrong.
    if (kind === 'number' && name === 'beneficiaryFamilies' && /^\d{1,9}$/.test(v)) body[name] = Number(v);
    else if (kind === 'flag' && (v === 'true' || v === 'false')) body[name] = v === 'true';
    else body[name] = v;
  }
  const joining = form.optionalParties.filter((party) => values[`joiningParties.${party.id}`]).map((p) => p.id);
  if (joining.length > 0) body.joiningParties = joining;
  return body;
}

export type PlanOutcome =
  | { kind: 'empty' }
  | { kind: 'plan'; plan: Plan }
  | { kind: 'invalid'; errors: FieldError[]; message: string }
  | { kind: 'ineligible'; errors: FieldError[]; refusal: LocalizedRefusal };

/** Each failed rule as an error beside the field it tests (or of the form, when it tests none). */
export function failureErrors(refusal: LocalizedRefusal): FieldError[] {
  return refusal.failures.map((failure) => ({
    field: failure.field ?? 'projectType',
    message: `${failure.rule}: ${failure.text}`,
  }));
}

/** The what-if plan of POST /v1/rule-sets/{id}/plan for this form; nothing is filed or written. */
export function planOf(
  rules: RuleCatalog,
  ruleSet: string,
  body: Record<string, unknown>,
  now: Date,
  locale: Locale,
): PlanOutcome {
  if (body.projectType === undefined || body.totalCost === undefined) return { kind: 'empty' };
  try {
    return { kind: 'plan', plan: whatIfPlan(rules, ruleSet, body, now, locale) };
  } catch (error) {
    return refusedPlan(error);
  }
}

/** A refusal by the rules (ineligible, unreadable) as a form shows it; anything else is rethrown. */
export function refusedPlan(error: unknown): PlanOutcome {
  if (error instanceof IneligibleError) {
    const refusal = error.extra.localized as LocalizedRefusal;
    return { kind: 'ineligible', errors: failureErrors(refusal), refusal };
  }
  if (error instanceof CofundError) {
    return { kind: 'invalid', errors: error.errors, message: error.message };
  }
  throw error;
}

/** What the plan section shows for an outcome: the plan, the rules' refusal, or what to type. */
export function PlanSection(props: { c: Context<PortalEnv>; outcome: PlanOutcome }) {
  const t = APPLICANT_TEXTS[props.c.var.locale];
  const { outcome } = props;
  return (
    <section id="plan" aria-labelledby="plan-title" aria-live="polite">
      <h2 id="plan-title">{t.planTitle}</h2>
      {outcome.kind === 'empty' ? <p>{t.planNone}</p> : null}
      {outcome.kind === 'invalid' ? <p>{t.planInvalid}</p> : null}
      {outcome.kind === 'ineligible' ? (
        <div class="warning">
          <p>{t.planIneligible}</p>
          {fallbackNotice(outcome.refusal) ? <p lang={props.c.var.locale}>{fallbackNotice(outcome.refusal)}</p> : null}
          <ul>
            {outcome.errors.map((error) => (
              <li>{error.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome.kind === 'plan' ? <PlanView c={props.c} plan={outcome.plan} id="what-if" /> : null}
    </section>
  );
}
