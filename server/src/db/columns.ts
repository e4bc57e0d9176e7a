import type { TableColumnOptions } from 'typeorm';
import type { ValueTransformer } from 'typeorm';

/**
 * Column builders for migrations: the places where MySQL/MariaDB and SQLite
 * differ (an auto-increment key must be INTEGER on SQLite; millisecond
 * timestamps are DATETIME(3) on MySQL) are decided here and nowhere else.
 */
export type Dialect = 'mysql' | 'sqlite';

/**
 * The collation of every identifier column on MySQL/MariaDB: byte for byte,
 * like SQLite. A server's default collation (utf8mb4_unicode_ci, ..._general_ci)
 * ignores case and accents, so there `CHK-abc` and `chk-ÀBC` would be one
 * idempotency key, one account number, one username. utf8mb4_bin pads with
 * spaces, which is moot: every identifier is trimmed before it is stored or
 * looked up.
 */
export const IDENTIFIER_COLLATION = 'utf8mb4_bin';

export function columnsFor(dialect: Dialect) {
  const sqlite = dialect === 'sqlite';
  return {
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: sqlite ? 'integer' : 'bigint',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    /** A reference to another table's id, or any integer below 2^53 (cents, micro-units, counters). */
    bigint: (name: string, opts: { nullable?: boolean; default?: number } = {}): TableColumnOptions => ({
      name,
      type: sqlite ? 'integer' : 'bigint',
      isNullable: opts.nullable ?? false,
      default: opts.default,
    }),
    int: (name: string, opts: { nullable?: boolean; default?: number } = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: opts.nullable ?? false,
      default: opts.default,
    }),
    varchar: (name: string, length: number, opts: { nullable?: boolean; default?: string } = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: opts.nullable ?? false,
      default: opts.default === undefined ? undefined : `'${opts.default}'`,
    }),
    /**
     * A value that identifies something and is compared exactly: an idempotency key, an account, invoice or product
     * number, a code (promo, queue, path step, segment, register...), a username, a digest, a status, a remittance
     * reference. Every new column of that kind uses this builder, never varchar: see IDENTIFIER_COLLATION. Names,
     * descriptions and other free text keep the server's default collation (varchar), so sorting and searching them
     * ignores case.
     */
    identifier: (name: string, length: number, opts: { nullable?: boolean; default?: string } = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: opts.nullable ?? false,
      default: opts.default === undefined ? undefined : `'${opts.default}'`,
      ...(sqlite ? {} : { charset: 'utf8mb4', collation: IDENTIFIER_COLLATION }),
    }),
    /** Up to 16 MB of text (JSON payloads, audit snapshots, CSV). */
    text: (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
      name,
      type: sqlite ? 'text' : 'mediumtext',
      isNullable: opts.nullable ?? false,
    }),
    /** A calendar date, stored as its sortable "YYYY-MM-DD" text. */
    date: (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: '10',
      isNullable: opts.nullable ?? false,
    }),
    timestamp: (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision: sqlite ? undefined : 3,
      isNullable: opts.nullable ?? false,
    }),
    bool: (name: string, opts: { default?: boolean } = {}): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: false,
      default: opts.default === undefined ? undefined : opts.default ? 1 : 0,
    }),
  };
}

/** BIGINT comes back from mysql2 as a string (bigNumberStrings) and from better-sqlite3 as a number. */
export const integerTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/** Ids travel as strings everywhere, whatever the driver returns. */
export const idTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : String(value)),
};

/** JSON documents kept in a text column. */
export const jsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
};

export const booleanTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Boolean(Number(value))),
};
