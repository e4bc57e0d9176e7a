import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/** Products with their rates, promo codes and incentives. */
export class Catalog1763800001000 implements MigrationInterface {
  name = 'Catalog1763800001000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'product',
        columns: [
          c.id(),
          c.varchar('code', 32),
          c.varchar('name', 128),
          c.varchar('description', 1000, { nullable: true }),
          c.varchar('unit', 16),
          c.varchar('status', 16),
          c.date('sales_start', { nullable: true }),
          c.date('sales_end', { nullable: true }),
          c.int('term_months', { nullable: true }),
          c.bigint('fixed_charge'),
          c.int('version'),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_product_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_product_sales', columnNames: ['status', 'sales_start'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rate',
        columns: [
          c.id(),
          c.bigint('product_id'),
          c.date('effective_from'),
          c.date('effective_to', { nullable: true }),
          c.bigint('unit_price'),
        ],
        indices: [new TableIndex({ name: 'ix_rate_product', columnNames: ['product_id', 'effective_from'] })],
        foreignKeys: [foreignKey('rate', 'product_id', 'product')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'promo_code',
        columns: [
          c.id(),
          c.bigint('product_id'),
          c.varchar('code', 32),
          c.varchar('description', 255, { nullable: true }),
          c.bigint('percent_off', { nullable: true }),
          c.bigint('amount_off', { nullable: true }),
          c.date('valid_from', { nullable: true }),
          c.date('valid_to', { nullable: true }),
          c.bigint('max_redemptions', { nullable: true }),
          c.bigint('redemptions', { default: 0 }),
        ],
        indices: [new TableIndex({ name: 'uq_promo_product_code', columnNames: ['product_id', 'code'], isUnique: true })],
        foreignKeys: [foreignKey('promo_code', 'product_id', 'product')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'incentive',
        columns: [c.id(), c.bigint('product_id'), c.varchar('kind', 16), c.varchar('description', 255), c.bigint('value')],
        indices: [new TableIndex({ name: 'ix_incentive_product', columnNames: ['product_id'] })],
        foreignKeys: [foreignKey('incentive', 'product_id', 'product')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['incentive', 'promo_code', 'rate', 'product']) await q.dropTable(table);
  }
}
