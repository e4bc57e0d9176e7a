import { registerEnumType } from 'type-graphql';
import { badInput } from '../../common/errors/hub-error';

export enum DeliveryMethod {
  EMAIL = 'EMAIL',
  PRINT = 'PRINT',
  NONE = 'NONE',
}
registerEnumType(DeliveryMethod, {
  name: 'DeliveryMethod',
  description: 'How bills and letters reach a customer.',
  valuesConfig: {
    EMAIL: { description: "By email to the account's address, the PDF attached." },
    PRINT: { description: "In the day's print batch, for the post." },
    NONE: { description: 'Not sent; kept for download only.' },
  },
});

/** The method for a new account: the one given, else EMAIL when an email is known, else PRINT. */
export function initialDelivery(given: DeliveryMethod | null | undefined, email: string | null): DeliveryMethod {
  const method = given ?? (email ? DeliveryMethod.EMAIL : DeliveryMethod.PRINT);
  checkDelivery(method, email);
  return method;
}

/** EMAIL needs an email address to send to. */
export function checkDelivery(method: DeliveryMethod, email: string | null): void {
  if (method === DeliveryMethod.EMAIL && !email) {
    throw badInput("delivery EMAIL needs the account's email: give an email, or choose PRINT or NONE");
  }
}
