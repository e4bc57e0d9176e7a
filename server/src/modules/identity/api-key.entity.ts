import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { DateTimeScalar } from '../../common/scalars';
import { IdColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

@ObjectType()
@Entity('api_key')
export class ApiKey {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field()
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => Role)
  @TextColumn('role', { length: 16 })
  role!: Role;

  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  @TextColumn('secret_digest', { length: 64 })
  secretDigest!: string;

  @Field(() => DateTimeScalar)
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;
}
