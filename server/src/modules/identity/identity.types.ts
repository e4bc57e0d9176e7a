import { Field, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../common/auth/roles';
import { ApiKey } from './api-key.entity';
import { User } from './user.entity';

@ObjectType({ description: 'A signed-in session: the token to send and the user it is for.' })
export class AuthPayload {
  @Field({ description: 'Bearer token for the Authorization header and for graphql-ws connectionParams.authorization.' })
  token!: string;

  @Field(() => User, { description: 'The user who signed in.' })
  user!: User;
}

@ObjectType({ description: 'A new API key with its secret, which is never shown again.' })
export class ApiKeyWithSecret {
  @Field(() => ApiKey, { description: 'The key created.' })
  apiKey!: ApiKey;

  @Field({ description: 'Shown once. Stored only as a hash.' })
  secret!: string;
}

@InputType({ description: 'A new console user.' })
export class CreateUserInput {
  @Field({ description: 'The name to sign in with: letters, digits and _.@- only, at most 64 characters; unique (CONFLICT when taken).' })
  username!: string;

  @Field({ description: 'The name shown in the console, at most 128 characters.' })
  displayName!: string;

  @Field({ description: '8 to 256 characters, not only spaces; stored only as an Argon2id hash.' })
  password!: string;

  @Field(() => Role, { description: 'What the user may do.' })
  role!: Role;
}

@InputType({ description: 'A new API key for a partner or an integrator.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, at most 128 characters.' })
  name!: string;

  @Field(() => Role, { description: 'What the key may do: PARTNER for a sales channel, INTEGRATOR for usage, payments and events.' })
  role!: Role;
}

@InputType({ description: 'Changes to a console user; fields left out stay as they are.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: 'The name shown in the console, at most 128 characters.' })
  displayName?: string | null;

  @Field(() => Role, {
    nullable: true,
    description: "A new role; the user's sessions end, so the new role applies from their next sign-in.",
  })
  role?: Role | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False deactivates the user: they cannot sign in, and their sessions and sockets end at once. True reactivates them.',
  })
  active?: boolean | null;
}
