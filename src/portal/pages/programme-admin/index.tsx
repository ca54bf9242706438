import type { Context, Hono, MiddlewareHandler } from 'hono';
import { SettlementSchemas } from '../../../api/applications/applications.routes';
import { BudgetSchema } from '../../../api/programmes/programmes.routes';
import { type Caller, requireRole } from '../../../auth';
import { type SentPaper, closeWithPapers } from '../../../documents';
import { CofundError, type FieldError } from '../../../errors';
import { formatAmount, formatDate } from '../../../i18n';
import { type Plan, localizeDocumentNames } from '../../../rules';
import { fundBudget, getProgramme, listProgrammes } from '../../../programmes/service';
import * as workflow from '../../../workflow';
import { personCaller } from '../../caller';
import { type AskedPaper, PaperFields, documentsOf } from '../../documents';
import type { PortalEnv } from '../../env';
import { readForm } from '../../form-input';
import { Field, Layout, DataTable, fieldError } from '../../layout';
import {
  IDEMPOTENCY_FIELD,
  MoneyFormKeys,
  Notice,
  RefusalSummary,
  moneyFormNotice,
  postMoneyForm,
  refusalOf,
} from '../../money-form';
import { partyName, ruleSetPartyName } from '../../plan-view';
import { EnrolFirst, mustEnrol, requireSecondFactor } from '../../second-factor';
import { postMoneyFormWithPapers } from '../../uploads';
import { PROGRAMME_ADMIN_TEXTS } from './texts';

/*
 * The programme admin's pages: the pools of the programmes they manage, funding a budget, the
 * applications by status, and the settlement steps. Every step that moves money first shows what it
 * will move -- the step itself run and rolled back (workflow.previewMovement) -- then posts a money
 * form whose idempotency key was made with the form: a double click or a reload posts once.
 */

const texts = (c: Context<PortalEnv>) => PROGRAMME_ADMIN_TEXTS[c.var.locale];
const STEPS = ['refund', 'cancel', 'close', 'clawback'] as const;
type Step = (typeof STEPS)[number];
const STEP_FIELDS: Record<Step, string[]> = {
  refund: ['amount', 'reason'],
  cancel: ['reason'],
  close: ['reason'],
  clawback: ['reason'],
};
const STATUSES = ['filed', 'approved', 'rejected', 'cancelled', 'closed'] as const;

const requireManager = (c: Context<PortalEnv>) => {
  const caller = personCaller(c);
  requireRole(caller.actor, ['programme_admin']);
  return caller;
};

/**
 * A ledger account as the confirmation page names it: whose money and where (the party named by the
 * plan's rule texts, from the chart of accounts' record), the code itself beneath for whoever checks
 * the books. An account outside the chart is shown by its code.
 */
function AccountName(props: { c: Context<PortalEnv>; plan: Plan; account: workflow.ChartPlace }) {
  const { c, plan, account } = props;
  const { code, currency, role } = account;
  const names = texts(c).accounts;
  const party = partyName(plan, c.var.locale, account.party ?? '');
  const label =
    role === 'fx'
      ? names.fx(currency)
      : role === 'pool'
        ? names.pool(party)
        : role === 'source'
          ? names.source(party, currency)
          : role === 'share'
            ? names.share(party)
            : role === 'disbursed'
              ? names.disbursed(party)
              : null;
  if (!label) return <code>{code}</code>;
  return (
    <>
      {label}
      <code class="hint account-code">{code}</code>
    </>
  );
}

/** A pool's party, named as the programme's rule files name it in the reader's language. */
const partyOf = (c: Context<PortalEnv>, ruleSet: string, party: string) =>
  ruleSetPartyName(c.var.deps.rules, ruleSet, c.var.locale, party);

async function managedProgrammes(c: Context<PortalEnv>) {
  const caller = requireManager(c);
  const rows = await listProgrammes(c.var.db, 100);
  const views = await Promise.all(
    rows.map(({ programme }) => getProgramme(c.var.db, caller, c.var.deps.rules, programme.id)),
  );
  return views.filter((view) => view.pools !== null);
}

async function overviewPage(c: Context<PortalEnv>) {
  const t = texts(c);
  const locale = c.var.locale;
  const views = await managedProgrammes(c);
  const funded = await moneyFormNotice(c);
  const totals = await Promise.all(views.map((view) => workflow.programmeTrialBalance(c.var.db, view.programme.id)));
  return c.html(
    <Layout c={c} title={t.overviewTitle}>
      <p>{t.overviewIntro}</p>
      <Notice notice={funded} />
      {mustEnrol(c) ? <EnrolFirst c={c} /> : null}
      {views.length === 0 ? <p>{t.noProgrammes}</p> : null}
      {views.map((view, index) => {
        const lines = new Map(totals[index]!.lines.map((line) => [line.accountId, line]));
        const currency = view.programme.currency;
        const money = (amount: string) => formatAmount(amount, currency, locale);
        return (
          <section aria-labelledby={`programme-${view.programme.id}`}>
            <h2 id={`programme-${view.programme.id}`}>
              {view.programme.name} <code>{view.programme.code}</code>
            </h2>
            <DataTable
              caption={`${view.programme.name} (${currency})`}
              columns={[
                t.party,
                { num: t.paidIn },
                { num: t.paidOut },
                { num: t.balance },
                { num: t.held },
                { num: t.available },
              ]}
            >
              {view.pools!.map((pool) => (
                <tr>
                  <th scope="row">{partyOf(c, view.programme.ruleSet, pool.party)}</th>
                  <td class="num">{money(lines.get(pool.id)?.debits ?? pool.balance)}</td>
                  <td class="num">{money(lines.get(pool.id)?.credits ?? '0')}</td>
                  <td class="num">{money(pool.balance)}</td>
                  <td class="num">{money(pool.held)}</td>
                  <td class="num">{money(pool.available)}</td>
                </tr>
              ))}
            </DataTable>
            <p class="actions">
              <a class="button" href={`/manage/programmes/${view.programme.id}/budget`}>
                {t.fund}
              </a>
              <a href={`/manage/applications?programme=${view.programme.id}`}>{t.applications}</a>
            </p>
          </section>
        );
      })}
    </Layout>,
  );
}

async function fundPage(c: Context<PortalEnv>, errors: FieldError[] = [], form: Record<string, string> = {}) {
  const t = texts(c);
  const caller = requireManager(c);
  const view = await getProgramme(c.var.db, caller, c.var.deps.rules, c.req.param('id') ?? '');
  const mine = view.bindings.filter(
    (b) => b.status === 'accepted' && caller.actor.kind === 'key' && b.organisationId === caller.actor.organisationId,
  );
  const parties = (view.pools ?? []).filter((pool) => mine.some((b) => b.party === pool.party)).map((p) => p.party);
  const partyError = fieldError(errors, 'party');
  return c.html(
    <Layout c={c} title={t.fundTitle(view.programme.name)}>
      <RefusalSummary c={c} errors={errors} />
      {mustEnrol(c) ? (
        <EnrolFirst c={c} />
      ) : (
        <form method="post" class="stack" novalidate>
          <MoneyFormKeys c={c} idempotencyKey={form[IDEMPOTENCY_FIELD]} />
          <Field name="party" label={t.party} errors={errors}>
            <select
              id="field-party"
              name="party"
              aria-invalid={partyError ? 'true' : undefined}
              aria-describedby={partyError ? 'field-party-error' : undefined}
            >
              {parties.map((party) => (
                <option value={party} selected={form.party === party}>
                  {partyOf(c, view.programme.ruleSet, party)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="amount"
            label={t.amount(view.programme.currency)}
            hint={t.amountHint}
            value={form.amount}
            errors={errors}
            inputmode="decimal"
            required
            autocomplete="off"
          />
          <Field name="memo" label={t.memo} value={form.memo} errors={errors} autocomplete="off" />
          <div>
            <button type="submit">{t.fund}</button>
          </div>
        </form>
      )}
      <p>
        <a href="/manage/programmes">{c.var.texts.back}</a>
      </p>
    </Layout>,
    errors.length > 0 ? 422 : 200,
  );
}

async function fund(c: Context<PortalEnv>) {
  const t = texts(c);
  const caller = requireManager(c);
  const id = c.req.param('id') ?? '';
  requireSecondFactor(c);
  const read = readForm(BudgetSchema, c.var.form, ['party', 'amount', 'memo']);
  if (read.errors.length > 0) return fundPage(c, read.errors, c.var.form);
  const view = await getProgramme(c.var.db, caller, c.var.deps.rules, id);
  const done = await postMoneyForm(c, read.data!, async (tx) => {
    const result = await fundBudget(tx, caller, c.var.deps.rules, id, read.data!);
    const amount = formatAmount(result.amount, view.programme.currency, c.var.locale);
    const notice = t.funded(amount, partyOf(c, view.programme.ruleSet, result.party));
    return { location: '/manage/programmes', notice };
  });
  if ('errors' in done) return fundPage(c, done.errors, c.var.form);
  return c.redirect(done.location, 303);
}

/** The steps an application's status allows (the services refuse the others anyway). */
function stepsFor(application: workflow.ApplicationRow): Step[] {
  const clawback = Boolean((application.plan as { clawback?: unknown }).clawback);
  if (application.status === 'filed') return ['refund', 'cancel'];
  if (application.status === 'approved')
    return clawback ? ['refund', 'cancel', 'close', 'clawback'] : ['refund', 'cancel', 'close'];
  if (application.status === 'closed' && clawback) return ['clawback'];
  return [];
}

async function applicationsPage(c: Context<PortalEnv>) {
  const t = texts(c);
  const locale = c.var.locale;
  const caller = requireManager(c);
  const status = STATUSES.find((s) => s === c.req.query('status'));
  const programme = c.req.query('programme');
  const programmeId = programme && /^[0-9a-f-]{36}$/.test(programme) ? programme : undefined;
  const rows = await workflow.listApplications(c.var.db, caller, { programmeId, status }, 100);
  const heading = (status && t.statuses[status]) || t.allStatuses;
  const done = await moneyFormNotice(c);
  return c.html(
    <Layout c={c} title={t.applicationsTitle}>
      <Notice notice={done} />
      <form method="get" action="/manage/applications" class="filters" role="search" aria-label={t.status}>
        {programmeId ? <input type="hidden" name="programme" value={programmeId} /> : null}
        <Field name="status" label={t.status} errors={[]}>
          <select id="field-status" name="status">
            <option value="">{t.allStatuses}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={s === status}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </Field>
        <div class="actions">
          <button type="submit">{t.show}</button>
        </div>
      </form>
      {rows.length === 0 ? (
        <p>{t.noApplications}</p>
      ) : (
        <DataTable caption={heading} columns={[t.title, t.status, { num: t.totalCost }, t.filedAt, t.actions]}>
          {rows.slice(0, 100).map((application) => (
            <tr>
              <td>{application.title}</td>
              <td>
                <span class="status">{t.statuses[application.status] ?? application.status}</span>
              </td>
              <td class="num">{formatAmount(application.total, application.currency, locale, { withSymbol: true })}</td>
              <td>{formatDate(application.filedAt, locale)}</td>
              <td>
                <ul class="inline-list">
                  {stepsFor(application).map((step) => (
                    <li>
                      <a
                        href={`/manage/applications/${application.id}/${step}`}
                        aria-label={`${t.steps[step]}: ${application.title}`}
                      >
                        {t.steps[step]}
                      </a>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>,
  );
}

const stepOf = (c: Context<PortalEnv>): Step => {
  const step = STEPS.find((s) => s === c.req.param('step'));
  if (!step) throw new CofundError('not-found', 404, 'no such step');
  return step;
};

async function stepForm(c: Context<PortalEnv>, errors: FieldError[] = [], form: Record<string, string> = {}) {
  const t = texts(c);
  const caller = requireManager(c);
  const step = stepOf(c);
  const id = c.req.param('id') ?? '';
  const view = await workflow.applicationView(c.var.db, caller, id);
  const { application } = view;
  return c.html(
    <Layout c={c} title={t.stepTitle(t.steps[step]!, application.title)}>
      <RefusalSummary c={c} errors={errors} />
      <form method="get" action={`/manage/applications/${id}/${step}/confirm`} class="stack" novalidate>
        {step === 'refund' ? (
          <Field
            name="amount"
            label={t.refundAmount(application.currency)}
            hint={t.refundAmountHint}
            value={form.amount}
            errors={errors}
            inputmode="decimal"
            autocomplete="off"
          />
        ) : null}
        <Field
          name="reason"
          label={t.reason}
          hint={t.reasonHint}
          value={form.reason}
          errors={errors}
          required={step !== 'close'}
          autocomplete="off"
        />
        <div>
          <button type="submit">{t.review}</button>
        </div>
      </form>
      <p>
        <a href="/manage/applications">{c.var.texts.back}</a>
      </p>
    </Layout>,
    errors.length > 0 ? 422 : 200,
  );
}

/**
 * The step as the services run it. Closing takes the papers the rules require before closing with
 * it: the preview counts the ones its form asks for as coming, the post records them first, in the
 * same transaction (src/documents/papers.ts).
 */
const runStep = (
  c: Context<PortalEnv>,
  step: Step,
  id: string,
  body: Record<string, unknown>,
  papers: { coming: readonly AskedPaper[] } | { sent: readonly SentPaper[] },
) => {
  const caller = personCaller(c);
  const rules = c.var.deps.rules;
  return (tx: Parameters<Parameters<typeof workflow.previewMovement>[3]>[0]) =>
    step === 'refund'
      ? workflow.refund(tx, caller, rules, id, body as { reason: string })
      : step === 'cancel'
        ? workflow.cancel(tx, caller, rules, id, body as { reason: string })
        : step === 'close'
          ? 'sent' in papers
            ? closeWithPapers(tx, caller, rules, id, body, papers.sent)
            : workflow.close(tx, caller, rules, id, body, new Set(papers.coming.map((paper) => paper.type)))
          : workflow.clawback(tx, caller, rules, id, body as { reason: string });
};

/** Closing: the papers the rules require before it that the application lacks, as its form asks for them. */
async function closingPapers(c: Context<PortalEnv>, caller: Caller, step: Step, id: string) {
  if (step !== 'close') return { papers: [], enforced: false };
  const { application } = await workflow.applicationView(c.var.db, caller, id);
  const plan = application.plan as unknown as Plan;
  const says = localizeDocumentNames(plan, c.var.locale);
  const all = plan.documents ?? [];
  const { required, enforced } = await documentsOf(c, caller, id);
  const papers = required
    .filter((item) => item.step === 'close' && item.missing)
    .map((item): AskedPaper => ({
      type: item.type,
      rule: item.rule,
      text: says[all.findIndex((paper) => paper.step === 'close' && paper.type === item.type)] ?? item.says,
    }));
  return { papers, enforced };
}

/**
 * What the step will move, and the form that posts it. A closing form carries a file input for
 * each paper still missing; a post refused for a paper is drawn again with `errors` beside it.
 */
async function confirmPage(c: Context<PortalEnv>, query: Record<string, string>, errors: FieldError[] = []) {
  const t = texts(c);
  const locale = c.var.locale;
  const caller = requireManager(c);
  const step = stepOf(c);
  const id = c.req.param('id') ?? '';
  const read = readForm(SettlementSchemas[step], query, STEP_FIELDS[step]);
  if (read.errors.length > 0) return stepForm(c, read.errors, query);
  const { papers, enforced } = await closingPapers(c, caller, step, id);
  let preview: workflow.MovementPreview;
  try {
    const run = runStep(c, step, id, read.data!, { coming: papers });
    preview = await workflow.previewMovement(c.var.db, caller, id, run);
  } catch (error) {
    if (error instanceof CofundError && error.status !== 403 && error.status !== 404)
      return stepForm(c, refusalOf(error), query);
    throw error;
  }
  const { application } = await workflow.applicationView(c.var.db, caller, id);
  const plan = application.plan as unknown as Plan;
  const stepName = t.steps[step]!;
  return c.html(
    <Layout c={c} title={t.confirmTitle(stepName, application.title)}>
      <RefusalSummary c={c} errors={errors} />
      <p>{t.confirmIntro}</p>
      {preview.postings.length === 0 && preview.released.length === 0 ? <p>{t.nothingMoves}</p> : null}
      {preview.postings.length > 0 ? (
        <DataTable caption={stepName} columns={[t.account, { num: t.debit }, { num: t.credit }]}>
          {preview.postings.map((p) => (
            <tr>
              <td>
                <AccountName c={c} plan={plan} account={p} />
              </td>
              <td class="num">
                {p.side === 'debit' ? formatAmount(p.amount, p.currency, locale, { withSymbol: true }) : ''}
              </td>
              <td class="num">
                {p.side === 'credit' ? formatAmount(p.amount, p.currency, locale, { withSymbol: true }) : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {preview.released.length > 0 ? (
        <DataTable caption={t.released} columns={[t.account, { num: t.held }]}>
          {preview.released.map((hold) => (
            <tr>
              <td>
                <AccountName c={c} plan={plan} account={hold} />
              </td>
              <td class="num">{formatAmount(hold.amount, hold.currency, locale, { withSymbol: true })}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {mustEnrol(c) ? (
        <EnrolFirst c={c} />
      ) : (
        <form
          method="post"
          action={`/manage/applications/${id}/${step}`}
          class="stack"
          {...(papers.length > 0 ? { enctype: 'multipart/form-data' } : {})}
        >
          <MoneyFormKeys c={c} />
          {STEP_FIELDS[step].map((name) =>
            query[name] ? <input type="hidden" name={name} value={query[name]} /> : null,
          )}
          <PaperFields c={c} legend={t.closingPapers} papers={papers} errors={errors} required={enforced} />
          <div class="actions">
            <button type="submit" class="danger">
              {t.confirm(stepName)}
            </button>
            <a href={`/manage/applications/${id}/${step}?${new URLSearchParams(query).toString()}`}>{t.change}</a>
          </div>
        </form>
      )}
    </Layout>,
    errors.length > 0 ? 422 : 200,
  );
}

async function settle(c: Context<PortalEnv>) {
  const t = texts(c);
  const caller = requireManager(c);
  const step = stepOf(c);
  const id = c.req.param('id') ?? '';
  requireSecondFactor(c);
  const read = readForm(SettlementSchemas[step], c.var.form, STEP_FIELDS[step]);
  if (read.errors.length > 0) return stepForm(c, read.errors, c.var.form);
  const asked = new Set((await closingPapers(c, caller, step, id)).papers.map((paper) => paper.type));
  const done = await postMoneyFormWithPapers(
    c,
    (name) => asked.has(name),
    read.data!,
    async (tx, sent) => {
      await runStep(c, step, id, read.data!, { sent })(tx);
      const { application } = await workflow.applicationView(tx, personCaller(c), id);
      return { location: '/manage/applications', notice: t.done(t.steps[step]!, application.title) };
    },
  );
  if ('errors' in done) {
    // A closing form is drawn again with its file inputs, each refused paper beside its own.
    const typed = Object.fromEntries(
      STEP_FIELDS[step].flatMap((name) => (c.var.form[name] ? [[name, c.var.form[name]]] : [])),
    );
    return step === 'close' ? confirmPage(c, typed, done.errors) : stepForm(c, done.errors, c.var.form);
  }
  return c.redirect(done.location, 303);
}

/** The programme admin's pages. */
export function registerProgrammeAdminPages(router: Hono<PortalEnv>, guard: MiddlewareHandler<PortalEnv>) {
  router.get('/manage/programmes', guard, overviewPage);
  router.get('/manage/programmes/:id/budget', guard, (c) => fundPage(c));
  router.post('/manage/programmes/:id/budget', guard, fund);
  router.get('/manage/applications', guard, applicationsPage);
  router.get('/manage/applications/:id/:step', guard, (c) => stepForm(c, [], c.req.query()));
  router.get('/manage/applications/:id/:step/confirm', guard, (c) => confirmPage(c, c.req.query()));
  router.post('/manage/applications/:id/:step', guard, settle);
}
