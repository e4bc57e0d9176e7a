import type { AuthContext } from '../common/auth/auth-checker';
import type { Principal } from '../common/auth/roles';
import { unauthenticated } from '../common/errors/hub-error';
import type { Services } from './services';

/** What every resolver receives: the caller and the services. */
export interface HubContext extends AuthContext {
  principal: Principal | null;
  services: Services;
  /** The caller, for services that record who acted; resolvers behind @Authorized always have one. */
  actor(): Principal;
}

export function createContext(services: Services, principal: Principal | null): HubContext {
  return {
    principal,
    services,
    actor: () => {
      if (!principal) throw unauthenticated();
      return principal;
    },
  };
}
