import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols } from './helpers';

/**
 * Whether a console user may still sign in (`hub_user.active`; every existing
 * user stays active), and from when their sessions hold
 * (`hub_user.sessions_valid_from`): a token signed before it is refused, so an
 * admin's password reset signs the user out everywhere.
 */
export class UserAccess1796502500000 implements MigrationInterface {
  name = 'UserAccess1796502500000';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.addColumn('hub_user', new TableColumn(c.bool('active', { default: true })));
    await q.addColumn('hub_user', new TableColumn(c.timestamp('sessions_valid_from', { nullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('hub_user', 'sessions_valid_from');
    await q.dropColumn('hub_user', 'active');
  }
}
