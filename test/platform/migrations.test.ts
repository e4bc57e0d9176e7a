import { DataSource, type Table } from 'typeorm';
import { migrations } from '../../migrations';
import { openScratchSource, type ScratchSource } from '../support/scratch-source';

/** What a migration builds: tables with their columns, keys and indices, in a comparable form. */
async function schemaOf(ds: DataSource): Promise<Record<string, unknown>> {
  const runner = ds.createQueryRunner();
  try {
    const listed: Array<{ name: string }> = await runner.query(
      ds.options.type === 'mysql'
        ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'",
    );
    const names = listed.map((r) => r.name).filter((n) => n !== 'migrations' && !n.startsWith('sqlite_'));
    const tables: Table[] = names.length ? await runner.getTables(names) : [];
    expect(tables.map((t) => t.name.split('.').pop()).sort()).toEqual([...names].sort());
    const out: Record<string, unknown> = {};
    for (const table of tables) {
      const name = table.name.split('.').pop() as string;
      out[name] = {
        columns: table.columns
          .map((c) => ({
            name: c.name,
            type: c.type,
            length: c.length,
            nullable: c.isNullable,
            primary: c.isPrimary,
            generated: c.isGenerated,
            default: c.default,
            collation: c.collation,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        indices: table.indices.map((i) => `${i.name}(${i.columnNames.join(',')})${i.isUnique ? ' unique' : ''}`).sort(),
        uniques: table.uniques.map((u) => u.columnNames.join(',')).sort(),
        foreignKeys: table.foreignKeys
          .map(
            (f) =>
              `${f.columnNames.join(',')} -> ${f.referencedTableName.split('.').pop()}(${f.referencedColumnNames.join(',')}) ${f.onDelete ?? ''}`,
          )
          .sort(),
      };
    }
    return out;
  } finally {
    await runner.release();
  }
}

/** A data source that knows only the first `count` migrations. */
function withMigrations(base: DataSource, count: number): DataSource {
  return new DataSource({ ...base.options, migrations: migrations.slice(0, count) });
}

let source: ScratchSource;
let ds: DataSource;

beforeAll(async () => {
  source = await openScratchSource();
  ds = source.ds;
});
afterAll(() => source?.close());

describe('migrations', () => {
  it('run up one by one, down one by one back to an empty database, and up again, each down undoing exactly its up', async () => {
    expect(migrations.length).toBeGreaterThan(0);
    const names = migrations.map((m) => (m as { name: string }).name);
    expect(new Set(names).size).toBe(names.length);

    // after[k]: the schema once the first k migrations ran.
    const after: Array<Record<string, unknown>> = [await schemaOf(ds)];
    expect(after[0]).toEqual({});
    for (let k = 1; k <= migrations.length; k++) {
      const step = withMigrations(ds, k);
      await step.initialize();
      try {
        const applied = await step.runMigrations({ transaction: 'each' });
        expect(applied.map((m) => m.name)).toHaveLength(1);
        after.push(await schemaOf(step));
        // A migration may declare the databases whose schema it changes (one that only moves data, or a MySQL-only fix).
        const changesSchemaOn = (migrations[k - 1] as { changesSchemaOn?: readonly string[] }).changesSchemaOn ?? ['mysql', 'sqlite'];
        const changed = changesSchemaOn.includes(ds.options.type === 'mysql' ? 'mysql' : 'sqlite');
        expect({ migration: names[k - 1], changed: JSON.stringify(after[k]) !== JSON.stringify(after[k - 1]) }).toEqual({
          migration: names[k - 1],
          changed,
        });
      } finally {
        await step.destroy();
      }
    }
    expect(await ds.showMigrations()).toBe(false);

    for (let k = migrations.length; k >= 1; k--) {
      await ds.undoLastMigration({ transaction: 'each' });
      expect({ undone: k, schema: await schemaOf(ds) }).toEqual({ undone: k, schema: after[k - 1] });
    }
    expect(await ds.showMigrations()).toBe(true);

    const again = await ds.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(migrations.length);
    expect(await schemaOf(ds)).toEqual(after[migrations.length]);
    expect(await ds.showMigrations()).toBe(false);
  });
});
