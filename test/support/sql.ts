import type { TestHub } from './hub';

export type Row = Record<string, unknown>;

/**
 * Reads the test hub's own database directly, the way an auditor with a SQL
 * prompt would. On the embedded database the statement waits for the single
 * connection, so it never runs inside a transaction another request has open.
 */
export function sql(t: TestHub, text: string, params: unknown[] = []): Promise<Row[]> {
  const db = t.hub.db;
  return db.exclusive(() => db.ds.query(text, params) as Promise<Row[]>);
}

/** An integer column or aggregate as a bigint: mysql2 returns BIGINT and SUM as strings, better-sqlite3 as numbers. */
export function int(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`expected an integer from the database, got ${value}`);
    return BigInt(value);
  }
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new Error(`expected an integer from the database, got "${text}"`);
  return BigInt(text);
}

/** "1234.50" (the API's Money) as cents. */
export function cents(money: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(money);
  if (!m) throw new Error(`"${money}" is not Money`);
  const value = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -value : value;
}

/** Cents as the API writes Money. */
export function money(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
