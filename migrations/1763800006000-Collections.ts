import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * The path every delinquent account follows out of the box, until the retailer
 * defines its own: a reminder, a letter, then a fee and a call once the debt is
 * a month old and worth chasing, and a market drop at two months.
 */
const DEFAULT_STEPS: Array<{
  name: string;
  daysPastDue: number;
  minPastDue: number;
  action: string;
  template?: string;
  queueKey?: string;
  feeAmount?: number;
}> = [
  {
    name: 'Payment reminder',
    daysPastDue: 5,
    minPastDue: 0,
    action: 'REMINDER',
    template:
      'Hello {{name}}, a friendly reminder: {{pastDue}} on account {{accountNumber}} is {{daysPastDue}} days past due. If you have already paid, thank you.',
  },
  {
    name: 'Past-due letter',
    daysPastDue: 15,
    minPastDue: 0,
    action: 'LETTER',
    template:
      'Dear {{name}},\n\nOur records show that {{pastDue}} on account {{accountNumber}} is {{daysPastDue}} days past due. Please pay the full amount within 10 days, or call us to arrange a payment plan.\n\nCustomer Service',
  },
  { name: 'Late fee', daysPastDue: 30, minPastDue: 2000, action: 'LATE_FEE', feeAmount: 500 },
  { name: 'Collections call', daysPastDue: 30, minPastDue: 2000, action: 'CALL_REQUEST', queueKey: 'COLLECTIONS_CALLS' },
  { name: 'Market drop', daysPastDue: 60, minPastDue: 5000, action: 'MARKET_DROP' },
];

/** Collections paths and their steps, delinquency episodes, runs and the actions they took (with the default path). */
export class Collections1763800006000 implements MigrationInterface {
  name = 'Collections1763800006000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    const ref = (table: string, column: string, target: string) =>
      new TableForeignKey({
        name: `fk_${table}_${column}`,
        columnNames: [column],
        referencedTableName: target,
        referencedColumnNames: ['id'],
      });
    await q.createTable(
      new Table({
        name: 'collections_path',
        columns: [
          c.id(),
          c.varchar('name', 128),
          c.text('segments'),
          c.varchar('default_key', 16, { nullable: true }),
          c.bool('active', { default: true }),
          c.int('version', { default: 1 }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_collections_path_default', columnNames: ['default_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'collections_step',
        columns: [
          c.id(),
          c.bigint('path_id'),
          c.varchar('step_key', 40),
          c.timestamp('retired_at', { nullable: true }),
          c.int('position'),
          c.varchar('name', 128),
          c.int('days_past_due'),
          c.bigint('min_past_due'),
          c.varchar('action', 24),
          c.varchar('template', 4000, { nullable: true }),
          c.varchar('queue_key', 32, { nullable: true }),
          c.bigint('fee_amount', { nullable: true }),
          c.bigint('fee_percent', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_collections_step_path', columnNames: ['path_id', 'retired_at', 'position'] })],
        foreignKeys: [ref('collections_step', 'path_id', 'collections_path')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'collections_episode',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('open_account_id', { nullable: true }),
          c.date('started_on'),
          c.date('ended_on', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          // One open delinquency per account: ended episodes hold NULL, which a unique key does not count.
          new TableIndex({ name: 'uq_collections_episode_open', columnNames: ['open_account_id'], isUnique: true }),
          new TableIndex({ name: 'ix_collections_episode_account', columnNames: ['account_id'] }),
        ],
        foreignKeys: [ref('collections_episode', 'account_id', 'account')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'collections_run',
        columns: [
          c.id(),
          c.date('as_of'),
          c.varchar('status', 16),
          c.bigint('accounts_evaluated', { default: 0 }),
          c.bigint('actions_taken', { default: 0 }),
          c.bigint('accounts_failed', { default: 0 }),
          c.timestamp('started_at'),
          c.timestamp('finished_at', { nullable: true }),
          c.timestamp('heartbeat_at'),
        ],
        indices: [new TableIndex({ name: 'ix_collections_run_status', columnNames: ['status'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'collections_action',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('episode_id'),
          c.bigint('step_id'),
          c.varchar('step_key', 40),
          c.bigint('run_id'),
          c.varchar('action', 24),
          c.date('as_of'),
          c.text('detail'),
          c.bigint('work_item_id', { nullable: true }),
          c.bigint('invoice_id', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          // Backs "once per delinquency": a second run, or a retried chunk, cannot take the step again.
          new TableIndex({ name: 'uq_collections_action_step', columnNames: ['episode_id', 'step_key'], isUnique: true }),
          new TableIndex({ name: 'ix_collections_action_account', columnNames: ['account_id', 'id'] }),
          new TableIndex({ name: 'ix_collections_action_run', columnNames: ['run_id', 'action', 'id'] }),
        ],
        foreignKeys: [
          ref('collections_action', 'account_id', 'account'),
          ref('collections_action', 'episode_id', 'collections_episode'),
          ref('collections_action', 'step_id', 'collections_step'),
          ref('collections_action', 'run_id', 'collections_run'),
        ],
      }),
    );

    const e = (name: string) => q.connection.driver.escape(name);
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    await q.query(
      `INSERT INTO ${e('collections_path')} (${['name', 'segments', 'default_key', 'active', 'version', 'created_at', 'updated_at']
        .map(e)
        .join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ['Standard collections', '[]', 'DEFAULT', 1, 1, now, now],
    );
    const [{ id: pathId }] = (await q.query(`SELECT ${e('id')} AS id FROM ${e('collections_path')} WHERE ${e('default_key')} = ?`, [
      'DEFAULT',
    ])) as Array<{ id: number | string }>;
    const stepColumns = [
      'path_id',
      'step_key',
      'position',
      'name',
      'days_past_due',
      'min_past_due',
      'action',
      'template',
      'queue_key',
      'fee_amount',
      'fee_percent',
    ];
    for (const [i, step] of DEFAULT_STEPS.entries()) {
      await q.query(
        `INSERT INTO ${e('collections_step')} (${stepColumns.map(e).join(', ')}) VALUES (${stepColumns.map(() => '?').join(', ')})`,
        [
          pathId,
          `standard-${i + 1}`,
          i + 1,
          step.name,
          step.daysPastDue,
          step.minPastDue,
          step.action,
          step.template ?? null,
          step.queueKey ?? null,
          step.feeAmount ?? null,
          null,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // Accounts assigned to a path keep a dangling id otherwise.
    await q.query(`UPDATE ${q.connection.driver.escape('account')} SET ${q.connection.driver.escape('collections_path_id')} = NULL`);
    for (const table of ['collections_action', 'collections_run', 'collections_episode', 'collections_step', 'collections_path']) {
      await q.dropTable(table);
    }
  }
}
