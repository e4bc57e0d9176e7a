import type { Role } from '../../generated/graphql';

/** The roles a console user or API key may have, with what each may do. */
export const ROLES: Array<[Role, string]> = [
  ['OPERATOR', 'Operator: everything but users and API keys'],
  ['ADMIN', 'Admin: everything'],
  ['INTEGRATOR', 'Integrator: reads, usage and payments in'],
  ['PARTNER', 'Partner: the product catalog only'],
];
