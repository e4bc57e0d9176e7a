import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * Cash application: the lines of a bank or lockbox file that matched no
 * account, held until an operator applies them (one row per line reference),
 * the built-in UNAPPLIED_CASH queue they are filed in, and the returned-payment
 * fee of the billing rules.
 */
export class Remittances1796503200000 implements MigrationInterface {
  name = 'Remittances1796503200000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'suspense_payment',
        columns: [
          c.id(),
          c.identifier('reference', 128),
          c.bigint('amount'),
          c.timestamp('received_at'),
          c.identifier('channel', 16),
          c.varchar('detail', 255),
          c.identifier('status', 16),
          c.bigint('payment_id', { nullable: true }),
          c.bigint('work_item_id', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_suspense_payment_reference', columnNames: ['reference'], isUnique: true }),
          new TableIndex({ name: 'ix_suspense_payment_status', columnNames: ['status'] }),
        ],
      }),
    );
    await q.addColumn('billing_rules', new TableColumn(c.bigint('returned_payment_fee', { nullable: true })));
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`INSERT INTO ${e('work_queue')} (${e('queue_key')}, ${e('name')}, ${e('sla_minutes')}) VALUES (?, ?, ?)`, [
      'UNAPPLIED_CASH',
      'Unapplied cash',
      24 * 60,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    const queue = `(SELECT ${e('id')} FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'UNAPPLIED_CASH')`;
    await q.query(
      `DELETE FROM ${e('work_note')} WHERE ${e('work_item_id')} IN (SELECT ${e('id')} FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue})`,
    );
    await q.query(`DELETE FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue}`);
    await q.query(`DELETE FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'UNAPPLIED_CASH'`);
    await q.dropColumn('billing_rules', 'returned_payment_fee');
    await q.dropTable('suspense_payment');
  }
}
