import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The parsed body: {type, timestamp, data}. */
  message: { type: string; timestamp: string; data: Record<string, any> };
  /** How the receiver answered. */
  answered: Behaviour;
}

/** How the receiver answers the next request: an HTTP status, or hanging without an answer. */
export type Behaviour = number | 'hang';

/**
 * A partner's webhook receiver: a node:http server on a free port of this
 * test process that records every request and answers as told. `stop()`
 * closes it (connections are then refused) and `start()` opens it again on
 * the same port.
 */
export class WebhookReceiver {
  readonly requests: Received[] = [];
  behaviour: Behaviour | ((r: Received) => Behaviour) = 200;
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private waiters: Array<() => void> = [];
  port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.start();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => String(req.headers[name] ?? '');
        const r: Received = {
          id: header('webhook-id'),
          timestamp: header('webhook-timestamp'),
          signature: header('webhook-signature'),
          body,
          message: JSON.parse(body) as Received['message'],
          answered: 200,
        };
        const behaviour = typeof this.behaviour === 'function' ? this.behaviour(r) : this.behaviour;
        r.answered = behaviour;
        this.requests.push(r);
        for (const w of this.waiters.splice(0)) w();
        if (behaviour === 'hang') return;
        res.writeHead(behaviour, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the server and every connection: requests are refused until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The requests answered 2xx, in the order they came. */
  get accepted(): Received[] {
    return this.requests.filter((r) => typeof r.answered === 'number' && r.answered >= 200 && r.answered < 300);
  }

  /** Waits until `check` holds over the requests (re-checked at every request), or fails after the timeout. */
  async waitUntil(what: string, check: (requests: Received[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.requests)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; ${this.requests.length} requests received`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Throws unless every request verifies with one of the secrets (the official library is the judge). */
  verifyAll(secrets: string[]): void {
    for (const r of this.requests) {
      const headers = { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature };
      if (!secrets.some((s) => verifies(s, r.body, headers)))
        throw new Error(`request for event ${r.id} verifies with none of the secrets`);
    }
  }
}

export function verifies(secret: string, body: string, headers: Record<string, string>): boolean {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}
