import { ConfigError, loadConfig } from '../config/env';
import { migrate } from './migrate';

/** npm run migrate: applies pending migrations to the configured database (`-- --revert` undoes the last one). */
async function main(): Promise<void> {
  const config = loadConfig();
  const onWait = (message: string) => process.stdout.write(`${message}\n`);
  if (process.argv.includes('--revert')) {
    await migrate(config.database, { revert: true, onWait });
    process.stdout.write('reverted the last migration\n');
  } else {
    const applied = await migrate(config.database, { onWait });
    process.stdout.write(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}\n` : 'the database is up to date\n');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `Configuration error: ${error.message}\n` : `Migration failed: ${String(error)}\n`);
  process.exit(1);
});
