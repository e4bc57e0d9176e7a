import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * Amounts waiting for an account's next regular invoice. For now these are the
 * sign-up credits (a promo's amountOff, a BILL_CREDIT incentive) that did not
 * fit on the enrollment's first invoice: negative amounts, carried forward
 * until used up. The shape is that of a one-off charge or credit (amount,
 * description, taxable, who and when, the invoice that billed it), so manual
 * charges can live in the same table.
 */
export class PendingCharges1796500500000 implements MigrationInterface {
  name = 'PendingCharges1796500500000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'pending_charge',
        columns: [
          c.id(),
          c.bigint('account_id'),
          // Cents: positive for a charge, negative for a credit.
          c.bigint('amount'),
          c.varchar('description', 255),
          c.bool('taxable', { default: false }),
          // Where a carried credit comes from: the enrollment, and its promo code or incentive.
          c.bigint('source_enrollment_id', { nullable: true }),
          c.bigint('source_promo_code_id', { nullable: true }),
          c.bigint('source_incentive_id', { nullable: true }),
          // The invoice it was left over from.
          c.bigint('from_invoice_id', { nullable: true }),
          // The invoice that billed it; null while pending.
          c.bigint('invoice_id', { nullable: true }),
          c.varchar('created_by', 128),
          c.timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_pending_charge_account', columnNames: ['account_id', 'invoice_id'] }),
          new TableIndex({ name: 'ix_pending_charge_invoice', columnNames: ['invoice_id'] }),
          new TableIndex({ name: 'ix_pending_charge_source', columnNames: ['source_enrollment_id'] }),
        ],
        foreignKeys: [
          foreignKey('pending_charge', 'account_id', 'account'),
          foreignKey('pending_charge', 'source_enrollment_id', 'enrollment'),
          foreignKey('pending_charge', 'from_invoice_id', 'invoice'),
          foreignKey('pending_charge', 'invoice_id', 'invoice'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('pending_charge');
  }
}
