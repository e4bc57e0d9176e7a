import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { passwordProblem } from '../modules/identity/user-rules';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string };

export interface HubConfig {
  port: number;
  database: DatabaseConfig;
  redisUrl: string | null;
  jwtSecret: string | null;
  adminUsername: string;
  adminPassword: string | null;
  timezone: string;
  demo: boolean;
  production: boolean;
  logLevel: 'silent' | 'error' | 'info';
  /** Requests per API key or user: sustained per second and burst; null when switched off (HUB_RATE_LIMIT_RPS=0). */
  rateLimit: { refillPerSecond: number; capacity: number } | null;
  /** Browser origins allowed to call the API across origins (HUB_CORS_ORIGINS); none by default. */
  corsOrigins: string[];
  /**
   * Express's `trust proxy` (HUB_TRUST_PROXY): false (the default) takes the client address from the TCP peer; a
   * number of proxy hops, or the proxies' addresses, takes it from X-Forwarded-For as those proxies wrote it.
   */
  trustProxy: false | number | string[];
  /** How long events are kept (HUB_EVENT_RETENTION_DAYS, at least 30). */
  eventRetentionDays: number;
  webhooks: WebhookConfig;
  mail: MailConfig;
  /** Threads laying out PDFs beside the API's (HUB_RENDER_THREADS); 0 lays them out on the API's own thread. */
  renderThreads: number;
  /**
   * HUB_FUTURE_COLLECTIONS_RUNS: lets runCollections take an asOf after today, for tests and rehearsals on a copy of
   * the data. Off, a run acts on customers as of today or an earlier day only.
   */
  futureCollectionsRuns: boolean;
}

/** Bills and letters by email. */
export interface MailConfig {
  /** HUB_SMTP_URL; null writes each mail as an .eml file under dir instead. */
  smtpUrl: string | null;
  /** HUB_MAIL_FROM: the sender of every mail. */
  from: string;
  /** <HUB_DATA_DIR>/mail: where mail goes when no SMTP server is set. */
  dir: string;
  /** The wait after the first temporary failure (HUB_MAIL_RETRY_SECONDS, default 60); each next one is four times longer. */
  retryMs: number;
}

/** Webhook delivery. The schedule, window and timeout are set only by tests; production keeps the defaults. */
export interface WebhookConfig {
  /** HUB_WEBHOOK_ALLOW_PRIVATE: deliver to loopback, private and link-local addresses (tests, closed networks). */
  allowPrivate: boolean;
  /** Waits after the 1st, 2nd... failure in a row; the last repeats. */
  retryScheduleMs: number[];
  /** Failing this long since the first failure in a row disables the endpoint. */
  retryWindowMs: number;
  /** A delivery without a complete answer within this fails. */
  timeoutMs: number;
}

const DEFAULT_RETRY_SCHEDULE_S = [5, 300, 1800, 7200, 18000, 36000];
const DEFAULT_RETRY_WINDOW_S = 3 * 24 * 3600;
const MIN_RETENTION_DAYS = 30;

/** A configuration value that stops the start; its message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function readPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4000;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError('PORT', `"${raw}" is not a port number (0-65535)`);
  }
  return Number(raw);
}

function readDatabase(env: Env): DatabaseConfig {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') {
    return { kind: 'sqlite', file: path.resolve(env.HUB_DATA_DIR ?? 'data', 'hub.sqlite') };
  }
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:data/hub.sqlite');
    return { kind: 'sqlite', file: path.resolve(file) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', `"${raw}" is not a URL; use mysql://user:pass@host:3306/db`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new ConfigError('DATABASE_URL', `unsupported scheme "${url.protocol}"; use mysql://user:pass@host:3306/db`);
  }
  if (url.pathname.length <= 1) {
    throw new ConfigError('DATABASE_URL', 'names no database; use mysql://user:pass@host:3306/db');
  }
  url.protocol = 'mysql:';
  return { kind: 'mysql', url: url.toString() };
}

function readRedis(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return null;
  if (!/^rediss?:\/\/[^\s]+$/.test(raw)) {
    throw new ConfigError('REDIS_URL', `"${raw}" is not a redis:// URL`);
  }
  return raw;
}

function readTimezone(env: Env): string {
  const raw = env.HUB_TIMEZONE;
  if (raw === undefined || raw === '') return 'UTC';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: raw });
  } catch {
    throw new ConfigError('HUB_TIMEZONE', `"${raw}" is not an IANA time zone such as America/New_York`);
  }
  return raw;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `"${raw}" is not a boolean (true/false)`);
}

function readJwtSecret(env: Env): string | null {
  const raw = env.HUB_JWT_SECRET;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new ConfigError('HUB_JWT_SECRET', 'must be at least 32 characters');
  return raw;
}

function readAdmin(env: Env): { adminUsername: string; adminPassword: string | null } {
  const username = env.HUB_ADMIN_USERNAME ?? 'admin';
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(username)) {
    throw new ConfigError('HUB_ADMIN_USERNAME', 'use 1-64 letters, digits or _.@-');
  }
  const password = env.HUB_ADMIN_PASSWORD;
  // The first admin's password follows the rule of every password the API sets.
  const problem = password ? passwordProblem(password, 'the password') : null;
  if (problem) throw new ConfigError('HUB_ADMIN_PASSWORD', problem);
  return { adminUsername: username, adminPassword: password ? password : null };
}

function readPositive(env: Env, name: string, fallback: number, opts: { allowZero?: boolean } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) > 1_000_000 || (!opts.allowZero && Number(raw) === 0)) {
    throw new ConfigError(name, `"${raw}" is not a number ${opts.allowZero ? '(0 switches it off)' : 'above 0'}`);
  }
  return Number(raw);
}

function readRateLimit(env: Env): HubConfig['rateLimit'] {
  const perSecond = readPositive(env, 'HUB_RATE_LIMIT_RPS', 50, { allowZero: true });
  const burst = readPositive(env, 'HUB_RATE_LIMIT_BURST', Math.max(200, perSecond * 4));
  return perSecond === 0 ? null : { refillPerSecond: perSecond, capacity: burst };
}

/** Comma-separated origins such as https://console.example.com:8443: scheme, host and port only. */
function readCorsOrigins(env: Env): string[] {
  const raw = env.HUB_CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((item) => {
    const value = item.trim();
    let origin: string | null = null;
    try {
      const url = new URL(value);
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '')) origin = url.origin;
    } catch {
      origin = null;
    }
    if (!origin)
      throw new ConfigError(
        'HUB_CORS_ORIGINS',
        `"${value}" is not an origin; list origins like https://console.example.com, separated by commas`,
      );
    return origin;
  });
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One trusted proxy: an address, a CIDR block or one of express's names for a range. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

function readTrustProxy(env: Env): HubConfig['trustProxy'] {
  const raw = env.HUB_TRUST_PROXY?.trim();
  if (raw === undefined || raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) {
    throw new ConfigError(
      'HUB_TRUST_PROXY',
      'trusting every proxy lets any client choose its own address; give the number of proxies in front of the hub, or their addresses',
    );
  }
  if (/^\d+$/.test(raw)) {
    if (Number(raw) > 10) throw new ConfigError('HUB_TRUST_PROXY', `"${raw}" proxies is more than 10; give the proxies' addresses instead`);
    return Number(raw);
  }
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyEntry(e));
  if (bad !== undefined) {
    throw new ConfigError('HUB_TRUST_PROXY', `"${bad}" is not an address, a CIDR block (10.0.0.0/8), loopback, linklocal or uniquelocal`);
  }
  return entries;
}

function readRetentionDays(env: Env): number {
  const raw = env.HUB_EVENT_RETENTION_DAYS;
  if (raw === undefined || raw === '') return 90;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < MIN_RETENTION_DAYS) {
    throw new ConfigError('HUB_EVENT_RETENTION_DAYS', `"${raw}" is not a whole number of days of at least ${MIN_RETENTION_DAYS}`);
  }
  return Number(raw);
}

/** Seconds, as a whole or decimal number above 0. */
function readSeconds(env: Env, name: string, fallback: number): number {
  return readPositive(env, name, fallback);
}

function readWebhooks(env: Env): WebhookConfig {
  const raw = env.HUB_WEBHOOK_RETRY_SCHEDULE;
  let schedule = DEFAULT_RETRY_SCHEDULE_S;
  if (raw !== undefined && raw !== '') {
    const parts = raw.split(',').map((p) => p.trim());
    if (parts.some((p) => !/^\d+(\.\d+)?$/.test(p) || Number(p) === 0 || Number(p) > 1_000_000)) {
      throw new ConfigError('HUB_WEBHOOK_RETRY_SCHEDULE', `"${raw}" is not a comma-separated list of seconds above 0, e.g. 5,300,1800`);
    }
    schedule = parts.map(Number);
  }
  return {
    allowPrivate: readBoolean(env, 'HUB_WEBHOOK_ALLOW_PRIVATE', false),
    retryScheduleMs: schedule.map((s) => Math.round(s * 1000)),
    retryWindowMs: Math.round(readSeconds(env, 'HUB_WEBHOOK_RETRY_WINDOW', DEFAULT_RETRY_WINDOW_S) * 1000),
    timeoutMs: Math.round(readSeconds(env, 'HUB_WEBHOOK_TIMEOUT', 10) * 1000),
  };
}

/** Reads and validates the whole configuration once; nothing else reads the environment. */
export function loadConfig(env: Env = process.env): HubConfig {
  const database = readDatabase(env);
  const logLevel = env.HUB_LOG_LEVEL ?? 'info';
  if (logLevel !== 'silent' && logLevel !== 'error' && logLevel !== 'info') {
    throw new ConfigError('HUB_LOG_LEVEL', `"${logLevel}" is not one of silent, error, info`);
  }
  return {
    port: readPort(env),
    database,
    redisUrl: readRedis(env),
    jwtSecret: readJwtSecret(env),
    ...readAdmin(env),
    timezone: readTimezone(env),
    demo: readBoolean(env, 'HUB_DEMO', database.kind === 'sqlite'),
    production: env.NODE_ENV === 'production',
    logLevel,
    rateLimit: readRateLimit(env),
    corsOrigins: readCorsOrigins(env),
    trustProxy: readTrustProxy(env),
    eventRetentionDays: readRetentionDays(env),
    webhooks: readWebhooks(env),
    mail: readMail(env),
    renderThreads: readRenderThreads(env),
    futureCollectionsRuns: readBoolean(env, 'HUB_FUTURE_COLLECTIONS_RUNS', false),
  };
}

/** The render worker has at most two batches of four documents being laid out; past four threads, more would rarely be busy. */
const MAX_RENDER_THREADS = 4;

/** By default one thread per core beyond the first, at least one and at most four. */
function readRenderThreads(env: Env): number {
  const fallback = Math.min(MAX_RENDER_THREADS, Math.max(1, availableParallelism() - 1));
  const raw = env.HUB_RENDER_THREADS;
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_RENDER_THREADS) {
    throw new ConfigError(
      'HUB_RENDER_THREADS',
      `"${raw}" is not a whole number from 0 to ${MAX_RENDER_THREADS} (0 lays PDFs out on the API's thread)`,
    );
  }
  return Number(raw);
}

function readMail(env: Env): MailConfig {
  const raw = env.HUB_SMTP_URL?.trim();
  let smtpUrl: string | null = null;
  if (raw) {
    let url: URL | null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
      throw new ConfigError('HUB_SMTP_URL', `"${redactUrl(raw)}" is not an SMTP URL such as smtp://user:pass@host:587 or smtps://host:465`);
    }
    smtpUrl = raw;
  }
  const from = env.HUB_MAIL_FROM?.trim() || 'billing@localhost';
  if (from.length > 254 || !/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(from)) {
    throw new ConfigError(
      'HUB_MAIL_FROM',
      `"${from}" is not an address such as billing@example.com or "Example Energy <billing@example.com>"`,
    );
  }
  return {
    smtpUrl,
    from,
    dir: path.resolve(env.HUB_DATA_DIR ?? 'data', 'mail'),
    retryMs: Math.round(readSeconds(env, 'HUB_MAIL_RETRY_SECONDS', 60) * 1000),
  };
}

/** A URL without its password, for a message that names it. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}
