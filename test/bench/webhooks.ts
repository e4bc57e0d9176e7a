/**
 * Webhooks: 100 endpoints of PAYMENT_RECEIVED on one hub process at 200
 * payments/s, the receivers in a process of their own (webhook-receivers.ts):
 * deliveries per second and the time from the payment's commit (the event's
 * occurredAt) to each receipt; then the same with 10 receivers that never
 * answer (each attempt to them ends at the hub's timeout). Baseline, first and
 * with no hub running: the same signed messages posted to the same receivers
 * by a plain loop with the hub's own HTTP client (WebhookSender), one message
 * at a time per receiver, every receiver at once.
 */
import os from 'node:os';
import { EventType } from '../../server/src/events/event-types';
import { WebhookSender } from '../../server/src/modules/webhooks/webhook-sender';
import { messageBody, newSecret, signatureHeader } from '../../server/src/modules/webhooks/webhook-rules';
import { pay } from './events';
import {
  adminToken,
  cpuMeter,
  databasePid,
  fmt,
  gqlOk,
  heading,
  hubEnv,
  report,
  sleep,
  spawnChild,
  withScratch,
  type BenchChild,
  type TestDb,
} from './lib';
import { migratedDataSource, seedAccounts, seedCatalog } from './seed';
import type { ReceiverFigures } from './webhook-receivers';

const ENDPOINTS = 100;
const DEAD = 10;
/** A phase ends when every message is in, or when none came for this long. */
const STALL_MS = 15_000;

const load = (): string => `load average ${os.loadavg()[0].toFixed(1)}`;

function line(f: ReceiverFigures, expected: number, seconds: number): string {
  return `${fmt(f.delivered)} of ${fmt(expected)} deliveries in ${seconds.toFixed(1)} s (${fmt(f.delivered / seconds)}/s), commit to receipt p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms`;
}

/** Waits until the receivers hold `expected` messages or stop receiving; returns the seconds since t0. */
async function drained(receivers: BenchChild, expected: number, t0: number): Promise<number> {
  let last = -1;
  let lastAt = performance.now();
  for (;;) {
    const n = await receivers.ask<number>('count');
    if (n >= expected) return (performance.now() - t0) / 1000;
    if (n !== last) [last, lastAt] = [n, performance.now()];
    else if (performance.now() - lastAt > STALL_MS) return (lastAt - t0) / 1000;
    await sleep(100);
  }
}

/** The baseline: each event's message built once, signed and posted to every receiver by a plain loop, one at a time per receiver. */
async function plainLoop(ports: number[], rate: number, seconds: number): Promise<number> {
  const sender = new WebhookSender({ allowPrivate: true, timeoutMs: 10_000 });
  const secret = newSecret();
  const events = rate * seconds;
  const t0 = performance.now();
  const wall0 = Date.now();
  const bodies: string[] = [];
  // Events come at the rate: a message is never built or sent before its event exists.
  const body = (i: number): string => {
    const occurredAt = new Date(wall0 + (i * 1000) / rate);
    const data = {
      id: String(i + 1),
      type: EventType.PAYMENT_RECEIVED,
      occurredAt: occurredAt.toISOString(),
      accountNumber: 'W-1',
      subjectId: String(i + 1),
      payload: { amount: '10.00', channel: 'CARD' },
    };
    return (bodies[i] ??= messageBody(EventType.PAYMENT_RECEIVED, occurredAt, data));
  };
  await Promise.all(
    ports.map(async (port) => {
      for (let i = 0; i < events; i++) {
        const due = t0 + (i * 1000) / rate;
        if (due > performance.now()) await sleep(due - performance.now());
        const text = body(i);
        const timestamp = Math.floor(Date.now() / 1000);
        const id = String(i + 1);
        const headers = {
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader([secret], id, timestamp, text),
        };
        const result = await sender.send({ url: `http://127.0.0.1:${port}/`, headers, body: text });
        if (!result.succeeded) throw new Error(`baseline post to ${port} failed: ${result.error ?? result.statusCode}`);
      }
    }),
  );
  sender.close();
  return (performance.now() - t0) / 1000;
}

/** One measured phase of the hub: payments at the rate, then until the receivers at `ports` have every message. */
async function measure(
  hub: BenchChild,
  receivers: BenchChild,
  ports: number[],
  phase: { token: string; numbers: string[]; rate: number; seconds: number },
): Promise<{ figures: ReceiverFigures; expected: number; seconds: number; cpu: string; failed: number }> {
  await receivers.ask('reset');
  const meter = cpuMeter({ hub: hub.pid, receivers: receivers.pid, database: databasePid(), bench: process.pid });
  await hub.ask('cpuProfile');
  const statements0 = (await hub.stats()).statements;
  const t0 = performance.now();
  const sent = await pay(hub.url, phase.token, phase.numbers, phase.rate, phase.seconds);
  const expected = ports.length * sent.sent;
  const seconds = await drained(receivers, expected, t0);
  const sql = (await hub.stats()).statements - statements0;
  const cpu = `${meter()}; ${fmt(sql)} SQL statements`;
  await hub.ask('cpuProfileEnd');
  return { figures: await receivers.ask<ReceiverFigures>('figures', { ports }), expected, seconds, cpu, failed: sent.failed };
}

export async function benchWebhooks(kind: TestDb, opts: { seconds: number; rate?: number }): Promise<void> {
  const rate = opts.rate ?? 200;
  heading(`Webhooks on ${kind}: ${ENDPOINTS} endpoints of PAYMENT_RECEIVED on one hub process, ${rate} payments/s for ${opts.seconds} s`);
  await withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 1);
    const seeded = await seedAccounts(ds, { count: 1000, productIds: catalog.productIds, reads: 0, prefix: 'W' });
    await ds.destroy();
    const receivers = await spawnChild('webhook-receivers.js', { BENCH_RECEIVERS: String(ENDPOINTS) });
    let hub: BenchChild | null = null;
    try {
      const ports = await receivers.ask<number[]>('ports');
      const events = rate * opts.seconds;
      const baseMeter = cpuMeter({ receivers: receivers.pid, bench: process.pid });
      const baseSeconds = await plainLoop(ports, rate, opts.seconds);
      const base = await receivers.ask<ReceiverFigures>('figures', { ports });
      report(
        `  baseline, a plain loop (the hub's HTTP client) posting ${fmt(events)} messages to each of ${ports.length} receivers: ${line(base, ports.length * events, baseSeconds)}; ${load()}; ${baseMeter()}`,
      );

      hub = await spawnChild('hub-child.js', hubEnv(db, { HUB_WEBHOOK_ALLOW_PRIVATE: '1' }));
      const admin = await adminToken(hub.url);
      const created = await gqlOk<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        hub.url,
        'mutation { createApiKey(input: { name: "bench-webhooks", role: INTEGRATOR }) { secret apiKey { id } } }',
        {},
        admin,
      );
      const key = created.createApiKey;
      for (const port of ports) {
        await gqlOk(
          hub.url,
          'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
          { input: { apiKeyId: key.apiKey.id, url: `http://127.0.0.1:${port}/`, eventTypes: ['PAYMENT_RECEIVED'] } },
          admin,
        );
      }
      // Warm-up, not measured: connections opened, code compiled.
      await receivers.ask('reset');
      const warm = await pay(hub.url, key.secret, seeded.numbers, rate, 1);
      await drained(receivers, ENDPOINTS * warm.sent, performance.now());

      const phase = { token: key.secret, numbers: seeded.numbers, rate, seconds: opts.seconds };
      const all = await measure(hub, receivers, ports, phase);
      const failed = (n: number) => (n ? ` (${n} payments failed)` : '');
      report(`  hub, all ${ENDPOINTS} alive: ${line(all.figures, all.expected, all.seconds)}${failed(all.failed)}; ${load()}; ${all.cpu}`);

      const alive = ports.slice(DEAD);
      await receivers.ask('hang', { ports: ports.slice(0, DEAD) });
      const some = await measure(hub, receivers, alive, phase);
      report(
        `  hub, ${DEAD} never answering (timeouts), at the ${alive.length} others: ${line(some.figures, some.expected, some.seconds)}${failed(some.failed)}; ${load()}; ${some.cpu}`,
      );
      report(
        `  p99 with ${DEAD} dead / p99 all alive: ${(some.figures.p99 / all.figures.p99).toFixed(2)}; hub / baseline deliveries per second: ${(all.figures.delivered / all.seconds / (base.delivered / baseSeconds)).toFixed(2)}`,
      );
    } finally {
      await hub?.stop();
      await receivers.stop();
    }
  });
}
