import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * What a collections action was taken on: the account's past-due amount
 * (cents) and days past due at that moment, kept with the action, so its
 * letter states the figures its text was written with however late it is
 * drawn, and an auditor reads them off the action. Null for actions taken
 * before.
 */
export class CollectionsActionFigures1796600100000 implements MigrationInterface {
  name = 'CollectionsActionFigures1796600100000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.addColumns('collections_action', [
      new TableColumn(c.bigint('past_due', { nullable: true })),
      new TableColumn(c.int('days_past_due', { nullable: true })),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('collections_action', 'days_past_due');
    await q.dropColumn('collections_action', 'past_due');
  }
}
