import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * What catalog edits need to know: whether a promo code is still offered
 * (`promo_code.active`), when an incentive was removed from its product
 * (`incentive.removed_at`: the row stays, for the credits it already
 * granted and carried), and which rate priced each usage line
 * (`invoice_line.rate_id`), so a rate an invoice used can be told from one no
 * invoice used. Lines billed before this migration get the rate that priced
 * them: the one of the product the account was enrolled in on the line's
 * first day (the latest-starting enrollment, as billing chooses), in effect
 * that day, at the line's unit price.
 */
export class CatalogEdits1796501500000 implements MigrationInterface {
  name = 'CatalogEdits1796501500000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.addColumn('promo_code', new TableColumn(c.bool('active', { default: true })));
    await q.addColumn('incentive', new TableColumn(c.timestamp('removed_at', { nullable: true })));
    await q.addColumn('invoice_line', new TableColumn(c.bigint('rate_id', { nullable: true })));
    await q.createIndex('invoice_line', new TableIndex({ name: 'ix_invoice_line_rate', columnNames: ['rate_id'] }));
    const e = (name: string) => q.connection.driver.escape(name);
    await q.query(
      `UPDATE ${e('invoice_line')} SET ${e('rate_id')} = (
         SELECT r.${e('id')} FROM ${e('invoice')} i
           JOIN ${e('enrollment')} en ON en.${e('account_id')} = i.${e('account_id')}
           JOIN ${e('rate')} r ON r.${e('product_id')} = en.${e('product_id')}
          WHERE i.${e('id')} = ${e('invoice_line')}.${e('invoice_id')}
            AND en.${e('start_date')} <= ${e('invoice_line')}.${e('period_start')}
            AND (en.${e('end_date')} IS NULL OR en.${e('end_date')} > ${e('invoice_line')}.${e('period_start')})
            AND r.${e('effective_from')} <= ${e('invoice_line')}.${e('period_start')}
            AND (r.${e('effective_to')} IS NULL OR r.${e('effective_to')} > ${e('invoice_line')}.${e('period_start')})
            AND r.${e('unit_price')} = ${e('invoice_line')}.${e('unit_price')}
          ORDER BY en.${e('start_date')} DESC, en.${e('id')} DESC
          LIMIT 1)
       WHERE ${e('kind')} = ? AND ${e('rate_id')} IS NULL`,
      ['USAGE'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('invoice_line', 'ix_invoice_line_rate');
    await q.dropColumn('invoice_line', 'rate_id');
    await q.dropColumn('incentive', 'removed_at');
    await q.dropColumn('promo_code', 'active');
  }
}
