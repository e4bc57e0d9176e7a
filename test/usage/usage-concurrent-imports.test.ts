import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { int, sql } from '../support/sql';
import { record } from './corrections-support';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t?.stop());

const ACCOUNTS = 6;
const month = (year: number, m: number) => `${year + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01`;
const monthly = (numbers: string[], year: number, months: number[], quantity: (n: number, m: number) => string, estimated = false) =>
  numbers.flatMap((accountNumber, n) =>
    months.map((m) => ({ accountNumber, periodStart: month(year, m), periodEnd: month(year, m + 1), quantity: quantity(n, m), estimated })),
  );

type Answer = { accepted: number; duplicates: number; replaced: number; rejected: Array<{ code: string }> };
const total = (answers: Answer[], key: 'accepted' | 'duplicates' | 'replaced') => answers.reduce((s, a) => s + a[key], 0);

describe('concurrent imports on the same accounts', () => {
  it('store each read once: the same feed sent by four callers at once, and estimates racing the actual reads that replace them', async () => {
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await account(t));
    const numbers = accounts.map((a) => a.number);
    const actual = (n: number, m: number) => `${100 + n * 10 + m}.25`;
    const estimate = (n: number, m: number) => `${90 + n * 10 + m}`;

    for (let round = 0; round < 3; round++) {
      // January to June of every account, sent identically by four callers; July to September as estimates by one
      // caller and as actual reads by another, at the same time. Each round takes the next year's worth of months.
      const year = 2024 + round;
      const feed = monthly(numbers, year, [1, 2, 3, 4, 5, 6], actual);
      const estimates = monthly(numbers, year, [7, 8, 9], estimate, true);
      const actuals = monthly(numbers, year, [7, 8, 9], actual);
      const answers = (await Promise.all([
        record(t, feed),
        record(t, estimates),
        record(t, feed),
        record(t, actuals),
        record(t, feed),
        record(t, [...feed].reverse()),
      ])) as Answer[];
      const [feeds, [est, act]] = [
        [answers[0], answers[2], answers[4], answers[5]],
        [answers[1], answers[3]],
      ];

      // The feed: stored by exactly one caller, a duplicate for the three others.
      expect(total(feeds, 'accepted')).toBe(feed.length);
      expect(total(feeds, 'duplicates')).toBe(3 * feed.length);
      expect(feeds.every((a) => a.rejected.length === 0 && a.replaced === 0)).toBe(true);
      // The estimates and the actual reads: whichever came first was stored; an actual read replaces an estimate,
      // an estimate arriving after the actual read is refused as conflicting.
      expect(est.accepted + act.accepted).toBe(actuals.length);
      expect(act.replaced).toBe(est.accepted);
      expect(est.rejected.map((r) => r.code)).toEqual(Array(act.accepted).fill('CONFLICTING_READ'));
    }

    // Nothing lost, nothing doubled: one counting read per account and month, with the actual quantity.
    const ids = accounts.map((a) => a.id);
    const rows = await sql(
      t,
      `SELECT account_id, period_start, COUNT(*) AS n, MAX(quantity) AS q FROM usage_read
        WHERE live = 1 AND account_id IN (${ids.map(() => '?').join(', ')}) GROUP BY account_id, period_start`,
      ids,
    );
    expect(rows).toHaveLength(ACCOUNTS * 9 * 3);
    for (const row of rows) {
      expect(int(row.n)).toBe(1n);
      // The actual quantity of that account and some month (actual quantities end in .25; estimates are whole).
      const n = ids.indexOf(String(row.account_id));
      const m = (Number(int(row.q)) - 250_000) / 1_000_000 - 100 - n * 10;
      expect([1, 2, 3, 4, 5, 6, 7, 8, 9]).toContain(m);
    }
    // A replaced estimate stops counting and names its replacement.
    const replaced = await sql(
      t,
      `SELECT COUNT(*) AS n FROM usage_read WHERE live IS NULL AND replaced_by_id IS NULL AND account_id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    expect(int(replaced[0].n)).toBe(0n);
  });
});
