import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from './helpers';

/**
 * What a collections action was taken on: the account's past-due amount
 * (cents) and days past due at that moment, kept with the action, so its
 * letter states the figures its text was written with however late it is
 * drawn, and an auditor reads them off the action. Null for actions taken
 * before. Plain ALTER TABLE: on SQLite, rebuilding the table would break the
 * documents that refer to its actions.
 */
export class CollectionsActionFigures1796600100000 implements MigrationInterface {
  name = 'CollectionsActionFigures1796600100000';

  async up(q: QueryRunner): Promise<void> {
    const cents = dialectOf(q) === 'mysql' ? 'bigint' : 'integer';
    await q.query(`ALTER TABLE collections_action ADD COLUMN past_due ${cents} NULL`);
    await q.query('ALTER TABLE collections_action ADD COLUMN days_past_due integer NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collections_action DROP COLUMN days_past_due');
    await q.query('ALTER TABLE collections_action DROP COLUMN past_due');
  }
}
