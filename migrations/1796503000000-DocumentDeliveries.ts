import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * Document deliveries: one row per sending of a document, queued with the
 * document; by email sent by a worker after commit, by post put in the day's
 * print batch, and the built-in
 * DOCUMENT_DELIVERY queue where a delivery that failed for good is filed.
 */
export class DocumentDeliveries1796503000000 implements MigrationInterface {
  name = 'DocumentDeliveries1796503000000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'document_delivery',
        columns: [
          c.id(),
          c.bigint('document_id'),
          c.identifier('method', 8),
          c.varchar('recipient', 254, { nullable: true }),
          // PRINT: the day (YYYY-MM-DD, in HUB_TIMEZONE) of the print batch it went into.
          c.identifier('print_date', 10, { nullable: true }),
          c.identifier('status', 8),
          c.int('attempts', { default: 0 }),
          c.varchar('last_error', 500, { nullable: true }),
          c.timestamp('sent_at', { nullable: true }),
          c.varchar('lease_owner', 64, { nullable: true }),
          c.timestamp('lease_until', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_document_delivery_document', columnNames: ['document_id', 'id'] }),
          new TableIndex({ name: 'ix_document_delivery_status', columnNames: ['status', 'lease_until'] }),
          new TableIndex({ name: 'ix_document_delivery_print', columnNames: ['print_date', 'id'] }),
        ],
        foreignKeys: [foreignKey('document_delivery', 'document_id', 'document')],
      }),
    );
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`INSERT INTO ${e('work_queue')} (${e('queue_key')}, ${e('name')}, ${e('sla_minutes')}) VALUES (?, ?, ?)`, [
      'DOCUMENT_DELIVERY',
      'Document delivery',
      24 * 60,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    const queue = `(SELECT ${e('id')} FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'DOCUMENT_DELIVERY')`;
    await q.query(
      `DELETE FROM ${e('work_note')} WHERE ${e('work_item_id')} IN (SELECT ${e('id')} FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue})`,
    );
    await q.query(`DELETE FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue}`);
    await q.query(`DELETE FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'DOCUMENT_DELIVERY'`);
    await q.dropTable('document_delivery');
  }
}
