import type { DataSource } from 'typeorm';
import { entities } from '../../server/src/app/entities';
import { loadConfig } from '../../server/src/config/env';
import { createDataSource } from '../../server/src/db/data-source';
import { createScratchDatabase } from './databases';

/** The hub's data source on a fresh scratch database of this test project's kind. */
export interface ScratchSource {
  ds: DataSource;
  /** Destroys the data source and drops the database. */
  close(): Promise<void>;
}

/** Opens one, with every migration run when `migrate` is set (otherwise the database is empty). */
export async function openScratchSource(opts: { migrate?: boolean } = {}): Promise<ScratchSource> {
  const scratch = await createScratchDatabase();
  const ds = createDataSource(loadConfig({ DATABASE_URL: scratch.url, HUB_DATA_DIR: scratch.dataDir }).database, { entities });
  const close = async () => {
    if (ds.isInitialized) await ds.destroy();
    await scratch.drop();
  };
  try {
    await ds.initialize();
    if (opts.migrate) await ds.runMigrations({ transaction: 'each' });
  } catch (error) {
    await close();
    throw error;
  }
  return { ds, close };
}
