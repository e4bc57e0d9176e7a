import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config/env';

/** One mail: a short text and the document's PDF attached. */
export interface OutgoingMail {
  /** Names the .eml file when there is no SMTP server. */
  id: string;
  to: string;
  /** Without one the mail gets a new Message-ID on every attempt. */
  messageId?: string;
  subject: string;
  text: string;
  filename: string;
  pdf: Buffer;
}

/**
 * Messages sent over one SMTP connection before it is closed and another
 * opened: a connection kept open spares each mail the connection's setup
 * (TCP, the greeting, EHLO, STARTTLS and AUTH where the server asks for
 * them), which costs far more than the mail itself.
 */
const MESSAGES_PER_CONNECTION = 100;

/**
 * Sends mail over SMTP (HUB_SMTP_URL), or, with none set, writes each mail as
 * an .eml file under <HUB_DATA_DIR>/mail/ (the same message an SMTP server
 * would have been given). Mail goes over a kept-open connection (a pool of
 * one: the delivery worker sends one mail at a time), opened again when the
 * server has closed it. A failure throws nodemailer's error, whose
 * responseCode tells a refusal (5xx) from a temporary failure.
 */
export class Mailer {
  private transport: Transporter | null = null;
  readonly toFiles: boolean;

  constructor(private readonly config: MailConfig) {
    this.toFiles = config.smtpUrl === null;
  }

  /** The transport, made again after close (a worker stopped and started again). */
  private open(): Transporter {
    this.transport ??= this.config.smtpUrl
      ? nodemailer.createTransport({
          url: this.config.smtpUrl,
          pool: true,
          maxConnections: 1,
          maxMessages: MESSAGES_PER_CONNECTION,
          // A mail whose connection dropped is tried once more on a new one; a further failure goes to the worker's back-off.
          maxRequeues: 1,
          connectionTimeout: 30_000,
          greetingTimeout: 30_000,
          socketTimeout: 60_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    return this.transport;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.open().sendMail({
      from: this.config.from,
      to: mail.to,
      messageId: mail.messageId,
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: mail.filename, content: mail.pdf, contentType: 'application/pdf' }],
    })) as { message?: Buffer };
    if (!this.toFiles) return;
    await mkdir(this.config.dir, { recursive: true });
    await writeFile(path.join(this.config.dir, `${mail.id}.eml`), info.message ?? Buffer.alloc(0));
  }

  /** The sender's address as configured (HUB_MAIL_FROM). */
  get from(): string {
    return this.config.from;
  }

  /** Closes the connection; the next mail opens another. */
  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
