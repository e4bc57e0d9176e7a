import type { AuthContext } from './auth/auth-checker';
import type { Principal } from './auth/roles';
import { unauthenticated } from './errors/hub-error';
import { RequestLoaders } from './loaders/loaders';
import type { Services } from './services';

/**
 * A WebSocket subscriber the fan-out writes to directly: its graphql-ws
 * operation id, and a write that takes one protocol message already encoded
 * for the wire (by the EncodeMessage given to sharedSubscribe).
 */
export interface DirectSubscriber {
  id: string;
  write(encoded: Buffer): void;
}

/** What every resolver receives: the caller and the services. */
export interface HubContext extends AuthContext {
  principal: Principal | null;
  services: Services;
  loaders: RequestLoaders;
  /** The caller, for services that record who acted; resolvers behind @Authorized always have one. */
  actor(): Principal;
  /** On a WebSocket: where the events subscription writes its messages directly. */
  subscriber?: DirectSubscriber;
  /** The client's address (express's req.ip, so as `trust proxy` reads it), for limits per client; 'unknown' if none. */
  address: string;
}

export function createContext(
  services: Services,
  principal: Principal | null,
  opts: { subscription?: boolean; subscriber?: DirectSubscriber; address?: string } = {},
): HubContext {
  return {
    subscriber: opts.subscriber,
    address: opts.address ?? 'unknown',
    principal,
    services,
    loaders: new RequestLoaders(services, !opts.subscription),
    actor: () => {
      if (!principal) throw unauthenticated();
      return principal;
    },
  };
}
