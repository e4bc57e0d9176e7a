import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../common/scalars';
import { CollectionsActionType } from './collections.entity';

@InputType()
export class CollectionsStepInput {
  @Field()
  name!: string;

  @Field(() => Int)
  daysPastDue!: number;

  @Field(() => MoneyScalar)
  minPastDue!: number;

  @Field(() => CollectionsActionType)
  action!: CollectionsActionType;

  @Field(() => String, { nullable: true, description: 'Required for REMINDER and LETTER.' })
  template?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for CALL_REQUEST: the key of an existing work queue.' })
  queueKey?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'LATE_FEE: give feeAmount or feePercent.' })
  feeAmount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'LATE_FEE: percent of pastDue, e.g. "1.5".' })
  feePercent?: number | null;
}

@InputType()
export class CollectionsPathInput {
  @Field()
  name!: string;

  @Field(() => [String])
  segments!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Making a path the default clears the flag on the previous default.' })
  isDefault?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  active?: boolean | null;

  @Field(() => [CollectionsStepInput], { description: 'The steps, in the order they run; an update replaces them as a whole.' })
  steps!: CollectionsStepInput[];
}
