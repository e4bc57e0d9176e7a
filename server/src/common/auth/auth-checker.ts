import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors/hub-error';
import type { Principal, Role } from './roles';

export interface AuthContext {
  principal: Principal | null;
}

/** Throws the contract's codes itself, so the client learns whether to sign in or ask for another role. */
export const authChecker: AuthChecker<AuthContext, Role> = ({ context }, roles) => {
  const principal = context.principal;
  if (!principal) throw unauthenticated();
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw forbidden(`The ${principal.role} role may not do this`);
  }
  return true;
};
