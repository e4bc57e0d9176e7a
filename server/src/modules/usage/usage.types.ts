import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, type InvalidValue } from '../../common/scalars';

@InputType({ description: 'One usage read: how much an account consumed over a half-open period [periodStart, periodEnd).' })
export class UsageInput {
  @Field({ description: 'The number of the account that consumed.' })
  accountNumber!: string;

  // Malformed dates and quantities arrive as InvalidValue: the service rejects that read alone.
  @Field(() => DateScalar, { description: 'First day the read covers.' })
  periodStart!: string | InvalidValue;

  @Field(() => DateScalar, {
    description: 'The day after the last day it covers (half-open); after periodStart. Runs bill reads with periodEnd <= their asOf.',
  })
  periodEnd!: string | InvalidValue;

  @Field(() => DecimalScalar, {
    description: "How much was consumed over the period, in the product's unit; zero or more, up to six fraction digits.",
  })
  quantity!: number | InvalidValue;

  @Field(() => Boolean, { nullable: true, description: 'True for an estimated read; default false (an actual read).' })
  estimated?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Default TOTAL; up to 16 characters A-Z, 0-9 and _.' })
  register?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Replace the stored read of the same account, register and period (a corrected read).',
  })
  replace?: boolean | null;
}

@ObjectType({ description: 'A read recordUsage refused, and why; the other reads of the call are kept.' })
export class UsageRejection {
  @Field(() => Int, { description: 'Position of the rejected read in the request.' })
  index!: number;

  @Field({
    description:
      'Why: INVALID_VALUE (a malformed date, quantity or register), INVALID_PERIOD (periodEnd not after periodStart), NEGATIVE_QUANTITY, UNKNOWN_ACCOUNT, OVERLAP (overlaps a stored read of the account and register) or CONFLICTING_READ (differs from the stored read of the same account, register and period, and does not say replace).',
  })
  code!: string;

  @Field({ description: 'What is wrong with the read, in words.' })
  message!: string;
}

@ObjectType({ description: 'What recordUsage did with each read of the call.' })
export class UsageImportResult {
  @Field(() => Int, { description: 'Reads stored, to be billed by the next run whose asOf is on or after their periodEnd.' })
  accepted!: number;

  @Field(() => Int, { description: 'Reads identical to one already stored (same account and period); ignored.' })
  duplicates!: number;

  @Field(() => Int, { description: 'Reads that replaced a stored estimated or corrected read.' })
  replaced!: number;

  @Field(() => [UsageRejection], { description: 'Reads refused, each with its index and reason.' })
  rejected!: UsageRejection[];
}
