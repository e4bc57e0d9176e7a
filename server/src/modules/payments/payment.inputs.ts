import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { PaymentChannel } from './payment.entity';

@InputType({ description: 'A payment received for an account.' })
export class RecordPaymentInput {
  @Field({ description: 'The number of the account that paid.' })
  accountNumber!: string;

  @Field(() => MoneyScalar, { description: 'What was received: more than 0 and at most 1,000,000,000.00.' })
  amount!: number;

  @Field(() => PaymentChannel, { description: 'How it was paid.' })
  channel!: PaymentChannel;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the money was received; default now.' })
  receivedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "The payer's or bank's reference, at most 128 characters." })
  reference?: string | null;

  @Field({
    description:
      'Required. The same key with the same input returns the first payment; with a different input it fails with IDEMPOTENCY_CONFLICT.',
  })
  idempotencyKey!: string;
}

@InputType({ description: "A plan spreading an account's current pastDue over installments." })
export class CreatePaymentPlanInput {
  @Field(() => ID, { description: 'The account whose past-due amount the plan spreads.' })
  accountId!: string;

  @Field(() => Int, { description: 'How many installments, 1 to 120.' })
  installments!: number;

  @Field(() => DateScalar, { description: 'The day the first installment is due; today or later.' })
  firstDueDate!: string;

  @Field(() => Int, { nullable: true, description: 'Days between installments; default 30.' })
  intervalDays?: number | null;
}
