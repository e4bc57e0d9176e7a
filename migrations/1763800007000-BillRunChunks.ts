import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * The chunks of accounts a bill run is cut into when it starts. Every hub
 * process claims PENDING chunks (SELECT ... FOR UPDATE SKIP LOCKED on MySQL)
 * and bills each in its own transaction, marking it DONE in that transaction,
 * so a chunk is billed once and a crashed worker's chunk is claimed again.
 */
export class BillRunChunks1763800007000 implements MigrationInterface {
  name = 'BillRunChunks1763800007000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'bill_run_chunk',
        columns: [
          c.id(),
          c.bigint('run_id'),
          c.int('position'),
          c.int('accounts'),
          // The account ids, comma-separated: at most a chunk's worth (a few KB).
          c.text('account_ids'),
          c.varchar('status', 16),
          // What billing the chunk did; the run's counters are their sums, so chunks never write the run's row.
          c.int('processed', { default: 0 }),
          c.int('issued', { default: 0 }),
          c.int('held', { default: 0 }),
          c.int('blocked', { default: 0 }),
          c.int('failed', { default: 0 }),
          c.varchar('billed_by', 64, { nullable: true }),
          c.timestamp('finished_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_bill_run_chunk_claim', columnNames: ['status', 'id'] }),
          new TableIndex({ name: 'ix_bill_run_chunk_run', columnNames: ['run_id', 'status'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_bill_run_chunk_run_id',
            columnNames: ['run_id'],
            referencedTableName: 'bill_run',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('bill_run_chunk');
  }
}
