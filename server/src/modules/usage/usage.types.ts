import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DecimalScalar, type InvalidValue } from '../../common/scalars';

@InputType()
export class UsageInput {
  @Field()
  accountNumber!: string;

  // Malformed dates and quantities arrive as InvalidValue: the service rejects that read alone.
  @Field(() => DateScalar)
  periodStart!: string | InvalidValue;

  @Field(() => DateScalar)
  periodEnd!: string | InvalidValue;

  @Field(() => DecimalScalar)
  quantity!: number | InvalidValue;

  @Field(() => Boolean, { nullable: true })
  estimated?: boolean | null;
}

@ObjectType()
export class UsageRejection {
  @Field(() => Int, { description: 'Position of the rejected read in the request.' })
  index!: number;

  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType()
export class UsageImportResult {
  @Field(() => Int)
  accepted!: number;

  @Field(() => Int, { description: 'Reads identical to one already stored (same account and period); ignored.' })
  duplicates!: number;

  @Field(() => [UsageRejection])
  rejected!: UsageRejection[];
}
