import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../../common/auth/roles';
import type { HubContext } from '../../app/context';
import { ApiKey } from './api-key.entity';
import { ApiKeyWithSecret, AuthPayload, CreateApiKeyInput, CreateUserInput } from './identity.types';
import { User } from './user.entity';

@Resolver()
export class IdentityResolver {
  @Authorized(...Access.ANY)
  @Query(() => User)
  me(@Ctx() ctx: HubContext): Promise<User> {
    return ctx.services.identity.me(ctx.actor());
  }

  @Authorized(...Access.ADMIN)
  @Query(() => [User], { description: 'Console users, by username.' })
  users(@Ctx() ctx: HubContext): Promise<User[]> {
    return ctx.services.identity.users();
  }

  @Authorized(...Access.ADMIN)
  @Query(() => [ApiKey], { description: 'API keys, newest first, revoked ones included; their secrets are never shown again.' })
  apiKeys(@Ctx() ctx: HubContext): Promise<ApiKey[]> {
    return ctx.services.identity.apiKeys();
  }

  @Mutation(() => AuthPayload)
  login(@Arg('username') username: string, @Arg('password') password: string, @Ctx() ctx: HubContext): Promise<AuthPayload> {
    return ctx.services.identity.login(username, password, ctx.address);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => User)
  createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: HubContext): Promise<User> {
    return ctx.services.identity.createUser(ctx.actor(), input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => ApiKeyWithSecret)
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: HubContext): Promise<ApiKeyWithSecret> {
    return ctx.services.identity.createApiKey(ctx.actor(), input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => ApiKey)
  revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<ApiKey> {
    return ctx.services.identity.revokeApiKey(ctx.actor(), id);
  }
}
