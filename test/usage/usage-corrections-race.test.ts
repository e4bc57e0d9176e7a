import { startTestHub, type TestHub } from '../support/hub';
import { checkMoneyAndStop } from '../support/money-invariants';
import { sql } from '../support/sql';
import { balance, customer, invoices, JAN, reads, record, run, segments } from './corrections-support';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => checkMoneyAndStop(t));

const ACCOUNTS = 24;

describe('an actual read arriving while a bill run bills its estimate', () => {
  it('is either billed after the estimate is credited, or replaces it before it is billed: never lost, never billed twice', async () => {
    const { open } = await segments(t);
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await customer(t, open, true));
    await record(
      t,
      accounts.map((a) => ({ accountNumber: a.number, ...JAN, quantity: '100', estimated: true })),
    );
    // Small chunks, so the run's transactions interleave with the replacements.
    t.hub.services.billRuns.chunkSize = 2;
    try {
      const [, ...answers] = await Promise.all([
        run(t, '2026-02-01'),
        ...accounts.map(async (a, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 20));
          return record(t, [{ accountNumber: a.number, ...JAN, quantity: '120' }]);
        }),
      ]);
      for (const answer of answers) expect(answer).toEqual({ accepted: 0, duplicates: 0, replaced: 1, rejected: [] });
    } finally {
      t.hub.services.billRuns.chunkSize = 500;
    }
    await run(t, '2026-02-02');

    let credited = 0;
    for (const a of accounts) {
      const [estimate] = await reads(t, a.id, 'REPLACED');
      const [actual] = await reads(t, a.id, 'BILLED');
      expect(actual).toMatchObject({ quantity: '120', estimated: false });
      const standing = (await invoices(t, a.id)).filter((i) => i.status !== 'VOID');
      if (estimate.invoice) {
        credited++;
        // Billed, then credited its 10.00 less 1.00 of promo; the actual went on a rebill invoice.
        expect(standing.map((i) => [i.total, i.amountCredited])).toEqual([
          ['18.95', '9.00'],
          ['10.80', '0.00'],
        ]);
      } else {
        expect(standing.map((i) => [i.total, i.amountCredited])).toEqual([['20.75', '0.00']]);
      }
      // Fixed charge, actual usage, less 10 %: whichever way it went.
      expect(await balance(t, a.id)).toBe('20.75');
    }
    // Each counting read is on exactly one standing invoice's USAGE lines.
    const twice = await sql(
      t,
      `SELECT l.usage_read_id, COUNT(DISTINCT l.invoice_id) AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
        WHERE l.kind = 'USAGE' AND i.status <> 'VOID' GROUP BY l.usage_read_id HAVING COUNT(DISTINCT l.invoice_id) > 1`,
    );
    expect(twice).toEqual([]);
    // Both outcomes are legitimate; which one each account meets depends on timing (usually some of each).
    expect(credited).toBeLessThanOrEqual(ACCOUNTS);
  });
});
