import { Field, InputType } from 'type-graphql';
import { MoneyScalar } from '../../common/scalars';
import { PaymentChannel } from './payment.entity';

@InputType({ description: 'Unapplied credit paid back to the customer.' })
export class RecordRefundInput {
  @Field({ description: 'The number of the account refunded.' })
  accountNumber!: string;

  @Field(() => MoneyScalar, { description: "More than 0 and at most the account's unapplied credit." })
  amount!: number;

  @Field(() => PaymentChannel, { description: 'How it is paid back.' })
  channel!: PaymentChannel;

  @Field(() => String, { nullable: true, description: "The bank's or check's reference, at most 128 characters." })
  reference?: string | null;

  @Field({ description: 'As for payments.' })
  idempotencyKey!: string;
}
