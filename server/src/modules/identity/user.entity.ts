import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { IdColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

@ObjectType()
@Entity('hub_user')
export class User {
  @Field(() => ID)
  @IdColumn()
  id!: string;

  @Field()
  @TextColumn('username', { length: 64 })
  username!: string;

  @Field()
  @TextColumn('display_name', { length: 128 })
  displayName!: string;

  @Field(() => Role)
  @TextColumn('role', { length: 16 })
  role!: Role;

  @TextColumn('password_hash', { length: 255 })
  passwordHash!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
