import type { Context, Hono, MiddlewareHandler } from 'hono';
import { DecisionBodySchema } from '../../../api/tranches/tranches.routes';
import { requireRole } from '../../../auth';
import type { FieldError } from '../../../errors';
import { formatAmount, formatCalendarDate, formatDate } from '../../../i18n';
import type { Transaction } from '../../../ledger';
import type { Plan } from '../../../rules';
import * as workflow from '../../../workflow';
import { personCaller } from '../../caller';
import type { PortalEnv } from '../../env';
import { readForm } from '../../form-input';
import { DocumentsSection, EvidenceList, documentsOf } from '../../documents';
import { Field, Layout, DataTable, fieldError } from '../../layout';
import {
  IDEMPOTENCY_FIELD,
  MoneyFormKeys,
  Notice,
  RefusalSummary,
  moneyFormNotice,
  postMoneyForm,
} from '../../money-form';
import { FallbackNotices, PlanView, milestoneName, partyName } from '../../plan-view';
import { EnrolFirst, mustEnrol, requireSecondFactor } from '../../second-factor';
import { APPROVER_TEXTS } from './texts';

/*
 * The approver's pages: the queue of what waits for their party (applications and tranches, oldest
 * first), each with its plan and trace in the reader's language, the decision form, and the history
 * of their organisation's decisions. A decision goes through the same services as /v1 (which keep
 * maker-checker: the applicant never decides), as a money form: the last approval reserves or pays
 * out money, so a double submit decides once.
 */

const texts = (c: Context<PortalEnv>) => APPROVER_TEXTS[c.var.locale];
const DECISION_FIELDS = ['decision', 'comment', 'party'] as const;

const requireApprover = (c: Context<PortalEnv>) => {
  const caller = personCaller(c);
  requireRole(caller.actor, ['approver']);
  return caller;
};

/** A queue or history row's plan, whose rule texts name its party and milestone. */
const planOf = (row: { plan: unknown }) => row.plan as Plan;

const money = (c: Context<PortalEnv>, amount: string, currency: string) =>
  formatAmount(amount, currency, c.var.locale, { withSymbol: true });

async function queuePage(c: Context<PortalEnv>) {
  const t = texts(c);
  const caller = requireApprover(c);
  const waiting = await workflow.awaitingDecision(c.var.db, caller);
  const done = await moneyFormNotice(c);
  return c.html(
    <Layout c={c} title={t.queueTitle}>
      <Notice notice={done} />
      {mustEnrol(c) ? <EnrolFirst c={c} /> : null}
      <p>{t.queueIntro}</p>
      <FallbackNotices c={c} plans={waiting.map(planOf)} />
      {waiting.length === 0 ? (
        <p>{t.queueEmpty}</p>
      ) : (
        <DataTable
          caption={t.queueTitle}
          columns={[t.since, t.kind, t.project, t.programme, t.party, { num: t.amount }]}
        >
          {waiting.map((item) => (
            <tr>
              <td>{formatDate(item.since, c.var.locale)}</td>
              <td>{t.kinds[item.kind]}</td>
              <td>
                <a href={itemHref(item)}>{item.title}</a>
                {item.milestone ? (
                  <span class="hint">{` — ${milestoneName(planOf(item), c.var.locale, item.milestone)}`}</span>
                ) : null}
              </td>
              <td>
                {item.programmeName} <code class="hint">{item.programmeCode}</code>
              </td>
              <td>{partyName(planOf(item), c.var.locale, item.party)}</td>
              <td class="num">{money(c, item.amount, item.currency)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>,
  );
}

const itemHref = (item: { kind: string; applicationId: string; trancheId: string | null }) =>
  item.kind === 'tranche' ? `/queue/tranches/${item.trancheId}` : `/queue/applications/${item.applicationId}`;

/** The caller's parties still to decide on this application or tranche (none: no form). */
async function partiesToDecide(c: Context<PortalEnv>, match: { applicationId?: string; trancheId?: string }) {
  const waiting = await workflow.awaitingDecision(c.var.db, personCaller(c));
  return waiting
    .filter((item) =>
      match.trancheId
        ? item.trancheId === match.trancheId
        : item.kind === 'application' && item.applicationId === match.applicationId,
    )
    .map((item) => item.party);
}

/** Approve or reject, with a comment; a party to choose only when the organisation plays several. */
function DecisionForm(props: {
  c: Context<PortalEnv>;
  action: string;
  parties: string[];
  plan: workflow.ApplicationRow['plan'];
  errors: FieldError[];
  form: Record<string, string>;
}) {
  const { c, errors, form } = props;
  const t = texts(c);
  if (mustEnrol(c)) return <EnrolFirst c={c} />;
  if (props.parties.length === 0) return <p>{t.nothingToDecide}</p>;
  const plan = props.plan as unknown as Plan;
  const partyError = fieldError(errors, 'party');
  return (
    <form method="post" action={props.action} class="stack" novalidate>
      <MoneyFormKeys c={c} idempotencyKey={form[IDEMPOTENCY_FIELD]} />
      {props.parties.length > 1 ? (
        <Field name="party" label={t.decideFor} errors={errors}>
          <select
            id="field-party"
            name="party"
            aria-invalid={partyError ? 'true' : undefined}
            aria-describedby={partyError ? 'field-party-error' : undefined}
          >
            {props.parties.map((party) => (
              <option value={party} selected={form.party === party}>
                {partyName(plan, c.var.locale, party)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" name="party" value={props.parties[0]} />
      )}
      <Field name="comment" label={t.commentLabel} hint={t.commentHint} errors={errors}>
        <textarea
          id="field-comment"
          name="comment"
          rows={3}
          aria-invalid={fieldError(errors, 'comment') ? 'true' : undefined}
          aria-describedby={['field-comment-hint', fieldError(errors, 'comment') ? 'field-comment-error' : '']
            .filter(Boolean)
            .join(' ')}
        >
          {form.comment ?? ''}
        </textarea>
      </Field>
      <div class="actions" id="field-decision">
        <button type="submit" name="decision" value="approve">
          {t.approve}
        </button>
        <button type="submit" name="decision" value="reject" class="danger">
          {t.reject}
        </button>
      </div>
    </form>
  );
}

/** The decisions already taken on an application or a tranche. */
function DecisionsSoFar(props: {
  c: Context<PortalEnv>;
  plan: workflow.ApplicationRow['plan'];
  decisions: Array<{ party: string; decision: string; comment: string; createdAt: Date }>;
}) {
  const t = texts(props.c);
  const plan = props.plan as unknown as Plan;
  return (
    <section aria-labelledby="decisions-so-far">
      <h2 id="decisions-so-far">{t.decisionsSoFar}</h2>
      {props.decisions.length === 0 ? (
        <p>{t.noDecisionsYet}</p>
      ) : (
        <ul>
          {props.decisions.map((d) => (
            <li>
              {`${partyName(plan, props.c.var.locale, d.party)}: ${t.decisions[d.decision] ?? d.decision}, ` +
                formatDate(d.createdAt, props.c.var.locale)}
              {d.comment ? (
                <>
                  {' '}
                  <q>{d.comment}</q>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function applicationPage(c: Context<PortalEnv>, errors: FieldError[] = [], form: Record<string, string> = {}) {
  const t = texts(c);
  const caller = requireApprover(c);
  const id = c.req.param('id') ?? '';
  const view = await workflow.applicationView(c.var.db, caller, id);
  const { application, plan } = view;
  const fields = application.fields as { location?: string };
  const parties = await partiesToDecide(c, { applicationId: id });
  const documents = await documentsOf(c, caller, id);
  return c.html(
    <Layout c={c} title={t.applicationTitle(application.title)}>
      <RefusalSummary c={c} errors={errors} />
      <dl class="facts">
        <dt>{t.totalCost}</dt>
        <dd>{money(c, application.total, application.currency)}</dd>
        {fields.location ? (
          <>
            <dt>{t.location}</dt>
            <dd>{fields.location}</dd>
          </>
        ) : null}
        <dt>{t.filedOn}</dt>
        <dd>{formatCalendarDate(plan.filedOn, c.var.locale)}</dd>
        <dt>{t.status}</dt>
        <dd>{t.statuses[application.status] ?? application.status}</dd>
      </dl>
      <h2>{t.planHeading}</h2>
      <PlanView c={c} plan={plan} />
      {/* Each paper opens here, before the decision. */}
      <DocumentsSection c={c} plan={plan} documents={documents} />
      <DecisionsSoFar c={c} plan={application.plan} decisions={view.approvals} />
      <section aria-labelledby="decide">
        <h2 id="decide">{t.decideHeading}</h2>
        <DecisionForm
          c={c}
          action={`/queue/applications/${id}`}
          parties={parties}
          plan={application.plan}
          errors={errors}
          form={form}
        />
      </section>
      <p>
        <a href="/queue">{t.back}</a>
      </p>
    </Layout>,
    errors.length > 0 ? 422 : 200,
  );
}

async function tranchePage(c: Context<PortalEnv>, errors: FieldError[] = [], form: Record<string, string> = {}) {
  const t = texts(c);
  const caller = requireApprover(c);
  const id = c.req.param('id') ?? '';
  const { tranche, approvals } = await workflow.getTranche(c.var.db, caller, id);
  const view = await workflow.applicationView(c.var.db, caller, tranche.applicationId);
  const { application, plan } = view;
  const parties = await partiesToDecide(c, { trancheId: id });
  const documents = await documentsOf(c, caller, tranche.applicationId);
  return c.html(
    <Layout c={c} title={t.trancheTitle(application.title)}>
      <RefusalSummary c={c} errors={errors} />
      <dl class="facts">
        <dt>{t.trancheAmount}</dt>
        <dd>{money(c, tranche.amount, application.currency)}</dd>
        <dt>{t.milestone}</dt>
        <dd>{milestoneName(plan, c.var.locale, tranche.milestone)}</dd>
        <dt>{t.since}</dt>
        <dd>{formatDate(tranche.createdAt, c.var.locale)}</dd>
        <dt>{t.totalCost}</dt>
        <dd>{money(c, application.total, application.currency)}</dd>
      </dl>
      <h2>{t.evidence}</h2>
      <EvidenceList evidence={tranche.evidence} />
      <DocumentsSection c={c} plan={plan} documents={documents} />
      <DecisionsSoFar c={c} plan={application.plan} decisions={approvals} />
      <section aria-labelledby="decide">
        <h2 id="decide">{t.decideHeading}</h2>
        <DecisionForm
          c={c}
          action={`/queue/tranches/${id}`}
          parties={parties}
          plan={application.plan}
          errors={errors}
          form={form}
        />
      </section>
      <h2>{t.planHeading}</h2>
      <PlanView c={c} plan={plan} />
      <p>
        <a href="/queue">{t.back}</a>
      </p>
    </Layout>,
    errors.length > 0 ? 422 : 200,
  );
}

/** Reads a decision form through the API's schema and posts it once; `work` is the service's call. */
async function decide(
  c: Context<PortalEnv>,
  redraw: (errors: FieldError[], form: Record<string, string>) => Promise<Response>,
  work: (tx: Transaction, body: workflow.Decision) => Promise<workflow.ApplicationRow>,
) {
  const t = texts(c);
  requireApprover(c);
  requireSecondFactor(c);
  const read = readForm(DecisionBodySchema, c.var.form, DECISION_FIELDS);
  if (read.errors.length > 0) return redraw(read.errors, c.var.form);
  const body = read.data!;
  const done = await postMoneyForm(c, body, async (tx) => {
    const application = await work(tx, body);
    const party = body.party ? partyName(application.plan as unknown as Plan, c.var.locale, body.party) : '';
    return { location: '/queue', notice: t.decided(t.decisions[body.decision]!, application.title, party) };
  });
  if ('errors' in done) return redraw(done.errors, c.var.form);
  return c.redirect(done.location, 303);
}

async function historyPage(c: Context<PortalEnv>) {
  const t = texts(c);
  const caller = requireApprover(c);
  const taken = await workflow.decisionsTaken(c.var.db, caller);
  return c.html(
    <Layout c={c} title={t.historyTitle}>
      <FallbackNotices c={c} plans={taken.map(planOf)} />
      {taken.length === 0 ? (
        <p>{t.historyEmpty}</p>
      ) : (
        <DataTable
          caption={t.historyTitle}
          columns={[t.decidedAt, t.kind, t.project, t.party, t.decision, t.comment, { num: t.amount }]}
        >
          {taken.map((d) => (
            <tr>
              <td>{formatDate(d.decidedAt, c.var.locale)}</td>
              <td>{t.kinds[d.kind]}</td>
              <td>
                {d.title} <code>{d.programmeCode}</code>
              </td>
              <td>{partyName(planOf(d), c.var.locale, d.party)}</td>
              <td>{t.decisions[d.decision] ?? d.decision}</td>
              <td>{d.comment}</td>
              <td class="num">{money(c, d.amount, d.currency)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>,
  );
}

/** The approver's pages. */
export function registerApproverPages(router: Hono<PortalEnv>, guard: MiddlewareHandler<PortalEnv>) {
  router.get('/queue', guard, queuePage);
  router.get('/queue/applications/:id', guard, (c) => applicationPage(c));
  router.get('/queue/tranches/:id', guard, (c) => tranchePage(c));
  router.get('/decisions', guard, historyPage);
  router.post('/queue/applications/:id', guard, (c) =>
    decide(
      c,
      (errors, form) => applicationPage(c, errors, form),
      async (tx, body) => {
        const id = c.req.param('id');
        await workflow.decideApplication(tx, personCaller(c), id, body);
        return (await workflow.applicationView(tx, personCaller(c), id)).application;
      },
    ),
  );
  router.post('/queue/tranches/:id', guard, (c) =>
    decide(
      c,
      (errors, form) => tranchePage(c, errors, form),
      async (tx, body) => {
        const { tranche } = await workflow.getTranche(tx, personCaller(c), c.req.param('id'));
        await workflow.decideTranche(tx, personCaller(c), tranche.id, body);
        return (await workflow.applicationView(tx, personCaller(c), tranche.applicationId)).application;
      },
    ),
  );
}
