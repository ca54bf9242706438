import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/app';
import { publishEvents, recordEvent } from '../../src/events';
import { type MailTransport, dispatchMail, readMailSettings } from '../../src/mail';
import { nodeMailTransport, smtpTransport } from '../../src/mail/smtp';
import { setMailPreferences } from '../../src/people/service';
import { users } from '../../src/db/schema';
import type { Application } from '../support/api';
import { createTestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { invite, signedInBrowser } from '../support/people';
import { startSmtpServer } from '../support/smtp';
import { expectStatus, openProgramme, organisation, testClock } from '../support/workflow';
import {
  type World,
  file,
  fundedProject,
  infrastructure,
  requestTranche,
  threeByOneProgramme,
} from '../workflow/fixtures';

/**
 * Mail to the portal's people, received by a real SMTP server on loopback: what waits for an
 * approver's decision, in their language; nothing for a person who turned it off; each event
 * mailed once however many dispatchers run; a deadline reminder in Spanish; a log line instead of
 * a mail without SMTP_URL; and a mail the SMTP server could not take retried later.
 */
let database: TestDatabase;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let world: World;
const clock = testClock('2014-03-03T16:00:00Z');
const PUBLIC_URL = 'https://cofund.example.org';

/** A person who accepted the invitation (a portal user), with their locale. */
async function person(organisationId: string, email: string, role: string, locale?: string) {
  const invited = await invite(world.admin, organisationId, { email, role, ...(locale ? { locale } : {}) });
  await signedInBrowser(app, invited);
  return invited;
}

/** A pass of the dispatcher over the SMTP server, on the test's clock. */
const dispatch = (transport: MailTransport = smtpTransport(smtp.url, 'cofund <fondo@example.org>')) =>
  dispatchMail(database.db, { transport, publicUrl: PUBLIC_URL, now: clock.now });

let federalApprover: { id: string; email: string };
let stateApprover: { id: string; email: string };
let municipalApprover: { id: string; email: string };
let treasurer: { id: string; email: string };

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database.db, { clock: clock.now });
  smtp = await startSmtpServer();
  world = await threeByOneProgramme(app, 'mail');
  federalApprover = await person(world.federal.id, 'aprobadora@federal.gob.mx', 'approver', 'es-MX');
  stateApprover = await person(world.state.id, 'aprobador@zacatecas.gob.mx', 'approver', 'es-MX');
  municipalApprover = await person(world.municipal.id, 'approver@jerez.gob.mx', 'approver');
  treasurer = await person(world.club.id, 'tesorera@club.org', 'applicant', 'es-MX');
  const [state] = await database.db.select().from(users).where(eq(users.id, stateApprover.id));
  await setMailPreferences(database.db, state!, {
    decisionsWaiting: false,
    applicationDecisions: true,
    tranchesPaid: true,
    deadlines: true,
  });
});
afterAll(async () => {
  await smtp.stop();
  await database.close();
});

const deliveriesOf = (eventType: string) =>
  database.db.execute<{ user_id: string; status: string; attempts: number }>(sql`
    SELECT d.user_id, d.status, d.attempts FROM mail_deliveries d JOIN events e ON e.id = d.event_id
    WHERE e.type = ${eventType} ORDER BY d.created_at`);

describe('what waits for a decision', () => {
  let filed: Application;
  it("an approver gets it in Spanish when a 3x1 application is filed, with a link to the item's page", async () => {
    filed = await file(world);
    const pass = await dispatch();
    expect(pass).toMatchObject({ attempted: 2, sent: 2 });
    const [mail, ...more] = smtp.to(federalApprover.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Espera su decisión: Pavimentación');
    expect(mail!.language).toBe('es-MX');
    expect(mail!.text).toContain(
      'La solicitud «Pavimentación» (Tres por Uno mail) fue presentada y espera su decisión.',
    );
    expect(mail!.text).toContain(`${PUBLIC_URL}/queue/applications/${filed.id}`);
    // No locale chosen: English.
    expect(smtp.to(municipalApprover.email).map((m) => m.subject)).toEqual([
      'Waiting for your decision: Pavimentación',
    ]);
  });

  it('no mail for an approver who turned that mail off, nor for the applicant', async () => {
    expect(smtp.to(stateApprover.email)).toEqual([]);
    expect(smtp.to(treasurer.email)).toEqual([]);
  });

  it('each event is mailed once, however often and however many dispatchers run', async () => {
    const again = await file(world, world.club, infrastructure('2400000.00', 'Agua potable'));
    await Promise.all([dispatch(), dispatch(), dispatch()]);
    await dispatch();
    expect(smtp.to(federalApprover.email).map((m) => m.subject)).toEqual([
      'Espera su decisión: Pavimentación',
      'Espera su decisión: Agua potable',
    ]);
    const eventIds = smtp.received.map((m) => `${m.eventId}:${m.to}`);
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect((await deliveriesOf('application.filed')).every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    expect(again.status).toBe('filed');
  });
});

describe('decisions and tranches paid', () => {
  it("the applicant hears of the approval and the tranche paid; the tranche's approvers of the request", async () => {
    const project = await fundedProject(world, world.club, '800000.00');
    const tranche = await requestTranche(world, project.id, '400000.00');
    await dispatch();
    const mine = smtp.to(treasurer.email).map((m) => m.subject);
    expect(mine).toContain('Solicitud aprobada: Pavimentación');
    expect(smtp.to(municipalApprover.email).find((m) => m.subject.startsWith('A tranche waits'))!.text).toContain(
      `A tranche of MX$400,000.00 was requested`,
    );
    for (const party of tranche.approvers as Array<'federal' | 'state' | 'municipal'>)
      expectStatus(
        await world.governments[party].approver!.post(`/v1/tranches/${tranche.id}/approvals`, { decision: 'approve' }),
        200,
      );
    await dispatch();
    const paid = smtp.to(treasurer.email).find((m) => m.subject === 'Ministración pagada: Pavimentación');
    expect(paid!.text).toContain('La ministración de $400,000.00 para «Pavimentación»');
    expect(paid!.text).toContain(`${PUBLIC_URL}/applications/${project.id}`);
  });
});

describe('deadlines', () => {
  it("a deadline.approaching event: the club's treasurer gets the reminder in Spanish", async () => {
    const filed = await file(world, world.club, infrastructure('1200000.00', 'Rescate del templo'));
    await database.db.transaction((tx) =>
      recordEvent(tx, {
        type: 'deadline.approaching',
        occurredAt: clock.now(),
        organisationIds: [world.club.id],
        payload: {
          applicationId: filed.id,
          rule: '3x1-7',
          kind: 'proof-of-funds',
          due: '2014-04-01',
          businessDaysLeft: 3,
        },
      }),
    );
    await publishEvents(database.db);
    await dispatch();
    const [reminder, ...more] = smtp.to(treasurer.email).filter((m) => m.subject.startsWith('Recordatorio'));
    expect(more).toEqual([]);
    expect(reminder!.subject).toBe('Recordatorio: la comprobación de los recursos del club a más tardar el 1 abr 2014');
    expect(reminder!.text).toContain(
      '«Rescate del templo» (Tres por Uno mail): la comprobación de los recursos del club vence el 1 abr 2014, ' +
        'en 3 días hábiles.',
    );
    expect(reminder!.text).toContain(`${PUBLIC_URL}/applications/${filed.id}`);
    // The event names the club only: no government person is reminded.
    expect(smtp.to(federalApprover.email).filter((m) => m.subject.startsWith('Recordatorio'))).toEqual([]);
  });
});

describe('MDM Invest', () => {
  it('a person of MDM reads the mail in French', async () => {
    clock.set('2022-03-01T09:00:00Z');
    const investor = await organisation(app, 'Investisseur mail', 'investor', ['applicant']);
    const state = await organisation(app, 'Tamwilcom mail', 'government', ['approver', 'programme_admin']);
    const bank = await organisation(app, 'Banque mail', 'bank', ['approver', 'programme_admin']);
    const programme = await openProgramme(
      app,
      {
        code: 'mdm-mail',
        name: 'MDM Invest',
        ruleSet: 'mdm-invest',
        currency: 'MAD',
        parties: { grant: state.id, bank: bank.id },
      },
      [state, bank],
    );
    const banker = await person(bank.id, 'credit@banque.ma', 'approver', 'fr-MA');
    const depot = expectStatus(
      await investor.applicant!.post<Application>(`/v1/programmes/${programme.id}/applications`, {
        projectType: 'creation',
        title: 'Plateforme logistique',
        totalCost: '10000000.00',
        currency: 'MAD',
        sector: 'energy',
        investorStatus: 'mre',
      }),
      201,
    ).body;
    await dispatch();
    const [mail] = smtp.to(banker.email);
    expect(mail!.subject).toBe('En attente de votre décision : Plateforme logistique');
    expect(mail!.language).toBe('fr-MA');
    expect(mail!.text).toContain('Bonjour credit,');
    expect(mail!.text).toContain(`${PUBLIC_URL}/queue/applications/${depot.id}`);
  });
});

describe('without SMTP_URL, or with the SMTP server down', () => {
  it('without SMTP_URL nothing is sent and each mail is one log line, with no secret in it', async () => {
    const lines: string[] = [];
    const transport = nodeMailTransport(readMailSettings({ MAIL_FROM: 'fondo@example.org' }), (line) =>
      lines.push(line),
    );
    const before = smtp.received.length;
    const filed = await file(world, world.club, infrastructure('1600000.00', 'Alumbrado'));
    await dispatch(transport);
    expect(smtp.received.length).toBe(before);
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        message: 'mail not sent: SMTP_URL is unset',
        eventType: 'application.filed',
        to: federalApprover.email,
        userId: federalApprover.id,
        locale: 'es-MX',
        subject: 'Espera su decisión: Alumbrado',
      }),
    );
    // The text's links are not logged.
    expect(lines.join('\n')).not.toContain(`/queue/applications/${filed.id}`);
    expect((await deliveriesOf('application.filed')).filter((d) => d.status === 'logged').length).toBe(2);
  });

  it('the SMTP server down: the mail is retried later, then delivered once', async () => {
    await smtp.stop();
    const filed = await file(world, world.club, infrastructure('2000000.00', 'Cancha deportiva'));
    const failed = await dispatch();
    expect(failed).toMatchObject({ sent: 0 });
    expect(failed.attempted).toBeGreaterThanOrEqual(2);
    const pending = await database.db.execute<{ status: string; attempts: number; last_error: string }>(sql`
      SELECT d.status, d.attempts, d.last_error FROM mail_deliveries d JOIN events e ON e.id = d.event_id
      WHERE e.payload ->> 'applicationId' = ${filed.id}`);
    expect(pending.map((d) => [d.status, d.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(pending[0]!.last_error).toMatch(/ECONNREFUSED/);

    await smtp.start();
    // Not due yet: the first retry waits a minute.
    expect(await dispatch()).toMatchObject({ attempted: 0 });
    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    expect(await dispatch()).toMatchObject({ attempted: 2, sent: 2 });
    expect(
      smtp.to(federalApprover.email).filter((m) => m.subject === 'Espera su decisión: Cancha deportiva'),
    ).toHaveLength(1);
    await dispatch();
    expect(
      smtp.to(federalApprover.email).filter((m) => m.subject === 'Espera su decisión: Cancha deportiva'),
    ).toHaveLength(1);
  });
});

describe('at most once', () => {
  it('a send whose dispatcher stopped answering is interrupted once its lease runs out, never sent again', async () => {
    const filed = await file(world, world.club, infrastructure('2800000.00', 'Centro comunitario'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hung: MailTransport = async () => {
      await gate;
      return 'sent';
    };
    const stuck = dispatch(hung);
    const sending = async () =>
      database.db.execute<{ status: string }>(sql`
        SELECT d.status FROM mail_deliveries d JOIN events e ON e.id = d.event_id
        WHERE e.payload ->> 'applicationId' = ${filed.id}`);
    await expect.poll(async () => (await sending()).map((d) => d.status)).toEqual(['sending', 'sending']);

    clock.set(new Date(clock.now().getTime() + 3 * 60_000).toISOString());
    expect(await dispatch()).toMatchObject({ interrupted: 2, attempted: 0 });
    release();
    await stuck;
    expect((await sending()).map((d) => d.status)).toEqual(['interrupted', 'interrupted']);
    expect(smtp.received.filter((m) => m.subject.endsWith('Centro comunitario'))).toEqual([]);
  });
});
