import type { Context } from 'hono';
import { once, remembered } from '../api/idempotency';
import { CofundError, type FieldError } from '../errors';
import type { MissingDocument } from '../workflow';
import type { Transaction } from '../ledger';
import { personCaller } from './caller';
import type { PortalEnv } from './env';
import { Csrf, ErrorSummary } from './layout';
import type { Texts } from './texts';

/*
 * Every portal form that moves money, in one place. The form carries an idempotency key made when
 * the form was drawn; the post runs through the API's own `once`, in the organisation's key space,
 * so a double click, a reload or a resubmit runs the work once and gets back the first answer: the
 * same page to go to, with the same notice. A refusal rolls everything back and is shown beside the
 * field it names (the API's problem, unchanged).
 */

export const IDEMPOTENCY_FIELD = 'idempotencyKey';
const DONE_PARAM = 'done';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The hidden fields of a money form: the CSRF token, and the key made with this form (kept on a redraw). */
export const MoneyFormKeys = (props: { c: Context<PortalEnv>; idempotencyKey?: string | undefined }) => (
  <>
    <Csrf c={props.c} />
    <input
      type="hidden"
      name={IDEMPOTENCY_FIELD}
      value={props.idempotencyKey && UUID.test(props.idempotencyKey) ? props.idempotencyKey : crypto.randomUUID()}
    />
  </>
);

/** What a money form's work answers: where to go next, and what to say there. */
export interface MoneyFormResult {
  location: string;
  notice: string;
}

/**
 * Runs a money form's work at most once per its key. Returns where to send the browser (the page
 * reads the notice back with `MoneyFormNotice`, so no text travels in the URL), or the refusal as
 * field errors. Not-found and not-allowed are thrown, for the portal's own pages.
 */
export async function postMoneyForm(
  c: Context<PortalEnv>,
  body: Record<string, unknown>,
  work: (tx: Transaction) => Promise<MoneyFormResult>,
): Promise<{ location: string } | { errors: FieldError[] }> {
  const key = c.var.form[IDEMPOTENCY_FIELD] ?? '';
  if (!UUID.test(key)) return { errors: [{ field: '', message: c.var.texts.csrfRefused }] };
  try {
    const outcome = await once(
      c.var.db,
      personCaller(c).actor,
      { key, method: 'POST', path: c.req.path, body },
      async (tx) => ({ status: 200 as const, body: await work(tx) }),
      c.var.deps.groupCommit,
    );
    if (!outcome.replayed) c.var.deps.afterMoneyMoved?.(c, c.var.db);
    const location = new URL(outcome.body.location, 'http://portal');
    location.searchParams.set(DONE_PARAM, key);
    return { location: `${location.pathname}${location.search}` };
  } catch (error) {
    if (error instanceof CofundError && error.code === 'idempotency-key-reused')
      return { errors: [{ field: '', message: c.var.texts.formAlreadySent }] };
    if (error instanceof CofundError && error.status !== 403 && error.status !== 404)
      return { errors: refusalOf(error, c.var.texts) };
    throw error;
  }
}

/**
 * A refusal shown beside its field, or above the form when it names none. Each paper the rules
 * still miss is shown beside its file input (named by its document type), with `texts` in the reader's language.
 */
export function refusalOf(error: CofundError, texts?: Texts): FieldError[] {
  const missing = (error.extra as { missing?: MissingDocument[] }).missing;
  if (texts && error.code === 'documents-missing' && missing)
    return missing.map((paper) => ({ field: paper.type, message: texts.paperMissing(paper.rule) }));
  return error.errors.length > 0 ? error.errors : [{ field: '', message: error.message }];
}

/** The summary above a refused form: fields link to themselves, the rest is the message. */
export const RefusalSummary = (props: { c: Context<PortalEnv>; errors: readonly FieldError[] }) => {
  const general = (e: FieldError) => e.field === '' || e.field.startsWith('header.');
  return (
    <ErrorSummary
      c={props.c}
      errors={props.errors.filter((e) => !general(e))}
      message={props.errors.find(general)?.message}
    />
  );
};

/** The notice of the money form this page was reached from, read from what `once` remembered. */
export async function moneyFormNotice(c: Context<PortalEnv>): Promise<string | undefined> {
  const key = c.req.query(DONE_PARAM);
  if (!key || !UUID.test(key) || !c.var.person) return undefined;
  const body = (await remembered(c.var.db, c.var.person.actor, key)) as Partial<MoneyFormResult> | undefined;
  return typeof body?.notice === 'string' ? body.notice : undefined;
}

export const Notice = (props: { notice: string | undefined }) =>
  props.notice ? (
    <p class="notice" role="status">
      {props.notice}
    </p>
  ) : null;
