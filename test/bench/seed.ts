import type { DataSource } from 'typeorm';
import { loadConfig } from '../../server/src/config/env';
import { createDataSource } from '../../server/src/db/data-source';
import type { ScratchDatabase } from './lib';
import { entities } from '../../server/src/app/entities';

/** Rows per INSERT statement: well under SQLite's 32,766 bound variables and MariaDB's packet size. */
const ROWS = 1000;
const STAMP = '2026-01-01 00:00:00.000';

/** A data source over the scratch database with every migration applied. */
export async function migratedDataSource(db: ScratchDatabase): Promise<DataSource> {
  const config = loadConfig({ DATABASE_URL: db.url, HUB_DATA_DIR: db.dataDir });
  const ds = createDataSource(config.database, { poolSize: 4, entities });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** Chunked multi-row INSERT of plain values, the same SQL on both databases. */
export async function insertRows(ds: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS) {
    const slice = rows.slice(i, i + ROWS);
    const tuple = `(${columns.map(() => '?').join(',')})`;
    await ds.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${slice.map(() => tuple).join(',')}`, slice.flat());
  }
}

async function maxId(ds: DataSource, table: string): Promise<number> {
  const rows = (await ds.query(`SELECT MAX(id) AS m FROM ${table}`)) as Array<{ m: string | number | null }>;
  return Number(rows[0]?.m ?? 0);
}

export interface CatalogSeed {
  productIds: number[];
}

/**
 * Published products on sale since 2025-01-01, each with a fixed charge and
 * one open-ended rate; with `rich`, also a second rate, a promo code and an
 * incentive (what a partner's catalog query returns).
 */
export async function seedCatalog(ds: DataSource, count: number, rich = false): Promise<CatalogSeed> {
  const first = (await maxId(ds, 'product')) + 1;
  const products: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    products.push([`BENCH-${first + i}`, `Bench plan ${first + i}`, 'kWh', 'ACTIVE', '2025-01-01', null, 12, 995 + i, 1, STAMP, STAMP]);
  }
  await insertRows(
    ds,
    'product',
    ['code', 'name', 'unit', 'status', 'sales_start', 'sales_end', 'term_months', 'fixed_charge', 'version', 'created_at', 'updated_at'],
    products,
  );
  const ids = ((await ds.query(`SELECT id FROM product WHERE id >= ? ORDER BY id`, [first])) as Array<{ id: string | number }>).map((r) =>
    Number(r.id),
  );
  const rates: unknown[][] = [];
  for (const [i, id] of ids.entries()) {
    if (rich) {
      rates.push([id, '2024-01-01', '2025-01-01', 120_000 + i * 100]);
    }
    rates.push([id, '2025-01-01', null, 132_500 + i * 100]);
  }
  await insertRows(ds, 'rate', ['product_id', 'effective_from', 'effective_to', 'unit_price'], rates);
  if (rich) {
    await insertRows(
      ds,
      'promo_code',
      ['product_id', 'code', 'description', 'percent_off', 'amount_off', 'valid_from', 'valid_to', 'max_redemptions', 'redemptions'],
      ids.map((id) => [id, `WELCOME${id}`, '10% off the first year', 10_000_000, null, '2025-01-01', '2027-01-01', 1000, 0]),
    );
    await insertRows(
      ds,
      'incentive',
      ['product_id', 'kind', 'description', 'value'],
      ids.map((id) => [id, 'BILL_CREDIT', '25.00 credit on the first bill', 2500]),
    );
  }
  return { productIds: ids };
}

/**
 * Two tax codes in the DEFAULT zone, where the seeded accounts are: a state
 * sales tax on the whole bill and a utility tax on usage, as a retailer's
 * customers in one town pay. Each invoice of a run then carries two TAX lines.
 */
export async function seedTaxRates(ds: DataSource): Promise<void> {
  await insertRows(
    ds,
    'tax_rate',
    ['zone', 'code', 'name', 'percent', 'applies_to', 'effective_from', 'effective_to', 'created_by', 'created_at'],
    [
      ['DEFAULT', 'STATE', 'State sales tax', 6_250_000, '["USAGE","FIXED","CREDIT"]', '2025-01-01', null, 'bench', STAMP],
      ['DEFAULT', 'CITY_UTILITY', 'City utility tax', 4_000_000, '["USAGE"]', '2025-01-01', null, 'bench', STAMP],
    ],
  );
}

/** A three-tier rate: up to 300 kWh per 30 days, up to 600, then the rest (micro-units of kWh and of money per kWh). */
const BENCH_TIERS = [
  { upTo: 300_000_000, unitPrice: 118_000 },
  { upTo: 600_000_000, unitPrice: 134_500 },
  { upTo: null, unitPrice: 151_250 },
];
/** The registers the time-of-use accounts read besides TOTAL, one each, in turn. */
export const BENCH_REGISTERS = ['ON_PEAK', 'OFF_PEAK'] as const;

/**
 * Published products whose one rate prices TOTAL reads by three block tiers
 * and ON_PEAK and OFF_PEAK reads by register prices: what the accounts with
 * rate structures are enrolled in.
 */
export async function seedStructuredCatalog(ds: DataSource, count: number): Promise<CatalogSeed> {
  const { productIds } = await seedCatalog(ds, count);
  await ds.query(
    `UPDATE rate SET unit_price = ?, tiers = ?, register_prices = ? WHERE product_id IN (${productIds.map(() => '?').join(',')})`,
    [
      BENCH_TIERS[0].unitPrice,
      JSON.stringify(BENCH_TIERS),
      JSON.stringify([
        { register: 'ON_PEAK', unitPrice: 171_500 },
        { register: 'OFF_PEAK', unitPrice: 86_250 },
      ]),
      ...productIds,
    ],
  );
  return { productIds };
}

export interface AccountSeed {
  firstAccountId: number;
  count: number;
  numbers: string[];
}

/**
 * ACTIVE accounts, each enrolled since 2025-01-01 in one of the products
 * (round robin) with `reads` consecutive monthly reads from periodStart: what a
 * month-end bill run over a book of customers sees.
 */
export async function seedAccounts(
  ds: DataSource,
  opts: {
    count: number;
    productIds: number[];
    /**
     * Products with tiers and register prices (`seedStructuredCatalog`): every
     * other account is enrolled in one of them instead, and each of its reads
     * has a second read over the same period on a register (ON_PEAK and
     * OFF_PEAK in turn).
     */
    structuredProductIds?: number[];
    reads?: number;
    periodStart?: string;
    prefix?: string;
    segment?: string;
  },
): Promise<AccountSeed> {
  const reads = opts.reads ?? 1;
  const prefix = opts.prefix ?? 'B';
  const first = (await maxId(ds, 'account')) + 1;
  const numbers: string[] = [];
  for (let start = 0; start < opts.count; start += 10_000) {
    const n = Math.min(10_000, opts.count - start);
    const accounts: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const number = `${prefix}${String(first + start + i).padStart(8, '0')}`;
      numbers.push(number);
      accounts.push([
        number,
        `Customer ${number}`,
        `${number.toLowerCase()}@example.com`,
        opts.segment ?? 'RESIDENTIAL',
        'ACTIVE',
        STAMP,
        STAMP,
      ]);
    }
    await insertRows(ds, 'account', ['number', 'name', 'email', 'segment', 'status', 'created_at', 'updated_at'], accounts);
  }
  // Ids are those of the rows just inserted, in order: nothing else writes to the scratch database meanwhile.
  const firstId = ((await ds.query('SELECT MIN(id) AS m FROM account WHERE number = ?', [numbers[0]])) as Array<{ m: string | number }>)[0]
    .m;
  const base = Number(firstId);
  for (let start = 0; start < opts.count; start += 10_000) {
    const n = Math.min(10_000, opts.count - start);
    const enrollments: unknown[][] = [];
    const usage: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const accountId = base + start + i;
      const mixed = (opts.structuredProductIds?.length ?? 0) > 0;
      const structured = mixed && (start + i) % 2 === 1 ? (opts.structuredProductIds as number[]) : null;
      const products = structured ?? opts.productIds;
      const slot = mixed ? Math.floor((start + i) / 2) : start + i;
      enrollments.push([accountId, products[slot % products.length], '2025-01-01', null, STAMP]);
      let periodStart = opts.periodStart ?? '2026-01-01';
      for (let r = 0; r < reads; r++) {
        const periodEnd = nextMonth(periodStart);
        // 200 to 899 kWh, in micro-units.
        const quantity = (200 + ((accountId * 7919 + r * 104729) % 700)) * 1_000_000;
        usage.push([accountId, 'TOTAL', periodStart, periodEnd, quantity, 0, null, STAMP]);
        if (structured) {
          const register = BENCH_REGISTERS[slot % BENCH_REGISTERS.length];
          usage.push([accountId, register, periodStart, periodEnd, Math.floor(quantity / 3), 0, null, STAMP]);
        }
        periodStart = periodEnd;
      }
    }
    await insertRows(ds, 'enrollment', ['account_id', 'product_id', 'start_date', 'end_date', 'created_at'], enrollments);
    await insertRows(
      ds,
      'usage_read',
      ['account_id', 'register', 'period_start', 'period_end', 'quantity', 'estimated', 'invoice_id', 'created_at'],
      usage,
    );
  }
  return { firstAccountId: base, count: opts.count, numbers };
}

export function nextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export async function count(ds: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const rows = (await ds.query(sql, params)) as Array<Record<string, string | number>>;
  return Number(Object.values(rows[0] ?? { n: 0 })[0]);
}
