import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who took a collections action when an operator did (a step taken anyway
 * for a protected account), kept with the action so an auditor reads it off
 * the action long after its event is gone. Null for actions a run took, and
 * for those taken before. Plain ALTER TABLE, as for the action's figures.
 */
export class CollectionsActionTakenBy1796600300000 implements MigrationInterface {
  name = 'CollectionsActionTakenBy1796600300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collections_action ADD COLUMN taken_by varchar(128) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collections_action DROP COLUMN taken_by');
  }
}
