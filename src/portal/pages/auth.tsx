import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { toSvgSource } from 'lean-qr/extras/svg';
import { generate } from 'lean-qr';
import { constantTimeEqual } from '../../auth';
import { CofundError, type FieldError } from '../../errors';
import { LANGUAGE_NAMES, LOCALES, isLocale } from '../../i18n';
import { MAIL_PREFERENCES, mailPreferencesFrom, mailPreferencesOf } from '../../people/mail-preferences';
import { PASSWORD_MIN_LENGTH } from '../../people/passwords';
import * as people from '../../people/service';
import type { PortalEnv } from '../env';
import { Csrf, ErrorSummary, Field, Layout } from '../layout';
import { SESSION_COOKIE, endSessionCookie, now, startSession, useLocaleOf } from '../session';
import { refusal } from './errors';

const problemErrors = (error: CofundError): FieldError[] =>
  error.errors.length > 0 ? error.errors : [{ field: '', message: error.message }];

export function loginPage(c: Context<PortalEnv>, errors: FieldError[] = [], email = '', status: 200 | 401 | 429 = 200) {
  const t = c.var.texts;
  const notice = c.req.query('done') === 'password' ? t.passwordSet : undefined;
  return c.html(
    <Layout c={c} title={t.signIn}>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary
        c={c}
        errors={errors.filter((e) => e.field !== '')}
        message={errors.find((e) => e.field === '')?.message}
      />
      <form method="post" action="/login" class="stack" novalidate>
        <Csrf c={c} />
        <Field
          name="email"
          label={t.email}
          type="email"
          value={email}
          errors={errors}
          required
          autocomplete="username"
        />
        <Field
          name="password"
          label={t.password}
          type="password"
          errors={errors}
          required
          autocomplete="current-password"
        />
        <Field
          name="code"
          label={t.code}
          hint={t.codeHint}
          errors={errors}
          inputmode="numeric"
          autocomplete="one-time-code"
        />
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>,
    status,
  );
}

export async function login(c: Context<PortalEnv>) {
  const form = c.var.form;
  const result = await c.var.db.transaction((tx) =>
    people.signIn(
      tx,
      {
        email: form.email ?? '',
        password: form.password ?? '',
        code: form.code,
        clientAddress: c.var.deps.clientAddress?.(c) ?? 'unknown',
        previousToken: getCookie(c, SESSION_COOKIE),
        requestId: c.var.requestId,
      },
      now(c),
    ),
  );
  if ('refused' in result) {
    const status = result.refused.status === 429 ? 429 : 401;
    if (status === 429) c.header('retry-after', String(people.LOCKOUT_MS / 1000));
    return loginPage(c, problemErrors(result.refused), form.email ?? '', status);
  }
  startSession(c, result.token);
  return c.redirect('/', 303);
}

export async function logout(c: Context<PortalEnv>) {
  const person = c.var.person;
  if (person) await people.signOut(c.var.db, person, now(c), c.var.requestId);
  endSessionCookie(c);
  return c.redirect('/login', 303);
}

export async function invitationPage(c: Context<PortalEnv>, errors: FieldError[] = [], status: 200 | 422 = 200) {
  let user: people.User;
  try {
    user = await people.openInvitation(c.var.db, c.req.param('token') ?? '', now(c));
  } catch (error) {
    if (error instanceof CofundError) return refusal(c, 404, c.var.texts.invitationInvalid);
    throw error;
  }
  useLocaleOf(c, user);
  const t = c.var.texts;
  return c.html(
    <Layout c={c} title={t.invitationTitle}>
      <p>{t.invitationIntro(user.name, user.email)}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" class="stack" novalidate>
        <Csrf c={c} />
        <input type="text" name="username" value={user.email} autocomplete="username" hidden readonly />
        <Field
          name="password"
          label={t.newPassword}
          type="password"
          hint={t.passwordHint(PASSWORD_MIN_LENGTH)}
          errors={errors}
          required
          autocomplete="new-password"
          attributes={{ minlength: PASSWORD_MIN_LENGTH }}
        />
        <button type="submit">{t.setPassword}</button>
      </form>
    </Layout>,
    status,
  );
}

export async function acceptInvitation(c: Context<PortalEnv>) {
  try {
    await c.var.db.transaction((tx) =>
      people.acceptInvitation(tx, c.req.param('token') ?? '', c.var.form.password ?? '', now(c), c.var.requestId),
    );
  } catch (error) {
    if (error instanceof CofundError && error.status === 422) return invitationPage(c, error.errors, 422);
    if (error instanceof CofundError) return refusal(c, 404, c.var.texts.invitationInvalid);
    throw error;
  }
  return c.redirect('/login?done=password', 303);
}

export function firstRunPage(c: Context<PortalEnv>, errors: FieldError[] = [], status: 200 | 422 = 200) {
  const t = c.var.texts;
  const form = c.var.form ?? {};
  if (!c.var.deps.adminToken) {
    return c.html(
      <Layout c={c} title={t.firstRunTitle}>
        <p>{t.firstRunNoToken}</p>
      </Layout>,
    );
  }
  return c.html(
    <Layout c={c} title={t.firstRunTitle}>
      <p>{t.firstRunIntro}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/setup" class="stack" novalidate>
        <Csrf c={c} />
        <Field name="adminToken" label={t.adminToken} type="password" errors={errors} required autocomplete="off" />
        <Field name="name" label={t.name} value={form.name} errors={errors} required autocomplete="name" />
        <Field
          name="email"
          label={t.email}
          type="email"
          value={form.email}
          errors={errors}
          required
          autocomplete="username"
        />
        <Field
          name="password"
          label={t.newPassword}
          type="password"
          hint={t.passwordHint(PASSWORD_MIN_LENGTH)}
          errors={errors}
          required
          autocomplete="new-password"
        />
        <button type="submit">{t.createAdministrator}</button>
      </form>
    </Layout>,
    status,
  );
}

export async function setUp(c: Context<PortalEnv>) {
  const form = c.var.form;
  const t = c.var.texts;
  const adminToken = c.var.deps.adminToken;
  if (!adminToken || !constantTimeEqual(form.adminToken ?? '', adminToken)) {
    return firstRunPage(c, [{ field: 'adminToken', message: t.adminTokenWrong }], 422);
  }
  const missing = (['name', 'email'] as const).filter((name) => !form[name]?.trim());
  if (missing.length > 0)
    return firstRunPage(
      c,
      missing.map((field) => ({ field, message: t.fixErrors })),
      422,
    );
  try {
    await c.var.db.transaction((tx) =>
      people.createFirstAdministrator(
        tx,
        { email: form.email!, name: form.name!.trim(), password: form.password ?? '' },
        c.var.requestId,
      ),
    );
  } catch (error) {
    if (error instanceof CofundError && error.status === 422) return firstRunPage(c, error.errors, 422);
    if (error instanceof CofundError) return c.redirect('/login', 303);
    throw error;
  }
  return c.redirect('/login', 303);
}

export function accountPage(c: Context<PortalEnv>, notice?: string) {
  const t = c.var.texts;
  const { user } = c.var.person!;
  const role = user.administrator ? 'administrator' : (user.role ?? '');
  const receives = mailPreferencesOf(user);
  return c.html(
    <Layout c={c} title={t.account}>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t.name}</dt>
        <dd>{user.name}</dd>
        <dt>{t.email}</dt>
        <dd>{user.email}</dd>
        <dt>{t.roleLabel}</dt>
        <dd>{t.roles[role]}</dd>
      </dl>
      <form method="post" action="/account" class="stack">
        <Csrf c={c} />
        <Field name="locale" label={t.language} errors={[]}>
          <select id="field-locale" name="locale">
            <option value="" selected={!isLocale(user.locale)}>
              {t.languageAuto}
            </option>
            {LOCALES.map((locale) => (
              <option value={locale} selected={user.locale === locale} lang={locale}>
                {LANGUAGE_NAMES[locale][locale]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>{t.mailLegend}</legend>
          <p class="hint">{t.mailHint(user.email)}</p>
          <input type="hidden" name="mail" value="chosen" />
          {MAIL_PREFERENCES.map((preference) => (
            <label class="check">
              <input type="checkbox" name={`mail.${preference}`} value="on" checked={receives[preference]} />{' '}
              {t.mailPreferences[preference]}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t.save}</button>
      </form>
      <h2>{t.secondFactor}</h2>
      {user.totpConfirmedAt ? (
        <p>{t.secondFactorOn}</p>
      ) : (
        <>
          <p>{people.needsSecondFactor(user) ? t.secondFactorRequired : t.secondFactorOff}</p>
          <p>
            <a class="button" href="/account/second-factor">
              {t.enrolStart}
            </a>
          </p>
        </>
      )}
    </Layout>,
  );
}

export async function saveAccount(c: Context<PortalEnv>) {
  const form = c.var.form;
  const user = c.var.person!.user;
  await c.var.db.transaction(async (tx) => {
    await people.setLocale(tx, user, isLocale(form.locale) ? form.locale : null);
    // A check box left unticked is absent from the form: that kind of mail is off. A form without
    // the mail fieldset (drawn before it existed) changes none of them.
    if (form.mail === 'chosen')
      await people.setMailPreferences(
        tx,
        user,
        mailPreferencesFrom((kind) => form[`mail.${kind}`] === 'on'),
      );
  });
  return c.redirect('/account?done=saved', 303);
}

export async function secondFactorPage(c: Context<PortalEnv>, errors: FieldError[] = [], status: 200 | 422 = 200) {
  const t = c.var.texts;
  const person = c.var.person!;
  if (person.user.totpConfirmedAt) return c.redirect('/account', 303);
  const { secret, uri } = await people.beginTotpEnrolment(c.var.db, person.user);
  const qr = toSvgSource(generate(uri), { on: '#000', off: '#fff', pad: 4 });
  const grouped = secret.match(/.{1,4}/g)!.join(' ');
  return c.html(
    <Layout c={c} title={t.enrolTitle}>
      <p>{t.enrolIntro}</p>
      <figure class="qr" role="img" aria-label={t.qrAlt} dangerouslySetInnerHTML={{ __html: qr }} />
      <p>
        {t.enrolKey}: <code class="secret">{grouped}</code>
      </p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" class="stack" novalidate>
        <Csrf c={c} />
        <Field name="code" label={t.code} errors={errors} required inputmode="numeric" autocomplete="one-time-code" />
        <button type="submit">{t.enrolConfirm}</button>
      </form>
    </Layout>,
    status,
  );
}

export async function confirmSecondFactor(c: Context<PortalEnv>) {
  try {
    await c.var.db.transaction((tx) =>
      people.confirmTotpEnrolment(tx, c.var.person!, c.var.form.code ?? '', now(c), c.var.requestId),
    );
  } catch (error) {
    if (error instanceof CofundError && error.status === 422) return secondFactorPage(c, error.errors, 422);
    throw error;
  }
  return c.redirect('/account?done=second-factor', 303);
}
