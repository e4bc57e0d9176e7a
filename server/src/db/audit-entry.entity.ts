import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateTimeScalar, JSONScalar } from '../common/scalars';
import { IdColumn, JsonColumn, TextColumn, TimestampColumn } from './entity-columns';

/** Who changed what, with the subject before and after. Written only inside the change's own transaction. */
@ObjectType({
  description:
    'One change made through the API, written in the same transaction as the change: who, what, on which subject, before and after.',
})
@Entity('audit_entry')
export class AuditEntry {
  @Field(() => ID, { description: "The entry's id; ids grow with time." })
  @IdColumn()
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  @TimestampColumn('at')
  at!: Date;

  @Field({ description: 'Who made it: a username, "apikey:<name>" for an API key, or "system" for the hub itself.' })
  @TextColumn('actor', { length: 128 })
  actor!: string;

  @Field({ description: 'What was done: the name of the mutation or operation, e.g. recordPayment.' })
  @TextColumn('action', { length: 64 })
  action!: string;

  @Field({ description: 'The kind of thing changed, e.g. Account, Invoice, Product.' })
  @TextColumn('subject_type', { length: 64 })
  subjectType!: string;

  @Field({ description: 'The id of the thing changed.' })
  @TextColumn('subject_id', { length: 64 })
  subjectId!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The subject before the change; null when it was created.' })
  @JsonColumn('before_state', { nullable: true })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: 'The subject after the change; null when nothing is left to show.' })
  @JsonColumn('after_state', { nullable: true })
  after!: unknown;
}
