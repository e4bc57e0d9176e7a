import { addDays } from '../../server/src/common/dates';
import { errorCode, gql, gqlOk } from '../support/client';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
let integrator: string;
beforeAll(async () => {
  t = await startTestHub();
  integrator = await t.apiKey('INTEGRATOR', 'Meter data hub');
});
afterAll(async () => t?.stop());

const RECORD = 'mutation($reads: [UsageInput!]!) { recordUsage(reads: $reads) { accepted duplicates rejected { index code message } } }';

async function storedReads(): Promise<number> {
  const rows = await t.hub.db.manager.query('SELECT COUNT(*) AS n FROM usage_read');
  return Number(rows[0].n);
}

describe('recording usage', () => {
  it('imports 10,000 reads in one call, counting duplicates and rejecting overlaps', async () => {
    const accounts = await Promise.all(Array.from({ length: 20 }, () => account(t)));
    const reads = [];
    // 20 accounts x 500 consecutive 3-day reads.
    for (const a of accounts) {
      for (let i = 0; i < 500; i++) {
        const start = addDays('2024-01-01', i * 3);
        reads.push({ accountNumber: a.number, periodStart: start, periodEnd: addDays(start, 3), quantity: `${(i % 97) + 10}.125` });
      }
    }
    expect(reads).toHaveLength(10_000);
    const first = await gqlOk(t.url, RECORD, { reads }, integrator);
    expect(first.recordUsage).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
    expect(await storedReads()).toBe(10_000);

    // Re-sending part of it, with two overlapping reads and a new one mixed in.
    const again = [
      ...reads.slice(0, 100),
      { accountNumber: accounts[0].number, periodStart: '2024-01-02', periodEnd: '2024-01-05', quantity: '1' },
      {
        accountNumber: accounts[1].number,
        periodStart: addDays('2024-01-01', 1500),
        periodEnd: addDays('2024-01-01', 1530),
        quantity: '300',
      },
      {
        accountNumber: accounts[1].number,
        periodStart: addDays('2024-01-01', 1520),
        periodEnd: addDays('2024-01-01', 1540),
        quantity: '5',
      },
    ];
    const second = await gqlOk(t.url, RECORD, { reads: again }, integrator);
    expect(second.recordUsage.accepted).toBe(1);
    expect(second.recordUsage.duplicates).toBe(100);
    expect(second.recordUsage.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [100, 'OVERLAP'],
      [102, 'OVERLAP'],
    ]);
    expect(second.recordUsage.rejected[0].message).toMatch(/overlaps the stored read 2024-01-01 to 2024-01-04/);
    expect(await storedReads()).toBe(10_001);
  });

  it('rejects bad reads one by one and keeps the good ones beside them', async () => {
    const a = await account(t);
    const good = (start: string) => ({ accountNumber: a.number, periodStart: start, periodEnd: addDays(start, 30), quantity: '412.5' });
    const before = await storedReads();
    const result = await gqlOk(
      t.url,
      RECORD,
      {
        reads: [
          good('2026-01-01'),
          { ...good('2026-02-01'), accountNumber: 'NO-SUCH-ACCOUNT' },
          { ...good('2026-03-01'), periodEnd: '2026-03-01' },
          { ...good('2026-04-01'), quantity: '-1' },
          { ...good('2026-05-01'), quantity: '1.1234567' },
          { ...good('2026-06-01'), periodStart: '2026-02-30' },
          good('2026-07-01'),
        ],
      },
      integrator,
    );
    expect(result.recordUsage.accepted).toBe(2);
    expect(result.recordUsage.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'UNKNOWN_ACCOUNT'],
      [2, 'INVALID_PERIOD'],
      [3, 'NEGATIVE_QUANTITY'],
      [4, 'INVALID_VALUE'],
      [5, 'INVALID_VALUE'],
    ]);
    expect(result.recordUsage.rejected[3].message).toMatch(/at most 6 fraction digits/);
    expect(result.recordUsage.rejected[4].message).toMatch(/calendar date/);
    expect(await storedReads()).toBe(before + 2);
    const rows = await t.hub.db.manager.query('SELECT quantity FROM usage_read WHERE period_start = ? ORDER BY id DESC LIMIT 1', [
      '2026-07-01',
    ]);
    expect(Number(rows[0].quantity)).toBe(412_500_000);
  });

  it('refuses a call over 10,000 reads whole, storing nothing', async () => {
    const a = await account(t);
    const before = await storedReads();
    const reads = Array.from({ length: 10_001 }, (_, i) => ({
      accountNumber: a.number,
      periodStart: addDays('2030-01-01', i),
      periodEnd: addDays('2030-01-01', i + 1),
      quantity: '1',
    }));
    const result = await gql(t.url, RECORD, { reads }, integrator);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/At most 10000 reads/);
    expect(await storedReads()).toBe(before);
  });

  it('lets integrators push usage but not partners', async () => {
    const partner = await t.apiKey('PARTNER');
    expect(errorCode(await gql(t.url, RECORD, { reads: [] }, partner))).toBe('FORBIDDEN');
    expect((await gqlOk(t.url, RECORD, { reads: [] }, integrator)).recordUsage).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });

  it('stores each read once when the same import arrives twice at the same moment', async () => {
    const a = await account(t);
    const reads = Array.from({ length: 50 }, (_, i) => ({
      accountNumber: a.number,
      periodStart: addDays('2028-01-01', i * 7),
      periodEnd: addDays('2028-01-01', i * 7 + 7),
      quantity: '70',
    }));
    const [x, y] = await Promise.all([gqlOk(t.url, RECORD, { reads }, integrator), gqlOk(t.url, RECORD, { reads }, integrator)]);
    expect(x.recordUsage.accepted + y.recordUsage.accepted).toBe(50);
    expect(x.recordUsage.duplicates + y.recordUsage.duplicates).toBe(50);
    const rows = await t.hub.db.manager.query('SELECT COUNT(*) AS n FROM usage_read WHERE account_id = ?', [a.id]);
    expect(Number(rows[0].n)).toBe(50);
  });
});
