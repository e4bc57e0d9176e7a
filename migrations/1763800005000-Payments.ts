import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/** Payments with their allocations to invoices, and payment plans with their installments. */
export class Payments1763800005000 implements MigrationInterface {
  name = 'Payments1763800005000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'payment',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('amount'),
          c.varchar('channel', 16),
          c.timestamp('received_at'),
          c.varchar('reference', 128, { nullable: true }),
          c.varchar('status', 16),
          c.bigint('unapplied'),
          c.varchar('idempotency_key', 128),
          c.varchar('request_digest', 64),
          c.timestamp('created_at'),
          c.timestamp('reversed_at', { nullable: true }),
          c.varchar('reversal_reason', 500, { nullable: true }),
        ],
        indices: [
          // Backs idempotency: a retried request can never create a second payment.
          new TableIndex({ name: 'uq_payment_idempotency_key', columnNames: ['idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'ix_payment_account', columnNames: ['account_id', 'status'] }),
        ],
        foreignKeys: [foreignKey('payment', 'account_id', 'account')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_allocation',
        columns: [c.id(), c.bigint('payment_id'), c.bigint('invoice_id'), c.bigint('amount'), c.timestamp('created_at')],
        indices: [
          new TableIndex({ name: 'ix_allocation_payment', columnNames: ['payment_id'] }),
          new TableIndex({ name: 'ix_allocation_invoice', columnNames: ['invoice_id'] }),
        ],
        foreignKeys: [foreignKey('payment_allocation', 'payment_id', 'payment'), foreignKey('payment_allocation', 'invoice_id', 'invoice')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_plan',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.varchar('status', 16),
          c.bigint('total'),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_payment_plan_account', columnNames: ['account_id', 'status'] })],
        foreignKeys: [foreignKey('payment_plan', 'account_id', 'account')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'installment',
        columns: [
          c.id(),
          c.bigint('plan_id'),
          c.int('position'),
          c.date('due_date'),
          c.bigint('amount'),
          c.bigint('paid', { default: 0 }),
          c.varchar('status', 16),
        ],
        indices: [new TableIndex({ name: 'ix_installment_plan', columnNames: ['plan_id', 'position'] })],
        foreignKeys: [foreignKey('installment', 'plan_id', 'payment_plan')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['installment', 'payment_plan', 'payment_allocation', 'payment']) await q.dropTable(table);
  }
}
