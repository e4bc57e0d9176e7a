import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../env';

/** The variable a bad value was blamed on, or null when the configuration loaded. */
function blamed(env: Record<string, string>): { variable: string; message: string } | null {
  try {
    loadConfig(env);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { variable: error.variable, message: error.message };
  }
}

describe('loadConfig', () => {
  it('starts on a bare machine with the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      database: { kind: 'sqlite', file: path.resolve('data', 'hub.sqlite') },
      redisUrl: null,
      jwtSecret: null,
      adminUsername: 'admin',
      adminPassword: null,
      timezone: 'UTC',
      demo: true,
      production: false,
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'mariadb://hub:secret@db.internal:3306/billing',
      REDIS_URL: 'redis://cache:6379',
      HUB_JWT_SECRET: 'x'.repeat(32),
      HUB_ADMIN_USERNAME: 'ops.lead@retailer',
      HUB_ADMIN_PASSWORD: 'correct horse',
      HUB_TIMEZONE: 'America/New_York',
      HUB_DEMO: 'yes',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'mysql', url: 'mysql://hub:secret@db.internal:3306/billing' },
      redisUrl: 'redis://cache:6379',
      jwtSecret: 'x'.repeat(32),
      adminUsername: 'ops.lead@retailer',
      adminPassword: 'correct horse',
      timezone: 'America/New_York',
      demo: true,
      production: true,
    });
  });

  it('keeps the demo off by default on MySQL and lets it be switched either way', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://u@h/db', HUB_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ HUB_DEMO: 'off' }).demo).toBe(false);
    expect(loadConfig({ HUB_DEMO: '0' }).demo).toBe(false);
  });

  it('takes an explicit SQLite file and the data directory', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/hub/hub.sqlite' }).database).toEqual({
      kind: 'sqlite',
      file: '/var/lib/hub/hub.sqlite',
    });
    expect(loadConfig({ HUB_DATA_DIR: '/srv/hub' }).database).toEqual({ kind: 'sqlite', file: '/srv/hub/hub.sqlite' });
  });

  it('accepts the whole port range, 0 meaning any free port', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['PORT', ' 80'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'postgres://u@h/db'],
    ['DATABASE_URL', 'mysql://u@h'],
    ['DATABASE_URL', 'mysql://u@h/'],
    ['DATABASE_URL', 'sqlite:'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://cache:6379'],
    ['HUB_TIMEZONE', 'Mars/Olympus_Mons'],
    ['HUB_TIMEZONE', 'EST5EDT nonsense'],
    ['HUB_JWT_SECRET', 'too-short'],
    ['HUB_ADMIN_USERNAME', 'has space'],
    ['HUB_ADMIN_USERNAME', 'x'.repeat(65)],
    ['HUB_ADMIN_PASSWORD', 'short'],
    ['HUB_ADMIN_PASSWORD', ' '.repeat(12)],
    ['HUB_DEMO', 'maybe'],
    ['HUB_LOG_LEVEL', 'verbose'],
    ['HUB_CORS_ORIGINS', 'console.example.com'],
    ['HUB_CORS_ORIGINS', 'https://console.example.com/app'],
    ['HUB_CORS_ORIGINS', 'https://a.example, ftp://b.example'],
    ['HUB_CORS_ORIGINS', '*'],
    ['HUB_EVENT_RETENTION_DAYS', '29'],
    ['HUB_EVENT_RETENTION_DAYS', '90.5'],
    ['HUB_EVENT_RETENTION_DAYS', 'forever'],
    ['HUB_WEBHOOK_ALLOW_PRIVATE', 'sometimes'],
    ['HUB_WEBHOOK_RETRY_SCHEDULE', '5,,300'],
    ['HUB_WEBHOOK_RETRY_SCHEDULE', '5,0'],
    ['HUB_WEBHOOK_RETRY_WINDOW', '-1'],
    ['HUB_WEBHOOK_TIMEOUT', '0'],
  ])('refuses %s=%j with a message naming the variable', (variable, value) => {
    const problem = blamed({ [variable]: value });
    expect(problem).not.toBeNull();
    expect(problem?.variable).toBe(variable);
    expect(problem?.message.startsWith(`${variable}: `)).toBe(true);
    // One line, so it reads as one clear line at start.
    expect(problem?.message).not.toContain('\n');
  });

  it('reads the browser origins allowed to call the API, none by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ HUB_CORS_ORIGINS: 'https://console.example.com, http://localhost:5173/' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://localhost:5173',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(
      loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '', HUB_TIMEZONE: '', HUB_JWT_SECRET: '', HUB_ADMIN_PASSWORD: '', HUB_DEMO: '' }),
    ).toMatchObject({
      port: 4000,
      database: { kind: 'sqlite' },
      redisUrl: null,
      timezone: 'UTC',
      jwtSecret: null,
      adminPassword: null,
      demo: true,
    });
  });

  it('lays PDFs out on one thread per core beyond the first, between 1 and 4, unless told how many', () => {
    const cores = availableParallelism();
    expect(loadConfig({}).renderThreads).toBe(Math.min(4, Math.max(1, cores - 1)));
    expect(loadConfig({ HUB_RENDER_THREADS: '0' }).renderThreads).toBe(0);
    expect(loadConfig({ HUB_RENDER_THREADS: '3' }).renderThreads).toBe(3);
    for (const bad of ['5', '-1', '1.5', 'two']) {
      expect(blamed({ HUB_RENDER_THREADS: bad })).toEqual({
        variable: 'HUB_RENDER_THREADS',
        message: expect.stringContaining(`"${bad}" is not a whole number from 0 to 4`),
      });
    }
  });

  it('runs collections as of today or earlier unless told to allow later days', () => {
    expect(loadConfig({}).futureCollectionsRuns).toBe(false);
    expect(loadConfig({ HUB_FUTURE_COLLECTIONS_RUNS: 'true' }).futureCollectionsRuns).toBe(true);
    expect(blamed({ HUB_FUTURE_COLLECTIONS_RUNS: 'yes please' })).toEqual({
      variable: 'HUB_FUTURE_COLLECTIONS_RUNS',
      message: expect.stringContaining('is not a boolean'),
    });
  });

  it('keeps events 90 days and delivers webhooks on the documented schedule unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({
      eventRetentionDays: 90,
      webhooks: {
        allowPrivate: false,
        retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000],
        retryWindowMs: 3 * 24 * 3600 * 1000,
        timeoutMs: 10_000,
      },
    });
    expect(
      loadConfig({
        HUB_EVENT_RETENTION_DAYS: '30',
        HUB_WEBHOOK_ALLOW_PRIVATE: '1',
        HUB_WEBHOOK_RETRY_SCHEDULE: '0.05, 0.1',
        HUB_WEBHOOK_RETRY_WINDOW: '2',
        HUB_WEBHOOK_TIMEOUT: '0.5',
      }),
    ).toMatchObject({
      eventRetentionDays: 30,
      webhooks: { allowPrivate: true, retryScheduleMs: [50, 100], retryWindowMs: 2000, timeoutMs: 500 },
    });
  });
});
