import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * The sales day each product's SALES_STARTED and SALES_ENDED were announced
 * for: the announcement is a conditional UPDATE of these columns, so of
 * several processes sweeping at once exactly one emits it.
 */
export class SalesAnnouncements1796501001000 implements MigrationInterface {
  name = 'SalesAnnouncements1796501001000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.addColumns('product', [
      new TableColumn(c.date('sales_start_announced', { nullable: true })),
      new TableColumn(c.date('sales_end_announced', { nullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('product', 'sales_end_announced');
    await q.dropColumn('product', 'sales_start_announced');
  }
}
