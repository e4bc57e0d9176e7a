import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * Webhook endpoints (each with its delivery state: the cursor, the failures in
 * a row, the next attempt, and the lease a process holds while it delivers),
 * the log of every delivery attempt, the retention floor of the event table,
 * and the built-in INTEGRATIONS queue where a disabled endpoint is filed.
 */
export class Webhooks1796501000000 implements MigrationInterface {
  name = 'Webhooks1796501000000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'webhook_endpoint',
        columns: [
          c.id(),
          c.bigint('api_key_id'),
          c.varchar('url', 2048),
          c.varchar('description', 1000, { nullable: true }),
          // A JSON list of event types; empty: every type the key's role may see.
          c.text('event_types'),
          c.varchar('status', 16),
          c.varchar('disabled_reason', 1000, { nullable: true }),
          c.timestamp('disabled_at', { nullable: true }),
          // Kept to sign messages; never shown again after it is created.
          c.varchar('secret', 128),
          c.varchar('previous_secret', 128, { nullable: true }),
          c.timestamp('previous_secret_until', { nullable: true }),
          // The last event id delivered (or skipped as not for this endpoint).
          c.bigint('cursor_id', { default: 0 }),
          c.int('failures', { default: 0 }),
          c.timestamp('failing_since', { nullable: true }),
          c.timestamp('next_attempt_at'),
          c.varchar('lease_owner', 64, { nullable: true }),
          c.timestamp('lease_until', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_webhook_endpoint_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_webhook_endpoint_key', columnNames: ['api_key_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_webhook_endpoint_api_key_id',
            columnNames: ['api_key_id'],
            referencedTableName: 'api_key',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_delivery',
        columns: [
          c.id(),
          c.bigint('endpoint_id'),
          c.bigint('event_id'),
          c.int('attempt'),
          c.bool('succeeded'),
          c.int('status_code', { nullable: true }),
          c.varchar('error', 500, { nullable: true }),
          c.int('duration_ms'),
          c.timestamp('at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_webhook_delivery_endpoint', columnNames: ['endpoint_id', 'id'] }),
          new TableIndex({ name: 'ix_webhook_delivery_at', columnNames: ['at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_webhook_delivery_endpoint_id',
            columnNames: ['endpoint_id'],
            referencedTableName: 'webhook_endpoint',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    // One row: every event with an id up to floor_id has been deleted by the retention sweep.
    await q.createTable(
      new Table({
        name: 'event_retention',
        columns: [{ ...c.int('id'), isPrimary: true }, c.bigint('floor_id', { default: 0 })],
      }),
    );
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`INSERT INTO ${e('event_retention')} (${e('id')}, ${e('floor_id')}) VALUES (1, 0)`);
    await q.query(`INSERT INTO ${e('work_queue')} (${e('queue_key')}, ${e('name')}, ${e('sla_minutes')}) VALUES (?, ?, ?)`, [
      'INTEGRATIONS',
      'Integrations (webhook endpoints)',
      24 * 60,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    const queue = `(SELECT ${e('id')} FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'INTEGRATIONS')`;
    // The queue's items and their notes go with it; a work item has no other owner.
    await q.query(
      `DELETE FROM ${e('work_note')} WHERE ${e('work_item_id')} IN (SELECT ${e('id')} FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue})`,
    );
    await q.query(`DELETE FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue}`);
    await q.query(`DELETE FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'INTEGRATIONS'`);
    for (const table of ['event_retention', 'webhook_delivery', 'webhook_endpoint']) await q.dropTable(table);
  }
}
