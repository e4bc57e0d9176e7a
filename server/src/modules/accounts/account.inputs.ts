import { Field, InputType } from 'type-graphql';
import { DeliveryMethod } from './delivery-method';
import { PostalAddressInput } from './postal-address';

@InputType({ description: 'A new customer account, created ACTIVE.' })
export class CreateAccountInput {
  @Field({
    description:
      'Unique account number: letters, digits, _ and -, starting with a letter or digit; at most 32 characters. A number already taken answers CONFLICT.',
  })
  number!: string;

  @Field({ description: "The customer's name, at most 128 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Email address, at most 254 characters.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number: digits, spaces and +()-. only, at most 32 characters.' })
  phone?: string | null;

  @Field({ description: 'Segment key, e.g. RESIDENTIAL: letters, digits and _, at most 32 characters; stored upper-case.' })
  segment!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Default DEFAULT. The tax zone whose rates tax its invoices: letters, digits and _, at most 32 characters; stored upper-case.',
  })
  taxZone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the account pays no tax; default false.' })
  taxExempt?: boolean | null;

  @Field(() => String, { nullable: true, description: "The exemption certificate's reference, at most 128 characters." })
  taxExemptionRef?: string | null;

  @Field(() => PostalAddressInput, { nullable: true, description: 'The postal address printed on bills and letters.' })
  address?: PostalAddressInput | null;

  @Field(() => DeliveryMethod, { nullable: true, description: 'Default EMAIL when an email is given, else PRINT. EMAIL needs an email.' })
  delivery?: DeliveryMethod | null;
}

@InputType({ description: 'Changes to an account: a field left out keeps its value; null clears email, phone or taxExemptionRef.' })
export class UpdateAccountInput {
  @Field(() => String, { nullable: true, description: 'New name, at most 128 characters; cannot be cleared.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New email address, at most 254 characters; null clears it.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'New phone number; null clears it.' })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New segment key, stored upper-case; cannot be cleared. Billing rules and the collections path follow it.',
  })
  segment?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'New tax zone, stored upper-case; cannot be cleared. Invoices made from now on use it.',
  })
  taxZone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the account pays no tax from its next invoice on; cannot be cleared.' })
  taxExempt?: boolean | null;

  @Field(() => String, { nullable: true, description: "The exemption certificate's reference; null clears it." })
  taxExemptionRef?: string | null;

  @Field(() => PostalAddressInput, { nullable: true, description: 'New postal address; null clears it.' })
  address?: PostalAddressInput | null;

  @Field(() => DeliveryMethod, {
    nullable: true,
    description: 'How bills and letters reach the customer from now on; EMAIL needs an email.',
  })
  delivery?: DeliveryMethod | null;
}
