import { createTransport } from 'nodemailer';
import type { MailSettings } from './settings';
import { type MailTransport, logTransport } from './transport';

/*
 * SMTP with nodemailer, on Node only (it needs node:net and node:tls sockets, which a Worker does
 * not have): the Node runtime imports this module; the Worker logs its mail instead (docs/events.md).
 */

/** Bounds on each step, so that a silent server fails an attempt rather than holding the lease. */
const CONNECTION_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * A transport over the SMTP server of `url` (smtp://user:pass@host:587, smtps:// for implicit TLS),
 * from `from`. The URL carries credentials: it is never logged.
 */
export function smtpTransport(url: string, from: string): MailTransport & { close(): void } {
  const transporter = createTransport(
    {
      url,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: CONNECTION_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
    },
    { from },
  );
  const send: MailTransport = async (mail) => {
    await transporter.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'Content-Language': mail.locale, 'X-Cofund-Event': mail.eventId },
    });
    return 'sent';
  };
  return Object.assign(send, { close: () => transporter.close() });
}

/** The Node runtime's transport: SMTP when SMTP_URL is set, else one log line per mail. */
export function nodeMailTransport(
  settings: MailSettings,
  log?: (line: string) => void,
): MailTransport & { close(): void } {
  if (settings.smtpUrl) return smtpTransport(settings.smtpUrl, settings.from);
  return Object.assign(logTransport(log), { close: () => {} });
}
