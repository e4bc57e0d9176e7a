import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * Taxes: effective-dated tax rates per zone and code (`tax_rate`; percent in
 * micro-units, the line kinds it applies to as a JSON list), each account's
 * tax zone (every existing account is in DEFAULT) and exemption, and the tax
 * code of an invoice's TAX lines.
 */
export class Taxes1796502200000 implements MigrationInterface {
  name = 'Taxes1796502200000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'tax_rate',
        columns: [
          c.id(),
          c.identifier('zone', 32),
          c.identifier('code', 32),
          c.varchar('name', 128),
          // Percent in micro-units: 8.25 % is 8_250_000.
          c.bigint('percent'),
          c.varchar('applies_to', 255),
          c.date('effective_from'),
          c.date('effective_to', { nullable: true }),
          c.varchar('created_by', 128),
          c.timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_tax_rate_zone_code', columnNames: ['zone', 'code', 'effective_from'] })],
      }),
    );
    await q.addColumn('account', new TableColumn(c.identifier('tax_zone', 32, { default: 'DEFAULT' })));
    await q.addColumn('account', new TableColumn(c.bool('tax_exempt', { default: false })));
    await q.addColumn('account', new TableColumn(c.varchar('tax_exemption_ref', 128, { nullable: true })));
    await q.addColumn('invoice_line', new TableColumn(c.identifier('tax_code', 32, { nullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('invoice_line', 'tax_code');
    await q.dropColumn('account', 'tax_exemption_ref');
    await q.dropColumn('account', 'tax_exempt');
    await q.dropColumn('account', 'tax_zone');
    await q.dropTable('tax_rate');
  }
}
