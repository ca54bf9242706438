import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldError } from '../errors';
import type { PortalEnv } from './env';
import { CSRF_FIELD } from './session';

/** The page around every view: language, title, skip link, who is signed in, navigation. */
export function Layout(props: { c: Context<PortalEnv>; title: string; children: Child }) {
  const { c } = props;
  const t = c.var.texts;
  const person = c.var.person;
  return (
    <html lang={c.var.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href="/portal/style.css" />
        <script src="/portal/enhance.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {t.siteName}
          </a>
          {person ? (
            <nav aria-label={t.account}>
              <ul>
                {navigation(c).map((item) => (
                  <li>
                    <a href={item.href} aria-current={c.req.path === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
                <li>
                  <a href="/account">{t.account}</a>
                </li>
                <li>
                  <form method="post" action="/logout" class="inline">
                    <Csrf c={c} />
                    <button type="submit" class="link">
                      {t.signOut}
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The signed-in person's pages, by role. */
export function navigation(c: Context<PortalEnv>): { href: string; label: string }[] {
  const nav = c.var.texts.nav;
  const actor = c.var.person?.actor;
  if (!actor) return [];
  if (actor.kind === 'admin') return [{ href: '/admin/organisations', label: nav.organisations }];
  const byRole = {
    applicant: [
      { href: '/programmes', label: nav.programmes },
      { href: '/applications', label: nav.applications },
    ],
    approver: [
      { href: '/queue', label: nav.queue },
      { href: '/decisions', label: nav.decisions },
    ],
    programme_admin: [
      { href: '/manage/programmes', label: nav.programmes },
      { href: '/manage/applications', label: nav.applications },
      { href: '/reconciliation', label: nav.reconciliation },
    ],
    auditor: [
      { href: '/ledger', label: nav.ledger },
      { href: '/trial-balance', label: nav.trialBalance },
      { href: '/chain', label: nav.chain },
      { href: '/statements', label: nav.statements },
      { href: '/reconciliation', label: nav.reconciliation },
      { href: '/audit-log', label: nav.auditLog },
    ],
  };
  return byRole[actor.role];
}

export const Csrf = (props: { c: Context<PortalEnv> }) => (
  <input type="hidden" name={CSRF_FIELD} value={props.c.var.csrf} />
);

/** A labelled field with its hint and its error, tied together for assistive technology. */
export function Field(props: {
  name: string;
  label: string;
  type?: string;
  value?: string | undefined;
  hint?: string | undefined;
  errors?: readonly FieldError[] | undefined;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'decimal' | 'numeric' | 'email' | 'text';
  children?: Child;
  attributes?: Record<string, string | number | boolean>;
}) {
  const id = `field-${props.name}`;
  const error = fieldError(props.errors, props.name);
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.children ?? (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.value}
          required={props.required}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described || undefined}
          {...props.attributes}
        />
      )}
    </div>
  );
}

/** The message for a form field: the API's field paths ("body.totalCost") match the plain name. */
export function fieldError(errors: readonly FieldError[] | undefined, name: string): string | undefined {
  const matching = (errors ?? []).filter(
    (e) =>
      e.field === name ||
      e.field === `body.${name}` ||
      e.field.startsWith(`body.${name}.`) ||
      e.field.startsWith(`${name}.`),
  );
  return matching.length > 0 ? matching.map((e) => e.message).join(' ') : undefined;
}

/** A summary at the top of a form that failed, linking to each field. */
export function ErrorSummary(props: { c: Context<PortalEnv>; errors: readonly FieldError[]; message?: string }) {
  if (props.errors.length === 0 && !props.message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <p>{props.message ?? props.c.var.texts.fixErrors}</p>
      {props.errors.length > 0 ? (
        <ul>
          {props.errors.map((e) => (
            <li>
              <a href={`#field-${e.field.replace(/^body\./, '').split('.')[0]}`}>{e.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A table that scrolls sideways on a phone. Being scrollable, it is a named region that takes the
 * keyboard focus, so that it can be scrolled without a mouse (WCAG 2.1.1).
 */
export const TableFrame = (props: { label: string; children: Child }) => (
  <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
    {props.children}
  </div>
);

/** A column heading: its text, or `{ num: text }` for a column of numbers (aligned right). */
export type Column = string | { num: string };

/** A table of rows under one caption and a row of column headings, in its TableFrame. */
export const DataTable = (props: { caption: string; columns: Column[]; children: Child }) => (
  <TableFrame label={props.caption}>
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) =>
            typeof column === 'string' ? (
              <th scope="col">{column}</th>
            ) : (
              <th scope="col" class="num">
                {column.num}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  </TableFrame>
);
