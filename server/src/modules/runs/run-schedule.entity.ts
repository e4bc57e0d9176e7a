import { Field, ObjectType } from 'type-graphql';
import { Entity, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../../common/scalars';
import { BoolColumn, DateColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { RunKind } from './run-preview.types';

@ObjectType({
  description: 'The daily schedule of a kind of run: at timeOfDay in the hub time zone, a run with asOf that day, once per day.',
})
@Entity('run_schedule')
export class RunSchedule {
  @Field(() => RunKind, { description: 'The kind of run it starts.' })
  @PrimaryColumn({ name: 'kind', type: 'varchar', length: 16 })
  kind!: RunKind;

  @Field({ description: 'Whether it starts runs.' })
  @BoolColumn('enabled')
  enabled!: boolean;

  @Field({ description: "HH:MM in the hub's time zone; the run's asOf is that day." })
  @TextColumn('time_of_day', { length: 5 })
  timeOfDay!: string;

  /** The first day it may start a run: set when it is set, so a time already past that day waits for the next. */
  @DateColumn('first_date', { nullable: true })
  firstDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last day it started a run (claimed by one process); null before the first.',
  })
  @DateColumn('last_run_date', { nullable: true })
  lastRunDate!: string | null;

  @TextColumn('updated_by', { length: 128, nullable: true })
  updatedBy!: string | null;

  @TimestampColumn('updated_at', { nullable: true })
  updatedAt!: Date | null;
}
