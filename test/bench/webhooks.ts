/**
 * Webhooks: 100 endpoints (receivers in this process) of PAYMENT_RECEIVED on
 * one hub process at 200 payments/s: deliveries per second and the time from
 * the payment's commit (the event's occurredAt) to each receipt; then the same
 * with 10 of the receivers dead. Baseline: the same messages posted by a plain
 * loop with node's HTTP client, one at a time per receiver, all receivers at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pay } from './events';
import {
  adminToken,
  fmt,
  gqlOk,
  heading,
  hubEnv,
  percentile,
  report,
  sleep,
  spawnChild,
  withScratch,
  type BenchChild,
  type TestDb,
} from './lib';
import { migratedDataSource, seedAccounts, seedCatalog } from './seed';

const ENDPOINTS = 100;
const DEAD = 10;

/** One receiver: answers 204 and records each message's latency from its event's commit. */
export class Receiver {
  latencies: number[] = [];
  private server: http.Server | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { occurredAt: string } };
        this.latencies.push(Date.now() - Date.parse(body.data.occurredAt));
        res.writeHead(204);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

interface Figures {
  delivered: number;
  seconds: number;
  p50: number;
  p99: number;
}

function figures(receivers: Receiver[], seconds: number): Figures {
  const all = receivers.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return { delivered: all.length, seconds, p50: percentile(all, 50), p99: percentile(all, 99) };
}

function line(f: Figures, expected: number): string {
  return `${fmt(f.delivered)} of ${fmt(expected)} deliveries in ${f.seconds.toFixed(1)} s (${fmt(f.delivered / f.seconds)}/s), commit to receipt p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms`;
}

/** Waits until the live receivers have `expected` messages or stop receiving; returns the seconds since t0. */
async function drained(receivers: Receiver[], expected: number, t0: number): Promise<number> {
  let last = -1;
  let lastAt = performance.now();
  for (;;) {
    const n = receivers.reduce((s, r) => s + r.latencies.length, 0);
    if (n >= expected) return (performance.now() - t0) / 1000;
    if (n !== last) {
      last = n;
      lastAt = performance.now();
    } else if (performance.now() - lastAt > 15_000) return (lastAt - t0) / 1000;
    await sleep(50);
  }
}

/** The baseline: each event posted to every receiver by a plain loop, one message at a time per receiver. */
async function plainLoop(receivers: Receiver[], events: number, rate: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const t0 = performance.now();
  await Promise.all(
    receivers.map(async (r) => {
      for (let i = 0; i < events; i++) {
        // Events come at the rate: a message is never sent before its event exists.
        const due = t0 + (i * 1000) / rate;
        if (due > performance.now()) await sleep(due - performance.now());
        const body = JSON.stringify({
          type: 'PAYMENT_RECEIVED',
          timestamp: new Date(due).toISOString(),
          data: { occurredAt: new Date(Date.now() - (performance.now() - due)).toISOString() },
        });
        await new Promise<void>((resolve, reject) => {
          const req = http.request(
            { host: '127.0.0.1', port: r.port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/json' } },
            (res) => {
              res.resume();
              res.on('end', resolve);
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      }
    }),
  );
  agent.destroy();
  return (performance.now() - t0) / 1000;
}

export async function benchWebhooks(kind: TestDb, opts: { seconds: number; rate?: number }): Promise<void> {
  const rate = opts.rate ?? 200;
  heading(`Webhooks on ${kind}: ${ENDPOINTS} endpoints of PAYMENT_RECEIVED on one hub process, ${rate} payments/s for ${opts.seconds} s`);
  await withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 1);
    const seeded = await seedAccounts(ds, { count: 1000, productIds: catalog.productIds, reads: 0, prefix: 'W' });
    await ds.destroy();
    const receivers = Array.from({ length: ENDPOINTS }, () => new Receiver());
    for (const r of receivers) await r.start();
    let hub: BenchChild | null = await spawnChild('hub-child.js', hubEnv(db, { HUB_WEBHOOK_ALLOW_PRIVATE: '1' }));
    try {
      const admin = await adminToken(hub.url);
      const created = await gqlOk<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        hub.url,
        'mutation { createApiKey(input: { name: "bench-webhooks", role: INTEGRATOR }) { secret apiKey { id } } }',
        {},
        admin,
      );
      const key = created.createApiKey;
      for (const r of receivers) {
        await gqlOk(
          hub.url,
          'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
          { input: { apiKeyId: key.apiKey.id, url: `http://127.0.0.1:${r.port}/`, eventTypes: ['PAYMENT_RECEIVED'] } },
          admin,
        );
      }
      // Warm-up, not measured: connections opened, code compiled.
      const warm = await pay(hub.url, key.secret, seeded.numbers, rate, 1);
      await drained(receivers, ENDPOINTS * warm.sent, performance.now());
      for (const r of receivers) r.latencies = [];

      let t0 = performance.now();
      const sent = await pay(hub.url, key.secret, seeded.numbers, rate, opts.seconds);
      const all = figures(receivers, await drained(receivers, ENDPOINTS * sent.sent, t0));
      report(`  all ${ENDPOINTS} alive: ${line(all, ENDPOINTS * sent.sent)}${sent.failed ? ` (${sent.failed} payments failed)` : ''}`);

      const dead = receivers.slice(0, DEAD);
      const alive = receivers.slice(DEAD);
      for (const r of dead) await r.stop();
      for (const r of receivers) r.latencies = [];
      t0 = performance.now();
      const sent2 = await pay(hub.url, key.secret, seeded.numbers, rate, opts.seconds);
      const some = figures(alive, await drained(alive, alive.length * sent2.sent, t0));
      report(`  ${DEAD} dead (connection refused), at the ${alive.length} alive: ${line(some, alive.length * sent2.sent)}`);

      await hub.stop();
      hub = null;
      for (const r of alive) r.latencies = [];
      const events = rate * opts.seconds;
      const seconds = await plainLoop(alive, events, rate);
      report(
        `  baseline, a plain loop posting ${fmt(events)} messages to each of the ${alive.length} alive receivers: ${line(figures(alive, seconds), alive.length * events)}`,
      );
    } finally {
      await hub?.stop();
      for (const r of receivers) await r.stop();
    }
  });
}
