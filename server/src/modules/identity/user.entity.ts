import { Field, ID, ObjectType } from 'type-graphql';
import { Entity } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { BoolColumn, IdColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';

@ObjectType({ description: 'A person who signs in to the console, or, as answered by me for an API key, the key itself.' })
@Entity('hub_user')
export class User {
  @Field(() => ID, { description: `The user's id; "apikey-<id>" when me answers for an API key.` })
  @IdColumn()
  id!: string;

  @Field({
    description:
      'The name the user signs in with: letters, digits and _.@- only, at most 64 characters; "apikey:<name>" for an API key. It is the actor the audit log records.',
  })
  @TextColumn('username', { length: 64 })
  username!: string;

  @Field({ description: 'The name shown in the console, at most 128 characters.' })
  @TextColumn('display_name', { length: 128 })
  displayName!: string;

  @Field(() => Role, { description: 'What the user may do.' })
  @TextColumn('role', { length: 16 })
  role!: Role;

  @Field({ description: 'A deactivated user cannot sign in; their sessions and sockets end at once.' })
  @BoolColumn('active')
  active!: boolean;

  /** Tokens signed before this instant are refused: set when the user is deactivated, changes role or has the password reset. */
  @TimestampColumn('sessions_valid_from', { nullable: true })
  sessionsValidFrom!: Date | null;

  @TextColumn('password_hash', { length: 255 })
  passwordHash!: string;

  @TimestampColumn('created_at')
  createdAt!: Date;
}
