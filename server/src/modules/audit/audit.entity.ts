import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateTimeScalar, JSONScalar } from '../../common/scalars';
import { IdColumn, JsonColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

/** Who changed what, with the subject before and after. Written only inside the change's own transaction. */
@ObjectType()
@Entity('audit_entry')
export class AuditEntry {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field(() => DateTimeScalar)
  @TimestampColumn('at')
  at!: Date;

  @Field()
  @TextColumn('actor', { length: 128 })
  actor!: string;

  @Field()
  @TextColumn('action', { length: 64 })
  action!: string;

  @Field()
  @TextColumn('subject_type', { length: 64 })
  subjectType!: string;

  @Field()
  @TextColumn('subject_id', { length: 64 })
  subjectId!: string;

  @Field(() => JSONScalar, { nullable: true })
  @JsonColumn('before_state', { nullable: true })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  @JsonColumn('after_state', { nullable: true })
  after!: unknown;
}
