import { Field, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../common/auth/roles';
import { ApiKey } from './api-key.entity';
import { User } from './user.entity';

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Bearer token for the Authorization header and for graphql-ws connectionParams.authorization.' })
  token!: string;

  @Field(() => User)
  user!: User;
}

@ObjectType()
export class ApiKeyWithSecret {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'Shown once. Stored only as a hash.' })
  secret!: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  username!: string;

  @Field()
  displayName!: string;

  @Field()
  password!: string;

  @Field(() => Role)
  role!: Role;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;
}
