import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ImportRejection } from '../../../common/import-rejection';
import { DateScalar, MoneyScalar, type InvalidValue } from '../../../common/scalars';
import { DeliveryMethod } from '../delivery-method';
import { PostalAddressInput } from '../postal-address';

// Malformed dates and amounts arrive as InvalidValue: the import rejects that row alone.

@InputType({ description: 'An open invoice of the previous system, carried over as an ISSUED invoice of the account.' })
export class OpeningBalanceInput {
  @Field({
    description:
      "The invoice's number in the previous system: at most 40 characters, unique within the row (case does not matter). The bill line names it.",
  })
  legacyNumber!: string;

  @Field(() => DateScalar, { description: 'The day the previous system issued it; today or earlier.' })
  issueDate!: string | InvalidValue;

  @Field(() => DateScalar, {
    description: 'The day it is (or was) due, on or after issueDate: collections and aging count it past due from the day after.',
  })
  dueDate!: string | InvalidValue;

  @Field(() => MoneyScalar, { description: 'What is still open on it; more than 0.' })
  amount!: number | InvalidValue;
}

@InputType({
  description:
    'One account to import, with its enrollment, collections path and the open invoices carried over from the previous system. The account fields follow CreateAccountInput.',
})
export class AccountImportInput {
  @Field({ description: 'Unique account number: letters, digits, _ and -, starting with a letter or digit; at most 32 characters.' })
  number!: string;

  @Field({ description: "The customer's name, at most 128 characters." })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Email address, at most 254 characters.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number: digits, spaces and +()-. only, at most 32 characters.' })
  phone?: string | null;

  @Field({ description: 'Segment key, e.g. RESIDENTIAL: letters, digits and _, at most 32 characters; stored upper-case.' })
  segment!: string;

  @Field(() => PostalAddressInput, { nullable: true, description: 'The postal address printed on bills and letters.' })
  address?: PostalAddressInput | null;

  @Field(() => DeliveryMethod, { nullable: true, description: 'Default EMAIL when an email is given, else PRINT. EMAIL needs an email.' })
  delivery?: DeliveryMethod | null;

  @Field(() => String, {
    nullable: true,
    description: 'Tax zone code: letters, digits, _ and -, at most 32 characters, stored upper-case; default DEFAULT.',
  })
  taxZone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the customer is exempt from tax; default false.' })
  taxExempt?: boolean | null;

  @Field(() => String, { nullable: true, description: "The exemption certificate's reference, at most 64 characters." })
  taxExemptionRef?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Enrolls the account from startDate when given: the code of a product on sale that day.',
  })
  productCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A promo code of the product valid on startDate, with redemptions left; case does not matter. Needs productCode.',
  })
  promoCode?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the enrollment; given with productCode.' })
  startDate?: string | InvalidValue | null;

  @Field(() => ID, { nullable: true, description: 'An active collections path assigned to the account; none: its segment decides.' })
  collectionsPathId?: string | null;

  @Field(() => [OpeningBalanceInput], {
    nullable: true,
    description: 'Open invoices carried over from the previous system, at most 100: each becomes an ISSUED invoice due on its dueDate.',
  })
  openingBalance?: OpeningBalanceInput[] | null;
}

@ObjectType({ description: 'What importAccounts did with each row of the call.' })
export class AccountImportResult {
  @Field(() => Int, { description: 'Accounts created, with their enrollments and opening balances.' })
  accepted!: number;

  @Field(() => Int, { description: 'Rows identical to an account already imported; ignored.' })
  duplicates!: number;

  @Field(() => [ImportRejection], {
    description:
      'Rows refused, each with its index and reason: INVALID_VALUE (a malformed or out-of-bounds field), ACCOUNT_EXISTS (the number belongs to an account with other details), UNKNOWN_PRODUCT, NOT_ON_SALE, INVALID_PROMO_CODE, UNKNOWN_COLLECTIONS_PATH or INVALID_OPENING_BALANCE.',
  })
  rejected!: ImportRejection[];
}
