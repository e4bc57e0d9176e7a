import { Field, ID, InputType } from 'type-graphql';
import { MoneyScalar } from '../../common/scalars';

@InputType({ description: 'What to credit of one invoice line.' })
export class CreditItemInput {
  @Field(() => ID, { description: 'The invoice line (InvoiceLine.id).' })
  invoiceLineId!: string;

  @Field(() => MoneyScalar, {
    description:
      "With the line's sign (negative to take back a CREDIT line's discount); at most what earlier credit notes left of the line.",
  })
  amount!: number;
}

@InputType({ description: 'A credit note on one invoice: in full, or by line.' })
export class CreditInvoiceInput {
  @Field(() => ID, { description: 'The ISSUED or PAID invoice to credit.' })
  invoiceId!: string;

  @Field({ description: 'Why, shown on the credit note (at most 2000 characters).' })
  reason!: string;

  @Field(() => [CreditItemInput], { nullable: true, description: 'By line; omit for a full credit (every line, taxes included).' })
  items?: CreditItemInput[] | null;

  @Field(() => Boolean, { nullable: true, description: "Full credit only: the invoice's reads become billable again." })
  rebill?: boolean | null;
}

@InputType({ description: "A one-off charge or credit for the account's next regular invoice." })
export class AddChargeInput {
  @Field(() => ID, { description: 'The account charged or credited.' })
  accountId!: string;

  @Field({ description: 'What it is for, as the invoice line will show it (at most 255 characters).' })
  description!: string;

  @Field(() => MoneyScalar, { description: 'Not 0: positive for a charge, negative for a credit.' })
  amount!: number;

  @Field({ description: 'Whether tax applies to it.' })
  taxable!: boolean;
}
