/**
 * Mail to the portal's people (docs/events.md, "Mail"): what waits for their decision, their
 * applications' decisions, tranches paid and deadlines, in their language, as each chooses. The
 * SMTP transport (nodemailer) is imported from './smtp' by the Node runtime only.
 */
export { type MailDispatchOptions, MAIL_RETRY_SCHEDULE_MS, dispatchMail, startMailDispatch } from './dispatch';
export { type MailSettings, readMailSettings } from './settings';
export { type MailTransport, type OutgoingMail, logTransport } from './transport';
