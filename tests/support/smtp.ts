import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  language: string | undefined;
  eventId: string | undefined;
}

const header = (mail: ParsedMail, name: string) => {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : undefined;
};

/**
 * A real SMTP server on loopback (smtp-server), keeping every mail it accepts, parsed. `stop()`
 * closes it (connections are refused: the SMTP server is down) and `start()` opens it again on
 * the same port.
 */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            received.push({
              to: to?.value[0]?.address ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              language: header(mail, 'content-language'),
              eventId: header(mail, 'x-cofund-event'),
            });
            callback();
          })
          .catch(callback);
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve) =>
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
    );
  const port = await listen(0);
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (email: string) => received.filter((mail) => mail.to === email),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      server = make();
      await listen(port);
    },
  };
}
