import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

const RUN_TABLES: Array<{ table: string; action: string; subject: string }> = [
  { table: 'bill_run', action: 'runBilling', subject: 'BillRun' },
  { table: 'collections_run', action: 'runCollections', subject: 'CollectionsRun' },
];

/**
 * Who started each run (a user, an API key, or SCHEDULE), a running key that
 * lets only one run of a kind be RUNNING at a time (a unique key: NULL once it
 * ends), and the daily schedule of each kind of run. Runs already stored take
 * their starter from the audit log.
 */
export class Runs1796502400000 implements MigrationInterface {
  name = 'Runs1796502400000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    const e = (name: string) => q.connection.driver.escape(name);
    for (const { table, action, subject } of RUN_TABLES) {
      await q.addColumns(table, [
        new TableColumn(c.identifier('started_by', 128, { default: 'unknown' })),
        new TableColumn(c.identifier('running_key', 16, { nullable: true })),
      ]);
      await q.createIndex(table, new TableIndex({ name: `uq_${table}_running`, columnNames: ['running_key'], isUnique: true }));
      await q.query(
        `UPDATE ${e(table)} SET ${e('started_by')} = COALESCE((SELECT MIN(x.${e('actor')}) FROM ${e('audit_entry')} x
           WHERE x.${e('action')} = ? AND x.${e('subject_type')} = ? AND x.${e('subject_id')} = ${e(table)}.${e('id')}), 'unknown')`,
        [action, subject],
      );
    }
    await q.createTable(
      new Table({
        name: 'run_schedule',
        columns: [
          { ...c.identifier('kind', 16), isPrimary: true },
          c.bool('enabled', { default: false }),
          c.identifier('time_of_day', 5),
          c.date('first_date', { nullable: true }),
          c.date('last_run_date', { nullable: true }),
          c.identifier('updated_by', 128, { nullable: true }),
          c.timestamp('updated_at', { nullable: true }),
        ],
      }),
    );
    for (const kind of ['BILLING', 'COLLECTIONS']) {
      await q.query(`INSERT INTO ${e('run_schedule')} (${e('kind')}, ${e('enabled')}, ${e('time_of_day')}) VALUES (?, ?, ?)`, [
        kind,
        0,
        '06:00',
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('run_schedule');
    for (const { table } of [...RUN_TABLES].reverse()) {
      await q.dropIndex(table, `uq_${table}_running`);
      await q.dropColumn(table, 'running_key');
      await q.dropColumn(table, 'started_by');
    }
  }
}
