import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { App } from '../../src/api/app';
import { freePort } from '../../src/runtime/embedded-postgres';
import { startHttpServer } from '../../src/runtime/node-http';
import { STRONG_PASSWORD } from './people';

/** Debian's Chromium; `.ci/run` installs it with apt-get when a fresh machine lacks it. */
export const CHROMIUM = process.env.COFUND_CHROMIUM ?? '/usr/bin/chromium';

/** Headless, and quiet: no sandbox (CI runs as root), no GPU, no calls home, no updates, no first-run UI. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where browser tests leave their screenshots: git-ignored (/out/). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../out/screenshots');

export interface ServedApp {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The app over real HTTP on a loopback port, through the same Node server `npm start` uses. In
 * process rather than `npm start` in a child, so a test can hand it a clock (the 3x1 rules end in 2018).
 */
export async function serveApp(app: App): Promise<ServedApp> {
  const port = await freePort();
  const server: Server = await new Promise((resolve) => {
    const started = startHttpServer(app, {
      port,
      hostname: '127.0.0.1',
      maxHeaderBytes: 16 * 1024,
      onListening: () => resolve(started),
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/** A fresh person at a browser: own cookies, a phone-sized or desktop window, the given language. */
export async function newPerson(browser: Browser, baseUrl: string, options: { locale?: string; phone?: boolean } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'en',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
  });
  return context.newPage();
}

/** Signs in through the login page, as a person would. */
export async function signInAt(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    page.locator('form[action="/login"] button[type="submit"]').click(),
  ]);
}

/** An invited person opens their link, sets a password and signs in through the login page. */
export async function arriveByInvitation(
  browser: Browser,
  baseUrl: string,
  invited: { email: string; invitationUrl: string },
  options: { locale?: string; phone?: boolean } = {},
): Promise<Page> {
  const page = await newPerson(browser, baseUrl, options);
  await page.goto(new URL(invited.invitationUrl).pathname);
  await page.locator('input[name="password"]').fill(STRONG_PASSWORD);
  await Promise.all([page.waitForURL(/\/login/), page.locator('main form button[type="submit"]').click()]);
  await signInAt(page, invited.email, STRONG_PASSWORD);
  return page;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
