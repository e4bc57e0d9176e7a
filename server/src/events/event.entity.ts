import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idTransformer } from '../db/columns';
import { JsonColumn, TextColumn, TimestampColumn } from '../db/entity-columns';
import { DateTimeScalar, JSONScalar } from '../common/scalars';
import { EventType } from './event-types';

@ObjectType('Event')
@Entity('event')
export class EventRecord {
  @Field(() => ID, { description: 'Gap-free sequence in commit order; pass it as `after` to resume.' })
  @PrimaryColumn({ name: 'id', type: 'bigint', transformer: idTransformer })
  id!: string;

  @Field(() => EventType)
  @TextColumn('type', { length: 40 })
  type!: EventType;

  @Field(() => DateTimeScalar)
  @TimestampColumn('occurred_at')
  occurredAt!: Date;

  @Field(() => String, { nullable: true })
  @TextColumn('account_number', { length: 64, nullable: true })
  accountNumber!: string | null;

  @Field(() => ID)
  @TextColumn('subject_id', { length: 64 })
  subjectId!: string;

  @Field(() => JSONScalar)
  @JsonColumn('payload')
  payload!: Record<string, unknown>;

  @Column({ name: 'committed_at', type: 'datetime' })
  committedAt!: Date;
}
