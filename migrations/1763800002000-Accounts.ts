import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/** Customer accounts, their enrollments in products, and meter reads. */
export class Accounts1763800002000 implements MigrationInterface {
  name = 'Accounts1763800002000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'account',
        columns: [
          c.id(),
          c.varchar('number', 32),
          c.varchar('name', 128),
          c.varchar('email', 254, { nullable: true }),
          c.varchar('phone', 32, { nullable: true }),
          c.varchar('segment', 32),
          c.varchar('status', 16),
          c.bigint('collections_path_id', { nullable: true }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_account_number', columnNames: ['number'], isUnique: true }),
          new TableIndex({ name: 'ix_account_segment', columnNames: ['segment'] }),
          new TableIndex({ name: 'ix_account_status', columnNames: ['status'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'enrollment',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('product_id'),
          c.bigint('promo_code_id', { nullable: true }),
          c.varchar('promo_code', 32, { nullable: true }),
          c.date('start_date'),
          c.date('end_date', { nullable: true }),
          c.bigint('first_invoice_id', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_enrollment_account', columnNames: ['account_id', 'start_date'] })],
        foreignKeys: [
          foreignKey('enrollment', 'account_id', 'account'),
          foreignKey('enrollment', 'product_id', 'product'),
          foreignKey('enrollment', 'promo_code_id', 'promo_code'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'usage_read',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.date('period_start'),
          c.date('period_end'),
          c.bigint('quantity'),
          c.bool('estimated', { default: false }),
          c.bigint('invoice_id', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          // Backs the duplicate rule: one read per account and period.
          new TableIndex({ name: 'uq_usage_account_period', columnNames: ['account_id', 'period_start', 'period_end'], isUnique: true }),
          new TableIndex({ name: 'ix_usage_unbilled', columnNames: ['invoice_id', 'period_end'] }),
        ],
        foreignKeys: [foreignKey('usage_read', 'account_id', 'account')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['usage_read', 'enrollment', 'account']) await q.dropTable(table);
  }
}
