import { formatAmount, formatCalendarDate, formatDate, isLocale, type Locale } from '../i18n';
import { Decimal, minorUnits } from '../money';
import { type AboutApplication, MAIL_TEXTS } from './texts';

/** A delivery with what its mail speaks of, read when it is sent (the event refers to resources by id). */
export interface MailSubject {
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  userId: string;
  email: string;
  name: string;
  locale: string | null;
  role: string | null;
  organisationId: string | null;
  application: { id: string; title: string; applicantId: string; currency: string; programme: string } | null;
  trancheAmount: string | null;
}

export interface ComposedMail {
  locale: Locale;
  subject: string;
  text: string;
}

/** The reader's language: theirs when chosen (My account), else English. */
export const mailLocale = (locale: string | null): Locale => (isLocale(locale) ? locale : 'en');

const money = (amount: string, currency: string, locale: Locale) =>
  formatAmount(new Decimal(amount).toFixed(minorUnits(currency)), currency, locale, { withSymbol: true });

/** A deadline's `due`: a calendar date (YYYY-MM-DD) or an instant. */
const dueDate = (due: unknown, locale: Locale) =>
  typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due)
    ? formatCalendarDate(due, locale)
    : formatDate(new Date(String(due)), locale);

/** The portal page the mail leads to, for this reader. */
function pagePath(subject: MailSubject): string {
  const { eventType, payload, application } = subject;
  if (eventType === 'application.filed') return `/queue/applications/${application!.id}`;
  if (eventType === 'tranche.requested') return `/queue/tranches/${String(payload.trancheId)}`;
  if (!application) return '/';
  if (subject.organisationId === application.applicantId) return `/applications/${application.id}`;
  if (subject.role !== 'approver') return '/';
  return typeof payload.trancheId === 'string'
    ? `/queue/tranches/${payload.trancheId}`
    : `/queue/applications/${application.id}`;
}

/** Subject and text of the mail, in the reader's language; undefined for an event no mail is about. */
export function composeMail(subject: MailSubject, publicUrl: string): ComposedMail | undefined {
  const locale = mailLocale(subject.locale);
  const t = MAIL_TEXTS[locale];
  const application = subject.application;
  const about: AboutApplication | undefined = application
    ? { title: application.title, programme: application.programme }
    : undefined;
  const amount = () => money(subject.trancheAmount ?? '0', application!.currency, locale);
  let line: { subject: string; body: string };
  switch (subject.eventType) {
    case 'application.filed':
      line = { subject: t.applicationFiled.subject(about!), body: t.applicationFiled.body(about!) };
      break;
    case 'tranche.requested':
      line = { subject: t.trancheRequested.subject(about!), body: t.trancheRequested.body(about!, amount()) };
      break;
    case 'application.approved':
      line = { subject: t.applicationApproved.subject(about!), body: t.applicationApproved.body(about!) };
      break;
    case 'application.rejected':
      line = { subject: t.applicationRejected.subject(about!), body: t.applicationRejected.body(about!) };
      break;
    case 'tranche.posted':
      line = { subject: t.tranchePosted.subject(about!), body: t.tranchePosted.body(about!, amount()) };
      break;
    case 'deadline.approaching': {
      const { kind, rule, due, businessDaysLeft } = subject.payload;
      const what = t.deadline.kinds[String(kind)] ?? t.deadline.other(String(kind), String(rule));
      const date = dueDate(due, locale);
      const daysLeft = typeof businessDaysLeft === 'number' ? businessDaysLeft : undefined;
      line = { subject: t.deadline.subject(what, date), body: t.deadline.body(what, date, daysLeft, about) };
      break;
    }
    default:
      return undefined;
  }
  const text = [
    t.greeting(subject.name),
    '',
    line.body,
    '',
    t.open,
    `${publicUrl}${pagePath(subject)}`,
    '',
    '--',
    t.footer,
  ];
  return { locale, subject: line.subject, text: text.join('\n') };
}
