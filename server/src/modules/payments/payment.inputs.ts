import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DateTimeScalar, MoneyScalar } from '../../common/scalars';
import { PaymentChannel } from './payment.entity';

@InputType()
export class RecordPaymentInput {
  @Field()
  accountNumber!: string;

  @Field(() => MoneyScalar)
  amount!: number;

  @Field(() => PaymentChannel)
  channel!: PaymentChannel;

  @Field(() => DateTimeScalar, { nullable: true })
  receivedAt?: Date | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;

  @Field({
    description:
      'Required. The same key with the same input returns the first payment; with a different input it fails with IDEMPOTENCY_CONFLICT.',
  })
  idempotencyKey!: string;
}

@InputType()
export class CreatePaymentPlanInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => Int)
  installments!: number;

  @Field(() => DateScalar)
  firstDueDate!: string;

  @Field(() => Int, { nullable: true, description: 'Days between installments; default 30.' })
  intervalDays?: number | null;
}
