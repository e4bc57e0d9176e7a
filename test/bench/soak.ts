/**
 * A soak (not in CI, not in the default set): `npm run soak [-- --minutes 10]`.
 * One hub process on MariaDB under a steady mixed load for N minutes: partner
 * catalog reads, payments, usage imports (with duplicates and corrections), a
 * bill run and a collections run every 2 minutes, 200 live subscribers, 20
 * webhook endpoints and every bill mailed to a local SMTP server. Each minute
 * it prints p50/p99 per operation, the hub's RSS, heap and event-loop delay,
 * and the errors by code; at the end whether RSS grew less than 10 % after the
 * first 2 minutes and whether any call failed other than the RATE_LIMITED
 * answers its burst asks for. It asserts nothing: it exits 0 either way.
 * SOAK_HEAP_SNAPSHOTS=<folder>: the hub's V8 heap snapshot at minute 2 and at
 * the end, written there (compare them with heap-diff.js).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeBillRun } from './bill-run';
import { Subscribers } from './events';
import {
  adminToken,
  fmt,
  gqlOk,
  heading,
  hubEnv,
  mb,
  percentile,
  procMemory,
  report,
  sleep,
  spawnChild,
  withScratch,
  type BenchChild,
} from './lib';
import { seed } from './payments';
import { CATALOG } from './read';
import { nextMonth, seedCatalog } from './seed';
import type { HubProbe } from './soak-hub';
import { call, Recorder, steady } from './soak-load';
import { BenchSmtpSink } from './mail-sink';
import { Receiver } from './receiver';

const SUBSCRIBERS = 200;
const ENDPOINTS = 20;
const CYCLE_MS = 120_000;
const READS_PER_SECOND = 5;
const PAYMENTS_PER_SECOND = 5;
const IMPORT_EVERY_S = 3;
/** New reads per import call; with 10 duplicates and 10 corrections of reads sent before in the same cycle. */
const NEW_READS = 5;
/** Accounts read (and billed) each cycle: the new reads of a cycle's imports. */
const BILLED = (CYCLE_MS / 1000 / IMPORT_EVERY_S) * NEW_READS;
/** A noisy partner's burst each minute, over its key's burst allowance: RATE_LIMITED is the expected answer to part of it. */
const BURST = 300;
/**
 * A per-key request quota (the other benches switch it off): above every steady load here (the admin's
 * bill-run polling is the highest, 20/s), below the noisy partner's burst.
 */
const RATE_LIMIT = { HUB_RATE_LIMIT_RPS: '30', HUB_RATE_LIMIT_BURST: '100' };

const RECORD_PAYMENT = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }';
const RECORD_USAGE =
  'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted duplicates replaced rejected { index code message } } }';
const SUBSCRIPTION = 'subscription { events(types: [PAYMENT_RECEIVED]) { id type occurredAt accountNumber payload } }';
const RUN_COLLECTIONS = 'mutation($asOf: Date!) { runCollections(asOf: $asOf) { accountsEvaluated actionsTaken accountsFailed status } }';

interface Read {
  accountNumber: string;
  periodStart: string;
  periodEnd: string;
  quantity: string;
  replace?: boolean;
}

const addMonths = (day: string, n: number): string => (n === 0 ? day : addMonths(nextMonth(day), n - 1));
/** Bill run w bills the reads ending on or before its asOf; the imports of cycle w are for the month it leaves open. */
const billAsOf = (cycle: number) => addMonths('2026-02-01', cycle);

interface Keys {
  admin: string;
  integrator: string;
  integratorId: string;
  partner: string;
  noisyPartner: string;
  /** One key per 50 subscribers: each subscribe counts against its key's request quota. */
  subscribers: string[];
}

async function keys(url: string): Promise<Keys> {
  const admin = await adminToken(url);
  const create = async (role: string, name: string) =>
    (
      await gqlOk<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
        url,
        'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }',
        { input: { name, role } },
        admin,
      )
    ).createApiKey;
  const integrator = await create('INTEGRATOR', 'soak-integrator');
  return {
    admin,
    integrator: integrator.secret,
    integratorId: integrator.apiKey.id,
    partner: (await create('PARTNER', 'soak-partner')).secret,
    noisyPartner: (await create('PARTNER', 'soak-noisy-partner')).secret,
    subscribers: await Promise.all(
      Array.from({ length: SUBSCRIBERS / 50 }, async (_, i) => (await create('INTEGRATOR', `soak-subscribers-${i}`)).secret),
    ),
  };
}

/** Usage imports every few seconds: each call new reads for the cycle's open month, and duplicates and corrections of earlier ones. */
function usageImports(rec: Recorder, url: string, token: string, numbers: string[], t0: number, until: number): Promise<void> {
  let cycle = -1;
  let sent: Read[] = [];
  let cursor = 0;
  /** Reads sent as they were (new or duplicate) in calls not answered yet, with how many such calls. */
  const unanswered = new Map<Read, number>();
  return steady(1 / IMPORT_EVERY_S, until, (i) => {
    const now = Math.floor((performance.now() - t0) / CYCLE_MS);
    if (now !== cycle) {
      cycle = now;
      sent = [];
      cursor = 0;
    }
    const periodStart = billAsOf(cycle);
    // A cycle's last call may find every account read already: it then sends only duplicates and corrections.
    const fresh: Read[] = Array.from({ length: Math.max(0, Math.min(NEW_READS, BILLED - cursor)) }, (_, k) => ({
      accountNumber: numbers[cursor + k],
      periodStart,
      periodEnd: nextMonth(periodStart),
      quantity: `${200 + ((i * 31 + k * 7) % 700)}.250`,
    }));
    cursor += NEW_READS;
    // Never the same read twice in one call (the call would reject both as conflicting): duplicates of the last
    // 10 reads sent, corrections of 10 earlier ones, in turn. As an integrator would, a read is corrected only once
    // every call that sent it as it was has been answered: a correction stored before such a call would make it a conflict.
    const duplicates = sent.slice(-10);
    const older = sent.slice(0, -10).filter((r) => !unanswered.has(r));
    const start = older.length > 10 ? (i * 10) % (older.length - 10) : 0;
    const corrections = older
      .slice(start, start + 10)
      .map((r) => ({ ...r, quantity: `${Math.floor(Number(r.quantity)) + 1 + (i % 7)}.500`, replace: true }));
    sent.push(...fresh);
    const asSent = [...fresh, ...duplicates];
    for (const r of asSent) unanswered.set(r, (unanswered.get(r) ?? 0) + 1);
    return call<{ recordUsage: { rejected: Array<{ code: string; message: string }> } }>(rec, 'usage', url, token, RECORD_USAGE, {
      reads: [...asSent, ...corrections],
    }).then((data) => {
      for (const r of asSent) {
        const n = (unanswered.get(r) ?? 1) - 1;
        if (n === 0) unanswered.delete(r);
        else unanswered.set(r, n);
      }
      for (const r of data?.recordUsage.rejected ?? []) rec.error('usage', `READ_${r.code}`, r.message);
    });
  });
}

/** A bill run, then a collections run a month after its asOf, at the start of each 2-minute cycle. */
async function cycles(rec: Recorder, url: string, token: string, t0: number, until: number): Promise<void> {
  for (let cycle = 0; t0 + cycle * CYCLE_MS < until; cycle++) {
    const wait = t0 + cycle * CYCLE_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const asOf = billAsOf(cycle);
    try {
      const { seconds, run } = await timeBillRun(url, token, asOf);
      rec.time('billRun', seconds * 1000);
      if (run.status !== 'COMPLETED') rec.error('billRun', `RUN_${run.status}`);
    } catch (error) {
      rec.error('billRun', 'THROWN', String(error));
    }
    const collections = await call<{ runCollections: { accountsFailed: number; status: string } }>(
      rec,
      'collections',
      url,
      token,
      RUN_COLLECTIONS,
      {
        asOf: nextMonth(asOf),
      },
    );
    if (collections && collections.runCollections.accountsFailed > 0) rec.error('collections', 'ACCOUNTS_FAILED');
  }
}

/** Each minute, half a minute in: the noisy partner's burst, all at once. */
async function bursts(rec: Recorder, url: string, token: string, t0: number, until: number): Promise<void> {
  for (let minute = 0; t0 + minute * 60_000 + 30_000 < until; minute++) {
    const wait = t0 + minute * 60_000 + 30_000 - performance.now();
    if (wait > 0) await sleep(wait);
    await Promise.all(Array.from({ length: BURST }, () => call(rec, 'burst', url, token, CATALOG, { on: '2026-03-01' }, BURST)));
  }
}

interface Sample {
  minute: number;
  /** The hub's RSS every 5 s of the minute: it swings with each bill run and with how much heap V8 keeps, so windows are compared, not points. */
  rss: number[];
  /** The JS heap in use after a full collection, taken after the row at minute 2 and at the end. */
  live?: number;
}

const cell = (o: { n: number; p50: number; p99: number } | undefined): string => (o ? `${fmt(o.n)} ${fmt(o.p50)}/${fmt(o.p99)}` : '-');

const OPS = ['partnerRead', 'payment', 'usage', 'burst', 'billRun', 'collections'] as const;

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Prints one minute's row and returns its sample. */
async function minuteRow(
  minute: number,
  rss: number[],
  rec: Recorder,
  hub: BenchChild,
  subscribers: Subscribers,
  receivers: Receiver[],
  smtp: BenchSmtpSink,
  mailsBefore: number,
): Promise<Sample> {
  const ws = await subscribers.collect();
  // An answer on a subscription that is not an event: an error (RATE_LIMITED, UNAUTHENTICATED...) ended it.
  for (let i = 0; i < ws.malformed; i++) rec.error('subscription', 'NOT_AN_EVENT');
  const { ops, errors } = rec.minute();
  const { loop, memory } = await hub.ask<HubProbe>('soakProbe');
  const hooks = receivers.flatMap((r) => r.latencies.splice(0)).sort((a, b) => a - b);
  const hookCell = cell(hooks.length ? { n: hooks.length, p50: percentile(hooks, 50), p99: percentile(hooks, 99) } : undefined);
  const byOp = new Map(ops.map((o) => [o.op, o]));
  const errorText = errors.size === 0 ? 'none' : [...errors].map(([k, n]) => `${k} ${n}`).join(', ');
  report(
    `  ${String(minute).padStart(3)} | ${mb(median(rss)).padStart(7)} ${mb(Math.max(...rss)).padStart(7)} ${mb(memory.heapUsed).padStart(7)} ${mb(memory.heapTotal).padStart(7)} ${mb(memory.external).padStart(7)} | ${fmt(loop.p50)}/${fmt(loop.p99)}/${fmt(loop.max)} | ` +
      `${OPS.map((op) => cell(byOp.get(op))).join(' | ')} | ${ws.received ? cell({ n: ws.received, p50: ws.p50, p99: ws.p99 }) : '-'} | ${hookCell} | ` +
      `${fmt(smtp.accepted - mailsBefore)} | ${os.loadavg()[0].toFixed(1)} | ${errorText}`,
  );
  return { minute, rss };
}

/** With SOAK_HEAP_SNAPSHOTS=<folder>: the hub's heap snapshot, written there (after the live-heap probe, which it would disturb). */
async function heapSnapshot(hub: BenchChild, name: string): Promise<void> {
  const dir = process.env.SOAK_HEAP_SNAPSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const file = await hub.ask<string>('heapSnapshot', { file: path.resolve(dir, `hub-${hub.pid}-${name}.heapsnapshot`) });
  report(`  heap snapshot (${name}): ${file}, ${fmt((performance.now() - t0) / 1000)} s`);
}

export async function benchSoak(minutes: number): Promise<void> {
  heading(
    `Soak on mariadb: ${minutes} min of ${READS_PER_SECOND} partner reads/s, ${PAYMENTS_PER_SECOND} payments/s, a usage import every ${IMPORT_EVERY_S} s, ` +
      `a bill run and a collections run every 2 min, ${SUBSCRIBERS} subscribers, ${ENDPOINTS} webhook endpoints, bills mailed over SMTP`,
  );
  await withScratch('mariadb', async (db) => {
    const { numbers, ds } = await seed(db);
    await seedCatalog(ds, 20, true);
    // Every bill is mailed: the delivery worker sends each one to the SMTP receiver.
    await ds.query("UPDATE account SET delivery = 'EMAIL'");
    await ds.destroy();
    const smtp = new BenchSmtpSink();
    const receivers = Array.from({ length: ENDPOINTS }, () => new Receiver());
    for (const r of receivers) await r.listen();
    let hub: BenchChild | null = null;
    let subscribers: Subscribers | null = null;
    try {
      const env = { HUB_WEBHOOK_ALLOW_PRIVATE: '1', HUB_SMTP_URL: await smtp.start(), ...RATE_LIMIT };
      hub = await spawnChild('soak-hub.js', hubEnv(db, env));
      const k = await keys(hub.url);
      for (const r of receivers) {
        await gqlOk(
          hub.url,
          'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }',
          { input: { apiKeyId: k.integratorId, url: `http://127.0.0.1:${r.port}/`, eventTypes: ['PAYMENT_RECEIVED', 'INVOICE_ISSUED'] } },
          k.admin,
        );
      }
      // January's reads, for the first bill run.
      await gqlOk(
        hub.url,
        RECORD_USAGE,
        {
          reads: numbers.slice(0, BILLED).map((accountNumber, i) => ({
            accountNumber,
            periodStart: '2026-01-01',
            periodEnd: '2026-02-01',
            quantity: `${300 + (i % 500)}`,
          })),
        },
        k.integrator,
      );
      subscribers = await Subscribers.start();
      let connected = 0;
      for (const token of k.subscribers) {
        // Each answer counts every socket open so far.
        connected = await subscribers.connect({ url: hub.url, token, count: 50, query: SUBSCRIPTION });
      }
      report(
        `  ${connected} subscribers connected; ${fmt(numbers.length)} accounts (EMAIL delivery), 20 products on sale; ${mb(procMemory(hub.pid).rss)} RSS at start`,
      );
      report(
        `  min | RSS med     max |  heap heapTot  native | loop p50/p99/max ms | ${OPS.map((op) => `${op} n p50/p99 ms`).join(' | ')} | subscribers n p50/p99 | webhooks n p50/p99 | mails | load | errors`,
      );

      const rec = new Recorder();
      const t0 = performance.now();
      const until = t0 + minutes * 60_000;
      const url = hub.url;
      const load = Promise.all([
        steady(READS_PER_SECOND, until, () => call(rec, 'partnerRead', url, k.partner, CATALOG, { on: '2026-03-01' })),
        steady(PAYMENTS_PER_SECOND, until, (i) =>
          call(rec, 'payment', url, k.integrator, RECORD_PAYMENT, {
            input: {
              accountNumber: numbers[(i * 7919) % numbers.length],
              amount: `${5 + ((i * 31) % 145)}.${String(i % 100).padStart(2, '0')}`,
              channel: 'CARD',
              idempotencyKey: randomUUID(),
            },
          }),
        ),
        usageImports(rec, url, k.integrator, numbers, t0, until),
        cycles(rec, url, k.admin, t0, until),
        bursts(rec, url, k.noisyPartner, t0, until),
      ]);
      const samples: Sample[] = [];
      const pid = hub.pid;
      let rss: number[] = [];
      const sampler = setInterval(() => rss.push(procMemory(pid).rss), 5_000);
      let mails = 0;
      for (let minute = 1; minute <= minutes; minute++) {
        await sleep(t0 + minute * 60_000 - performance.now());
        const sample = await minuteRow(minute, rss.splice(0), rec, hub, subscribers, receivers, smtp, mails);
        if (minute === 2 || minute === minutes) {
          sample.live = await hub.ask<number>('liveHeap');
          await heapSnapshot(hub, minute === 2 ? 'minute-2' : 'end');
        }
        samples.push(sample);
        mails = smtp.accepted;
      }
      clearInterval(sampler);
      rss = [];
      await load;
      summary(samples, rec);
    } finally {
      await subscribers?.stop();
      await hub?.stop();
      for (const r of receivers) await r.stop();
      await smtp.stop();
    }
  });
}

function summary(samples: Sample[], rec: Recorder): void {
  const errors = [...rec.errors].filter(([key]) => key !== 'RATE_LIMITED (burst)');
  const limited = rec.errors.get('RATE_LIMITED (burst)') ?? 0;
  const failed = errors.reduce((sum, [, n]) => sum + n, 0);
  report(`  errors in all: ${rec.errors.size === 0 ? 'none' : [...rec.errors].map(([key, n]) => `${key} ${fmt(n)}`).join(', ')}`);
  // One whole cycle (a bill run, a collections run, their documents) in each window: minutes 3-4, and the last two.
  const window = (from: number) => median(samples.filter((s) => s.minute >= from && s.minute < from + 2).flatMap((s) => s.rss));
  const base = samples.find((s) => s.minute === 2);
  const last = samples[samples.length - 1];
  if (!base || last.minute < 6) {
    report(`  RSS growth: not measured (it needs at least 6 minutes; ran ${samples.length})`);
  } else {
    const [before, after] = [window(3), window(last.minute - 1)];
    const growth = ((after - before) / before) * 100;
    report(
      `  ${growth < 10 ? 'PASS' : 'FAIL'} RSS after the first 2 minutes, median over minutes 3-4 -> over the last two: ` +
        `${mb(before)} -> ${mb(after)} (${growth.toFixed(1)} %, limit 10 %)`,
    );
  }
  const live = (s: Sample | undefined) => (s?.live === undefined || s.live < 0 ? '?' : mb(s.live));
  if (base && base !== last) report(`  JS heap in use after a full collection: ${live(base)} at minute 2 -> ${live(last)} at the end`);
  report(
    `  ${failed === 0 ? 'PASS' : 'FAIL'} errors: ${fmt(failed)} other than RATE_LIMITED (${fmt(limited)} of the noisy partner's bursts of ${BURST}, as asked for)`,
  );
}
