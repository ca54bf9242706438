import type { Browser, Page } from 'playwright-core';
import { LOCALES, type Locale } from '../../src/i18n';
import { timeStep, totpCode } from '../../src/people/totp';
import type { SeededPerson } from '../../src/seed/people';
import { newPerson, signInAt } from './browser';

/** Each role's navigation: its own pages, and none of another role's. */
export const ROLE_PAGES: Record<SeededPerson['role'], string[]> = {
  administrator: ['/admin/organisations'],
  applicant: ['/programmes', '/applications'],
  approver: ['/queue', '/decisions'],
  programme_admin: ['/manage/programmes', '/manage/applications'],
  auditor: ['/ledger', '/trial-balance', '/chain', '/statements', '/audit-log'],
};

/** One page of a tour, open in the visitor's browser. */
export interface TourStop {
  /** The role of the person, or `visitor` before signing in. */
  who: string;
  locale: Locale;
  path: string;
  /** The path with its ids replaced: one page of each shape is visited. */
  shape: string;
  status: number;
  page: Page;
}

export type Visit = (stop: TourStop) => Promise<void>;

export const pageShape = (path: string) =>
  path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:n');

/** Enough for every page of a role, and a stop if a page ever linked to itself through new ids. */
const PAGES_PER_PERSON = 40;

/** The portal pages a page links to: not the API, the assets, or a download. */
async function portalLinks(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('a[href^="/"]')
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
  return hrefs
    .map((href) => href.split(/[?#]/)[0]!)
    .filter((path) => !/^\/(v1|docs|portal|openapi)(\/|\.|$)/.test(path) && !/\.[a-z]+$/.test(path));
}

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  return response?.status() ?? 0;
}

/** Pages seen before signing in (sign-in, first run, an invitation, a 404), in each language. */
export async function tourPublicPages(
  browser: Browser,
  baseUrl: string,
  paths: string[],
  visit: Visit,
  options: { phone?: boolean; locales?: readonly Locale[] } = {},
) {
  for (const locale of options.locales ?? LOCALES) {
    const page = await newPerson(browser, baseUrl, { locale, phone: options.phone });
    for (const path of paths) {
      const status = await open(page, path);
      await visit({ who: 'visitor', locale, path, shape: pageShape(path), status, page });
    }
    await page.context().close();
  }
}

async function chooseLanguage(page: Page, locale: Locale) {
  await page.goto('/account');
  await page.locator('#field-locale').selectOption(locale);
  await Promise.all([
    page.waitForURL(/done=saved/),
    page.locator('form[action="/account"] button[type="submit"]').click(),
  ]);
}

/** The signed-in person enrols an authenticator, typing the code an app would show at `now`. */
export async function enrolAt(page: Page, now: Date) {
  await page.goto('/account/second-factor');
  const secret = (await page.locator('code.secret').textContent())!.replace(/ /g, '');
  await page.locator('input[name="code"]').fill(totpCode(secret, timeStep(now)));
  await Promise.all([page.waitForURL(/done=second-factor/), page.locator('main form button[type="submit"]').click()]);
}

/**
 * A seeded person signs in and, in each language, follows every link to a page of a new shape,
 * breadth first from the home page. One who must enrol an authenticator sees the enrolment page
 * first, then enrols (so the pages that decide show their forms).
 */
export async function tourAsPerson(
  browser: Browser,
  baseUrl: string,
  person: Pick<SeededPerson, 'role' | 'email' | 'password' | 'secondFactor'>,
  visit: Visit,
  options: {
    phone?: boolean;
    locales?: readonly Locale[];
    now?: () => Date;
    /** Pages no link leads to (a confirmation page reached by a form), visited after the home page. */
    alsoVisit?: readonly string[];
  } = {},
) {
  const locales = options.locales ?? LOCALES;
  const page = await newPerson(browser, baseUrl, { phone: options.phone });
  await signInAt(page, person.email, person.password);
  const enrolment = '/account/second-factor';
  if (person.secondFactor && (await open(page, enrolment)) === 200 && page.url().endsWith(enrolment)) {
    for (const locale of locales) {
      await chooseLanguage(page, locale);
      const status = await open(page, enrolment);
      await visit({ who: person.role, locale, path: enrolment, shape: enrolment, status, page });
    }
    await enrolAt(page, (options.now ?? (() => new Date()))());
  }
  for (const locale of locales) {
    await chooseLanguage(page, locale);
    const seen = new Set<string>([enrolment]);
    const queue = ['/', '/account', ...(options.alsoVisit ?? [])];
    while (queue.length > 0 && seen.size <= PAGES_PER_PERSON) {
      const path = queue.shift()!;
      const shape = pageShape(path);
      if (seen.has(shape)) continue;
      seen.add(shape);
      const status = await open(page, path);
      await visit({ who: person.role, locale, path, shape, status, page });
      queue.push(...(await portalLinks(page)));
    }
  }
  await page.context().close();
}
