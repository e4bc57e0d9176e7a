import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Dialect } from '../server/src/db/columns';
import { normalizeUsername } from '../server/src/modules/identity/username';

/**
 * Usernames are stored in their one normalised spelling (normalizeUsername:
 * NFKC, invisible characters removed, case folded), as sign-in now looks them
 * up. Existing users whose names were typed with capitals get the lower-case
 * spelling; they sign in with either. Two users whose names differ only that
 * way (possible on SQLite, which compared them exactly) stop the upgrade with a
 * message naming them: one must be renamed first, as only one of them could
 * still sign in.
 *
 * `down` leaves the names as they are: the spellings typed before are not kept,
 * and the lower-case ones sign in on the older version too (it compared them
 * without case on MySQL, exactly on SQLite, where they are now stored so).
 */
export class NormalizedUsernames1796500003100 implements MigrationInterface {
  name = 'NormalizedUsernames1796500003100';
  /** Data only: no schema changes on any database. */
  static readonly changesSchemaOn: readonly Dialect[] = [];

  async up(q: QueryRunner): Promise<void> {
    const users: Array<{ id: number | string; username: string }> = await q.query('SELECT id, username FROM hub_user ORDER BY id');
    const byName = new Map<string, Array<{ id: string; username: string }>>();
    for (const user of users) {
      const name = normalizeUsername(user.username);
      byName.set(name, [...(byName.get(name) ?? []), { id: String(user.id), username: user.username }]);
    }
    const clashes = [...byName.values()].filter((same) => same.length > 1);
    if (clashes.length) {
      const listed = clashes.map((same) => same.map((u) => `"${u.username}" (id ${u.id})`).join(' and ')).join('; ');
      throw new Error(`Usernames that differ only in case, width or invisible characters: ${listed}. Rename all but one, then upgrade.`);
    }
    for (const [name, [user]] of byName) {
      if (name !== user.username) await q.query('UPDATE hub_user SET username = ? WHERE id = ?', [name, user.id]);
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: see above.
  }
}
