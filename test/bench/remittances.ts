/**
 * Cash application from a lockbox file: N remittance lines (each naming one of
 * 1,000 accounts with three open invoices) through importRemittances, 10,000
 * lines a call (the most one call takes), and a check that every line became
 * an applied payment. Baseline in the same run: the same lines, over the same
 * seed in a fresh database, as one recordPayment call each from one client,
 * one after the other (what an integration without the file import does).
 */
import { fmt, gqlOk, heading, hubEnv, report, secondsSince, spawnChild, adminToken, withScratch, type TestDb } from './lib';
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

/** Seconds to bring the lines in, either through importRemittances or as one recordPayment each; checks every line was recorded. */
async function timed(kind: TestDb, total: number, how: 'import' | 'recordPayment'): Promise<number> {
  return withScratch(kind, async (db) => {
    const { numbers, ds } = await seed(db);
    const hub = await spawnChild('hub-child.js', hubEnv(db));
    try {
      const token = await adminToken(hub.url);
      const all = lines(total, numbers);
      const t0 = performance.now();
      if (how === 'import') {
        for (let i = 0; i < all.length; i += PER_CALL) {
          const { importRemittances: r } = await gqlOk<{ importRemittances: { matched: number; rejected: Array<{ index: number }> } }>(
            hub.url,
            'mutation($lines: [RemittanceLineInput!]!) { importRemittances(channel: CHECK, lines: $lines) { matched rejected { index message } } }',
            { lines: all.slice(i, i + PER_CALL) },
            token,
          );
          if (r.rejected.length > 0 || r.matched !== Math.min(PER_CALL, all.length - i))
            throw new Error(`import: ${JSON.stringify(r).slice(0, 300)}`);
        }
      } else {
        for (const line of all)
          await gqlOk(
            hub.url,
            'mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }',
            { input: { accountNumber: line.accountNumber, amount: line.amount, channel: 'CHECK', idempotencyKey: line.reference } },
            token,
          );
      }
      const seconds = secondsSince(t0);
      const payments = await count(ds, "SELECT COUNT(*) AS n FROM payment WHERE status = 'APPLIED'");
      if (payments !== total) throw new Error(`${how}: ${payments} applied payments for ${total} lines`);
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
  report(`  importRemittances: ${imported} s, ${fmt(total / imported)} lines/s; every line an applied payment`);
  const one = await timed(kind, total, 'recordPayment');
  report(
    `  baseline, the same lines as one recordPayment call each (one client, one after the other): ${one} s, ${fmt(total / one)} payments/s; ` +
      `the import takes ${(imported / one).toFixed(2)} x`,
  );
}
