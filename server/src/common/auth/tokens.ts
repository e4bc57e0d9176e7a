import { jwtVerify, SignJWT, errors as joseErrors, type JWTPayload } from 'jose';
import { unauthenticated } from '../errors/hub-error';

const ISSUER = 'billing-hub';
const LIFETIME = '12h';

export interface TokenClaims {
  userId: string;
  /** From the token's exp claim (every token the hub signs has one). */
  expiresAt?: Date;
  /** From the token's iat claim. */
  issuedAt?: Date;
}

function issuedAt(payload: JWTPayload): Date | undefined {
  if (typeof payload.iat_ms === 'number') return new Date(payload.iat_ms);
  return payload.iat === undefined ? undefined : new Date(payload.iat * 1000);
}

/** Signs and checks console session tokens (HS256). */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(claims: TokenClaims): Promise<string> {
    // iat is in whole seconds; the milliseconds tell a token signed just after a password reset from one signed just before.
    return new SignJWT({ iat_ms: Date.now() })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(LIFETIME)
      .sign(this.key);
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub) throw unauthenticated('The token names no user');
      return {
        userId: payload.sub,
        expiresAt: payload.exp === undefined ? undefined : new Date(payload.exp * 1000),
        issuedAt: issuedAt(payload),
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The session has expired; sign in again');
      throw unauthenticated('The token is not valid; sign in again');
    }
  }
}
