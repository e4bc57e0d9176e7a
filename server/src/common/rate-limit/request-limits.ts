import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/roles';
import { ErrorCode } from '../errors/hub-error';
import type { BucketSpec, RateLimiter } from './rate-limiter';

/** Five wrong passwords for one username, then one more try every three minutes. */
export const LOGIN_FAILURES: BucketSpec = { capacity: 5, refillPerSecond: 1 / 180 };

export function rateLimited(what: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`${what}; retry in ${retryAfterSeconds} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfter: retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** Request quotas per API key, per console user and, for calls without credentials, per client address. */
export class RequestLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly perPrincipal: BucketSpec | null,
  ) {}

  async admit(principal: Principal | null, address: string): Promise<void> {
    if (!this.perPrincipal) return;
    const key = principal ? `${principal.kind}:${principal.id}` : `addr:${address}`;
    const verdict = await this.limiter.take(key, this.perPrincipal);
    if (!verdict.allowed) {
      throw rateLimited(
        `Too many requests for ${principal ? principal.name : 'this address'} (${this.perPrincipal.refillPerSecond}/s, bursts of ${this.perPrincipal.capacity})`,
        verdict.retryAfterSeconds,
      );
    }
  }

  /** Refuses a sign-in while the username has used up its failures. */
  async checkLogin(username: string): Promise<void> {
    const verdict = await this.limiter.take(`login:${username.toLowerCase()}`, LOGIN_FAILURES, 0);
    if (!verdict.allowed) throw rateLimited(`Too many failed sign-ins for ${username.slice(0, 64)}`, verdict.retryAfterSeconds);
  }

  async loginFailed(username: string): Promise<void> {
    await this.limiter.take(`login:${username.toLowerCase()}`, LOGIN_FAILURES, 1);
  }

  close(): Promise<void> {
    return this.limiter.close();
  }
}
