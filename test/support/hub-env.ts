export const ADMIN_PASSWORD = 'admin-password-for-tests';

/**
 * The variables every hub a suite or the bench starts gets for its scratch
 * database: a free port, that database and data directory, a known admin
 * password, errors only in its log, no demo data, collections runs dated
 * after today allowed. Callers add their own
 * (the suites and the bench turn the per-key quota off; the bench runs as
 * deployed, NODE_ENV=production).
 */
export function testHubEnv(db: { url: string; dataDir: string }, adminPassword = ADMIN_PASSWORD): Record<string, string> {
  return {
    PORT: '0',
    DATABASE_URL: db.url,
    HUB_DATA_DIR: db.dataDir,
    HUB_ADMIN_PASSWORD: adminPassword,
    HUB_LOG_LEVEL: 'error',
    HUB_DEMO: 'false',
    // Suites walk collections through the months ahead of today.
    HUB_FUTURE_COLLECTIONS_RUNS: 'true',
  };
}
