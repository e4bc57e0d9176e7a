import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * The chunks of accounts a collections run is cut into when it starts, as
 * bill runs have (one runtime works both, runs/chunked-runs.ts): every hub
 * process claims PENDING chunks and evaluates each in its own transaction,
 * closing it in that transaction, so a run left RUNNING by a process that died
 * is finished by another from its PENDING chunks. The run's counters stay on
 * its row; a chunk records only who worked it and when.
 */
export class CollectionsRunChunks1796600000000 implements MigrationInterface {
  name = 'CollectionsRunChunks1796600000000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'collections_run_chunk',
        columns: [
          c.id(),
          c.bigint('run_id'),
          c.int('position'),
          c.int('accounts'),
          // The account ids, comma-separated: at most a chunk's worth (a few KB).
          c.text('account_ids'),
          c.identifier('status', 16),
          c.identifier('worked_by', 64, { nullable: true }),
          c.timestamp('finished_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'ix_collections_run_chunk_claim', columnNames: ['status', 'id'] }),
          new TableIndex({ name: 'ix_collections_run_chunk_run', columnNames: ['run_id', 'status'] }),
        ],
        foreignKeys: [foreignKey('collections_run_chunk', 'run_id', 'collections_run')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('collections_run_chunk');
  }
}
