import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * Disputes of issued invoices (at most one OPEN per invoice: open_invoice_id
 * is the invoice while OPEN, null after, and unique) and the built-in DISPUTES
 * queue their work items wait in.
 */
export class Disputes1796503100000 implements MigrationInterface {
  name = 'Disputes1796503100000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'invoice_dispute',
        columns: [
          c.id(),
          c.bigint('invoice_id'),
          c.bigint('account_id'),
          c.varchar('reason', 500),
          c.identifier('status', 16),
          c.bigint('open_invoice_id', { nullable: true }),
          c.varchar('opened_by', 128),
          c.timestamp('opened_at'),
          c.varchar('resolution', 1000, { nullable: true }),
          c.varchar('resolved_by', 128, { nullable: true }),
          c.timestamp('resolved_at', { nullable: true }),
          c.bigint('credit_note_id', { nullable: true }),
          c.bigint('work_item_id', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_invoice_dispute_open', columnNames: ['open_invoice_id'], isUnique: true }),
          new TableIndex({ name: 'ix_invoice_dispute_invoice', columnNames: ['invoice_id'] }),
          new TableIndex({ name: 'ix_invoice_dispute_status', columnNames: ['status'] }),
        ],
        foreignKeys: [foreignKey('invoice_dispute', 'invoice_id', 'invoice'), foreignKey('invoice_dispute', 'account_id', 'account')],
      }),
    );
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`INSERT INTO ${e('work_queue')} (${e('queue_key')}, ${e('name')}, ${e('sla_minutes')}) VALUES (?, ?, ?)`, [
      'DISPUTES',
      'Disputed invoices',
      5 * 24 * 60,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    const queue = `(SELECT ${e('id')} FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'DISPUTES')`;
    await q.query(
      `DELETE FROM ${e('work_note')} WHERE ${e('work_item_id')} IN (SELECT ${e('id')} FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue})`,
    );
    await q.query(`DELETE FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue}`);
    await q.query(`DELETE FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'DISPUTES'`);
    await q.dropTable('invoice_dispute');
  }
}
