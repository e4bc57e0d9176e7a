import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { cols, foreignKey } from './helpers';

/**
 * The segments claimed by active collections paths, one row per segment: the
 * unique key lets only one active path claim a segment, even when two are
 * saved at the same moment. Existing active paths claim their segments in id
 * order (the order in which accounts already resolve them); a later path that
 * listed a claimed segment keeps it listed but unclaimed, and must drop it
 * before it can be saved again.
 */
export class CollectionsPathSegments1796501500100 implements MigrationInterface {
  name = 'CollectionsPathSegments1796501500100';

  async up(q: QueryRunner): Promise<void> {
    const c = cols(q);
    await q.createTable(
      new Table({
        name: 'collections_path_segment',
        columns: [c.id(), c.identifier('segment', 32), c.bigint('path_id')],
        indices: [
          new TableIndex({ name: 'uq_collections_path_segment', columnNames: ['segment'], isUnique: true }),
          new TableIndex({ name: 'ix_collections_path_segment_path', columnNames: ['path_id'] }),
        ],
        foreignKeys: [foreignKey('collections_path_segment', 'path_id', 'collections_path')],
      }),
    );
    const e = (name: string) => q.connection.driver.escape(name);
    const paths = (await q.query(
      `SELECT ${e('id')} AS id, ${e('segments')} AS segments FROM ${e('collections_path')} WHERE ${e('active')} = ? ORDER BY ${e('id')}`,
      [1],
    )) as Array<{ id: number | string; segments: string }>;
    const claimed = new Set<string>();
    for (const path of paths) {
      for (const segment of JSON.parse(path.segments) as string[]) {
        if (claimed.has(segment)) continue;
        claimed.add(segment);
        await q.query(`INSERT INTO ${e('collections_path_segment')} (${e('segment')}, ${e('path_id')}) VALUES (?, ?)`, [segment, path.id]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('collections_path_segment');
  }
}
