import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the sink answers the DATA of a mail to an address: accept, or an SMTP error code. */
export type Answer = 250 | 451 | 550;

/**
 * A real SMTP server in the test process: keeps every mail it accepts (parsed),
 * and answers each address as told (a list is used up one answer per attempt;
 * its last answer repeats).
 */
export class SmtpSink {
  readonly accepted: ParsedMail[] = [];
  readonly attempts = new Map<string, number>();
  /** SMTP connections opened to it so far. */
  connections = 0;
  private readonly answers = new Map<string, Answer[]>();
  private readonly delays = new Map<string, number>();
  private readonly server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(',');
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on(
          'end',
          () =>
            void this.after(to, () => {
              const n = (this.attempts.get(to) ?? 0) + 1;
              this.attempts.set(to, n);
              const planned = this.answers.get(to) ?? [250];
              const answer = planned[Math.min(n - 1, planned.length - 1)];
              if (answer !== 250) {
                callback(Object.assign(new Error(answer === 451 ? 'Try again later' : 'No such user here'), { responseCode: answer }));
                return;
              }
              simpleParser(Buffer.concat(chunks))
                .then((mail) => {
                  this.accepted.push(mail);
                  callback();
                })
                .catch((error: Error) => callback(error));
            }),
        );
      },
    });
  }

  /** Answers each mail to the address only after this many milliseconds (a slow server). */
  delay(address: string, ms: number): void {
    this.delays.set(address.toLowerCase(), ms);
  }

  private async after(to: string, answer: () => void): Promise<void> {
    const ms = this.delays.get(to) ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    answer();
  }

  answer(address: string, answers: Answer[]): void {
    this.answers.set(address.toLowerCase(), answers);
  }

  mailsTo(address: string): ParsedMail[] {
    return this.accepted.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((a) => a.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Closes every open connection, as a server does to idle clients. */
  dropConnections(): void {
    const open = (this.server as unknown as { connections: Set<{ close(): void }> }).connections;
    for (const connection of open) connection.close();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
