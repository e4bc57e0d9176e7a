import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/** Where operators find the work the hub files for them: the built-in queues, with their SLAs. */
const BUILT_IN_QUEUES: Array<[key: string, name: string, slaMinutes: number]> = [
  ['INVOICING', 'Blocked invoices', 24 * 60],
  ['INVOICE_REVIEW', 'Held invoices to review', 24 * 60],
  ['COLLECTIONS_CALLS', 'Collections calls', 8 * 60],
  ['MARKET_DROPS', 'Market drops', 48 * 60],
];

/** Work queues, their items and the notes operators keep on them. */
export class WorkQueues1763800003000 implements MigrationInterface {
  name = 'WorkQueues1763800003000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'work_queue',
        columns: [c.id(), c.varchar('queue_key', 32), c.varchar('name', 128), c.int('sla_minutes')],
        indices: [new TableIndex({ name: 'uq_work_queue_key', columnNames: ['queue_key'], isUnique: true })],
      }),
    );
    // account_id, invoice_id and exception_id point into tables of other modules; they carry no foreign key.
    await q.createTable(
      new Table({
        name: 'work_item',
        columns: [
          c.id(),
          c.bigint('queue_id'),
          c.varchar('kind', 64),
          c.varchar('title', 255),
          c.int('priority'),
          c.varchar('status', 16),
          c.bigint('account_id', { nullable: true }),
          c.varchar('account_number', 64, { nullable: true }),
          c.bigint('invoice_id', { nullable: true }),
          c.bigint('exception_id', { nullable: true }),
          c.bigint('assignee_user_id', { nullable: true }),
          c.timestamp('due_at'),
          c.timestamp('created_at'),
          c.timestamp('resolved_at', { nullable: true }),
          c.varchar('resolution', 2000, { nullable: true }),
          c.timestamp('sla_breached_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_work_item_queue', columnNames: ['queue_id', 'status', 'id'] }),
          new TableIndex({ name: 'ix_work_item_due', columnNames: ['status', 'due_at'] }),
          new TableIndex({ name: 'ix_work_item_account', columnNames: ['account_id'] }),
          new TableIndex({ name: 'ix_work_item_invoice', columnNames: ['invoice_id'] }),
          new TableIndex({ name: 'ix_work_item_exception', columnNames: ['exception_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_work_item_queue',
            columnNames: ['queue_id'],
            referencedTableName: 'work_queue',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_work_item_assignee',
            columnNames: ['assignee_user_id'],
            referencedTableName: 'hub_user',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'work_note',
        columns: [c.id(), c.bigint('work_item_id'), c.varchar('author', 128), c.varchar('text', 2000), c.timestamp('created_at')],
        indices: [new TableIndex({ name: 'ix_work_note_item', columnNames: ['work_item_id', 'id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_work_note_item',
            columnNames: ['work_item_id'],
            referencedTableName: 'work_item',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    const e = (name: string) => q.connection.driver.escape(name);
    for (const [key, name, slaMinutes] of BUILT_IN_QUEUES) {
      await q.query(`INSERT INTO ${e('work_queue')} (${e('queue_key')}, ${e('name')}, ${e('sla_minutes')}) VALUES (?, ?, ?)`, [
        key,
        name,
        slaMinutes,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['work_note', 'work_item', 'work_queue']) await q.dropTable(table);
  }
}
