import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config/load-config.js';

/** One email as the mailer sends it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@host>`: the same on every retry, so a receiver can drop a duplicate. */
  messageId?: string;
  /** The one-click unsubscribe URL (RFC 8058): `List-Unsubscribe` and `List-Unsubscribe-Post` headers. */
  unsubscribeUrl?: string | null;
}

/** A team invitation: the one-time link, the role it grants, who sent it, until when it works. */
export interface InviteEmail {
  to: string;
  link: string;
  role: string;
  invitedBy?: string | null | undefined;
  expiresAt: Date | string;
}

/** The invitation email's subject, text and HTML. */
export function renderInviteEmail(invite: InviteEmail): { subject: string; text: string; html: string } {
  const who = invite.invitedBy ? `${invite.invitedBy} invited you` : 'You are invited';
  const lines = [`${who} to the Reqio dashboard as ${invite.role === 'admin' ? 'an admin' : 'a member'}.`, `The link works once, until ${new Date(invite.expiresAt).toUTCString()}.`];
  return {
    subject: 'Your invitation to the Reqio dashboard',
    text: `${lines.join('\n')}\n\n${invite.link}\n`,
    html: simpleHtml(lines, { href: invite.link, label: 'Accept the invitation' }),
  };
}

/** Why sending failed: `permanent` when the server refused for good (5xx), so retrying is pointless. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.permanent = permanent;
  }
}

/** Sends email over SMTP (`SMTP_URL`, `MAIL_FROM`), or knows it cannot. */
export interface Mailer {
  /** False without `SMTP_URL`: `send` then refuses and nothing goes out. */
  readonly configured: boolean;
  /** Sends one email now; throws a {@link MailSendError} (never with the SMTP password in it). */
  send(message: MailMessage): Promise<void>;
  /** Sends a team invitation link now: a short email from `MAIL_FROM`. */
  sendInvite(invite: InviteEmail): Promise<void>;
  close(): void;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The smallest HTML that reads well in every client: paragraphs, and a link. */
export function simpleHtml(paragraphs: string[], link?: { href: string; label: string }, footer?: string): string {
  const body = paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
  const action = link ? `\n<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  const small = footer ? `\n<p style="color:#666;font-size:12px">${footer}</p>` : '';
  return `<!doctype html>\n<html><body style="font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#111">\n${body}${action}${small}\n</body></html>\n`;
}

/**
 * The mailer of `config` (nodemailer over SMTP, pooled), or one that is not configured.
 * `attemptTimeoutMs` bounds one SMTP conversation, so a hung server cannot outlive a lease.
 *
 * @example
 * const mailer = createMailer(config.mail);
 * await mailer.send({ to: 'ada@example.com', subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' });
 */
export function createMailer(config: MailConfig | undefined, options: { attemptTimeoutMs?: number } = {}): Mailer {
  if (config === undefined) {
    const refuse = async () => {
      throw new MailSendError('Email is not set up: SMTP_URL is not set.', true);
    };
    return { configured: false, send: refuse, sendInvite: refuse, close() {} };
  }
  const url = new URL(config.smtpUrl);
  const timeout = options.attemptTimeoutMs ?? 30_000;
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 3,
    host: url.hostname,
    port: url.port === '' ? (url.protocol === 'smtps:' ? 465 : 587) : Number(url.port),
    secure: url.protocol === 'smtps:',
    ...(url.username !== '' && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });

  async function send(message: MailMessage): Promise<void> {
    try {
      await transport.sendMail({
        from: config!.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.messageId !== undefined && { messageId: message.messageId }),
        ...(message.unsubscribeUrl && {
          headers: { 'List-Unsubscribe': `<${message.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }),
      });
    } catch (error) {
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
      // nodemailer's messages name the server and its answer, never the password.
      throw new MailSendError((error as Error).message.slice(0, 300), permanent, { cause: error });
    }
  }

  return {
    configured: true,
    send,
    async sendInvite(invite) {
      await send({ to: invite.to, ...renderInviteEmail(invite) });
    },
    close() {
      transport.close();
    },
  };
}
