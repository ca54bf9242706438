import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../support/api';
import { ADMIN_TOKEN, createTestApp } from '../support/app';
import { browserClient, invitationPath } from '../support/browser-client';
import { client } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { organisationWithKey } from '../support/keys';
import { STRONG_PASSWORD, enrolSecondFactor, invite, signIn, signedInBrowser } from '../support/people';
import { testClock } from '../support/workflow';
import { totpCode, timeStep } from '../../src/people/totp';
import { verifyPassword } from '../../src/people/passwords';
import type { App } from '../../src/api/app';

let database: TestDatabase;
let app: App;
let admin: ReturnType<typeof client>;
const clock = testClock('2026-03-02T09:00:00Z');
beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, {
    clock: clock.now,
    clientAddress: (c) => c.req.header('x-test-client') ?? '203.0.113.1',
  });
  admin = client(app, ADMIN_TOKEN);
});
afterAll(() => database.close());

let counter = 0;
const email = (what: string) => `${what}.${++counter}@example.org`;
const auditActions = async (userId: string) =>
  (await database.sql`SELECT action FROM audit_log WHERE resource_id = ${userId} ORDER BY id`).map((r) => r.action);

describe('inviting people', () => {
  it('the administrator invites a person; the link is one-time, 72 hours, and only its hash is stored', async () => {
    const club = await organisationWithKey(admin, 'association', 'applicant');
    const invited = await invite(admin, club.id, { email: email('Tesorera'), role: 'applicant', locale: 'es-MX' });
    expect(invited.email).toMatch(/^tesorera\.\d+@example\.org$/);
    expect(invited.invitationUrl).toMatch(/^http:\/\/localhost\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(invited.invitationExpiresAt).getTime() - clock.now().getTime()).toBe(72 * 3_600_000);
    const token = invited.invitationUrl.split('/').pop()!;
    const stored = await database.sql`SELECT token_hash FROM invitations`;
    expect(JSON.stringify(stored)).not.toContain(token);

    const browser = browserClient(app);
    const form = await browser.get(invitationPath(invited.invitationUrl));
    expect(form.status).toBe(200);
    expect(form.html).toContain('type="password"');
    expect(form.html).toContain('lang="es-MX"');
    const set = await browser.post(invitationPath(invited.invitationUrl), { password: STRONG_PASSWORD });
    expect(set.status).toBe(303);
    const [row] = await database.sql`SELECT password_hash FROM users WHERE id = ${invited.id}`;
    expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword(STRONG_PASSWORD, row!.password_hash)).toBe(true);
    expect((await browser.get(invitationPath(invited.invitationUrl))).status).toBe(404);
    expect(
      (await browser.post(invitationPath(invited.invitationUrl), { password: 'Another long password' })).status,
    ).toBe(404);
    expect(await auditActions(invited.id)).toEqual(['user.invited', 'user.password-set']);
  });

  it('an invitation expires after 72 hours; a new one replaces it', async () => {
    const club = await organisationWithKey(admin, 'association', 'applicant');
    const invited = await invite(admin, club.id, { email: email('late'), role: 'applicant' });
    const start = clock.now().toISOString();
    clock.set(new Date(clock.now().getTime() + 72 * 3_600_000).toISOString());
    const browser = browserClient(app);
    expect((await browser.get(invitationPath(invited.invitationUrl))).status).toBe(404);
    const again = await admin.post<typeof invited>(`/v1/users/${invited.id}/invitation`);
    expect(again.status).toBe(201);
    expect((await browser.get(invitationPath(again.body.invitationUrl))).status).toBe(200);
    clock.set(start);
  });

  it("the organisation's own programme_admin invites; nobody else does", async () => {
    const ministry = await organisationWithKey(admin, 'government', 'programme_admin');
    const other = await organisationWithKey(admin, 'government', 'programme_admin');
    const club = await organisationWithKey(admin, 'association', 'applicant');
    expect((await invite(ministry.as, ministry.id, { email: email('officer'), role: 'approver' })).role).toBe(
      'approver',
    );
    const foreign = await other.as.post(`/v1/organisations/${ministry.id}/users`, {
      email: email('x'),
      name: 'X',
      role: 'approver',
    });
    expect(foreign.status).toBe(404);
    const applicant = await club.as.post(`/v1/organisations/${club.id}/users`, {
      email: email('y'),
      name: 'Y',
      role: 'applicant',
    });
    expect(applicant.status).toBe(403);
    const listed = await ministry.as.get<{ items: { email: string; invitationPending: boolean }[] }>(
      `/v1/organisations/${ministry.id}/users`,
    );
    expect(listed.body.items.map((u) => u.invitationPending)).toEqual([true]);
  });

  it('names the invalid fields; refuses a taken address and a role the organisation cannot hold', async () => {
    const club = await organisationWithKey(admin, 'association', 'applicant');
    const bad = await admin.post<Problem>(`/v1/organisations/${club.id}/users`, {
      email: 'nope',
      name: '',
      role: 'boss',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['body.email', 'body.name', 'body.role']);
    const auditorRole = await admin.post<Problem>(`/v1/organisations/${club.id}/users`, {
      email: email('a'),
      name: 'A',
      role: 'auditor',
    });
    expect(auditorRole.body.errors![0]!.field).toBe('body.role');
    const address = email('twice');
    await invite(admin, club.id, { email: address, role: 'applicant' });
    const twice = await admin.post(`/v1/organisations/${club.id}/users`, {
      email: address.toUpperCase(),
      name: 'B',
      role: 'applicant',
    });
    expect(twice.status).toBe(409);
  });

  it('refuses short and common passwords, naming the field', async () => {
    const club = await organisationWithKey(admin, 'association', 'applicant');
    const invited = await invite(admin, club.id, { email: email('weak'), role: 'applicant' });
    const browser = browserClient(app);
    await browser.get(invitationPath(invited.invitationUrl));
    for (const password of ['short', 'password1234', 'aaaaaaaaaaaaaaaa']) {
      const refused = await browser.post(invitationPath(invited.invitationUrl), { password });
      expect(refused.status).toBe(422);
      expect(refused.html).toContain('id="field-password-error"');
      expect(refused.html).toContain('aria-invalid="true"');
    }
    const [row] = await database.sql`SELECT password_hash FROM users WHERE id = ${invited.id}`;
    expect(row!.password_hash).toBeNull();
  });
});

describe('sessions', () => {
  async function person(role = 'applicant', kind = 'association') {
    const organisation = await organisationWithKey(admin, kind, role);
    return invite(admin, organisation.id, { email: email(role), role });
  }

  it('sign-in sets an HttpOnly, SameSite=Lax cookie, Secure off localhost; rotation, logout', async () => {
    const invited = await person();
    const browser = await signedInBrowser(app, invited);
    const firstToken = browser.cookies.get('cofund_session')!;
    const again = await browser.post('/login', { email: invited.email, password: STRONG_PASSWORD });
    const cookie = again.headers.getSetCookie().find((line) => line.startsWith('cofund_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(browser.cookies.get('cofund_session')).not.toBe(firstToken);
    const [first] =
      await database.sql`SELECT ended_at FROM sessions WHERE token_hash = encode(sha256(${firstToken}::bytea), 'hex')`;
    expect(first!.ended_at).not.toBeNull();

    const remote = browserClient(app, 'https://cofund.example.org');
    await remote.get('/login');
    const signedIn = await remote.post('/login', { email: invited.email, password: STRONG_PASSWORD });
    expect(signedIn.headers.getSetCookie().find((line) => line.startsWith('cofund_session='))).toMatch(/Secure/);

    await browser.get('/account');
    expect((await browser.post('/logout', {})).status).toBe(303);
    expect((await browser.get('/account')).location).toBe('/login');
    expect(await auditActions(invited.id)).toEqual(expect.arrayContaining(['user.login', 'user.logout']));
  });

  it('a session ends after 30 idle minutes, and 12 hours after sign-in whatever the activity', async () => {
    const invited = await person();
    const start = clock.now().toISOString();
    const browser = await signedInBrowser(app, invited);
    const step = (minutes: number) => clock.set(new Date(clock.now().getTime() + minutes * 60_000).toISOString());
    step(29);
    expect((await browser.get('/account')).status).toBe(200);
    for (let i = 0; i < 25; i++) {
      step(29);
      if ((await browser.get('/account')).status !== 200) break;
    }
    const lasted = clock.now().getTime() - new Date(start).getTime();
    expect(lasted).toBeGreaterThanOrEqual(12 * 60 * 60_000 - 29 * 60_000);
    expect(lasted).toBeLessThanOrEqual(12 * 60 * 60_000 + 29 * 60_000);
    expect((await browser.get('/account')).location).toBe('/login');

    clock.set(start);
    const idle = await signIn(app, invited.email);
    step(31);
    expect((await idle.get('/account')).location).toBe('/login');
    clock.set(start);
  });

  it('a form without the CSRF token, or from another site, is refused and changes nothing', async () => {
    const invited = await person();
    const browser = await signedInBrowser(app, invited);
    const noToken = await browser.post('/account', { locale: 'fr-MA' }, { withoutCsrf: true });
    expect(noToken.status).toBe(403);
    const wrongToken = await browser.post('/account', { locale: 'fr-MA', _csrf: 'forged' }, { withoutCsrf: true });
    expect(wrongToken.status).toBe(403);
    const crossSite = await browser.post(
      '/account',
      { locale: 'fr-MA' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
    const [row] = await database.sql`SELECT locale FROM users WHERE id = ${invited.id}`;
    expect(row!.locale).toBeNull();
    const loggedOut = await browser.post('/logout', {}, { withoutCsrf: true });
    expect(loggedOut.status).toBe(403);
    expect((await browser.get('/account')).status).toBe(200);
    expect((await browser.post('/account', { locale: 'fr-MA' })).status).toBe(303);
    expect((await browser.get('/account')).html).toContain('lang="fr-MA"');
    // Signing in needs the token too (login CSRF).
    const fresh = browserClient(app);
    expect(
      (await fresh.post('/login', { email: invited.email, password: STRONG_PASSWORD }, { withoutCsrf: true })).status,
    ).toBe(403);
  });

  it('five failures lock the account for 15 minutes; all of it is in the audit log', async () => {
    const invited = await person();
    await signedInBrowser(app, invited);
    const start = clock.now().toISOString();
    const browser = browserClient(app);
    await browser.get('/login');
    for (let i = 0; i < 5; i++) {
      const failed = await browser.post(
        '/login',
        { email: invited.email, password: 'wrong password here' },
        { headers: { 'x-test-client': '198.51.100.7' } },
      );
      expect(failed.status).toBe(401);
      expect(failed.html).toContain('id="field-password-error"');
    }
    const locked = await browser.post(
      '/login',
      { email: invited.email, password: STRONG_PASSWORD },
      { headers: { 'x-test-client': '198.51.100.7' } },
    );
    expect(locked.status).toBe(429);
    clock.set(new Date(clock.now().getTime() + 16 * 60_000).toISOString());
    expect((await browser.post('/login', { email: invited.email, password: STRONG_PASSWORD })).status).toBe(303);
    const actions = await auditActions(invited.id);
    expect(actions.filter((a) => a === 'user.login-failed')).toHaveLength(5);
    expect(actions).toContain('user.locked');
    expect(actions).toContain('user.login-refused');
    clock.set(start);
  });

  it('twenty failures from one address refuse it, whichever accounts it tries', async () => {
    const browser = browserClient(app);
    await browser.get('/login');
    const from = { headers: { 'x-test-client': '192.0.2.99' } };
    for (let i = 0; i < 20; i++) {
      expect(
        (await browser.post('/login', { email: email('nobody'), password: 'guess guess guess' }, from)).status,
      ).toBe(401);
    }
    const invited = await person();
    await signedInBrowser(app, invited);
    const refused = await browser.post('/login', { email: invited.email, password: STRONG_PASSWORD }, from);
    expect(refused.status).toBe(429);
    const throttled =
      await database.sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.login-throttled'`;
    expect(throttled[0]!.n).toBeGreaterThan(0);
  });
});

describe('second factor', () => {
  it('an approver enrols a TOTP key (QR code and text); sign-in then needs a fresh code', async () => {
    const ministry = await organisationWithKey(admin, 'government', 'approver');
    const invited = await invite(admin, ministry.id, { email: email('approver'), role: 'approver' });
    const browser = await signedInBrowser(app, invited);
    expect((await browser.get('/')).html).toContain('href="/account/second-factor"');
    const enrolment = await browser.get('/account/second-factor');
    expect(enrolment.html).toContain('<svg');
    const wrong = await browser.post('/account/second-factor', { code: '000000' });
    expect(wrong.status).toBe(422);
    const secret = await enrolSecondFactor(browser, clock.now());
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const fresh = browserClient(app);
    await fresh.get('/login');
    const withoutCode = await fresh.post('/login', { email: invited.email, password: STRONG_PASSWORD });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.html).toContain('id="field-code-error"');
    // The code used at enrolment does not work a second time.
    const reused = await fresh.post('/login', {
      email: invited.email,
      password: STRONG_PASSWORD,
      code: totpCode(secret, timeStep(clock.now())),
    });
    expect(reused.status).toBe(401);
    clock.set(new Date(clock.now().getTime() + 30_000).toISOString());
    const ok = await fresh.post('/login', {
      email: invited.email,
      password: STRONG_PASSWORD,
      code: totpCode(secret, timeStep(clock.now())),
    });
    expect(ok.status).toBe(303);
    expect(await auditActions(invited.id)).toContain('user.second-factor-enrolled');
  });

  it('matches RFC 6238 test vectors (SHA-1, 6 digits)', () => {
    const secret = '12345678901234567890';
    const base32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(Buffer.from(secret).length).toBe(20);
    expect(totpCode(base32, Math.floor(59 / 30))).toBe('287082');
    expect(totpCode(base32, Math.floor(1111111109 / 30))).toBe('081804');
    expect(totpCode(base32, Math.floor(2000000000 / 30))).toBe('279037');
  });
});

describe('first run', () => {
  it('an empty database shows the setup page; the admin token creates the first administrator once', async () => {
    const empty = await createTestDatabase();
    try {
      const fresh = await createTestApp(empty.db);
      const browser = browserClient(fresh);
      const setup = await browser.get('/');
      expect(setup.status).toBe(200);
      expect(setup.html).toContain('action="/setup"');
      const fields = { name: 'Ana Admin', email: 'ana@example.org', password: STRONG_PASSWORD };
      const wrong = await browser.post('/setup', { ...fields, adminToken: 'not the token' });
      expect(wrong.status).toBe(422);
      expect(wrong.html).toContain('id="field-adminToken-error"');
      expect((await browser.post('/setup', { ...fields, adminToken: ADMIN_TOKEN })).status).toBe(303);
      expect((await browser.get('/')).location).toBe('/login');
      await browser.get('/login');
      expect((await browser.post('/login', { email: fields.email, password: STRONG_PASSWORD })).status).toBe(303);
      const home = await browser.get('/');
      expect(home.html).toContain('href="/admin/organisations"');
      const second = await browser.post('/setup', { ...fields, email: 'eve@example.org', adminToken: ADMIN_TOKEN });
      expect(second.status).toBe(303);
      const [row] = await empty.sql`SELECT count(*)::int AS n FROM users WHERE administrator`;
      expect(row!.n).toBe(1);
    } finally {
      await empty.close();
    }
  });
});

describe('people and keys', () => {
  it("a person's credential is not listed with the organisation's API keys", async () => {
    const club = await organisationWithKey(admin, 'association', 'applicant');
    await invite(admin, club.id, { email: email('listed'), role: 'applicant' });
    const keys = await admin.get<{ items: { prefix: string }[] }>(`/v1/organisations/${club.id}/api-keys`);
    expect(keys.body.items.map((k) => k.prefix)).toEqual([club.key.slice(0, 12)]);
  });
});
