import Redis from 'ioredis';

/** A token bucket: `capacity` tokens at most, refilled at `refillPerSecond`. */
export interface BucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface Verdict {
  allowed: boolean;
  /** When the next token will be there, rounded up to whole seconds (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Takes `cost` tokens (0 only checks that one is there) from the key's bucket. */
  take(key: string, spec: BucketSpec, cost?: number): Promise<Verdict>;
  /** Puts `count` tokens back into the key's bucket (never above its capacity): an attempt that turned out well. */
  give(key: string, spec: BucketSpec, count: number): Promise<void>;
  close(): Promise<void>;
}

interface Bucket {
  tokens: number;
  at: number;
  spec: BucketSpec;
}

function refilled(bucket: Bucket, now: number): number {
  return Math.min(bucket.spec.capacity, bucket.tokens + ((now - bucket.at) / 1000) * bucket.spec.refillPerSecond);
}

/** Buckets in this process's memory: for one process, or when no Redis is configured. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  async take(key: string, spec: BucketSpec, cost = 1, now = Date.now()): Promise<Verdict> {
    const bucket = this.buckets.get(key);
    const tokens = bucket ? refilled({ ...bucket, spec }, now) : spec.capacity;
    const need = Math.max(cost, 1);
    const allowed = tokens >= need;
    this.buckets.set(key, { tokens: allowed ? tokens - cost : tokens, at: now, spec });
    if (this.buckets.size > 100_000) this.evictFull(now);
    return { allowed, retryAfterSeconds: allowed ? 0 : Math.ceil((need - tokens) / spec.refillPerSecond) };
  }

  async give(key: string, spec: BucketSpec, count: number, now = Date.now()): Promise<void> {
    const bucket = this.buckets.get(key);
    if (bucket) this.buckets.set(key, { tokens: Math.min(spec.capacity, refilled({ ...bucket, spec }, now) + count), at: now, spec });
  }

  /**
   * Full buckets carry no information; dropping them keeps memory bounded. Each
   * bucket is judged by its own spec, so a sign-in bucket a few failures down is
   * never taken for a full request quota.
   */
  private evictFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (refilled(b, now) >= b.spec.capacity) this.buckets.delete(key);
    }
  }

  async close(): Promise<void> {
    this.buckets.clear();
  }
}

/** The bucket update as one atomic script, with Redis's own clock so every process agrees. */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or capacity
local at = tonumber(b[2]) or now
tokens = math.min(capacity, tokens + (now - at) / 1000 * rate)
local need = math.max(cost, 1)
local allowed = 0
local retry = 0
if tokens >= need then
  allowed = 1
  tokens = tokens - cost
else
  retry = math.ceil((need - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return {allowed, retry}
`;

/** Tokens given back, refilled as in TAKE_SCRIPT and never above the capacity; a bucket that is gone is full already. */
const GIVE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
if not b[1] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tokens = math.min(capacity, tonumber(b[1]) + (now - tonumber(b[2])) / 1000 * rate + count)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
return 1
`;

/**
 * Buckets in Redis, shared by every process of a deployment. When Redis cannot
 * answer quickly, this process's own buckets decide instead: an outage of the
 * limiter must not become an outage of the API, nor lift the limits (sign-in
 * guessing above all) while it lasts.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly fallback = new MemoryRateLimiter();

  constructor(
    url: string,
    /** Buckets are named per deployment, like the event channels. */
    private readonly deploymentId: string,
    onError: (error: unknown) => void,
  ) {
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 250, lazyConnect: false });
    this.redis.on('error', onError);
  }

  async take(key: string, spec: BucketSpec, cost = 1): Promise<Verdict> {
    try {
      const [allowed, retry] = (await this.redis.eval(
        TAKE_SCRIPT,
        1,
        `hub:${this.deploymentId}:rate:${key}`,
        spec.capacity,
        spec.refillPerSecond,
        cost,
      )) as [number, number];
      return { allowed: allowed === 1, retryAfterSeconds: allowed === 1 ? 0 : retry };
    } catch {
      return this.fallback.take(key, spec, cost);
    }
  }

  async give(key: string, spec: BucketSpec, count: number): Promise<void> {
    try {
      await this.redis.eval(GIVE_SCRIPT, 1, `hub:${this.deploymentId}:rate:${key}`, spec.capacity, spec.refillPerSecond, count);
    } catch {
      await this.fallback.give(key, spec, count);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }
}
