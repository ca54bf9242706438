import { expect } from 'vitest';
import { totpCode, timeStep } from '../../src/people/totp';
import type { client, Transport } from './client';
import { browserClient, invitationPath } from './browser-client';

export const STRONG_PASSWORD = 'Pavimentación de la calle 5';

export interface InvitedUser {
  id: string;
  email: string;
  role: string;
  invitationUrl: string;
  invitationExpiresAt: string;
}

/** Invites a person to an organisation through the API. */
export async function invite(
  by: ReturnType<typeof client>,
  organisationId: string,
  person: { email: string; name?: string; role: string; locale?: string },
): Promise<InvitedUser> {
  const reply = await by.post<InvitedUser>(`/v1/organisations/${organisationId}/users`, {
    name: person.email.split('@')[0],
    ...person,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** A browser of a person who accepted the invitation and signed in. */
export async function signedInBrowser(app: Transport, invited: InvitedUser, password = STRONG_PASSWORD) {
  const browser = browserClient(app);
  await browser.get(invitationPath(invited.invitationUrl));
  const set = await browser.post(invitationPath(invited.invitationUrl), { password });
  expect(set.status, set.html).toBe(303);
  return signIn(app, invited.email, password, browser);
}

/** A browser signed in with a password already set. */
export async function signIn(
  app: Transport,
  email: string,
  password = STRONG_PASSWORD,
  browser = browserClient(app),
  code?: string,
) {
  await browser.get('/login');
  const login = await browser.post('/login', { email, password, ...(code ? { code } : {}) });
  expect(login.status, login.html).toBe(303);
  await browser.get('/');
  return browser;
}

/** Enrols an authenticator for the signed-in person and returns the secret, as an app would read it. */
export async function enrolSecondFactor(browser: ReturnType<typeof browserClient>, at: Date) {
  const page = await browser.get('/account/second-factor');
  const secret = /class="secret">([A-Z2-7 ]+)</.exec(page.html)![1]!.replace(/ /g, '');
  const confirmed = await browser.post('/account/second-factor', { code: totpCode(secret, timeStep(at)) });
  expect(confirmed.status, confirmed.html).toBe(303);
  return secret;
}
