import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { runDeadlines } from '../../src/deadlines';
import { dispatchMail } from '../../src/mail';
import { smtpTransport } from '../../src/mail/smtp';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { invite, signedInBrowser } from '../support/people';
import { startSmtpServer } from '../support/smtp';
import { testClock } from '../support/workflow';
import { type World, file, infrastructure, threeByOneProgramme } from '../workflow/fixtures';

/*
 * The deadline scanner and the mail dispatcher together, with the workflow clock moved: a club filed
 * on Monday 2014-03-03 must prove its share by Tuesday 2014-04-01 (3x1-7: 20 business days, with the
 * 2014-03-17 holiday left out). Three business days before, its treasurer gets the reminder in
 * Spanish from a real SMTP server on loopback.
 */
let database: TestDatabase;
let app: App;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const clock = testClock('2014-03-03T15:00:00Z');
const PUBLIC_URL = 'https://cofund.example.org';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  smtp = await startSmtpServer();
  world = await threeByOneProgramme(app, 'reminder');
});
afterAll(async () => {
  await smtp?.stop();
  await database?.close();
});

describe('a 3x1-7 window three business days from its end', () => {
  it("mails the club's treasurer the reminder in Spanish, once", async () => {
    const invited = await invite(world.admin, world.club.id, {
      email: 'tesoreria@club-reminder.org',
      role: 'applicant',
      locale: 'es-MX',
    });
    await signedInBrowser(app, invited);
    const filed = await file(world, world.club, infrastructure('1200000.00', 'Rescate del templo'));
    const dispatch = () =>
      dispatchMail(database.db, {
        transport: smtpTransport(smtp.url, 'cofund <fondo@example.org>'),
        publicUrl: PUBLIC_URL,
        now: clock.now,
      });

    // Thursday 2014-03-27: Friday, Monday and Tuesday are left.
    clock.set('2014-03-27T08:00:00Z');
    await runDeadlines(database.db, clock.now());
    await dispatch();
    clock.set('2014-03-27T20:00:00Z');
    await runDeadlines(database.db, clock.now());
    await dispatch();

    const reminders = smtp.to(invited.email).filter((mail) => mail.subject.startsWith('Recordatorio'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.subject).toBe(
      'Recordatorio: la comprobación de los recursos del club a más tardar el 1 abr 2014',
    );
    expect(reminders[0]!.text).toContain('«Rescate del templo»');
    expect(reminders[0]!.text).toContain('vence el 1 abr 2014, en 3 días hábiles.');
    expect(reminders[0]!.text).toContain(`${PUBLIC_URL}/applications/${filed.id}`);
  });
});
