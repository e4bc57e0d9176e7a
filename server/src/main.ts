import { ConfigError, loadConfig } from './config/env';
import { startHub } from './app/hub';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const hub = await startHub(config);
  const where = config.database.kind === 'sqlite' ? `embedded database ${config.database.file}` : 'MySQL';
  hub.log.info(`billing hub on ${where}`);
  process.stdout.write(`Billing hub ready at ${hub.url} (GraphQL at ${hub.url}/graphql)\n`);

  const shutdown = (signal: string) => {
    hub.log.info(`${signal}: finishing requests and stopping`);
    hub.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        hub.log.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The billing hub could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
