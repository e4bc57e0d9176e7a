import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * Reads get a register (existing reads: TOTAL), and can be replaced by a
 * later read of the same account, register and period or cancelled.
 * `live` is 1 while a read counts and NULL once it is replaced or cancelled:
 * the unique index then holds one counting read per account, register and
 * period while any number of superseded ones stay beside it as history.
 * A replacement that corrects a read billed on an issued invoice names that
 * invoice (`corrects_invoice_id`) and says how (`correction`), for the lines
 * of the invoice that bills it.
 *
 * Invoice lines learn which read they price (`usage_read_id`), its register
 * and quality, and the enrollment whose usage they are or whose usage a
 * percent-off promo credit discounts (`enrollment_id`), so the charges of one
 * read can be credited exactly. Lines billed before this migration get their
 * read (the read of the same invoice whose period holds the line's), its
 * quality and register TOTAL.
 */
export class UsageReadCorrections1796502100000 implements MigrationInterface {
  name = 'UsageReadCorrections1796502100000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    const e = (name: string) => q.connection.driver.escape(name);
    await q.addColumns('usage_read', [
      new TableColumn(c.identifier('register', 16, { default: 'TOTAL' })),
      new TableColumn(c.int('live', { nullable: true, default: 1 })),
      new TableColumn(c.bigint('replaced_by_id', { nullable: true })),
      new TableColumn(c.bigint('corrects_invoice_id', { nullable: true })),
      new TableColumn(c.varchar('correction', 255, { nullable: true })),
      new TableColumn(c.timestamp('cancelled_at', { nullable: true })),
      new TableColumn(c.varchar('cancel_reason', 2000, { nullable: true })),
      new TableColumn(c.varchar('cancelled_by', 128, { nullable: true })),
    ]);
    await q.query(`UPDATE ${e('usage_read')} SET ${e('register')} = ?, ${e('live')} = 1`, ['TOTAL']);
    await q.createIndices('usage_read', [
      // Backs the duplicate rule: one counting read per account, register and period.
      new TableIndex({
        name: 'uq_usage_live_period',
        columnNames: ['account_id', 'period_start', 'period_end', 'register', 'live'],
        isUnique: true,
      }),
      new TableIndex({ name: 'ix_usage_replaced_by', columnNames: ['replaced_by_id'] }),
    ]);
    // After the new index exists: on MySQL the account foreign key needs an index that starts with account_id.
    await q.dropIndex('usage_read', 'uq_usage_account_period');

    await q.addColumns('invoice_line', [
      new TableColumn(c.bigint('usage_read_id', { nullable: true })),
      new TableColumn(c.identifier('register', 16, { nullable: true })),
      new TableColumn(c.bool('estimated', { default: false })),
      new TableColumn(c.bigint('enrollment_id', { nullable: true })),
    ]);
    await q.createIndex('invoice_line', new TableIndex({ name: 'ix_invoice_line_read', columnNames: ['usage_read_id'] }));
    await q.query(
      `UPDATE ${e('invoice_line')} SET ${e('usage_read_id')} = (
         SELECT MIN(r.${e('id')}) FROM ${e('usage_read')} r
          WHERE r.${e('invoice_id')} = ${e('invoice_line')}.${e('invoice_id')}
            AND r.${e('period_start')} <= ${e('invoice_line')}.${e('period_start')}
            AND ${e('invoice_line')}.${e('period_end')} <= r.${e('period_end')}),
         ${e('register')} = ?
       WHERE ${e('kind')} = ?`,
      ['TOTAL', 'USAGE'],
    );
    await q.query(
      `UPDATE ${e('invoice_line')} SET ${e('estimated')} = 1
        WHERE ${e('usage_read_id')} IN (SELECT r.${e('id')} FROM ${e('usage_read')} r WHERE r.${e('estimated')} = 1)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('invoice_line', 'ix_invoice_line_read');
    for (const column of ['enrollment_id', 'estimated', 'register', 'usage_read_id']) await q.dropColumn('invoice_line', column);
    // Superseded reads and other registers go: the old schema holds one read per account and period.
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`DELETE FROM ${e('usage_read')} WHERE ${e('live')} IS NULL OR ${e('register')} <> ?`, ['TOTAL']);
    await q.createIndex(
      'usage_read',
      new TableIndex({ name: 'uq_usage_account_period', columnNames: ['account_id', 'period_start', 'period_end'], isUnique: true }),
    );
    await q.dropIndex('usage_read', 'ix_usage_replaced_by');
    await q.dropIndex('usage_read', 'uq_usage_live_period');
    for (const column of [
      'cancelled_by',
      'cancel_reason',
      'cancelled_at',
      'correction',
      'corrects_invoice_id',
      'replaced_by_id',
      'live',
      'register',
    ])
      await q.dropColumn('usage_read', column);
  }
}
