import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/** Identity, audit log and the event stream (outbox and numbered events). */
export class Platform1763800000000 implements MigrationInterface {
  name = 'Platform1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(new Table({ name: 'setting', columns: [{ ...c.varchar('key', 64), isPrimary: true }, c.text('value')] }));
    await q.createTable(
      new Table({
        name: 'hub_user',
        columns: [
          c.id(),
          c.varchar('username', 64),
          c.varchar('display_name', 128),
          c.varchar('role', 16),
          c.varchar('password_hash', 255),
          c.timestamp('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_hub_user_username', columnNames: ['username'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_key',
        columns: [
          c.id(),
          c.varchar('name', 128),
          c.varchar('role', 16),
          c.varchar('secret_digest', 64),
          c.timestamp('created_at'),
          c.timestamp('revoked_at', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'uq_api_key_digest', columnNames: ['secret_digest'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          c.id(),
          c.timestamp('at'),
          c.varchar('actor', 128),
          c.varchar('action', 64),
          c.varchar('subject_type', 64),
          c.varchar('subject_id', 64),
          c.text('before_state', { nullable: true }),
          c.text('after_state', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_audit_subject', columnNames: ['subject_type', 'subject_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          c.id(),
          c.varchar('type', 40),
          c.varchar('subject_id', 64),
          c.varchar('account_number', 64, { nullable: true }),
          c.text('payload'),
          c.timestamp('occurred_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event',
        columns: [
          { ...c.bigint('id'), isPrimary: true },
          c.varchar('type', 40),
          c.timestamp('occurred_at'),
          c.varchar('account_number', 64, { nullable: true }),
          c.varchar('subject_id', 64),
          c.text('payload'),
          c.timestamp('committed_at'),
        ],
        indices: [new TableIndex({ name: 'ix_event_type', columnNames: ['type', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['event', 'outbox', 'audit_entry', 'api_key', 'hub_user', 'setting']) await q.dropTable(table);
  }
}
