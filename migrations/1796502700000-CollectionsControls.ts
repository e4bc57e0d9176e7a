import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * Collections controls: holds on accounts (no action before a day), account
 * protections (CRITICAL_CARE, MEDICAL...), blackout dates (no market drop on
 * them), notice steps on path steps, the referrals of protected steps to an
 * operator (one per step and delinquency), and the built-in PROTECTED_ACCOUNTS
 * queue they are filed in.
 */
export class CollectionsControls1796502700000 implements MigrationInterface {
  name = 'CollectionsControls1796502700000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'collections_hold',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.date('until'),
          c.varchar('reason', 255),
          c.varchar('created_by', 128),
          c.timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_collections_hold_account', columnNames: ['account_id'], isUnique: true })],
        foreignKeys: [foreignKey('collections_hold', 'account_id', 'account')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'account_protection',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.identifier('code', 32),
          c.date('until', { nullable: true }),
          c.varchar('note', 255, { nullable: true }),
          c.varchar('created_by', 128),
          c.timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_account_protection_code', columnNames: ['account_id', 'code'], isUnique: true })],
        foreignKeys: [foreignKey('account_protection', 'account_id', 'account')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'blackout_date',
        columns: [c.id(), c.date('day'), c.varchar('reason', 255), c.varchar('created_by', 128), c.timestamp('created_at')],
        indices: [new TableIndex({ name: 'uq_blackout_date_day', columnNames: ['day'], isUnique: true })],
      }),
    );
    await q.addColumns('collections_step', [
      new TableColumn(c.int('notice_position', { nullable: true })),
      new TableColumn(c.int('notice_days', { nullable: true })),
    ]);
    await q.createTable(
      new Table({
        name: 'protected_step_referral',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('episode_id'),
          c.bigint('step_id'),
          c.identifier('step_key', 40),
          c.bigint('run_id'),
          c.bigint('work_item_id'),
          c.identifier('decision', 16, { nullable: true }),
          c.varchar('decided_by', 128, { nullable: true }),
          c.timestamp('decided_at', { nullable: true }),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_protected_step_referral', columnNames: ['episode_id', 'step_key'], isUnique: true }),
          new TableIndex({ name: 'ix_protected_step_referral_item', columnNames: ['work_item_id'] }),
        ],
        foreignKeys: [
          foreignKey('protected_step_referral', 'account_id', 'account'),
          foreignKey('protected_step_referral', 'episode_id', 'collections_episode'),
          foreignKey('protected_step_referral', 'step_id', 'collections_step'),
        ],
      }),
    );
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(`INSERT INTO ${e('work_queue')} (${e('queue_key')}, ${e('name')}, ${e('sla_minutes')}) VALUES (?, ?, ?)`, [
      'PROTECTED_ACCOUNTS',
      'Protected accounts (steps held back)',
      24 * 60,
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    const e = (name: string) => q.connection.driver.escape(name);
    const queue = `(SELECT ${e('id')} FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'PROTECTED_ACCOUNTS')`;
    // The queue's items and their notes go with it; a work item has no other owner.
    await q.query(
      `DELETE FROM ${e('work_note')} WHERE ${e('work_item_id')} IN (SELECT ${e('id')} FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue})`,
    );
    await q.query(`DELETE FROM ${e('work_item')} WHERE ${e('queue_id')} IN ${queue}`);
    await q.query(`DELETE FROM ${e('work_queue')} WHERE ${e('queue_key')} = 'PROTECTED_ACCOUNTS'`);
    await q.dropTable('protected_step_referral');
    await q.dropColumn('collections_step', 'notice_days');
    await q.dropColumn('collections_step', 'notice_position');
    for (const table of ['blackout_date', 'account_protection', 'collections_hold']) await q.dropTable(table);
  }
}
