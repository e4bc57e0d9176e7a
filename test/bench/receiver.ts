/**
 * One webhook receiver of the benches: a node:http server on a free port of
 * 127.0.0.1 answering 204 and recording the time from each message's event
 * commit (data.occurredAt) to its receipt; a hanging one accepts a request and
 * never answers, so the sender times out.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export class Receiver {
  port = 0;
  latencies: number[] = [];
  hanging = false;
  readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (this.hanging) return;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { occurredAt: string } };
      this.latencies.push(Date.now() - Date.parse(body.data.occurredAt));
      res.writeHead(204);
      res.end();
    });
  });

  async listen(): Promise<number> {
    // As many kept-alive connections as a sender opens, and no idle limit shorter than the sender's.
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
