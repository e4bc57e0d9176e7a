import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { DateTimeScalar } from '../../common/scalars';
import { IdColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

@ObjectType({
  description:
    'A credential for a partner or an integrator, sent as "Authorization: Bearer <secret>". Its secret is shown once, when it is created, and stored only as a hash.',
})
@Entity('api_key')
export class ApiKey {
  @Field(() => ID, { description: "The key's id." })
  @IdColumn()
  id!: string;

  @Field({
    description: `What the key is for, e.g. the partner's name; at most 128 characters. The audit log records its calls as "apikey:<name>".`,
  })
  @TextColumn('name', { length: 128 })
  name!: string;

  @Field(() => Role, { description: 'What the key may do, usually PARTNER or INTEGRATOR.' })
  @TextColumn('role', { length: 16 })
  role!: Role;

  /** SHA-256 of the secret; the secret itself is shown once and never stored. */
  @TextColumn('secret_digest', { length: 64 })
  secretDigest!: string;

  @Field(() => DateTimeScalar, { description: 'When the key was created.' })
  @TimestampColumn('created_at')
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; null while it works.' })
  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;
}
