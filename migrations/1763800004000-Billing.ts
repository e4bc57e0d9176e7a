import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/** Bill runs, invoices and their lines, billing exceptions and the threshold rules (with the defaults). */
export class Billing1763800004000 implements MigrationInterface {
  name = 'Billing1763800004000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'bill_run',
        columns: [
          c.id(),
          c.date('as_of'),
          c.varchar('status', 16),
          c.bigint('accounts_considered', { default: 0 }),
          c.bigint('accounts_processed', { default: 0 }),
          c.bigint('invoices_issued', { default: 0 }),
          c.bigint('invoices_held', { default: 0 }),
          c.bigint('accounts_blocked', { default: 0 }),
          c.bigint('accounts_failed', { default: 0 }),
          c.timestamp('started_at'),
          c.timestamp('finished_at', { nullable: true }),
          c.timestamp('heartbeat_at'),
        ],
        indices: [new TableIndex({ name: 'ix_bill_run_status', columnNames: ['status'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invoice',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('bill_run_id', { nullable: true }),
          c.varchar('kind', 16),
          c.varchar('billing_key', 96, { nullable: true }),
          c.date('period_start'),
          c.date('period_end'),
          c.date('issue_date', { nullable: true }),
          c.date('due_date', { nullable: true }),
          c.varchar('status', 16),
          c.bigint('total'),
          c.bigint('amount_paid', { default: 0 }),
          c.bigint('quantity', { default: 0 }),
          c.bigint('days', { default: 0 }),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_invoice_billing_key', columnNames: ['billing_key'], isUnique: true }),
          new TableIndex({ name: 'ix_invoice_account', columnNames: ['account_id', 'status', 'due_date'] }),
          new TableIndex({ name: 'ix_invoice_status_due', columnNames: ['status', 'due_date'] }),
          new TableIndex({ name: 'ix_invoice_run', columnNames: ['bill_run_id'] }),
        ],
        foreignKeys: [foreignKey('invoice', 'account_id', 'account'), foreignKey('invoice', 'bill_run_id', 'bill_run')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invoice_line',
        columns: [
          c.id(),
          c.bigint('invoice_id'),
          c.int('position'),
          c.varchar('kind', 16),
          c.varchar('description', 255),
          c.bigint('quantity', { nullable: true }),
          c.bigint('unit_price', { nullable: true }),
          c.bigint('amount'),
          c.date('period_start', { nullable: true }),
          c.date('period_end', { nullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_invoice_line_invoice', columnNames: ['invoice_id', 'position'] })],
        foreignKeys: [foreignKey('invoice_line', 'invoice_id', 'invoice')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'billing_exception',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.varchar('code', 32),
          c.varchar('severity', 16),
          c.varchar('message', 1000),
          c.varchar('status', 16),
          c.bigint('invoice_id', { nullable: true }),
          c.bigint('bill_run_id', { nullable: true }),
          c.bigint('work_item_id', { nullable: true }),
          c.varchar('dedupe_key', 128),
          c.date('period_start', { nullable: true }),
          c.date('period_end', { nullable: true }),
          c.timestamp('created_at'),
          c.timestamp('resolved_at', { nullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_billing_exception_key', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_billing_exception_status', columnNames: ['status', 'severity'] }),
          new TableIndex({ name: 'ix_billing_exception_account', columnNames: ['account_id', 'status'] }),
          new TableIndex({ name: 'ix_billing_exception_invoice', columnNames: ['invoice_id'] }),
        ],
        foreignKeys: [foreignKey('billing_exception', 'account_id', 'account')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'billing_rules',
        columns: [
          c.id(),
          c.varchar('segment', 32),
          c.bigint('high_consumption_factor'),
          c.bigint('swing_percent'),
          c.bigint('max_invoice_amount', { nullable: true }),
          c.int('payment_terms_days'),
          c.timestamp('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_billing_rules_segment', columnNames: ['segment'], isUnique: true })],
      }),
    );
    // The default rules of DESIGN.md: factor 2, swing 50%, no maximum, 21 days' terms.
    await q.query(
      'INSERT INTO billing_rules (segment, high_consumption_factor, swing_percent, max_invoice_amount, payment_terms_days, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ['*', 2_000_000, 50_000_000, null, 21, new Date().toISOString().replace('T', ' ').replace('Z', '')],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['billing_rules', 'billing_exception', 'invoice_line', 'invoice', 'bill_run']) await q.dropTable(table);
  }
}
