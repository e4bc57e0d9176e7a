import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who took a collections action when an operator did (a step taken anyway
 * for a protected account), kept with the action so an auditor reads it off
 * the action long after its event is gone; filled in for the steps operators
 * took before from their decisions. Null for actions a run took. Plain ALTER
 * TABLE, as for the action's figures.
 */
export class CollectionsActionTakenBy1796600300000 implements MigrationInterface {
  name = 'CollectionsActionTakenBy1796600300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collections_action ADD COLUMN taken_by varchar(128) NULL');
    // The steps operators took before: their decisions on the protected accounts' work items name them.
    await q.query(
      `UPDATE collections_action SET taken_by = (
         SELECT r.decided_by FROM protected_step_referral r
         WHERE r.episode_id = collections_action.episode_id AND r.step_key = collections_action.step_key AND r.decision = 'TAKEN')
       WHERE EXISTS (
         SELECT 1 FROM protected_step_referral r
         WHERE r.episode_id = collections_action.episode_id AND r.step_key = collections_action.step_key AND r.decision = 'TAKEN')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collections_action DROP COLUMN taken_by');
  }
}
