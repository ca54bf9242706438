import type { Context, Hono, MiddlewareHandler } from 'hono';
import { requireRole } from '../../../auth';
import type { FieldError } from '../../../errors';
import { formatAmount, formatDate, formatDateTime } from '../../../i18n';
import { type Reconciliation, reconciliation, visibleReconciliations } from '../../../reconciliation/report';
import { personCaller } from '../../caller';
import { dateInstant, notAfterNow } from '../../date-field';
import type { PortalEnv } from '../../env';
import { ErrorSummary, Field, Layout, DataTable } from '../../layout';
import { RECONCILIATION_TEXTS } from './texts';

/*
 * Bank reconciliation for programme staff and auditors: the same report as
 * /v1/bank-accounts/{id}/reconciliation (src/reconciliation/report.ts), for every bank account whose
 * ledger account the reader sees. Read only: matching by hand stays in the API.
 */

const texts = (c: Context<PortalEnv>) => RECONCILIATION_TEXTS[c.var.locale];
const FORMATS = ['pdf', 'csv', 'json'] as const;

const requireReader = (c: Context<PortalEnv>) => {
  const caller = personCaller(c);
  requireRole(caller.actor, ['programme_admin', 'auditor']);
  return caller;
};

/** The `at` date field as the end of that day, or the errors that say why it is not one. */
function endOfDay(c: Context<PortalEnv>) {
  const errors: FieldError[] = [];
  const day = c.req.query('at') || undefined;
  const end = dateInstant(day, 'at', errors, texts(c).badDate, true);
  if (end && !notAfterNow(end)) errors.push({ field: 'at', message: texts(c).badDate });
  // A balance at the end of a day is what was booked before its next midnight.
  return { day, errors, at: errors.length === 0 && end ? new Date(end.getTime() - 1) : undefined };
}

const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

function DateFilter(props: { c: Context<PortalEnv>; action: string; day?: string; errors: FieldError[] }) {
  const t = texts(props.c);
  return (
    <form method="get" action={props.action} class="filters" role="search" aria-label={t.filter}>
      <Field name="at" label={t.at} hint={t.atHint} type="date" value={props.day} errors={props.errors} />
      <div class="actions">
        <button type="submit">{t.apply}</button>
      </div>
    </form>
  );
}

function Downloads(props: { c: Context<PortalEnv>; report: Reconciliation; day?: string }) {
  const t = texts(props.c);
  // The API takes the instant the page reconciled at: the end of the chosen day.
  const query = props.day ? `?${new URLSearchParams({ at: props.report.at.toISOString() })}` : '';
  return (
    <ul class="downloads">
      {FORMATS.map((format) => (
        <li>
          <a href={`/v1/bank-accounts/${props.report.bankAccount.id}/reconciliation.${format}${query}`} download>
            {t.download(format.toUpperCase())}
          </a>
        </li>
      ))}
    </ul>
  );
}

async function overviewPage(c: Context<PortalEnv>) {
  const t = texts(c);
  const caller = requireReader(c);
  const locale = c.var.locale;
  const { day, errors, at } = endOfDay(c);
  const reports =
    errors.length > 0 ? [] : await c.var.db.transaction((tx) => visibleReconciliations(tx, caller, at), readOnly);
  const suffix = day ? `?at=${day}` : '';
  return c.html(
    <Layout c={c} title={t.title}>
      <p>{t.intro}</p>
      <ErrorSummary c={c} errors={errors} />
      <DateFilter c={c} action="/reconciliation" day={day} errors={errors} />
      {errors.length === 0 && reports.length === 0 ? <p>{t.noAccounts}</p> : null}
      {reports.length > 0 ? (
        <DataTable
          caption={t.accountsCaption}
          columns={[
            t.bankAccount,
            t.ledgerAccount,
            { num: t.ledgerBalance },
            { num: t.bankBalance },
            { num: t.difference },
            t.status,
            { num: t.openItems },
          ]}
        >
          {reports.map((report) => {
            const account = report.bankAccount;
            const money = (amount: string | null) =>
              amount === null ? t.none : formatAmount(amount, account.currency, locale);
            return (
              <tr>
                <td>
                  <a href={`/reconciliation/${account.id}${suffix}`} aria-label={t.details(account.number)}>
                    {account.bank} <code>{account.number}</code>
                  </a>
                </td>
                <td>
                  <code>{account.ledgerAccount.code}</code>
                </td>
                <td class="num">{money(report.ledgerBalance)}</td>
                <td class="num">{money(report.bankBalance)}</td>
                <td class="num">{money(report.difference)}</td>
                <td>
                  <strong class={report.status === 'reconciled' ? 'good' : 'bad'}>{t.statuses[report.status]}</strong>
                </td>
                <td class="num">
                  {report.unmatchedBank.length} / {report.unmatchedLedger.length}
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      {reports[0] ? <p>{t.asOf(formatDateTime(reports[0].at, locale))}</p> : null}
    </Layout>,
  );
}

async function accountPage(c: Context<PortalEnv>) {
  const t = texts(c);
  const caller = requireReader(c);
  const locale = c.var.locale;
  const { day, errors, at } = endOfDay(c);
  // A foreign or unknown account is the not-found page (the portal maps the NotFoundError).
  const report = await c.var.db.transaction(
    (tx) => reconciliation(tx, caller, c.req.param('id')!, errors.length > 0 ? undefined : at),
    readOnly,
  );
  const account = report.bankAccount;
  const money = (amount: string | null) => (amount === null ? t.none : formatAmount(amount, account.currency, locale));
  const date = (value: string) => formatDate(new Date(`${value}T00:00:00Z`), locale);
  return c.html(
    <Layout c={c} title={`${t.title}: ${account.bank} ${account.number}`}>
      <p>
        <a href="/reconciliation">{t.back}</a>
      </p>
      <ErrorSummary c={c} errors={errors} />
      <DateFilter c={c} action={`/reconciliation/${account.id}`} day={day} errors={errors} />
      <p>{t.asOf(formatDateTime(report.at, locale))}</p>
      <dl class="facts">
        <dt>{t.ledgerAccount}</dt>
        <dd>
          <code>{account.ledgerAccount.code}</code>
        </dd>
        <dt>{t.ledgerBalance}</dt>
        <dd>{money(report.ledgerBalance)}</dd>
        <dt>{t.bankBalance}</dt>
        <dd>{money(report.bankBalance)}</dd>
        <dt>{t.difference}</dt>
        <dd>{money(report.difference)}</dd>
        <dt>{t.status}</dt>
        <dd>
          <strong class={report.status === 'reconciled' ? 'good' : 'bad'}>{t.statuses[report.status]}</strong>
        </dd>
        <dt>{t.statement}</dt>
        <dd>
          {report.statement ? (
            <>
              <code>{report.statement.reference}</code>{' '}
              {t.period(date(report.statement.openingDate), date(report.statement.closingDate))}
            </>
          ) : (
            t.none
          )}
        </dd>
        <dt>{t.matched}</dt>
        <dd>{t.matchedTotals(report.matched.lines, money(report.matched.credits), money(report.matched.debits))}</dd>
        <dt>{t.chain}</dt>
        <dd>
          <strong class={report.chain.ok ? 'good' : 'bad'}>{report.chain.ok ? t.chainOk : t.chainBroken}</strong>
        </dd>
        <dt>{t.lastEntry}</dt>
        <dd>{report.chain.lastEntry ? <code class="secret">{report.chain.lastEntry.hash}</code> : t.none}</dd>
      </dl>
      <Downloads c={c} report={report} day={day} />
      <h2>{t.unmatchedBank}</h2>
      {report.unmatchedBank.length === 0 ? (
        <p>{t.nothingOpen}</p>
      ) : (
        <DataTable
          caption={t.unmatchedBank}
          columns={[t.date, { num: t.amount }, t.direction, t.counterparty, t.remittance, { num: t.age }, t.proposal]}
        >
          {report.unmatchedBank.map((line) => (
            <tr>
              <td>{date(line.bookingDate)}</td>
              <td class="num">{money(line.amount)}</td>
              <td>{t.directions[line.direction]}</td>
              <td>{line.counterparty}</td>
              <td>{line.remittance}</td>
              <td class="num">{line.ageDays}</td>
              <td>{line.proposal ? <code>{line.proposal.counterAccount}</code> : t.none}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2>{t.unmatchedLedger}</h2>
      {report.unmatchedLedger.length === 0 ? (
        <p>{t.nothingOpen}</p>
      ) : (
        <DataTable caption={t.unmatchedLedger} columns={[t.date, t.kind, { num: t.amount }, t.memo, { num: t.age }]}>
          {report.unmatchedLedger.map((movement) => (
            <tr>
              <td>{date(movement.date)}</td>
              <td>
                <code>{movement.kind}</code>
              </td>
              <td class="num">{money(movement.amount)}</td>
              <td>{movement.memo}</td>
              <td class="num">{movement.ageDays}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>,
  );
}

export function registerReconciliationPages(router: Hono<PortalEnv>, guard: MiddlewareHandler<PortalEnv>) {
  router.get('/reconciliation', guard, overviewPage);
  router.get('/reconciliation/:id', guard, accountPage);
}
