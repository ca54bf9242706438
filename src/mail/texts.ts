import type { Locale } from '../i18n';

/** What a mail says about an application: its title and programme, already formatted. */
export interface AboutApplication {
  title: string;
  programme: string;
}

/** What the mails say, per locale; amounts and dates arrive formatted in the reader's locale. */
const en = {
  greeting: (name: string) => `Hello ${name},`,
  open: 'Open it in cofund:',
  footer: 'You receive this mail because it is turned on in your account (My account, Mail). Turn it off there.',
  applicationFiled: {
    subject: ({ title }: AboutApplication) => `Waiting for your decision: ${title}`,
    body: ({ title, programme }: AboutApplication) =>
      `The application "${title}" (${programme}) was filed and waits for your decision.`,
  },
  trancheRequested: {
    subject: ({ title }: AboutApplication) => `A tranche waits for your decision: ${title}`,
    body: ({ title, programme }: AboutApplication, amount: string) =>
      `A tranche of ${amount} was requested for "${title}" (${programme}) and waits for your decision.`,
  },
  applicationApproved: {
    subject: ({ title }: AboutApplication) => `Application approved: ${title}`,
    body: ({ title, programme }: AboutApplication) =>
      `Your application "${title}" (${programme}) was approved by every party: the shares are reserved.`,
  },
  applicationRejected: {
    subject: ({ title }: AboutApplication) => `Application rejected: ${title}`,
    body: ({ title, programme }: AboutApplication) =>
      `Your application "${title}" (${programme}) was rejected. The application's page shows the decisions.`,
  },
  tranchePosted: {
    subject: ({ title }: AboutApplication) => `Tranche paid: ${title}`,
    body: ({ title, programme }: AboutApplication, amount: string) =>
      `The tranche of ${amount} for "${title}" (${programme}) was approved and paid.`,
  },
  deadline: {
    subject: (what: string, due: string) => `Reminder: ${what} by ${due}`,
    body: (what: string, due: string, daysLeft: number | undefined, about: AboutApplication | undefined) =>
      `${about ? `"${about.title}" (${about.programme}): ` : ''}${what} is due by ${due}` +
      (daysLeft === undefined ? '.' : `, in ${daysLeft} business ${daysLeft === 1 ? 'day' : 'days'}.`),
    kinds: {
      'proof-of-funds': 'proof of the club’s funds',
      'approval-pending': 'a decision on the application',
      'clawback-window': 'the end of the clawback window',
    } as Record<string, string>,
    other: (kind: string, rule: string) => `${kind} (${rule})`,
  },
};

export type MailTexts = typeof en;

const esMX: MailTexts = {
  greeting: (name) => `Hola, ${name}:`,
  open: 'Ábralo en cofund:',
  footer: 'Recibe este correo porque lo tiene activado en su cuenta (Mi cuenta, Correo). Puede desactivarlo allí.',
  applicationFiled: {
    subject: ({ title }) => `Espera su decisión: ${title}`,
    body: ({ title, programme }) => `La solicitud «${title}» (${programme}) fue presentada y espera su decisión.`,
  },
  trancheRequested: {
    subject: ({ title }) => `Una ministración espera su decisión: ${title}`,
    body: ({ title, programme }, amount) =>
      `Se solicitó una ministración de ${amount} para «${title}» (${programme}) y espera su decisión.`,
  },
  applicationApproved: {
    subject: ({ title }) => `Solicitud aprobada: ${title}`,
    body: ({ title, programme }) =>
      `Su solicitud «${title}» (${programme}) fue aprobada por todas las partes: las aportaciones están reservadas.`,
  },
  applicationRejected: {
    subject: ({ title }) => `Solicitud rechazada: ${title}`,
    body: ({ title, programme }) =>
      `Su solicitud «${title}» (${programme}) fue rechazada. La página de la solicitud muestra las decisiones.`,
  },
  tranchePosted: {
    subject: ({ title }) => `Ministración pagada: ${title}`,
    body: ({ title, programme }, amount) =>
      `La ministración de ${amount} para «${title}» (${programme}) fue aprobada y pagada.`,
  },
  deadline: {
    subject: (what, due) => `Recordatorio: ${what} a más tardar el ${due}`,
    body: (what, due, daysLeft, about) =>
      `${about ? `«${about.title}» (${about.programme}): ` : ''}${what} vence el ${due}` +
      (daysLeft === undefined ? '.' : `, en ${daysLeft} ${daysLeft === 1 ? 'día hábil' : 'días hábiles'}.`),
    kinds: {
      'proof-of-funds': 'la comprobación de los recursos del club',
      'approval-pending': 'una decisión sobre la solicitud',
      'clawback-window': 'el fin del plazo de reintegro',
    },
    other: (kind, rule) => `${kind} (${rule})`,
  },
};

const frMA: MailTexts = {
  greeting: (name) => `Bonjour ${name},`,
  open: 'Ouvrez-le dans cofund :',
  footer:
    'Vous recevez ce courriel parce qu’il est activé dans votre compte (Mon compte, Courriels). Désactivez-le là.',
  applicationFiled: {
    subject: ({ title }) => `En attente de votre décision : ${title}`,
    body: ({ title, programme }) => `La demande « ${title} » (${programme}) a été déposée et attend votre décision.`,
  },
  trancheRequested: {
    subject: ({ title }) => `Une tranche attend votre décision : ${title}`,
    body: ({ title, programme }, amount) =>
      `Une tranche de ${amount} a été demandée pour « ${title} » (${programme}) et attend votre décision.`,
  },
  applicationApproved: {
    subject: ({ title }) => `Demande approuvée : ${title}`,
    body: ({ title, programme }) =>
      `Votre demande « ${title} » (${programme}) a été approuvée par toutes les parties : les parts sont réservées.`,
  },
  applicationRejected: {
    subject: ({ title }) => `Demande rejetée : ${title}`,
    body: ({ title, programme }) =>
      `Votre demande « ${title} » (${programme}) a été rejetée. La page de la demande montre les décisions.`,
  },
  tranchePosted: {
    subject: ({ title }) => `Tranche versée : ${title}`,
    body: ({ title, programme }, amount) =>
      `La tranche de ${amount} pour « ${title} » (${programme}) a été approuvée et versée.`,
  },
  deadline: {
    subject: (what, due) => `Rappel : ${what} au plus tard le ${due}`,
    body: (what, due, daysLeft, about) =>
      `${about ? `« ${about.title} » (${about.programme}) : ` : ''}échéance le ${due} pour ${what}` +
      (daysLeft === undefined ? '.' : `, dans ${daysLeft} ${daysLeft === 1 ? 'jour ouvré' : 'jours ouvrés'}.`),
    kinds: {
      'proof-of-funds': 'la preuve des fonds du club',
      'approval-pending': 'une décision sur la demande',
      'clawback-window': 'la fin de la période de remboursement',
    },
    other: (kind, rule) => `${kind} (${rule})`,
  },
};

export const MAIL_TEXTS: Record<Locale, MailTexts> = { en, 'es-MX': esMX, 'fr-MA': frMA };
