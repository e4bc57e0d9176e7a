/**
 * Target 3: from the commit of recordPayment to a subscriber's receipt, with
 * 1,000 subscribers on one hub process at 200 payments/s; and the memory of
 * 10,000 idle authenticated subscribers. Baseline: a bare `ws` server
 * broadcasting events of the same shape at the same rate to as many sockets.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { adminToken, apiKey, fmt, heading, hubEnv, mb, report, sleep, spawnChild, withScratch, type BenchChild, type TestDb } from './lib';
import { migratedDataSource, seedAccounts, seedCatalog } from './seed';

const SUBSCRIPTION = 'subscription { events(types: [PAYMENT_RECEIVED]) { id type occurredAt accountNumber payload } }';
const RECORD_PAYMENT = `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`;

interface Latency {
  received: number;
  /** Messages that were not a `next` of the subscription carrying an event. */
  malformed: number;
  p50: number;
  p99: number;
  max: number;
}

const WARM_UP_SECONDS = 2;

/** At most 64 payments on the wire at once; more wait their turn here, as they would in a client's queue. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  const target = new URL(`${url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** recordPayment at `rate` per second for `seconds`, each awaited by nobody: the rate holds whatever the latency. */
export async function pay(
  url: string,
  token: string,
  numbers: string[],
  rate: number,
  seconds: number,
): Promise<{ sent: number; failed: number; seconds: number }> {
  const total = rate * seconds;
  const t0 = performance.now();
  const inFlight = new Set<Promise<void>>();
  let failed = 0;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const body = JSON.stringify({
      query: RECORD_PAYMENT,
      variables: {
        input: {
          accountNumber: numbers[i % numbers.length],
          amount: `${10 + (i % 90)}.00`,
          channel: 'CARD',
          idempotencyKey: randomUUID(),
        },
      },
    });
    const request: Promise<void> = post(url, token, body)
      .then(({ status, text }) => {
        if (status !== 200 || text.includes('"errors"')) {
          failed++;
          if (failed === 1) process.stderr.write(`first failed payment: ${status} ${text.slice(0, 300)}\n`);
        }
      })
      .catch((error: unknown) => {
        failed++;
        if (failed === 1) process.stderr.write(`first failed payment: ${String(error)}\n`);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all([...inFlight]);
  return { sent: total, failed, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The subscribers, spread over CLIENT_PROCESSES child processes: one process
 * reading 200,000 messages a second would delay the last sockets of each burst
 * it reads and count that against the hub.
 */
const CLIENT_PROCESSES = 2;

export class Subscribers {
  private constructor(private readonly children: BenchChild[]) {}

  static async start(): Promise<Subscribers> {
    return new Subscribers(await Promise.all(Array.from({ length: CLIENT_PROCESSES }, () => spawnChild('ws-clients.js', {}))));
  }

  /** Opens `count` subscribers in all, split between the processes; returns how many are subscribed. */
  async connect(args: { url: string; token: string; count: number; query: string }): Promise<number> {
    const n = this.children.length;
    const counts = this.children.map((_, i) => Math.floor(args.count / n) + (i < args.count % n ? 1 : 0));
    const opened = await Promise.all(
      this.children.map((c, i) => (counts[i] > 0 ? c.ask<number>('connect', { ...args, count: counts[i] }) : 0)),
    );
    return opened.reduce((a, b) => a + b, 0);
  }

  async received(): Promise<number> {
    const counts = await Promise.all(this.children.map((c) => c.ask<{ received: number }>('peek')));
    return counts.reduce((sum, c) => sum + c.received, 0);
  }

  /** The latencies since the last collect, merged. */
  async collect(): Promise<Latency> {
    const parts = await Promise.all(
      this.children.map((c) => c.ask<{ received: number; malformed: number; histogram: number[] }>('collect')),
    );
    const histogram: number[] = [];
    for (const part of parts) part.histogram.forEach((n, ms) => (histogram[ms] = (histogram[ms] ?? 0) + n));
    const received = parts.reduce((sum, p) => sum + p.received, 0);
    const at = (p: number): number => {
      const rank = Math.max(1, Math.ceil((p / 100) * received));
      let seen = 0;
      for (let ms = 0; ms < histogram.length; ms++) {
        seen += histogram[ms] ?? 0;
        if (seen >= rank) return ms;
      }
      return NaN;
    };
    return { received, malformed: parts.reduce((sum, p) => sum + p.malformed, 0), p50: at(50), p99: at(99), max: histogram.length - 1 };
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((c) => c.ask('close')));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}

async function deliveries(clients: Subscribers, expected: number, timeoutMs = 30_000): Promise<Latency> {
  // The subscribers may still be receiving the last events.
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    await sleep(500);
    const received = await clients.received();
    if (received >= expected || received === last || Date.now() > deadline) break;
    last = received;
  }
  return clients.collect();
}

function describe(l: Latency, expected: number): string {
  return (
    `p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms (${fmt(l.received)} of ${fmt(expected)} deliveries` +
    (l.malformed ? `, ${fmt(l.malformed)} malformed messages)` : ')')
  );
}

export async function benchEvents(
  kind: TestDb,
  opts: { subscribers: number; idle: number; seconds: number; rate?: number },
): Promise<void> {
  const rate = opts.rate ?? 200;
  heading(`Events on ${kind}: subscribers of PAYMENT_RECEIVED on one hub process, ${opts.seconds} s of payments each; idle subscribers`);
  await withScratch(kind, async (db) => {
    const ds = await migratedDataSource(db);
    const catalog = await seedCatalog(ds, 1);
    const seeded = await seedAccounts(ds, { count: 1000, productIds: catalog.productIds, reads: 0, prefix: 'E' });
    await ds.destroy();

    let hub: BenchChild | null = await spawnChild('hub-child.js', hubEnv(db));
    let clients: Subscribers | null = await Subscribers.start();
    let plain: BenchChild | null = null;
    try {
      const admin = await adminToken(hub.url);
      const integrator = await apiKey(hub.url, admin, 'INTEGRATOR', 'bench-integrator');
      plain = await spawnChild('ws-plain.js', {});
      // The target, then two loads this machine can sustain: the pipeline at the full payment rate, and the fan-out to every subscriber.
      const scenarios = [
        { subscribers: opts.subscribers, rate },
        { subscribers: Math.max(1, Math.round(opts.subscribers / 10)), rate },
        { subscribers: opts.subscribers, rate: Math.max(1, Math.round(rate / 10)) },
      ];
      for (const scenario of scenarios) {
        const connected = await clients.connect({
          url: hub.url,
          token: integrator,
          count: scenario.subscribers,
          query: SUBSCRIPTION,
        });
        // Subscriptions start just after their ack; then 2 s at the measured rate, not timed, so that
        // what is measured is the steady state (database connections open, code compiled, flush window settled).
        await sleep(500);
        const warmUp = await pay(hub.url, integrator, seeded.numbers, scenario.rate, WARM_UP_SECONDS);
        await deliveries(clients, connected * warmUp.sent, 10_000);
        await hub.ask('cpuProfile');
        const sent = await pay(hub.url, integrator, seeded.numbers, scenario.rate, opts.seconds);
        await hub.ask('cpuProfileEnd');
        const live = await deliveries(clients, connected * sent.sent);
        await clients.close();

        await clients.connect({ url: plain.url, token: 'none', count: scenario.subscribers, query: SUBSCRIPTION });
        await sleep(500);
        const broadcast = await plain.ask<number>('broadcast', { rate: scenario.rate, seconds: opts.seconds });
        const bare = await deliveries(clients, connected * broadcast);
        await clients.close();
        report(
          `  ${fmt(connected)} subscribers, ${fmt(sent.sent)} payments at ${scenario.rate}/s (${fmt(connected * scenario.rate)} deliveries/s; ` +
            `all answered within ${sent.seconds.toFixed(1)} s)` +
            (sent.failed ? `, ${sent.failed} payments failed` : ''),
        );
        report(`    hub, commit of recordPayment to receipt: ${describe(live, connected * sent.sent)}`);
        report(`    baseline, a bare ws server broadcasting the same events: ${describe(bare, connected * broadcast)}`);
      }

      // Idle subscribers, on a fresh hub so that nothing else is in its memory.
      await hub.stop();
      await clients.stop();
      hub = await spawnChild('hub-child.js', hubEnv(db));
      clients = await Subscribers.start();
      const fresh = await adminToken(hub.url);
      const key = await apiKey(hub.url, fresh, 'INTEGRATOR', 'bench-idle');
      await clients.connect({ url: hub.url, token: key, count: 10, query: SUBSCRIPTION });
      await sleep(1000);
      const before = await hub.stats();
      const idle = await clients.connect({ url: hub.url, token: key, count: opts.idle, query: SUBSCRIPTION });
      await sleep(3000);
      const after = await hub.stats();
      await clients.close();
      await clients.connect({ url: plain.url, token: 'none', count: 10, query: SUBSCRIPTION });
      await sleep(1000);
      const plainBefore = await plain.stats();
      await clients.connect({ url: plain.url, token: 'none', count: opts.idle, query: SUBSCRIPTION });
      await sleep(3000);
      const plainAfter = await plain.stats();
      await clients.close();
      report(
        `  ${fmt(idle)} idle authenticated subscribers on one hub: RSS ${mb(before.rss)} -> ${mb(after.rss)}, ` +
          `${fmt((after.rss - before.rss) / idle / 1024, 1)} KB per connection (JS heap ${fmt((after.heapUsed - before.heapUsed) / idle / 1024, 1)} KB)`,
      );
      report(
        `  baseline, the same sockets on a bare ws server: ${fmt((plainAfter.rss - plainBefore.rss) / idle / 1024, 1)} KB per connection`,
      );
    } finally {
      await clients?.stop();
      await hub?.stop();
      await plain?.stop();
    }
  });
}
