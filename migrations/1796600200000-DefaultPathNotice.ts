import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../server/src/db/columns';

/**
 * The default path as shipped drops a customer at 60 days with no notice. Its
 * market drop now waits for its past-due letter (step 2), sent at least 10
 * days before, as the letter's "pay within 10 days" promises. Only a default
 * path still as shipped is changed: a drop step at position 5 with no notice,
 * on a path whose step 2 is a LETTER.
 */
export class DefaultPathNotice1796600200000 implements MigrationInterface {
  name = 'DefaultPathNotice1796600200000';
  /** Data only: no table or column changes. */
  static readonly changesSchemaOn: readonly Dialect[] = [];

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE collections_step SET notice_position = 2, notice_days = 10
        WHERE action = 'MARKET_DROP' AND position = 5 AND notice_position IS NULL AND retired_at IS NULL
          AND path_id IN (SELECT id FROM collections_path WHERE default_key = 'DEFAULT')
          AND EXISTS (SELECT 1 FROM (SELECT path_id FROM collections_step WHERE position = 2 AND action = 'LETTER' AND retired_at IS NULL) l
                       WHERE l.path_id = collections_step.path_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE collections_step SET notice_position = NULL, notice_days = NULL
        WHERE action = 'MARKET_DROP' AND position = 5 AND notice_position = 2 AND notice_days = 10 AND retired_at IS NULL
          AND path_id IN (SELECT id FROM collections_path WHERE default_key = 'DEFAULT')`,
    );
  }
}
