/** What mail needs from the environment (README "Configuration"). */
export interface MailSettings {
  /** SMTP_URL: unset, mail is logged, not sent. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender's address. */
  from: string;
  /** COFUND_PUBLIC_URL: where people reach the portal; the mails' links start with it. */
  publicUrl: string;
}

export const DEFAULT_PUBLIC_URL = 'http://localhost:8787';
export const DEFAULT_MAIL_FROM = 'cofund <cofund@localhost>';

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The mail settings of an environment (process.env on Node, the bindings on Workers). */
export function readMailSettings(env: Record<string, unknown>): MailSettings {
  const publicUrl = text(env.COFUND_PUBLIC_URL) ?? DEFAULT_PUBLIC_URL;
  if (!URL.canParse(publicUrl) || !/^https?:$/.test(new URL(publicUrl).protocol))
    throw new Error(`COFUND_PUBLIC_URL must be an http(s) URL, not "${publicUrl}"`);
  const smtpUrl = text(env.SMTP_URL);
  // Never echo the URL: it carries the SMTP credentials.
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl))
    throw new Error('SMTP_URL must start with smtp:// or smtps://');
  return {
    ...(smtpUrl ? { smtpUrl } : {}),
    from: text(env.MAIL_FROM) ?? DEFAULT_MAIL_FROM,
    publicUrl: publicUrl.replace(/\/+$/, ''),
  };
}
