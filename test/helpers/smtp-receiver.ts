import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the SMTP server accepted (answered 250), parsed. */
export interface ReceivedMail {
  mail: ParsedMail;
  /** The envelope's recipients. */
  to: string[];
  messageId: string;
}

/**
 * What the server answers to the n-th message (0-based): accept it, refuse it with an SMTP
 * code (451 temporary, 550 permanent), or hold it without ever answering (a message held
 * is never counted as received: the sender got no 250).
 */
export type SmtpRespond = (index: number) => 'accept' | 'hold' | { code: number; message: string };

export interface SmtpReceiver {
  /** `smtp://127.0.0.1:PORT` for SMTP_URL. */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Messages that reached DATA, accepted or not. */
  attempts: number;
  respond: SmtpRespond;
  waitFor(predicate: (received: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on a loopback port that parses what it accepts (mailparser). */
export async function startSmtpReceiver(options: { port?: number; respond?: SmtpRespond } = {}): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = {
    url: '',
    port: 0,
    received: [],
    attempts: 0,
    respond: options.respond ?? (() => 'accept'),
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > deadline) throw new Error(`SMTP receiver: not reached within ${timeoutMs} ms; got ${receiver.received.length} messages`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const index = receiver.attempts;
      receiver.attempts += 1;
      void simpleParser(stream).then(
        (mail) => {
          const answer = receiver.respond(index);
          if (answer === 'hold') return;
          if (answer !== 'accept') {
            callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
            return;
          }
          receiver.received.push({ mail, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), messageId: mail.messageId ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  receiver.port = (server.server.address() as AddressInfo).port;
  receiver.url = `smtp://127.0.0.1:${receiver.port}`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}
