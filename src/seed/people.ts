import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { KeyRole } from '../auth';
import type { Database } from '../db';
import { organisations, users } from '../db/schema';
import type { Locale } from '../i18n';
import * as people from '../people/service';

/** A demo person created by this run, with the password shown this once. */
export interface SeededPerson {
  role: KeyRole | 'administrator';
  name: string;
  email: string;
  organisation: string;
  password: string;
  /** Whether the role must enrol an authenticator (at first sign-in) before deciding anything. */
  secondFactor: boolean;
}

interface PersonSpec {
  role: KeyRole | 'administrator';
  name: string;
  email: string;
  /** The demo organisation's name (src/seed/demo.ts), none for the platform administrator. */
  organisation?: string;
  locale: Locale;
}

/** One person per role, in the demo's organisations (the 3x1 club, Jerez, Zacatecas, the ASF). */
export const DEMO_PEOPLE: readonly PersonSpec[] = [
  { role: 'administrator', name: 'Ana Administradora', email: 'admin@demo.cofund.example', locale: 'en' },
  {
    role: 'applicant',
    name: 'Rosa Martínez',
    email: 'tesoreria@club-zacatecano.demo.cofund.example',
    organisation: 'Club Zacatecano de Los Ángeles',
    locale: 'es-MX',
  },
  {
    role: 'approver',
    name: 'Luis Herrera',
    email: 'aprobaciones@jerez.demo.cofund.example',
    organisation: 'Municipio de Jerez',
    locale: 'es-MX',
  },
  {
    role: 'programme_admin',
    name: 'Carmen Ruiz',
    email: 'programas@zacatecas.demo.cofund.example',
    organisation: 'Gobierno del Estado de Zacatecas',
    locale: 'es-MX',
  },
  {
    role: 'auditor',
    name: 'Sophie Benali',
    email: 'auditoria@asf.demo.cofund.example',
    organisation: 'Auditoría Superior de la Federación',
    locale: 'fr-MA',
  },
];

/** 20 random characters: long enough for the password rules, never a common password. */
const demoPassword = () => `demo-${randomBytes(15).toString('base64url')}`;

/**
 * The demo people, through the same services as an invitation and its link: each one missing is
 * invited and sets a generated password at once; one already there is left alone (its password was
 * printed when it was made). The administrator is made only on a database without one.
 */
export async function seedPeople(db: Database, now: Date): Promise<{ created: SeededPerson[]; kept: string[] }> {
  const created: SeededPerson[] = [];
  const kept: string[] = [];
  await db.transaction(async (tx) => {
    for (const spec of DEMO_PEOPLE) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, spec.email));
      if (existing) {
        kept.push(spec.email);
        continue;
      }
      const password = demoPassword();
      if (spec.role === 'administrator') {
        if (await people.hasAdministrator(tx)) continue;
        await people.createFirstAdministrator(tx, { email: spec.email, name: spec.name, password });
        created.push({ ...spec, organisation: '', password, secondFactor: false });
        continue;
      }
      const [organisation] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.name, spec.organisation!));
      if (!organisation) continue;
      const invited = await people.inviteUser(tx, { actor: { kind: 'admin' }, now }, organisation.id, {
        email: spec.email,
        name: spec.name,
        role: spec.role,
        locale: spec.locale,
      });
      await people.acceptInvitation(tx, invited.token, password, now);
      created.push({
        ...spec,
        organisation: spec.organisation!,
        password,
        secondFactor: people.needsSecondFactor({ role: spec.role }),
      });
    }
  });
  return { created, kept };
}
