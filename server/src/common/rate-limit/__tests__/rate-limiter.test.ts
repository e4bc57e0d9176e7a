import { MemoryRateLimiter } from '../rate-limiter';

const FAILURES = { capacity: 5, refillPerSecond: 1 / 180 };
const QUOTA = { capacity: 200, refillPerSecond: 50 };

describe('MemoryRateLimiter', () => {
  it('gives back a token taken, never above the capacity', async () => {
    const limiter = new MemoryRateLimiter();
    for (let i = 0; i < 5; i++) expect((await limiter.take('k', FAILURES, 1, 0)).allowed).toBe(true);
    expect((await limiter.take('k', FAILURES, 1, 0)).allowed).toBe(false);
    await limiter.give('k', FAILURES, 1, 0);
    expect((await limiter.take('k', FAILURES, 1, 0)).allowed).toBe(true);
    await limiter.give('k', FAILURES, 100, 0);
    for (let i = 0; i < 5; i++) expect((await limiter.take('k', FAILURES, 1, 0)).allowed).toBe(true);
    expect((await limiter.take('k', FAILURES, 1, 0)).allowed).toBe(false);
  });

  it('keeps a spent sign-in bucket when it drops full buckets of other kinds to bound its memory', async () => {
    const limiter = new MemoryRateLimiter();
    for (let i = 0; i < 5; i++) await limiter.take('login', FAILURES, 1, 0);
    // 100,000 request quotas, full again ten seconds later: the next take drops them, judged by their own spec.
    for (let i = 0; i < 100_000; i++) await limiter.take(`quota:${i}`, QUOTA, 1, 0);
    await limiter.take('quota:last', QUOTA, 1, 10_000);
    expect((await limiter.take('login', FAILURES, 1, 10_000)).allowed).toBe(false);
  });
});
