import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { CatalogEdits1796501500000 } from '../../migrations/1796501500000-CatalogEdits';
import { openScratchSource, type ScratchSource } from '../support/scratch-source';

let source: ScratchSource;
let ds: DataSource;

beforeAll(async () => {
  source = await openScratchSource();
  ds = source.ds;
});
afterAll(() => source?.close());

/** Runs the migrations before `until` (or all of them). */
async function migrateUpTo(until?: Function): Promise<void> {
  const count = until ? migrations.indexOf(until) : migrations.length;
  const step = new DataSource({ ...ds.options, migrations: migrations.slice(0, count) });
  await step.initialize();
  try {
    await step.runMigrations({ transaction: 'each' });
  } finally {
    await step.destroy();
  }
}

const AT = '2026-01-01 00:00:00';

async function insert(table: string, row: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(row);
  await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
  const [last] = (await ds.query(`SELECT MAX(id) AS id FROM ${table}`)) as Array<{ id: number | string }>;
  return String(last.id);
}

describe('lines billed before usage lines recorded their rate', () => {
  it('get the rate that priced them: their product on their first day, in effect that day, at their price', async () => {
    await migrateUpTo(CatalogEdits1796501500000);
    const product = (code: string) =>
      insert('product', { code, name: code, unit: 'kWh', status: 'ACTIVE', fixed_charge: 0, version: 1, created_at: AT, updated_at: AT });
    const rate = (productId: string, from: string, to: string | null, price: number) =>
      insert('rate', { product_id: productId, effective_from: from, effective_to: to, unit_price: price });
    const green = await product('GREEN');
    const other = await product('OTHER');
    const winter = await rate(green, '2026-01-01', '2026-03-01', 100_000);
    const spring = await rate(green, '2026-03-01', null, 120_000);
    // Same days and price on a product the account is no longer on: not the one that priced its lines.
    const otherRate = await rate(other, '2025-01-01', null, 100_000);
    const account = await insert('account', { number: 'A-1', name: 'A', segment: 'R', status: 'ACTIVE', created_at: AT, updated_at: AT });
    await insert('enrollment', {
      account_id: account,
      product_id: other,
      start_date: '2025-01-01',
      end_date: '2026-01-01',
      created_at: AT,
    });
    await insert('enrollment', { account_id: account, product_id: green, start_date: '2026-01-01', created_at: AT });
    const invoice = await insert('invoice', {
      account_id: account,
      kind: 'USAGE',
      period_start: '2025-12-01',
      period_end: '2026-04-01',
      status: 'ISSUED',
      total: 0,
      created_at: AT,
      updated_at: AT,
    });
    const line = (position: number, kind: string, start: string, end: string, price: number | null) =>
      insert('invoice_line', {
        invoice_id: invoice,
        position,
        kind,
        description: kind,
        unit_price: price,
        amount: 0,
        period_start: start,
        period_end: end,
      });
    const december = await line(0, 'USAGE', '2025-12-01', '2026-01-01', 100_000);
    const january = await line(1, 'USAGE', '2026-01-01', '2026-03-01', 100_000);
    const march = await line(2, 'USAGE', '2026-03-01', '2026-04-01', 120_000);
    const fixed = await line(3, 'FIXED', '2025-12-01', '2026-04-01', null);

    await migrateUpTo();
    const rows = (await ds.query('SELECT id, rate_id AS rateId FROM invoice_line ORDER BY id')) as Array<{ id: unknown; rateId: unknown }>;
    const rateOf = new Map(rows.map((r) => [String(r.id), r.rateId === null ? null : String(r.rateId)]));
    expect([december, january, march, fixed].map((id) => rateOf.get(id))).toEqual([otherRate, winter, spring, null]);
  });
});
