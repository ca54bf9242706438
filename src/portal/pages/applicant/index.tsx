import { z } from '@hono/zod-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { NewContributionSchema } from '../../../api/applications/applications.routes';
import { NewTrancheSchema } from '../../../api/tranches/tranches.routes';
import { fieldErrors } from '../../../api/validation';
import { requireRole, type KeyActor } from '../../../auth';
import {
  type ApplicationDocuments,
  type SentPaper,
  authorizeUpload,
  fileWithPapers,
  papersFingerprint,
  recordDocument,
  requestTrancheWithPapers,
} from '../../../documents';
import { CofundError, type FieldError } from '../../../errors';
import { formatAmount, formatDateTime } from '../../../i18n';
import { listProgrammes } from '../../../programmes/service';
import {
  APPLICATION_FIELDS,
  documentsForStep,
  localizeDocumentNames,
  localizePlan,
  localizeStepDocuments,
} from '../../../rules';
import * as workflow from '../../../workflow';
import { personCaller } from '../../caller';
import type { PortalEnv } from '../../env';
import { readForm } from '../../form-input';
import { ErrorSummary, Field, Layout, DataTable, TableFrame, fieldError } from '../../layout';
import {
  IDEMPOTENCY_FIELD,
  MoneyFormKeys,
  Notice,
  RefusalSummary,
  moneyFormNotice,
  postMoneyForm,
  refusalOf,
} from '../../money-form';
import { PlanView } from '../../plan-view';
import {
  ACCEPTED_FILES,
  type AskedPaper,
  DocumentsSection,
  EvidenceList,
  PaperFields,
  documentsOf,
} from '../../documents';
import { CSRF_FIELD } from '../../session';
import { discardPapers, postMoneyFormWithPapers, receivePapers } from '../../uploads';
import { notFoundPage } from '../errors';
import {
  applicationBody,
  applicationForm,
  fieldLabel,
  planOf,
  PlanSection,
  type ApplicationForm,
  type FormValues,
  type PlanOutcome,
} from './plan';
import { APPLICANT_TEXTS } from './texts';

/*
 * The applicant's pages (an association or an investor): the programmes open to it, the what-if
 * calculator and filing, its applications with everything that happened to them, recording its
 * money and asking for tranches. Every read and write goes through the workflow's services with the
 * person's credential, exactly as /v1 does: an application of another organisation is a 404 page.
 */

const at = (c: Context<PortalEnv>) => APPLICANT_TEXTS[c.var.locale];

/** The signed-in applicant (an association's or investor's person), or the 403 page for any other role. */
const requireApplicant = (c: Context<PortalEnv>) => {
  const caller = personCaller(c);
  requireRole(caller.actor, ['applicant']);
  return { caller, actor: caller.actor as KeyActor };
};

/** The programmes this applicant's organisation may file to: the same checks as filing makes. */
async function openProgrammes(c: Context<PortalEnv>) {
  const { actor } = requireApplicant(c);
  const rows = await listProgrammes(c.var.db, 100);
  return rows.filter((row) => workflow.takesApplicationsFrom(c.var.deps.rules, row, actor.organisationKind));
}

async function programmesPage(c: Context<PortalEnv>) {
  const t = at(c);
  const { caller } = requireApplicant(c);
  const open = await openProgrammes(c);
  return c.html(
    <Layout c={c} title={t.programmesTitle}>
      <p>{t.programmesIntro}</p>
      {open.length === 0 ? <p>{t.noProgrammes}</p> : null}
      <ul class="cards">
        {open.map(({ programme }) => {
          const version = c.var.deps.rules.versionAt(programme.ruleSet, caller.now);
          return (
            <li>
              <h2>{programme.name}</h2>
              <dl class="facts">
                <dt>{t.ruleSet}</dt>
                <dd>
                  {c.var.deps.rules.get(programme.ruleSet).name}
                  {' · '}
                  {version ? t.inForce(version.version) : t.noVersionInForce}
                </dd>
                <dt>{t.currency}</dt>
                <dd>{programme.currency}</dd>
              </dl>
              {version ? (
                <p>
                  <a class="button" href={`/programmes/${programme.id}/apply`}>
                    {t.apply}
                  </a>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Layout>,
  );
}

/** The programme (404 unless this applicant may file to it) and its form from the rules in force. */
async function programmeForm(c: Context<PortalEnv>) {
  const id = c.req.param('id') ?? '';
  const found = (await openProgrammes(c)).find((row) => row.programme.id === id);
  const version = found && c.var.deps.rules.versionAt(found.programme.ruleSet, requireApplicant(c).caller.now);
  if (!found || !version) return undefined;
  return { programme: found.programme, form: applicationForm(version, c.var.locale) };
}

/** One input per declared field, each with its label, hint and the error (or failed rule) beside it. */
function ApplicationFields(props: {
  c: Context<PortalEnv>;
  form: ApplicationForm;
  values: FormValues;
  errors: FieldError[];
  currency: string;
}) {
  const { c, form, values, errors } = props;
  const t = at(c);
  const locale = c.var.locale;
  const kinds = form.fields.map((field) => [field, APPLICATION_FIELDS[field]] as const);
  return (
    <>
      <Field
        name="title"
        label={t.projectTitle}
        hint={t.projectTitleHint}
        value={values.title}
        errors={errors}
        required
      />
      <Field name="projectType" label={fieldLabel('projectType', locale)} errors={errors}>
        <SelectInput name="projectType" errors={errors}>
          <option value="">{t.choose}</option>
          {form.projectTypes.map((type) => (
            <option value={type.id} selected={values.projectType === type.id}>
              {type.name}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field
        name="totalCost"
        label={`${fieldLabel('totalCost', locale)} (${props.currency})`}
        hint={t.amountHint(props.currency)}
        value={values.totalCost}
        errors={errors}
        inputmode="decimal"
        autocomplete="off"
        required
      />
      {kinds.map(([field, kind]) =>
        kind === 'period' ? (
          <fieldset id={`field-${field}`} class={fieldError(errors, field) ? 'field invalid' : 'field'}>
            <legend>{fieldLabel(field, locale)}</legend>
            {fieldError(errors, field) ? (
              <p class="error" id={`field-${field}-error`}>
                {fieldError(errors, field)}
              </p>
            ) : null}
            <Field
              name={`${field}.validFrom`}
              label={t.validFrom}
              type="date"
              hint={t.dateHint}
              value={values[`${field}.validFrom`]}
              attributes={periodError(errors, field, 'validFrom')}
            />
            <Field
              name={`${field}.validTo`}
              label={t.validTo}
              type="date"
              hint={t.dateHint}
              value={values[`${field}.validTo`]}
              attributes={periodError(errors, field, 'validTo')}
            />
          </fieldset>
        ) : kind === 'flag' ? (
          <Field name={field} label={fieldLabel(field, locale)} errors={errors}>
            <SelectInput name={field} errors={errors}>
              <option value="">{t.choose}</option>
              <option value="true" selected={values[field] === 'true'}>
                {t.yes}
              </option>
              <option value="false" selected={values[field] === 'false'}>
                {t.no}
              </option>
            </SelectInput>
          </Field>
        ) : (
          <Field
            name={field}
            label={fieldLabel(field, locale)}
            type={kind === 'date' ? 'date' : 'text'}
            value={values[field]}
            errors={errors}
            {...(kind === 'money' || kind === 'number' ? { inputmode: 'decimal' as const } : {})}
          />
        ),
      )}
      {form.optionalParties.length > 0 ? (
        <fieldset>
          <legend>{t.joiningParties}</legend>
          <p class="hint">{t.joiningHint}</p>
          {form.optionalParties.map((party) => (
            <label class="check">
              <input
                type="checkbox"
                name={`joiningParties.${party.id}`}
                value="on"
                checked={Boolean(values[`joiningParties.${party.id}`])}
              />{' '}
              {party.name}
            </label>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}

/** A period's dates point at the error of the period as a whole (a rule tests the period, not a date). */
const periodError = (errors: FieldError[], field: string, part: string): Record<string, string> =>
  fieldError(errors, field)
    ? { 'aria-invalid': 'true', 'aria-describedby': `field-${field}.${part}-hint field-${field}-error` }
    : {};

/** A select tied to its label, hint-less, with its error. */
function SelectInput(props: { name: string; errors: FieldError[]; children: unknown }) {
  const error = fieldError(props.errors, props.name);
  return (
    <select
      id={`field-${props.name}`}
      name={props.name}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={error ? `field-${props.name}-error` : undefined}
    >
      {props.children as never}
    </select>
  );
}

function applyPage(
  c: Context<PortalEnv>,
  found: NonNullable<Awaited<ReturnType<typeof programmeForm>>>,
  values: FormValues,
  outcome: PlanOutcome,
  status: 200 | 422 = 200,
) {
  const t = at(c);
  const { programme, form } = found;
  const errors = outcome.kind === 'invalid' || outcome.kind === 'ineligible' ? outcome.errors : [];
  return c.html(
    <Layout c={c} title={t.applyTitle(programme.name)}>
      <p>{t.applyIntro}</p>
      {outcome.kind === 'ineligible' ? (
        <ErrorSummary c={c} errors={errors} message={t.planIneligible} />
      ) : (
        <RefusalSummary c={c} errors={errors} />
      )}
      <form
        method="post"
        action={`/programmes/${programme.id}/applications`}
        enctype="multipart/form-data"
        class="stack"
        novalidate
        data-live-plan={`/programmes/${programme.id}/plan`}
      >
        {/* Filing is a money form too: a double click files one application. */}
        <MoneyFormKeys c={c} idempotencyKey={values[IDEMPOTENCY_FIELD]} />
        <ApplicationFields c={c} form={form} values={values} errors={errors} currency={programme.currency} />
        <PaperFields
          c={c}
          legend={t.filingPapers}
          papers={filingPapers(c, found, values)}
          errors={errors}
          required={programme.requireDocuments}
        />
        <div class="actions">
          <button
            type="submit"
            class="secondary"
            formmethod="get"
            formaction={`/programmes/${programme.id}/apply`}
            formnovalidate
          >
            {t.calculate}
          </button>
          <button type="submit">{t.file}</button>
        </div>
      </form>
      <PlanSection c={c} outcome={outcome} />
    </Layout>,
    status,
  );
}

/** The papers the rules require to file a project of the chosen type (the file's own list when none is chosen). */
const filingPapers = (
  c: Context<PortalEnv>,
  found: NonNullable<Awaited<ReturnType<typeof programmeForm>>>,
  values: FormValues,
): AskedPaper[] => localizeStepDocuments(found.form.version, values.projectType ?? '', 'filing', c.var.locale);

/** A form's values without the tokens every form carries (they never travel in an address). */
const withoutTokens = (values: Record<string, string>): FormValues =>
  Object.fromEntries(Object.entries(values).filter(([name]) => name !== CSRF_FIELD && name !== IDEMPOTENCY_FIELD));

/** The what-if plan of the typed values: the same service as POST /v1/rule-sets/{id}/plan; nothing is written. */
function whatIf(c: Context<PortalEnv>, found: NonNullable<Awaited<ReturnType<typeof programmeForm>>>) {
  const values = withoutTokens(c.req.query());
  const body = applicationBody(found.form, values, found.programme.currency);
  const now = requireApplicant(c).caller.now;
  return { values, outcome: planOf(c.var.deps.rules, found.programme.ruleSet, body, now, c.var.locale) };
}

async function showApply(c: Context<PortalEnv>) {
  const found = await programmeForm(c);
  if (!found) return notFoundPage(c);
  const query = c.req.query();
  // "Show the plan" without a script submits the filing form by GET: its tokens stay out of the address.
  if (CSRF_FIELD in query || IDEMPOTENCY_FIELD in query) {
    const params = new URLSearchParams(withoutTokens(query) as Record<string, string>);
    return c.redirect(`${c.req.path}?${params.toString()}`, 303);
  }
  const { values, outcome } = whatIf(c, found);
  return applyPage(c, found, values, outcome);
}

/** The plan section alone, for the page's script to show the plan as the fields are typed. */
async function planFragment(c: Context<PortalEnv>) {
  const found = await programmeForm(c);
  if (!found) return notFoundPage(c);
  return c.html(<PlanSection c={c} outcome={whatIf(c, found).outcome} />);
}

async function fileApplication(c: Context<PortalEnv>) {
  const found = await programmeForm(c);
  if (!found) return notFoundPage(c);
  const values = c.var.form;
  const body = applicationBody(found.form, values, found.programme.currency);
  const { caller } = requireApplicant(c);
  // The rules judge first, in the reader's language, so that each failed rule is shown beside its field.
  const judged = planOf(c.var.deps.rules, found.programme.ruleSet, body, caller.now, c.var.locale);
  if (judged.kind !== 'plan') {
    const outcome: PlanOutcome = judged.kind === 'empty' ? refusedPlanOf(c, body) : judged;
    return applyPage(c, found, values, outcome, 422);
  }
  // The papers stream to the store once the fields pass; the filing records them in its transaction.
  const asked = new Set(filingPapers(c, found, values).map((paper) => paper.type));
  const done = await postMoneyFormWithPapers(
    c,
    (name) => asked.has(name),
    { application: body },
    async (tx, papers) => {
      const filed = await fileWithPapers(tx, caller, c.var.deps.rules, found.programme.id, body, papers);
      return { location: `/applications/${filed.id}`, notice: at(c).filedNotice };
    },
  );
  if ('errors' in done) {
    return applyPage(c, found, values, { kind: 'invalid', errors: done.errors, message: c.var.texts.fixErrors }, 422);
  }
  return c.redirect(done.location, 303);
}

/** An empty what-if (type or cost missing) as the rules would refuse it, naming the missing fields. */
function refusedPlanOf(c: Context<PortalEnv>, body: Record<string, unknown>): PlanOutcome {
  const errors: FieldError[] = [];
  for (const name of ['projectType', 'totalCost'])
    if (body[name] === undefined)
      errors.push({ field: name, message: `${fieldLabel(name, c.var.locale)}: ${at(c).required}` });
  return { kind: 'invalid', errors, message: c.var.texts.fixErrors };
}

async function applicationsPage(c: Context<PortalEnv>) {
  const t = at(c);
  const { caller, actor } = requireApplicant(c);
  // Its own, not those of programmes it may see for playing another party.
  const mine = (await workflow.listApplications(c.var.db, caller, {}, 100)).filter(
    (a) => a.applicantId === actor.organisationId,
  );
  const locale = c.var.locale;
  return c.html(
    <Layout c={c} title={t.applicationsTitle}>
      {mine.length === 0 ? <p>{t.noApplications}</p> : null}
      {mine.length > 0 ? (
        <DataTable caption={t.applicationsTitle} columns={[t.projectTitle, t.status, { num: t.total }, t.filedAt]}>
          {mine.map((a) => (
            <tr>
              <td>
                <a href={`/applications/${a.id}`}>{a.title}</a>
              </td>
              <td>{t.statuses[a.status] ?? a.status}</td>
              <td class="num">{formatAmount(a.total, a.currency, locale, { withSymbol: true })}</td>
              <td>{formatDateTime(a.filedAt, locale)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </Layout>,
  );
}

type View = Awaited<ReturnType<typeof workflow.applicationView>>;

/** Everything that happened to the application, oldest first. */
function timeline(view: View, t: ReturnType<typeof at>, party: (id: string) => string) {
  const events: { at: Date; text: string }[] = [{ at: view.application.createdAt, text: t.eventFiled }];
  for (const a of view.approvals)
    events.push({
      at: a.createdAt,
      text: t.eventDecision(party(a.party), a.decision === 'approve' ? t.approve : t.reject),
    });
  if (view.application.approvedAt) events.push({ at: view.application.approvedAt, text: t.eventApproved });
  for (const paid of view.contributions)
    events.push({ at: paid.createdAt, text: t.eventContribution(party(paid.party)) });
  for (const { tranche } of view.tranches) {
    events.push({ at: tranche.createdAt, text: t.eventTranche(tranche.sequence + 1) });
    if (tranche.decidedAt)
      events.push({
        at: tranche.decidedAt,
        text: t.eventTrancheDecided(tranche.sequence + 1, t.trancheStatuses[tranche.status] ?? tranche.status),
      });
  }
  if (view.application.endedAt) events.push({ at: view.application.endedAt, text: t.eventEnded });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

interface ActionForms {
  contribution?: { values: FormValues; errors: FieldError[] };
  tranche?: { values: FormValues; errors: FieldError[] };
  document?: { values: FormValues; errors: FieldError[] };
}

async function applicationPage(c: Context<PortalEnv>, forms: ActionForms = {}, status: 200 | 422 = 200) {
  const t = at(c);
  const locale = c.var.locale;
  const { caller, actor } = requireApplicant(c);
  const view = await workflow.applicationView(c.var.db, caller, c.req.param('id') ?? '');
  const { application, plan } = view;
  // Another organisation's application is not shown, whatever it may see of it elsewhere.
  if (application.applicantId !== actor.organisationId) return notFoundPage(c);
  const localized = localizePlan(plan, locale);
  const party = (id: string) => localized.parties[id] ?? id;
  // A tranche names the plan's milestone as the rules wrote it; the reader sees it in their language.
  const milestones = plan.tranches.map((tranche, index) => ({
    value: tranche.milestone,
    label: localized.milestones[index] ?? tranche.milestone,
  }));
  const milestone = (text: string) => milestones.find((m) => m.value === text)?.label ?? text;
  const money = (amount: string, currency = plan.currency) =>
    formatAmount(amount, currency, locale, { withSymbol: true });
  const notice = await moneyFormNotice(c);
  const mine = view.funding.filter((f) => f.funding !== 'budget' && f.organisation === actor.organisationId);
  const canContribute = ['filed', 'approved'].includes(application.status) && mine.length > 0;
  const canAsk =
    application.status === 'approved' && !view.tranches.some(({ tranche }) => tranche.status === 'requested');
  const documents = await documentsOf(c, caller, application.id);
  const canUpload = ['filed', 'approved'].includes(application.status);
  return c.html(
    <Layout c={c} title={application.title}>
      <Notice notice={notice} />
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd>
          <span class="status">{t.statuses[application.status] ?? application.status}</span>
        </dd>
        <dt>{t.total}</dt>
        <dd>{money(application.total)}</dd>
        <dt>{t.filedAt}</dt>
        <dd>{formatDateTime(application.filedAt, locale)}</dd>
      </dl>

      <h2>{t.timeline}</h2>
      <ol class="timeline">
        {timeline(view, t, party).map((event) => (
          <li>
            <time datetime={event.at.toISOString()}>{formatDateTime(event.at, locale)}</time> — {event.text}
          </li>
        ))}
      </ol>

      <h2>{t.planTitle}</h2>
      <PlanView c={c} plan={plan} />

      <h2>{t.approvals}</h2>
      {view.approvals.length === 0 ? <p>{t.noApprovals}</p> : null}
      {view.approvals.length > 0 ? (
        <DataTable caption={t.approvals} columns={[t.party, t.decision, t.comment, t.when]}>
          {view.approvals.map((a) => (
            <tr>
              <td>{party(a.party)}</td>
              <td>{a.decision === 'approve' ? t.approve : t.reject}</td>
              <td>{a.comment}</td>
              <td>{formatDateTime(a.createdAt, locale)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      <h2>{t.holds}</h2>
      {view.reservations.length === 0 ? <p>{t.noHolds}</p> : null}
      {view.reservations.length > 0 ? (
        <DataTable caption={t.holds} columns={[t.party, { num: t.held }, { num: t.captured }, { num: t.remaining }]}>
          {view.reservations.map((r) => (
            <tr>
              <td>{party(r.party)}</td>
              <td class="num">{money(r.amount)}</td>
              <td class="num">{money(r.captured)}</td>
              <td class="num">{money(r.remaining)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      <h2>{t.funding}</h2>
      <DataTable
        caption={t.funding}
        columns={[t.party, { num: t.share }, { num: t.contributed }, { num: t.disbursed }]}
      >
        {view.funding.map((f) => (
          <tr>
            <td>{party(f.party)}</td>
            <td class="num">{money(f.share)}</td>
            <td class="num">{f.funding === 'budget' ? '—' : money(f.contributed)}</td>
            <td class="num">{money(f.disbursed)}</td>
          </tr>
        ))}
      </DataTable>

      <h2>{t.contributions}</h2>
      {view.contributions.length === 0 ? <p>{t.noContributions}</p> : null}
      {view.contributions.length > 0 ? (
        <DataTable
          caption={t.contributions}
          columns={[t.party, { num: t.paid }, { num: t.fxRate }, { num: t.credited }, t.when]}
        >
          {view.contributions.map((paid) => (
            <tr>
              <td>{party(paid.party)}</td>
              <td class="num">{money(paid.paidAmount, paid.paidCurrency)}</td>
              <td class="num">{paid.fxRate ?? '—'}</td>
              <td class="num">{money(paid.amount)}</td>
              <td>{formatDateTime(paid.createdAt, locale)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      <h2>{t.trancheList}</h2>
      {view.tranches.length === 0 ? <p>{t.noTranches}</p> : null}
      {view.tranches.length > 0 ? (
        <TableFrame label={t.trancheList}>
          <table>
            <caption>{t.trancheList}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.milestone}</th>
                <th scope="col" class="num">
                  {t.amount}
                </th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.evidence}</th>
              </tr>
            </thead>
            <tbody>
              {view.tranches.map(({ tranche, approvals }) => (
                <tr>
                  <td>{tranche.sequence + 1}</td>
                  <td>{milestone(tranche.milestone)}</td>
                  <td class="num">{money(tranche.amount)}</td>
                  <td>
                    {t.trancheStatuses[tranche.status] ?? tranche.status}
                    {approvals.length > 0 ? (
                      <ul>
                        {approvals.map((a) => (
                          <li>{t.eventDecision(party(a.party), a.decision === 'approve' ? t.approve : t.reject)}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>
                    <EvidenceList evidence={tranche.evidence} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableFrame>
      ) : null}

      {canContribute ? (
        <ContributionForm
          c={c}
          view={view}
          parties={mine.map((f) => ({ id: f.party, name: party(f.party) }))}
          form={forms.contribution}
        />
      ) : null}
      {canAsk ? (
        <TrancheForm
          c={c}
          view={view}
          milestones={milestones}
          documents={documents}
          papers={tranchePapers(view, localizeDocumentNames(plan, locale))}
          form={forms.tranche}
        />
      ) : null}

      <DocumentsSection c={c} plan={plan} documents={documents} />
      {canUpload ? <UploadForm c={c} view={view} documents={documents} form={forms.document} /> : null}

      <h2>{t.documents}</h2>
      <ul>
        {(['pdf', 'json'] as const).map((format) => (
          <li>
            <a href={`/v1/applications/${application.id}/decision-letter.${format}?locale=${locale}`} download>
              {t.decisionLetter(format.toUpperCase())}
            </a>
          </li>
        ))}
        {(['pdf', 'csv', 'json'] as const).map((format) => (
          <li>
            <a href={`/v1/statements/applications/${application.id}.${format}?locale=${locale}`} download>
              {t.statement(format.toUpperCase())}
            </a>
          </li>
        ))}
      </ul>
    </Layout>,
    status,
  );
}

/** Upload one document (multipart/form-data, with the form's CSRF token); the type suggests the missing ones. */
function UploadForm(props: {
  c: Context<PortalEnv>;
  view: View;
  documents: ApplicationDocuments;
  form: ActionForms['document'];
}) {
  const { c, view } = props;
  const t = at(c);
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? [];
  const suggested = props.documents.required.find((item) => item.missing)?.type;
  const types = [...new Set(props.documents.required.map((item) => item.type))];
  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">{t.uploadTitle}</h2>
      <p>{t.uploadIntro}</p>
      <RefusalSummary c={c} errors={errors} />
      <form
        method="post"
        action={`/applications/${view.application.id}/documents`}
        enctype="multipart/form-data"
        class="stack"
        novalidate
      >
        <input type="hidden" name={CSRF_FIELD} value={c.var.csrf} />
        <Field
          name="type"
          label={t.documentType}
          hint={t.documentTypeHint}
          value={values.type ?? suggested}
          errors={errors}
          autocomplete="off"
          attributes={{ list: 'document-types' }}
          required
        />
        <datalist id="document-types">
          {types.map((type) => (
            <option value={type} />
          ))}
        </datalist>
        <Field name="note" label={t.documentNote} value={values.note} errors={errors} autocomplete="off" />
        {/* The file last: the fields before it are read before its bytes (src/portal/uploads.ts). */}
        <Field
          name="file"
          label={t.documentFile}
          type="file"
          errors={errors}
          required
          attributes={{ accept: ACCEPTED_FILES }}
        />
        <div class="actions">
          <button type="submit">{t.upload}</button>
        </div>
      </form>
    </section>
  );
}

function ContributionForm(props: {
  c: Context<PortalEnv>;
  view: View;
  parties: { id: string; name: string }[];
  form: ActionForms['contribution'];
}) {
  const { c, view } = props;
  const t = at(c);
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? [];
  const currency = view.plan.currency;
  return (
    <section aria-labelledby="contribution-title">
      <h2 id="contribution-title">{t.recordContribution}</h2>
      <p>{t.contributionIntro}</p>
      <RefusalSummary c={c} errors={errors} />
      <form method="post" action={`/applications/${view.application.id}/contributions`} class="stack" novalidate>
        <MoneyFormKeys c={c} idempotencyKey={values[IDEMPOTENCY_FIELD]} />
        <Field name="party" label={t.contributionParty} errors={errors}>
          <SelectInput name="party" errors={errors}>
            {props.parties.map((p) => (
              <option value={p.id} selected={values.party === p.id}>
                {p.name}
              </option>
            ))}
          </SelectInput>
        </Field>
        <Field
          name="amount"
          label={t.paidAmount}
          value={values.amount}
          errors={errors}
          inputmode="decimal"
          autocomplete="off"
          required
        />
        <Field
          name="currency"
          label={t.paidCurrency}
          hint={t.currencyHint}
          value={values.currency ?? currency}
          errors={errors}
          autocomplete="off"
          attributes={{ maxlength: 3 }}
        />
        <Field
          name="fxRate"
          label={t.fxRateLabel}
          hint={t.fxRateHint(currency)}
          value={values.fxRate}
          errors={errors}
          inputmode="decimal"
          autocomplete="off"
        />
        <div class="actions">
          <button type="submit">{t.record}</button>
        </div>
      </form>
    </section>
  );
}

function TrancheForm(props: {
  c: Context<PortalEnv>;
  view: View;
  milestones: { value: string; label: string }[];
  documents: ApplicationDocuments;
  papers: AskedPaper[];
  form: ActionForms['tranche'];
}) {
  const { c, view } = props;
  const t = at(c);
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? [];
  const next = view.tranches.filter(({ tranche }) => tranche.status !== 'rejected').length;
  const suggested = view.plan.tranches[Math.min(next, view.plan.tranches.length - 1)];
  const current = props.documents.items.filter((document) => !document.withdrawal && !document.supersededById);
  return (
    <section aria-labelledby="tranche-title">
      <h2 id="tranche-title">{t.askTranche}</h2>
      <p>{t.trancheIntro}</p>
      <RefusalSummary c={c} errors={errors} />
      <form
        method="post"
        action={`/applications/${view.application.id}/tranches`}
        enctype="multipart/form-data"
        class="stack"
        novalidate
      >
        <MoneyFormKeys c={c} idempotencyKey={values[IDEMPOTENCY_FIELD]} />
        <Field
          name="amount"
          label={`${t.trancheAmount} (${view.plan.currency})`}
          value={values.amount ?? suggested?.amount}
          errors={errors}
          inputmode="decimal"
          autocomplete="off"
          required
        />
        <Field name="milestone" label={t.trancheMilestone} errors={errors}>
          <SelectInput name="milestone" errors={errors}>
            {props.milestones.map((milestone, index) => (
              <option
                value={milestone.value}
                selected={
                  values.milestone
                    ? values.milestone === milestone.value
                    : index === Math.min(next, props.milestones.length - 1)
                }
              >
                {milestone.label}
              </option>
            ))}
          </SelectInput>
        </Field>
        {current.length > 0 ? (
          <fieldset>
            <legend>{t.citedDocuments}</legend>
            {current.map((document) => (
              <label class="check">
                <input
                  type="checkbox"
                  name={`${CITE_PREFIX}${document.id}`}
                  value="on"
                  checked={Boolean(values[`${CITE_PREFIX}${document.id}`])}
                />{' '}
                {document.type} — {document.fileName}
              </label>
            ))}
          </fieldset>
        ) : null}
        <Field name="evidence" label={t.trancheEvidence} hint={t.trancheEvidenceHint} errors={errors}>
          <textarea
            id="field-evidence"
            name="evidence"
            rows={3}
            aria-describedby={
              fieldError(errors, 'evidence') ? 'field-evidence-hint field-evidence-error' : 'field-evidence-hint'
            }
            aria-invalid={fieldError(errors, 'evidence') ? 'true' : undefined}
          >
            {values.evidence ?? ''}
          </textarea>
        </Field>
        <PaperFields
          c={c}
          legend={t.tranchePapers}
          papers={props.papers}
          errors={errors}
          required={props.documents.enforced}
        />
        <div class="actions">
          <button type="submit">{t.ask}</button>
        </div>
      </form>
    </section>
  );
}

/** The papers the rules require with the next tranche request, each with its name (`names`, in plan order). */
function tranchePapers(view: View, names: readonly string[]): AskedPaper[] {
  const next = view.tranches.filter(({ tranche }) => tranche.status !== 'rejected').length + 1;
  const all = view.plan.documents ?? [];
  return documentsForStep(view.plan, 'tranche', next).map((paper) => ({
    type: paper.type,
    rule: paper.rule,
    text: names[all.indexOf(paper)] ?? paper.says,
  }));
}

/** A tranche whose evidence is only the files sent with it: nothing else need be cited. */
const TrancheWithPapersSchema = NewTrancheSchema.extend({ evidence: z.tuple([]) });

/** The tranche form's checkbox of an uploaded document it cites: `cite.<document id>`. */
const CITE_PREFIX = 'cite.';

/**
 * The evidence as the API's items: each checked document cited by id, then each line of the box (a
 * link is a uri, 64 hex digits a sha256, anything else a name).
 */
function evidenceOf(values: FormValues) {
  const cited = Object.keys(values)
    .filter((name) => name.startsWith(CITE_PREFIX) && values[name] === 'on')
    .map((name) => ({ documentId: name.slice(CITE_PREFIX.length) }));
  const lines = (values.evidence ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) =>
      /^https?:\/\//.test(line)
        ? { name: line.split('/').pop() || line, uri: line }
        : /^[0-9a-f]{64}$/.test(line)
          ? { name: line, sha256: line }
          : { name: line },
    );
  return [...cited, ...lines];
}

/**
 * POST /applications/{id}/documents: the portal's upload form, multipart/form-data. Its CSRF token
 * and text fields come first and were read by the session; the file streams to the store and goes
 * through the same checks and the same transaction as POST /v1/applications/{id}/documents.
 */
async function uploadDocument(c: Context<PortalEnv>) {
  const { caller } = requireApplicant(c);
  const id = c.req.param('id') ?? '';
  const redraw = (errors: FieldError[]) => applicationPage(c, { document: { values: c.var.form, errors } }, 422);
  await authorizeUpload(c.var.db, caller, id);
  let papers: SentPaper[] = [];
  try {
    papers = await receivePapers(c, (name) => name === 'file');
    const [paper, another] = papers;
    if (!paper) return await redraw([{ field: 'file', message: at(c).documentFileMissing }]);
    if (another) return await redraw([{ field: 'file', message: at(c).oneFileOnly }]);
    const values = c.var.form;
    await c.var.db.transaction((tx) =>
      recordDocument(tx, caller, id, paper.received, {
        type: values.type?.trim() ?? '',
        note: values.note?.trim() ?? '',
        fileName: paper.fileName,
      }),
    );
  } catch (error) {
    if (error instanceof CofundError && error.status !== 403 && error.status !== 404)
      return await redraw(refusalOf(error, c.var.texts));
    throw error;
  } finally {
    // Refused before its row: the staged bytes go at once, and the page says why.
    await discardPapers(papers);
  }
  // The page lists the new document; nothing else to say.
  return c.redirect(`/applications/${id}`, 303);
}

const CONTRIBUTION_FIELDS = ['party', 'amount', 'currency', 'fxRate'] as const;

async function recordContribution(c: Context<PortalEnv>) {
  const t = at(c);
  const { caller } = requireApplicant(c);
  const values = c.var.form;
  const redraw = (errors: FieldError[]) => applicationPage(c, { contribution: { values, errors } }, 422);
  const read = readForm(NewContributionSchema, values, CONTRIBUTION_FIELDS);
  if (read.data === undefined) return redraw(read.errors);
  const input = read.data;
  const id = c.req.param('id') ?? '';
  const done = await postMoneyForm(c, input, async (tx) => {
    await workflow.recordContribution(tx, caller, id, input);
    return { location: `/applications/${id}`, notice: t.contributionRecorded };
  });
  return 'errors' in done ? redraw(done.errors) : c.redirect(done.location, 303);
}

async function askTranche(c: Context<PortalEnv>) {
  const t = at(c);
  const { caller } = requireApplicant(c);
  const id = c.req.param('id') ?? '';
  const redraw = (errors: FieldError[]) => applicationPage(c, { tranche: { values: c.var.form, errors } }, 422);
  const view = await workflow.applicationView(c.var.db, caller, id);
  const asked = new Set(tranchePapers(view, []).map((paper) => paper.type));
  let papers: SentPaper[] = [];
  try {
    papers = await receivePapers(c, (name) => asked.has(name));
    const values = c.var.form;
    // The evidence box holds one document a line; the rest is read as a JSON client would send it.
    const typed = Object.entries({ amount: values.amount?.trim(), milestone: values.milestone?.trim() });
    const evidence = evidenceOf(values);
    const schema = papers.length > 0 && evidence.length === 0 ? TrancheWithPapersSchema : NewTrancheSchema;
    const parsed = schema.safeParse({ ...Object.fromEntries(typed.filter(([, value]) => value)), evidence });
    if (!parsed.success) return await redraw(fieldErrors(parsed.error.issues, 'body'));
    const input = parsed.data;
    const sent = papers;
    const done = await postMoneyForm(c, { ...input, papers: papersFingerprint(sent) }, async (tx) => {
      await requestTrancheWithPapers(tx, caller, id, input, sent);
      return { location: `/applications/${id}`, notice: t.trancheAsked };
    });
    return 'errors' in done ? await redraw(done.errors) : c.redirect(done.location, 303);
  } catch (error) {
    if (error instanceof CofundError && error.status !== 403 && error.status !== 404)
      return await redraw(refusalOf(error, c.var.texts));
    throw error;
  } finally {
    await discardPapers(papers);
  }
}

/** The applicant's pages (an association's or an investor's person); any other role gets the 403 page. */
export function registerApplicantPages(router: Hono<PortalEnv>, guard: MiddlewareHandler<PortalEnv>) {
  router.get('/programmes', guard, programmesPage);
  router.get('/programmes/:id/apply', guard, showApply);
  router.get('/programmes/:id/plan', guard, planFragment);
  router.post('/programmes/:id/applications', guard, fileApplication);
  router.get('/applications', guard, applicationsPage);
  router.get('/applications/:id', guard, (c) => applicationPage(c));
  router.post('/applications/:id/contributions', guard, recordContribution);
  router.post('/applications/:id/tranches', guard, askTranche);
  router.post('/applications/:id/documents', guard, uploadDocument);
}
