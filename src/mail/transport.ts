/** A mail ready to go: plain text, to one person. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The reader's language (the Content-Language header). */
  locale: string;
  /** What the log line names instead of the text: the event and the person. */
  eventId: string;
  eventType: string;
  userId: string;
}

/**
 * Sends one mail: resolves `sent` once an SMTP server accepted it, `logged` when it was only
 * written to the log; throws when it was not accepted (`responseCode` 5xx: refused for good).
 */
export type MailTransport = (mail: OutgoingMail) => Promise<'sent' | 'logged'>;

/**
 * Without SMTP_URL: one structured line per mail, naming the event, the person and the subject.
 * Never the text (its links lead into the portal) and never any setting.
 */
export function logTransport(log: (line: string) => void = console.log): MailTransport {
  return async (mail) => {
    log(
      JSON.stringify({
        message: 'mail not sent: SMTP_URL is unset',
        eventId: mail.eventId,
        eventType: mail.eventType,
        userId: mail.userId,
        to: mail.to,
        locale: mail.locale,
        subject: mail.subject,
      }),
    );
    return 'logged';
  };
}
