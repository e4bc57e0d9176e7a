import { ConfigError, loadConfig } from '../config/env';
import { createDataSource } from './data-source';

/** npm run migrate: applies pending migrations to the configured database (`-- --revert` undoes the last one). */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = createDataSource(config.database);
  await ds.initialize();
  try {
    if (process.argv.includes('--revert')) {
      await ds.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    } else {
      const applied = await ds.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'the database is up to date\n');
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `Configuration error: ${error.message}\n` : `Migration failed: ${String(error)}\n`);
  process.exit(1);
});
