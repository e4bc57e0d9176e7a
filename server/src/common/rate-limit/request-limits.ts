import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/roles';
import { ErrorCode } from '../errors/hub-error';
import { clientKey } from './client-address';
import type { BucketSpec, RateLimiter } from './rate-limiter';

/** Five wrong passwords for one username from one client address, then one more try every three minutes. */
export const LOGIN_FAILURES: BucketSpec = { capacity: 5, refillPerSecond: 1 / 180 };

/** Twenty wrong passwords from one client address, whatever the usernames, then one more try a minute. */
export const ADDRESS_LOGIN_FAILURES: BucketSpec = { capacity: 20, refillPerSecond: 1 / 60 };

/** A sign-in attempt that holds its place in the throttle until it is known to have succeeded. */
export interface SignInAttempt {
  /** The password was right: clears the username's failures from this address and gives the address its attempt back. */
  succeeded(): Promise<void>;
}

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
    const key = principal ? `${principal.kind}:${principal.id}` : `addr:${clientKey(address)}`;
    const verdict = await this.limiter.take(key, this.perPrincipal);
    if (!verdict.allowed) {
      throw rateLimited(
        `Too many requests for ${principal ? principal.name : 'this address'} (${this.perPrincipal.refillPerSecond}/s, bursts of ${this.perPrincipal.capacity})`,
        verdict.retryAfterSeconds,
      );
    }
  }

  /**
   * Counts a sign-in attempt before its password is checked, so attempts sent
   * at once cannot all pass a check made before any of them failed. Failures
   * count twice: for the (normalised) username from this client address, and
   * for the address whatever the username. Neither counts the username alone:
   * guesses from one address never lock the user out at another. Refused
   * (RATE_LIMITED) while either has used up its failures, even with the right
   * password; a refused attempt takes nothing.
   */
  async signInAttempt(username: string, address: string): Promise<SignInAttempt> {
    const client = clientKey(address);
    const buckets: Array<{ key: string; spec: BucketSpec; refusal: string }> = [
      {
        key: `login-user:${client}:${username}`,
        spec: LOGIN_FAILURES,
        refusal: `Too many failed sign-ins for ${username.slice(0, 64)} from this address`,
      },
      { key: `login-addr:${client}`, spec: ADDRESS_LOGIN_FAILURES, refusal: 'Too many failed sign-ins from this address' },
    ];
    const taken: typeof buckets = [];
    for (const bucket of buckets) {
      const verdict = await this.limiter.take(bucket.key, bucket.spec, 1);
      if (!verdict.allowed) {
        await this.giveBack(taken);
        throw rateLimited(bucket.refusal, verdict.retryAfterSeconds);
      }
      taken.push(bucket);
    }
    // A right password clears the username's failures from this address (only the password's owner can do that), and
    // gives back its own attempt to the address: signing in to one account never buys guesses at others.
    return { succeeded: () => this.giveBack(taken, { [buckets[0].key]: LOGIN_FAILURES.capacity }) };
  }

  private async giveBack(buckets: Array<{ key: string; spec: BucketSpec }>, counts: Record<string, number> = {}): Promise<void> {
    for (const { key, spec } of buckets) await this.limiter.give(key, spec, counts[key] ?? 1);
  }

  close(): Promise<void> {
    return this.limiter.close();
  }
}
