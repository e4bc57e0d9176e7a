import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  OPERATOR = 'OPERATOR',
  PARTNER = 'PARTNER',
  INTEGRATOR = 'INTEGRATOR',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What a console user or an API key may do. Each query, mutation and subscription names the roles that may call it.',
  valuesConfig: {
    ADMIN: { description: 'Everything, including console users and API keys.' },
    OPERATOR: { description: 'Everything but console users and API keys: the back office in the console.' },
    PARTNER: { description: 'A sales channel: the partner catalog (availableProducts, product, productChanged) and me; nothing else.' },
    INTEGRATOR: {
      description: 'Reads everything, pushes usage (recordUsage) and payments (recordPayment) in, and may use every subscription.',
    },
  },
});

/**
 * Who may call what (DESIGN.md): each root field names one of these groups in
 * its @Authorized decorator.
 */
export const Access = {
  /** Users and API keys. */
  ADMIN: [Role.ADMIN],
  /** Every other change an operator makes in the console. */
  OPERATE: [Role.ADMIN, Role.OPERATOR],
  /** Reading everything, and every subscription. */
  READ: [Role.ADMIN, Role.OPERATOR, Role.INTEGRATOR],
  /** What integrators push in: usage and payments. */
  INGEST: [Role.ADMIN, Role.OPERATOR, Role.INTEGRATOR],
  /** The partner catalog. */
  CATALOG: [Role.ADMIN, Role.OPERATOR, Role.INTEGRATOR, Role.PARTNER],
  /** Anyone signed in. */
  ANY: [Role.ADMIN, Role.OPERATOR, Role.INTEGRATOR, Role.PARTNER],
} as const;

/** The caller of a request: a console user (JWT) or an API key. */
export interface Principal {
  kind: 'user' | 'apiKey';
  id: string;
  /** The username, or "apikey:<name>", as it appears in the audit log. */
  name: string;
  role: Role;
  /** When the credential stops being valid on its own (a console session token's expiry); an API key has none. */
  expiresAt?: Date;
  /** When a console session token was signed: one signed before the user's sessionsValidFrom no longer holds. */
  issuedAt?: Date;
}

/**
 * Who did something, as written into texts every reader sees (resolutions,
 * notes, reasons, events): a user by username, an API key only as "apikey".
 * Its name is for admins, who find it in the audit log.
 */
export function signatureOf(actor: Principal): string {
  return actor.kind === 'apiKey' ? 'apikey' : actor.name;
}
