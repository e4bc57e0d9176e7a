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
 * Sends mail over SMTP (HUB_SMTP_URL), or, with none set, writes each mail as
 * an .eml file under <HUB_DATA_DIR>/mail/ (the same message an SMTP server
 * would have been given). A failure throws nodemailer's error, whose
 * responseCode tells a refusal (5xx) from a temporary failure.
 */
export class Mailer {
  private readonly transport: Transporter;
  readonly toFiles: boolean;

  constructor(private readonly config: MailConfig) {
    this.toFiles = config.smtpUrl === null;
    this.transport = config.smtpUrl
      ? nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail({
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

  close(): void {
    this.transport.close();
  }
}
