import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * Credit notes, refunds, and what invoices and payments need to know of them.
 *
 * - credit_note / credit_note_line: a note crediting one invoice, in full or
 *   by line; its number is derived from its id (CN- and 8 digits).
 * - invoice.amount_credited: the sum of the notes on the invoice;
 *   invoice.void_reason: why a voided invoice was voided.
 * - payment.credit_note_id: what a credit note credits is held as a payment of
 *   the account from that note (never listed as a payment), so it is applied
 *   to invoices, kept as unapplied credit and refunded exactly as money
 *   received is; payment.refunded: what refunds took of it.
 * - refund: unapplied credit paid back, once per idempotency key.
 */
export class CreditNotes1796502000000 implements MigrationInterface {
  name = 'CreditNotes1796502000000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'credit_note',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('invoice_id'),
          c.varchar('reason', 2000),
          c.bigint('total'),
          c.bigint('applied_to_invoice'),
          c.bool('full_credit', { default: false }),
          c.bool('rebill', { default: false }),
          c.date('issue_date'),
          c.varchar('created_by', 128),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_credit_note_account', columnNames: ['account_id'] }),
          new TableIndex({ name: 'ix_credit_note_invoice', columnNames: ['invoice_id'] }),
          new TableIndex({ name: 'ix_credit_note_issue_date', columnNames: ['issue_date'] }),
        ],
        foreignKeys: [foreignKey('credit_note', 'account_id', 'account'), foreignKey('credit_note', 'invoice_id', 'invoice')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'credit_note_line',
        columns: [
          c.id(),
          c.bigint('credit_note_id'),
          c.bigint('invoice_line_id', { nullable: true }),
          c.int('position'),
          c.identifier('kind', 16),
          c.varchar('description', 255),
          c.bigint('amount'),
        ],
        indices: [
          new TableIndex({ name: 'ix_credit_note_line_note', columnNames: ['credit_note_id'] }),
          new TableIndex({ name: 'ix_credit_note_line_invoice_line', columnNames: ['invoice_line_id'] }),
        ],
        foreignKeys: [
          foreignKey('credit_note_line', 'credit_note_id', 'credit_note'),
          foreignKey('credit_note_line', 'invoice_line_id', 'invoice_line'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refund',
        columns: [
          c.id(),
          c.bigint('account_id'),
          c.bigint('amount'),
          c.identifier('channel', 16),
          c.varchar('reference', 128, { nullable: true }),
          c.identifier('idempotency_key', 128),
          c.identifier('request_digest', 64),
          c.varchar('created_by', 128),
          c.timestamp('created_at'),
        ],
        indices: [
          // Backs idempotency: a retried request can never pay a second refund.
          new TableIndex({ name: 'uq_refund_idempotency_key', columnNames: ['idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'ix_refund_account', columnNames: ['account_id'] }),
        ],
        foreignKeys: [foreignKey('refund', 'account_id', 'account')],
      }),
    );
    await q.addColumn('invoice', new TableColumn(c.bigint('amount_credited', { default: 0 })));
    await q.addColumn('invoice', new TableColumn(c.varchar('void_reason', 2000, { nullable: true })));
    await q.addColumn('payment', new TableColumn(c.bigint('credit_note_id', { nullable: true })));
    await q.addColumn('payment', new TableColumn(c.bigint('refunded', { default: 0 })));
    await q.createIndex('payment', new TableIndex({ name: 'ix_payment_credit_note', columnNames: ['credit_note_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('payment', 'ix_payment_credit_note');
    await q.dropColumn('payment', 'refunded');
    await q.dropColumn('payment', 'credit_note_id');
    await q.dropColumn('invoice', 'void_reason');
    await q.dropColumn('invoice', 'amount_credited');
    await q.dropTable('refund');
    await q.dropTable('credit_note_line');
    await q.dropTable('credit_note');
  }
}
