import type { Context, Hono, MiddlewareHandler } from 'hono';
import { listAuditLog } from '../../../audit/queries';
import type { FieldError } from '../../../errors';
import { formatAmount, formatDateTime } from '../../../i18n';
import { findAccountByCode } from '../../../ledger';
import { type JournalPage, readChainReport, readJournal, readTrialBalance, requireBooksReader } from '../../../books';
import { listProgrammes } from '../../../programmes/service';
import { personCaller } from '../../caller';
import { dateInstant, notAfterNow } from '../../date-field';
import type { PortalEnv } from '../../env';
import { ErrorSummary, Field, Layout, DataTable } from '../../layout';
import { AUDITOR_TEXTS } from './texts';

/*
 * The auditor's pages read the books through the same queries and the same role check as /v1/ledger
 * and /v1/audit-log (src/books, audit/queries): another role gets the 403 page. They are GET
 * pages only; nothing here writes, and no POST route exists under them.
 */

const PAGE_SIZE = 25;
type JournalPosting = JournalPage['entries'][number]['postings'][number];
const at = (c: Context<PortalEnv>) => AUDITOR_TEXTS[c.var.locale];

const searchOf = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  return params.toString();
};

async function ledgerPage(c: Context<PortalEnv>) {
  const t = at(c);
  const caller = personCaller(c);
  requireBooksReader(caller);
  const q = {
    account: c.req.query('account')?.trim(),
    kind: c.req.query('kind')?.trim(),
    from: c.req.query('from'),
    to: c.req.query('to'),
  };
  const errors: FieldError[] = [];
  const from = dateInstant(q.from, 'from', errors, t.badDate);
  const to = notAfterNow(dateInstant(q.to, 'to', errors, t.badDate, true));
  if (from && to && to.getTime() <= from.getTime()) errors.push({ field: 'to', message: t.toBeforeFrom });
  const account = q.account ? await findAccountByCode(c.var.db, q.account) : undefined;
  if (q.account && !account) errors.push({ field: 'account', message: t.unknownAccount });
  const after = c.req.query('after');
  const page: JournalPage =
    errors.length > 0
      ? { entries: [], nextAfter: null }
      : await readJournal(c.var.db, caller, {
          limit: PAGE_SIZE,
          ...(account && { accountId: account.id }),
          ...(q.kind && { kind: q.kind }),
          ...(from && { from }),
          ...(to && { to }),
          ...(after && /^[1-9][0-9]{0,18}$/.test(after) && { after }),
        });
  const locale = c.var.locale;
  return c.html(
    <Layout c={c} title={t.ledgerTitle}>
      <p>{t.ledgerIntro}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="get" action="/ledger" class="filters" role="search" aria-label={t.filter}>
        <Field name="account" label={t.account} hint={t.accountHint} value={q.account} errors={errors} />
        <Field name="kind" label={t.kind} hint={t.kindHint} value={q.kind} errors={errors} />
        <Field name="from" label={t.from} type="date" value={q.from} errors={errors} />
        <Field name="to" label={t.to} type="date" value={q.to} errors={errors} />
        <div class="actions">
          <button type="submit">{t.apply}</button>
        </div>
      </form>
      {page.entries.length === 0 ? <p>{t.noEntries}</p> : null}
      {page.entries.map((entry) => (
        <section class="entry" aria-labelledby={`entry-${entry.id}`}>
          <h2 id={`entry-${entry.id}`}>
            {t.entry(entry.id)} · <code>{entry.kind}</code>
          </h2>
          <dl class="facts">
            <dt>{t.bookedAt}</dt>
            <dd>{formatDateTime(entry.createdAt, locale)}</dd>
            <dt>{t.effectiveAt}</dt>
            <dd>{formatDateTime(entry.effectiveAt, locale)}</dd>
            {entry.memo ? (
              <>
                <dt>{t.memo}</dt>
                <dd>{entry.memo}</dd>
              </>
            ) : null}
          </dl>
          {entry.reversesEntryId ? <p>{t.reverses(entry.reversesEntryId)}</p> : null}
          <DataTable
            caption={t.postings}
            columns={[t.account, { num: t.debit }, { num: t.credit }, t.currency, { num: t.balanceAfter }]}
          >
            {entry.postings.map((posting: JournalPosting) => (
              <tr>
                <td>
                  <a href={`/ledger?${searchOf({ account: posting.accountCode })}`}>
                    <code>{posting.accountCode}</code>
                  </a>
                </td>
                <td class="num">
                  {posting.side === 'debit' ? formatAmount(posting.amount, posting.currency, locale) : ''}
                </td>
                <td class="num">
                  {posting.side === 'credit' ? formatAmount(posting.amount, posting.currency, locale) : ''}
                </td>
                <td>{posting.currency}</td>
                <td class="num">{formatAmount(posting.balanceAfter, posting.currency, locale)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
      <nav class="actions" aria-label={t.ledgerTitle}>
        {after ? <a href={`/ledger?${searchOf({ ...q })}`}>{t.firstPage}</a> : null}
        {page.nextAfter ? <a href={`/ledger?${searchOf({ ...q, after: page.nextAfter })}`}>{t.nextPage}</a> : null}
      </nav>
    </Layout>,
  );
}

async function trialBalancePage(c: Context<PortalEnv>) {
  const t = at(c);
  const caller = personCaller(c);
  requireBooksReader(caller);
  const locale = c.var.locale;
  const errors: FieldError[] = [];
  const day = c.req.query('at');
  const end = notAfterNow(dateInstant(day, 'at', errors, t.badDate, true));
  const report =
    errors.length > 0
      ? undefined
      : await readTrialBalance(c.var.reportsDb, caller, end ? { at: new Date(end.getTime() - 1) } : {});
  return c.html(
    <Layout c={c} title={t.trialBalanceTitle}>
      <p>{t.trialBalanceIntro}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="get" action="/trial-balance" class="filters" role="search" aria-label={t.filter}>
        <Field name="at" label={t.at} hint={t.atHint} type="date" value={day} errors={errors} />
        <div class="actions">
          <button type="submit">{t.apply}</button>
        </div>
      </form>
      {report ? (
        <>
          <p>{t.asOf(formatDateTime(report.at, locale))}</p>
          <DataTable caption={t.totals} columns={[t.currency, { num: t.debits }, { num: t.credits }, t.balanced]}>
            {report.totals.map((total) => (
              <tr>
                <th scope="row">{total.currency}</th>
                <td class="num">{formatAmount(total.debits, total.currency, locale)}</td>
                <td class="num">{formatAmount(total.credits, total.currency, locale)}</td>
                <td>
                  <strong class={total.balanced ? 'good' : 'bad'}>{total.balanced ? t.balanced : t.unbalanced}</strong>
                </td>
              </tr>
            ))}
          </DataTable>
          <DataTable
            caption={t.trialBalanceTitle}
            columns={[t.code, t.name, t.currency, { num: t.debits }, { num: t.credits }, { num: t.balance }]}
          >
            {report.lines.map((line) => (
              <tr>
                <td>
                  <a href={`/ledger?${searchOf({ account: line.code })}`}>
                    <code>{line.code}</code>
                  </a>
                </td>
                <td>{line.name}</td>
                <td>{line.currency}</td>
                <td class="num">{formatAmount(line.debits, line.currency, locale)}</td>
                <td class="num">{formatAmount(line.credits, line.currency, locale)}</td>
                <td class="num">{formatAmount(line.balance, line.currency, locale)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </Layout>,
  );
}

async function chainPage(c: Context<PortalEnv>) {
  const t = at(c);
  const report = await readChainReport(c.var.reportsDb, personCaller(c));
  const locale = c.var.locale;
  return c.html(
    <Layout c={c} title={t.chainTitle}>
      <p class={report.ok ? 'notice' : 'error-summary'} role="status">
        {report.ok ? t.chainOk : t.chainBroken}
      </p>
      <dl class="facts">
        <dt>{t.sealedEntries}</dt>
        <dd>{report.entries}</dd>
        <dt>{t.unsealed}</dt>
        <dd>{report.unsealed}</dd>
        <dt>{t.oldestUnsealed}</dt>
        <dd>{report.oldestUnsealedAt ? formatDateTime(report.oldestUnsealedAt, locale) : t.none}</dd>
        <dt>{t.unaccounted}</dt>
        <dd>{report.unaccounted}</dd>
        <dt>{t.firstBad}</dt>
        <dd>{report.firstBadEntry ?? t.none}</dd>
        <dt>{t.mismatches}</dt>
        <dd>{report.balanceMismatches.length > 0 ? report.balanceMismatches.join(', ') : t.none}</dd>
        <dt>{t.lastSeal}</dt>
        <dd>{report.lastSeal ? <code class="secret">{report.lastSeal.hash}</code> : t.none}</dd>
      </dl>
    </Layout>,
  );
}

const FORMATS = ['pdf', 'csv', 'json'] as const;

async function statementsPage(c: Context<PortalEnv>) {
  const t = at(c);
  requireBooksReader(personCaller(c));
  const rows = await listProgrammes(c.var.db, 100);
  const locale = c.var.locale;
  return c.html(
    <Layout c={c} title={t.statementsTitle}>
      <p>{t.statementsIntro}</p>
      {rows.length === 0 ? <p>{t.noProgrammes}</p> : null}
      {rows.map(({ programme }) => (
        <section aria-labelledby={`programme-${programme.id}`}>
          <h2 id={`programme-${programme.id}`}>
            {programme.name} <code>{programme.code}</code>
          </h2>
          <ul class="downloads">
            {FORMATS.map((format) => (
              <li>
                <a href={`/v1/statements/programmes/${programme.id}.${format}?locale=${locale}`} download>
                  {t.download(t.statement, format.toUpperCase())}
                </a>
              </li>
            ))}
            {FORMATS.map((format) => (
              <li>
                <a href={`/v1/statements/trial-balance.${format}?programme=${programme.id}&locale=${locale}`} download>
                  {t.download(t.trialBalanceDocument, format.toUpperCase())}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>,
  );
}

async function auditLogPage(c: Context<PortalEnv>) {
  const t = at(c);
  const locale = c.var.locale;
  const errors: FieldError[] = [];
  const q = { resourceType: c.req.query('resourceType')?.trim(), from: c.req.query('from'), to: c.req.query('to') };
  const from = dateInstant(q.from, 'from', errors, t.badDate);
  const to = dateInstant(q.to, 'to', errors, t.badDate, true);
  if (from && to && to.getTime() <= from.getTime()) errors.push({ field: 'to', message: t.toBeforeFrom });
  const after = c.req.query('after');
  const caller = personCaller(c);
  requireBooksReader(caller);
  const rows =
    errors.length > 0
      ? []
      : await listAuditLog(c.var.db, caller, {
          limit: PAGE_SIZE,
          ...(q.resourceType && { resourceType: q.resourceType }),
          ...(from && { from }),
          ...(to && { to }),
          ...(after && /^[1-9][0-9]{0,18}$/.test(after) && { after }),
        });
  const items = rows.slice(0, PAGE_SIZE);
  const next = rows.length > PAGE_SIZE ? items[items.length - 1]?.id.toString() : undefined;
  return c.html(
    <Layout c={c} title={t.auditLogTitle}>
      <p>{t.auditLogIntro}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="get" action="/audit-log" class="filters" role="search" aria-label={t.filter}>
        <Field
          name="resourceType"
          label={t.resourceType}
          hint={t.resourceTypeHint}
          value={q.resourceType}
          errors={errors}
        />
        <Field name="from" label={t.from} type="date" value={q.from} errors={errors} />
        <Field name="to" label={t.to} type="date" value={q.to} errors={errors} />
        <div class="actions">
          <button type="submit">{t.apply}</button>
        </div>
      </form>
      {items.length === 0 ? (
        <p>{t.noRecords}</p>
      ) : (
        <DataTable caption={t.auditLogTitle} columns={[t.when, t.action, t.resource, t.actor, t.details]}>
          {items.map((record) => (
            <tr>
              <td>{formatDateTime(record.at, locale)}</td>
              <td>
                <code>{record.action}</code>
              </td>
              <td>
                {record.resourceType} <code>{record.resourceId}</code>
              </td>
              <td>
                {record.actorKind}
                {record.userId ? <code> {record.userId}</code> : null}
              </td>
              <td>
                <code class="details">{JSON.stringify(record.details)}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {next ? (
        <nav class="actions" aria-label={t.auditLogTitle}>
          <a href={`/audit-log?${searchOf({ ...q, after: next })}`}>{t.olderRecords}</a>
        </nav>
      ) : null}
    </Layout>,
  );
}

/** The auditor's read-only pages (the administrator may read them too, as with /v1/ledger). */
export function registerAuditorPages(router: Hono<PortalEnv>, guard: MiddlewareHandler<PortalEnv>) {
  router.get('/ledger', guard, ledgerPage);
  router.get('/trial-balance', guard, trialBalancePage);
  router.get('/chain', guard, chainPage);
  router.get('/statements', guard, statementsPage);
  router.get('/audit-log', guard, auditLogPage);
}
