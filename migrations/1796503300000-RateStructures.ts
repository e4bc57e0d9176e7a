import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * Rate structures: a rate may carry block tiers (for TOTAL reads) and prices
 * per register (ON_PEAK, OFF_PEAK...). Both are small lists kept with the rate
 * as JSON of micro-units; null means none.
 */
export class RateStructures1796503300000 implements MigrationInterface {
  name = 'RateStructures1796503300000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.addColumns('rate', [
      new TableColumn(c.text('tiers', { nullable: true })),
      new TableColumn(c.text('register_prices', { nullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rate', 'register_prices');
    await q.dropColumn('rate', 'tiers');
  }
}
