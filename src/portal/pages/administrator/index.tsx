import type { Context, Hono, MiddlewareHandler } from 'hono';
import { invitationUrl } from '../../../api/people/people.handlers';
import { NewUserSchema } from '../../../api/people/people.routes';
import {
  NewApiKeySchema,
  NewOrganisationSchema,
  ORGANISATION_KINDS,
} from '../../../api/organisations/organisations.routes';
import type { KeyRole } from '../../../auth';
import { CofundError, type FieldError, ForbiddenError } from '../../../errors';
import { LANGUAGE_NAMES, LOCALES, formatDate, formatDateTime } from '../../../i18n';
import * as organisations from '../../../organisations/service';
import * as people from '../../../people/service';
import { personCaller } from '../../caller';
import type { PortalEnv } from '../../env';
import { readForm } from '../../form-input';
import { Csrf, ErrorSummary, Field, Layout, DataTable, fieldError } from '../../layout';
import { ADMINISTRATOR_TEXTS } from './texts';

/*
 * The platform administrator's pages: organisations, their people (invitations) and their API keys,
 * through the same services, request schemas and role checks as /v1/organisations and /v1/users.
 * What is shown once (an invitation link, a key) is the answer to the POST itself, never stored.
 */

const texts = (c: Context<PortalEnv>) => ADMINISTRATOR_TEXTS[c.var.locale];

/** A refusal the person can act on: its fields, or the sentence when it names none. */
function refusalErrors(error: CofundError): FieldError[] {
  if (error.errors.length > 0) return error.errors;
  if (error.code === 'email-taken') return [{ field: 'body.email', message: error.message }];
  return [{ field: '', message: error.message }];
}

/** Runs a service; a 4xx it raises (other than 403/404, which the error pages show) comes back as errors. */
async function attempt<T>(run: () => Promise<T>): Promise<{ value: T } | { errors: FieldError[] }> {
  try {
    return { value: await run() };
  } catch (error) {
    if (error instanceof CofundError && error.status !== 403 && error.status !== 404 && error.status < 500) {
      return { errors: refusalErrors(error) };
    }
    throw error;
  }
}

function Select(props: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string | undefined;
  errors: readonly FieldError[];
}) {
  const id = `field-${props.name}`;
  const error = fieldError(props.errors, props.name);
  return (
    <Field name={props.name} label={props.label} errors={props.errors}>
      <select
        id={id}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

const Summary = (props: { c: Context<PortalEnv>; errors: readonly FieldError[] }) => (
  <ErrorSummary
    c={props.c}
    errors={props.errors.filter((e) => e.field !== '')}
    message={props.errors.find((e) => e.field === '')?.message}
  />
);

async function organisationsPage(c: Context<PortalEnv>, errors: FieldError[] = [], form: Record<string, string> = {}) {
  personCallerIsAdmin(c);
  const t = texts(c);
  const rows = (await organisations.listOrganisations(c.var.db, personCaller(c), 500)).slice(0, 500);
  const locale = c.var.locale;
  return c.html(
    <Layout c={c} title={t.organisationsTitle}>
      <p>{t.organisationsIntro}</p>
      {rows.length === 0 ? (
        <p>{t.noOrganisations}</p>
      ) : (
        <DataTable caption={t.organisationsTitle} columns={[t.name, t.kind, t.created]}>
          {rows.map((row) => (
            <tr>
              <td>
                <a href={`/admin/organisations/${row.id}`}>{row.name}</a>
              </td>
              <td>{t.kinds[row.kind] ?? row.kind}</td>
              <td>{formatDate(row.createdAt, locale)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 id="new-organisation">{t.newOrganisation}</h2>
      <Summary c={c} errors={errors} />
      <form method="post" action="/admin/organisations" class="stack" aria-labelledby="new-organisation" novalidate>
        <Csrf c={c} />
        <Field name="name" label={t.name} value={form.name} errors={errors} required autocomplete="organization" />
        <Select
          name="kind"
          label={t.kind}
          value={form.kind}
          errors={errors}
          options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t.kinds[kind] ?? kind }))}
        />
        <div>
          <button type="submit">{t.register}</button>
        </div>
      </form>
    </Layout>,
    errors.length > 0 ? 422 : 200,
  );
}

/** Only the administrator: the services let others see their own organisation, these pages do not. */
function personCallerIsAdmin(c: Context<PortalEnv>) {
  if (c.var.person?.actor.kind !== 'admin') throw new ForbiddenError('only the administrator manages organisations');
}

async function createOrganisation(c: Context<PortalEnv>) {
  personCallerIsAdmin(c);
  const read = readForm(NewOrganisationSchema, c.var.form, ['name', 'kind']);
  if (read.errors.length > 0) return organisationsPage(c, read.errors, c.var.form);
  const created = await attempt(() => organisations.createOrganisation(c.var.db, personCaller(c), read.data!));
  if ('errors' in created) return organisationsPage(c, created.errors, c.var.form);
  return c.redirect(`/admin/organisations/${created.value.id}`, 303);
}

interface Forms {
  inviteErrors?: FieldError[];
  keyErrors?: FieldError[];
  form?: Record<string, string>;
}

async function organisationPage(c: Context<PortalEnv>, forms: Forms = {}) {
  personCallerIsAdmin(c);
  const t = texts(c);
  const shared = c.var.texts;
  const caller = personCaller(c);
  const id = c.req.param('id') ?? '';
  const organisation = await organisations.getOrganisation(c.var.db, caller, id);
  const [members, keys] = await Promise.all([
    people.listUsers(c.var.db, caller, id),
    organisations.listApiKeys(c.var.db, caller, id),
  ]);
  const roles = (Object.keys(organisations.ROLE_HOLDERS) as KeyRole[]).filter((role) =>
    organisations.ROLE_HOLDERS[role].includes(organisation.kind),
  );
  const roleOptions = roles.map((role) => ({ value: role, label: shared.roles[role] ?? role }));
  const locale = c.var.locale;
  const inviteErrors = forms.inviteErrors ?? [];
  const keyErrors = forms.keyErrors ?? [];
  const form = forms.form ?? {};
  const failed = inviteErrors.length > 0 || keyErrors.length > 0;
  const revoked = keys.find((key) => key.id === c.req.query('revoked') && key.revokedAt);
  const notice = revoked ? t.keyRevoked(revoked.prefix) : undefined;
  return c.html(
    <Layout c={c} title={organisation.name}>
      <p>
        <a href="/admin/organisations">{t.allOrganisations}</a>
      </p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t.kind}</dt>
        <dd>{t.kinds[organisation.kind] ?? organisation.kind}</dd>
        <dt>{t.created}</dt>
        <dd>{formatDate(organisation.createdAt, locale)}</dd>
      </dl>

      <h2>{t.people}</h2>
      {members.length === 0 ? (
        <p>{t.noPeople}</p>
      ) : (
        <DataTable caption={t.people} columns={[t.name, t.email, t.role, t.secondFactor, t.status]}>
          {members.map((member) => (
            <tr>
              <td>{member.name}</td>
              <td>{member.email}</td>
              <td>{shared.roles[member.role] ?? member.role}</td>
              <td>{member.totpConfirmedAt ? t.yes : t.no}</td>
              <td>
                {member.passwordHash ? t.active : member.invitationPending ? t.invitationPending : t.invitationExpired}
                {member.passwordHash ? null : (
                  <form method="post" action={`/admin/users/${member.id}/invitation`} class="inline-block">
                    <Csrf c={c} />
                    <button type="submit" class="secondary" aria-label={`${t.newLink}: ${member.email}`}>
                      {t.newLink}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {roles.length > 0 ? (
        <>
          <h3 id="invite">{t.invite}</h3>
          <Summary c={c} errors={inviteErrors} />
          <form
            method="post"
            action={`/admin/organisations/${id}/users`}
            class="stack"
            aria-labelledby="invite"
            novalidate
          >
            <Csrf c={c} />
            <Field name="name" label={t.name} value={form.name} errors={inviteErrors} required autocomplete="off" />
            <Field
              name="email"
              label={t.email}
              type="email"
              value={form.email}
              errors={inviteErrors}
              required
              autocomplete="off"
            />
            <Select name="role" label={t.role} value={form.role} errors={inviteErrors} options={roleOptions} />
            <Select
              name="locale"
              label={t.language}
              value={form.locale}
              errors={inviteErrors}
              options={[
                { value: '', label: t.languageAuto },
                ...LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[locale][l] })),
              ]}
            />
            <div>
              <button type="submit">{t.sendInvitation}</button>
            </div>
          </form>
        </>
      ) : null}

      <h2>{t.apiKeys}</h2>
      <p>{t.apiKeysIntro}</p>
      {keys.length === 0 ? (
        <p>{t.noKeys}</p>
      ) : (
        <DataTable caption={t.apiKeys} columns={[t.prefix, t.role, t.label, t.created, t.status]}>
          {keys.map((key) => (
            <tr>
              <td>
                <code>{key.prefix}…</code>
              </td>
              <td>{shared.roles[key.role] ?? key.role}</td>
              <td>{key.label}</td>
              <td>{formatDate(key.createdAt, locale)}</td>
              <td>
                {key.revokedAt ? (
                  `${t.revoked} ${formatDate(key.revokedAt, locale)}`
                ) : (
                  <form method="post" action={`/admin/api-keys/${key.id}/revoke`} class="inline-block">
                    <Csrf c={c} />
                    <button type="submit" class="danger" aria-label={t.revokeLabel(key.prefix)}>
                      {t.revoke}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {roles.length > 0 ? (
        <>
          <h3 id="issue-key">{t.issueKey}</h3>
          <Summary c={c} errors={keyErrors} />
          <form
            method="post"
            action={`/admin/organisations/${id}/api-keys`}
            class="stack"
            aria-labelledby="issue-key"
            novalidate
          >
            <Csrf c={c} />
            <Select name="keyRole" label={t.role} value={form.keyRole} errors={keyErrors} options={roleOptions} />
            <Field
              name="label"
              label={t.label}
              hint={t.labelHint}
              value={form.label}
              errors={keyErrors}
              autocomplete="off"
            />
            <div>
              <button type="submit">{t.issue}</button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>,
    failed ? 422 : 200,
  );
}

/** The page that shows a secret once: the answer to the POST, never a page one can come back to. */
function OnceShown(props: {
  c: Context<PortalEnv>;
  title: string;
  intro: string;
  label: string;
  secret: string;
  back: string;
  backLabel: string;
}) {
  return (
    <Layout c={props.c} title={props.title}>
      <p class="warning">{props.intro}</p>
      <div class="field">
        <label for="once">{props.label}</label>
        <input
          id="once"
          type="text"
          readonly
          value={props.secret}
          class="secret"
          autocomplete="off"
          spellcheck={false}
        />
      </div>
      <p>
        <a href={props.back}>{props.backLabel}</a>
      </p>
    </Layout>
  );
}

async function showInvitation(c: Context<PortalEnv>, invited: people.Invited, organisationName: string) {
  const t = texts(c);
  return c.html(
    <OnceShown
      c={c}
      title={t.invitedTitle(invited.user.name)}
      intro={t.invitationLinkIntro(formatDateTime(invited.expiresAt, c.var.locale))}
      label={t.invitationLink}
      secret={invitationUrl(c, invited.token)}
      back={`/admin/organisations/${invited.user.organisationId}`}
      backLabel={t.backTo(organisationName)}
    />,
    201,
  );
}

async function inviteUser(c: Context<PortalEnv>) {
  personCallerIsAdmin(c);
  const id = c.req.param('id') ?? '';
  const organisation = await organisations.getOrganisation(c.var.db, personCaller(c), id);
  const read = readForm(NewUserSchema, c.var.form, ['name', 'email', 'role', 'locale']);
  if (read.errors.length > 0) return organisationPage(c, { inviteErrors: read.errors, form: c.var.form });
  const invited = await attempt(() =>
    c.var.db.transaction((tx) => people.inviteUser(tx, personCaller(c), id, read.data!)),
  );
  if ('errors' in invited) return organisationPage(c, { inviteErrors: invited.errors, form: c.var.form });
  return showInvitation(c, invited.value, organisation.name);
}

async function reinviteUser(c: Context<PortalEnv>) {
  personCallerIsAdmin(c);
  const invited = await c.var.db.transaction((tx) => people.reinviteUser(tx, personCaller(c), c.req.param('id') ?? ''));
  const organisation = await organisations.getOrganisation(c.var.db, personCaller(c), invited.user.organisationId);
  return showInvitation(c, invited, organisation.name);
}

async function issueApiKey(c: Context<PortalEnv>) {
  personCallerIsAdmin(c);
  const t = texts(c);
  const id = c.req.param('id') ?? '';
  const organisation = await organisations.getOrganisation(c.var.db, personCaller(c), id);
  const read = readForm(NewApiKeySchema, { ...c.var.form, role: c.var.form.keyRole ?? '' }, ['role', 'label']);
  // The key form's role field is "keyRole" (the invitation form has its own "role").
  const keyErrors = (errors: FieldError[]) =>
    errors.map((e) => (e.field === 'body.role' ? { ...e, field: 'body.keyRole' } : e));
  if (read.errors.length > 0) return organisationPage(c, { keyErrors: keyErrors(read.errors), form: c.var.form });
  const issued = await attempt(() => organisations.issueApiKey(c.var.db, personCaller(c), id, read.data!));
  if ('errors' in issued) return organisationPage(c, { keyErrors: keyErrors(issued.errors), form: c.var.form });
  return c.html(
    <OnceShown
      c={c}
      title={t.keyIssuedTitle}
      intro={t.keyIntro}
      label={t.key}
      secret={issued.value.key}
      back={`/admin/organisations/${id}`}
      backLabel={t.backTo(organisation.name)}
    />,
    201,
  );
}

async function revokeApiKey(c: Context<PortalEnv>) {
  personCallerIsAdmin(c);
  const revoked = await organisations.revokeApiKey(c.var.db, personCaller(c), c.req.param('id') ?? '');
  c.var.guards.apiKeys.revoked(revoked.id);
  return c.redirect(`/admin/organisations/${revoked.organisationId}?revoked=${revoked.id}`, 303);
}

/** The platform administrator's pages. */
export function registerAdministratorPages(router: Hono<PortalEnv>, guard: MiddlewareHandler<PortalEnv>) {
  router.get('/admin/organisations', guard, (c) => organisationsPage(c));
  router.post('/admin/organisations', guard, createOrganisation);
  router.get('/admin/organisations/:id', guard, (c) => organisationPage(c));
  router.post('/admin/organisations/:id/users', guard, inviteUser);
  router.post('/admin/organisations/:id/api-keys', guard, issueApiKey);
  router.post('/admin/users/:id/invitation', guard, reinviteUser);
  router.post('/admin/api-keys/:id/revoke', guard, revokeApiKey);
}
