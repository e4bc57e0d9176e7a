import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../common/scalars';
import { CollectionsActionType } from './collections.entity';

@InputType({
  description:
    'One step of a collections path, in the order the path runs them. An action takes only the options it uses: giving another answers BAD_USER_INPUT.',
})
export class CollectionsStepInput {
  @Field({ description: 'Its name, at most 128 characters.' })
  name!: string;

  @Field(() => Int, { description: "Due once the account's daysPastDue reaches this, 0 to 3650." })
  daysPastDue!: number;

  @Field(() => MoneyScalar, { description: '...and its pastDue reaches this; zero or more.' })
  minPastDue!: number;

  @Field(() => CollectionsActionType, { description: 'What the step does.' })
  action!: CollectionsActionType;

  @Field(() => String, { nullable: true, description: 'Required for REMINDER and LETTER.' })
  template?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for CALL_REQUEST: the key of an existing work queue.' })
  queueKey?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'LATE_FEE: give feeAmount or feePercent.' })
  feeAmount?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'LATE_FEE: percent of pastDue, e.g. "1.5".' })
  feePercent?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Position (1-based, in this input's steps) of the notice step: an earlier step of the path. Give it with noticeDays.",
  })
  noticeStepPosition?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The step is not taken until its notice step was taken at least this many days earlier (0 to 3650) in the same delinquency.',
  })
  noticeDays?: number | null;
}

@InputType({ description: 'A collections path: its name, the segments it serves and its steps (at most 50).' })
export class CollectionsPathInput {
  @Field({ description: 'Its name, at most 128 characters.' })
  name!: string;

  @Field(() => [String], {
    description: 'Segments it serves, at most 100, stored upper-case. Two active paths may not serve the same segment.',
  })
  segments!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Making a path the default clears the flag on the previous default.' })
  isDefault?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'False switches the path off; default true.' })
  active?: boolean | null;

  @Field(() => [CollectionsStepInput], { description: 'The steps, in the order they run; an update replaces them as a whole.' })
  steps!: CollectionsStepInput[];
}
