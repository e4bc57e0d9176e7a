/**
 * Cash application from a lockbox file: N remittance lines (each naming one of
 * 1,000 accounts with three open invoices) through importRemittances, 10,000
 * lines a call (the most one call takes), and a check that every line became
 * an applied payment. Meanwhile one client records payments one after another,
 * as a partner or an operator would during the import: their latency shows
 * how long a payment waits behind the file. Baseline in the same run: the same
 * lines, over the same seed in a fresh database, as one recordPayment call
 * each from one client, one after the other (what an integration without the
 * file import does). Then a file of the same size whose lines name no known
 * account: each is held in UNAPPLIED_CASH with its work item; its baseline is
 * the matched file's time.
 */
import { fmt, gqlOk, heading, hubEnv, percentile, report, secondsSince, spawnChild, adminToken, withScratch, type TestDb } from './lib';
import { seed } from './payments';
import { count } from './seed';

const PER_CALL = 10_000;

interface Line {
  reference: string;
  amount: string;
  accountNumber: string;
}

function lines(total: number, numbers: string[]): Line[] {
  return Array.from({ length: total }, (_, i) => ({
    reference: `LBX-${String(i).padStart(8, '0')}`,
    amount: `${5 + ((i * 31) % 145)}.${String(i % 100).padStart(2, '0')}`,
    // Accounts in a scattered order, as a lockbox file lists them.
    accountNumber: numbers[(i * 7919) % numbers.length],
  }));
}

const RECORD_PAYMENT = 'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }';

/** One client's recordPayment calls, one after another, until `until` settles; their latencies in ms. */
async function paymentsMeanwhile(url: string, token: string, numbers: string[], until: Promise<unknown>): Promise<number[]> {
  let over = false;
  void until.finally(() => (over = true)).catch(() => undefined);
  const latencies: number[] = [];
  for (let i = 0; !over; i++) {
    const t0 = performance.now();
    await gqlOk(
      url,
      RECORD_PAYMENT,
      { input: { accountNumber: numbers[(i * 13) % numbers.length], amount: '1.00', channel: 'CARD', idempotencyKey: `meanwhile-${i}` } },
      token,
    );
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/** Imports the lines PER_CALL at a time; checks that each call's lines all came out as `outcome` (matched or held). */
async function importFile(url: string, token: string, all: Line[], outcome: 'matched' | 'suspense'): Promise<void> {
  for (let i = 0; i < all.length; i += PER_CALL) {
    const { importRemittances: r } = await gqlOk<{ importRemittances: Record<typeof outcome, number> & { rejected: unknown[] } }>(
      url,
      `mutation($lines: [RemittanceLineInput!]!) { importRemittances(channel: CHECK, lines: $lines) { ${outcome} rejected { index message } } }`,
      { lines: all.slice(i, i + PER_CALL) },
      token,
    );
    if (r.rejected.length > 0 || r[outcome] !== Math.min(PER_CALL, all.length - i))
      throw new Error(`import: ${JSON.stringify(r).slice(0, 300)}`);
  }
}

interface Timed {
  seconds: number;
  /** Latencies of the payments recorded meanwhile (import only). */
  meanwhile: number[];
}

/** Seconds to bring the lines in, either through importRemittances or as one recordPayment each; checks every line was recorded. */
async function timed(kind: TestDb, total: number, how: 'import' | 'recordPayment'): Promise<Timed> {
  return withScratch(kind, async (db) => {
    const { numbers, ds } = await seed(db);
    const hub = await spawnChild('hub-child.js', hubEnv(db));
    try {
      const token = await adminToken(hub.url);
      const all = lines(total, numbers);
      const t0 = performance.now();
      let meanwhile: number[] = [];
      let seconds: number;
      if (how === 'import') {
        const imported = importFile(hub.url, token, all, 'matched');
        // The file's time ends with its last call, not with the other client's payment in flight then.
        const importedIn = imported.then(() => secondsSince(t0));
        [meanwhile, seconds] = await Promise.all([paymentsMeanwhile(hub.url, token, numbers, imported), importedIn]);
      } else {
        for (const line of all)
          await gqlOk(
            hub.url,
            RECORD_PAYMENT,
            { input: { accountNumber: line.accountNumber, amount: line.amount, channel: 'CHECK', idempotencyKey: line.reference } },
            token,
          );
        seconds = secondsSince(t0);
      }
      const payments = await count(ds, "SELECT COUNT(*) AS n FROM payment WHERE status = 'APPLIED'");
      if (payments !== total + meanwhile.length)
        throw new Error(`${how}: ${payments} applied payments for ${total} lines and ${meanwhile.length} payments meanwhile`);
      return { seconds, meanwhile };
    } finally {
      await hub.stop();
      await ds.destroy();
    }
  });
}

/** Seconds to import `total` lines naming no known account; checks each was held with its work item. */
async function timedUnmatched(kind: TestDb, total: number): Promise<number> {
  return withScratch(kind, async (db) => {
    const { ds } = await seed(db);
    const hub = await spawnChild('hub-child.js', hubEnv(db));
    try {
      const token = await adminToken(hub.url);
      const all = lines(total, ['UNKNOWN-1', 'UNKNOWN-2', 'UNKNOWN-3']);
      const t0 = performance.now();
      await importFile(hub.url, token, all, 'suspense');
      const seconds = secondsSince(t0);
      const held = await count(
        ds,
        "SELECT COUNT(*) AS n FROM suspense_payment s JOIN work_item w ON w.id = s.work_item_id WHERE s.status = 'OPEN' AND w.kind = 'SUSPENSE_PAYMENT'",
      );
      if (held !== total) throw new Error(`unmatched: ${held} lines held with a work item for ${total} lines`);
      return seconds;
    } finally {
      await hub.stop();
      await ds.destroy();
    }
  });
}

export async function benchRemittances(kind: TestDb, total: number): Promise<void> {
  heading(`Remittances on ${kind}: ${fmt(total)} lockbox lines through importRemittances, ${fmt(PER_CALL)} lines a call`);
  const imported = await timed(kind, total, 'import');
  const waits = [...imported.meanwhile].sort((a, b) => a - b);
  report(`  importRemittances: ${imported.seconds} s, ${fmt(total / imported.seconds)} lines/s; every line an applied payment`);
  report(
    `  meanwhile, one client's recordPayment calls one after another: ${waits.length}, ` +
      `latency p50 ${percentile(waits, 50).toFixed(1)} ms, p99 ${percentile(waits, 99).toFixed(1)} ms`,
  );
  const unmatched = await timedUnmatched(kind, total);
  report(
    `  a file whose ${fmt(total)} lines name no known account, each held in UNAPPLIED_CASH with its work item: ${unmatched} s, ` +
      `${fmt(total / unmatched)} lines/s; ${(unmatched / imported.seconds).toFixed(2)} x the matched file's time`,
  );
  const one = await timed(kind, total, 'recordPayment');
  report(
    `  baseline, the same lines as one recordPayment call each (one client, one after the other): ${one.seconds} s, ${fmt(total / one.seconds)} payments/s; ` +
      `the import takes ${(imported.seconds / one.seconds).toFixed(2)} x`,
  );
}
