import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idTransformer } from '../db/columns';
import { JsonColumn, TextColumn, TimestampColumn } from '../db/entity-columns';
import { DateTimeScalar, JSONScalar } from '../common/scalars';
import { EventType } from './event-types';

@ObjectType('Event', {
  description: 'A committed state change, numbered in commit order without gaps. Kept for replay; `events(after)` reads it again.',
})
@Entity('event')
export class EventRecord {
  @Field(() => ID, { description: 'Gap-free sequence in commit order; pass it as `after` to resume.' })
  @PrimaryColumn({ name: 'id', type: 'bigint', transformer: idTransformer })
  id!: string;

  @Field(() => EventType, { description: 'What changed.' })
  @TextColumn('type', { length: 40 })
  type!: EventType;

  @Field(() => DateTimeScalar, { description: 'When the change committed.' })
  @TimestampColumn('occurred_at')
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'The number of the account concerned; null when none (e.g. a product).' })
  @TextColumn('account_number', { length: 64, nullable: true })
  accountNumber!: string | null;

  @Field(() => ID, { description: 'The id of the thing that changed: the invoice, payment, product, work item... its type says which.' })
  @TextColumn('subject_id', { length: 64 })
  subjectId!: string;

  @Field(() => JSONScalar, {
    description: "The event's details as a JSON object, e.g. an invoice's number and total; Money values as strings.",
  })
  @JsonColumn('payload')
  payload!: Record<string, unknown>;

  @Column({ name: 'committed_at', type: 'datetime' })
  committedAt!: Date;
}
