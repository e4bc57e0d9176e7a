import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IDENTIFIER_COLLATION, type Dialect } from '../server/src/db/columns';
import { dialectOf } from './helpers';

/**
 * The identifier columns of the tables created before the `identifier` column
 * builder existed (columns.ts), by table. Tables created after it use the
 * builder and get the collation when they are created.
 */
export const IDENTIFIER_COLUMNS: Record<string, string[]> = {
  setting: ['key'],
  hub_user: ['username', 'role'],
  api_key: ['secret_digest', 'role'],
  audit_entry: ['actor', 'action', 'subject_type', 'subject_id'],
  outbox: ['type', 'subject_id', 'account_number'],
  event: ['type', 'account_number', 'subject_id'],
  product: ['code', 'status'],
  promo_code: ['code'],
  incentive: ['kind'],
  account: ['number', 'segment', 'status'],
  enrollment: ['promo_code'],
  work_queue: ['queue_key'],
  work_item: ['kind', 'status', 'account_number'],
  bill_run: ['status'],
  invoice: ['kind', 'billing_key', 'status'],
  invoice_line: ['kind'],
  billing_exception: ['code', 'severity', 'status', 'dedupe_key'],
  billing_rules: ['segment'],
  payment: ['channel', 'reference', 'status', 'idempotency_key', 'request_digest'],
  payment_plan: ['status'],
  installment: ['status'],
  collections_path: ['default_key'],
  collections_step: ['step_key', 'action', 'queue_key'],
  collections_run: ['status'],
  collections_action: ['step_key', 'action'],
  bill_run_chunk: ['status', 'billed_by'],
};

interface ColumnInfo {
  name: string;
  type: string;
  nullable: string;
  defaultValue: string | null;
}

/** A string default as SQL: MariaDB reports it quoted already, MySQL bare; both report a NULL default as NULL ('NULL' on MariaDB). */
function defaultClause(value: string | null): string {
  if (value === null || value === 'NULL') return '';
  return ` DEFAULT ${value.startsWith("'") ? value : `'${value.replace(/'/g, "''")}'`}`;
}

/** The column as it stands (type with its length, nullability, default), with or without an explicit collation. */
function definition(column: ColumnInfo, collation: string | null): string {
  const charset = collation ? ` CHARACTER SET utf8mb4 COLLATE ${collation}` : '';
  return `\`${column.name}\` ${column.type}${charset} ${column.nullable === 'YES' ? 'NULL' : 'NOT NULL'}${defaultClause(column.defaultValue)}`;
}

/**
 * Identifiers compare byte for byte on MySQL/MariaDB too. With the server's
 * default collation, idempotency keys `CHK-abc` and `chk-ABC` were one key, so
 * the second cheque answered with the first payment and was lost; account
 * numbers, product and promo codes, usernames and API key digests had the same
 * flaw. SQLite compares text byte for byte already: nothing to do there.
 *
 * One ALTER per table, so each table is rebuilt once. The columns keep their
 * type, length, nullability and default as they stand. `down` gives them back
 * the table's default collation; it fails if by then two values differ only in
 * case or accents in a unique column, which is the point of `up`.
 */
export class BinaryIdentifiers1796500003000 implements MigrationInterface {
  name = 'BinaryIdentifiers1796500003000';
  /** The databases whose schema this changes (none on SQLite; the migrations test holds it to that). */
  static readonly changesSchemaOn: readonly Dialect[] = ['mysql'];

  async up(q: QueryRunner): Promise<void> {
    await this.collate(q, IDENTIFIER_COLLATION);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.collate(q, null);
  }

  private async collate(q: QueryRunner, collation: string | null): Promise<void> {
    if (dialectOf(q) !== 'mysql') return;
    for (const [tableName, names] of Object.entries(IDENTIFIER_COLUMNS)) {
      const columns: ColumnInfo[] = await q.query(
        `SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_default AS defaultValue
           FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?`,
        [tableName],
      );
      const modifications = names.map((name) => {
        const column = columns.find((c) => c.name === name);
        if (!column) throw new Error(`BinaryIdentifiers: column ${tableName}.${name} is missing`);
        return `MODIFY ${definition(column, collation)}`;
      });
      await q.query(`ALTER TABLE \`${tableName}\` ${modifications.join(', ')}`);
    }
  }
}
