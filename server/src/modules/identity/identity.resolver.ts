import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Access } from '../../common/auth/roles';
import { rootDescription } from '../../common/descriptions';
import type { HubContext } from '../../common/context';
import { ApiKey } from './api-key.entity';
import { ApiKeyWithSecret, AuthPayload, CreateApiKeyInput, CreateUserInput, UpdateUserInput } from './identity.types';
import { User } from './user.entity';

@Resolver()
export class IdentityResolver {
  @Authorized(...Access.ANY)
  @Query(() => User, {
    description: rootDescription(
      `The caller: the signed-in user, or for an API key a user named "apikey:<name>" with the key's role.`,
      Access.ANY,
    ),
  })
  me(@Ctx() ctx: HubContext): Promise<User> {
    return ctx.services.identity.me(ctx.actor());
  }

  @Authorized(...Access.ADMIN)
  @Query(() => [User], { description: rootDescription('Console users, by username.', Access.ADMIN) })
  users(@Ctx() ctx: HubContext): Promise<User[]> {
    return ctx.services.identity.users();
  }

  @Authorized(...Access.ADMIN)
  @Query(() => [ApiKey], {
    description: rootDescription('API keys, newest first, revoked ones included; their secrets are never shown again.', Access.ADMIN),
  })
  apiKeys(@Ctx() ctx: HubContext): Promise<ApiKey[]> {
    return ctx.services.identity.apiKeys();
  }

  @Mutation(() => AuthPayload, {
    description: rootDescription(
      'Signs a console user in and answers a token valid for 12 hours.',
      null,
      'UNAUTHENTICATED for a wrong username or password (the same answer for both); RATE_LIMITED after 5 failures for one username from one client address (then one try every 3 minutes), or 20 from one address whatever the usernames (then one a minute).',
    ),
  })
  login(
    @Arg('username', { description: 'The name the user signs in with.' }) username: string,
    @Arg('password', { description: "The user's password." }) password: string,
    @Ctx() ctx: HubContext,
  ): Promise<AuthPayload> {
    return ctx.services.identity.login(username, password, ctx.address);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => User, {
    description: rootDescription(
      'Creates a console user.',
      Access.ADMIN,
      'CONFLICT when the username is taken; BAD_USER_INPUT for a username, display name or password out of bounds.',
    ),
  })
  createUser(
    @Arg('input', () => CreateUserInput, { description: 'The user to create.' }) input: CreateUserInput,
    @Ctx() ctx: HubContext,
  ): Promise<User> {
    return ctx.services.identity.createUser(ctx.actor(), input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => ApiKeyWithSecret, {
    description: rootDescription('Creates an API key and answers its secret, shown this once.', Access.ADMIN),
  })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The key to create.' }) input: CreateApiKeyInput,
    @Ctx() ctx: HubContext,
  ): Promise<ApiKeyWithSecret> {
    return ctx.services.identity.createApiKey(ctx.actor(), input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => ApiKey, {
    description: rootDescription(
      'Revokes an API key at once: its requests are refused and its open WebSockets closed.',
      Access.ADMIN,
      'NOT_FOUND when there is no such key; INVALID_STATE when it is already revoked.',
    ),
  })
  revokeApiKey(@Arg('id', () => ID, { description: 'The key to revoke.' }) id: string, @Ctx() ctx: HubContext): Promise<ApiKey> {
    return ctx.services.identity.revokeApiKey(ctx.actor(), id);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => User, {
    description: rootDescription(
      "Changes a user's display name, role or active flag. Deactivating (active: false) or changing the role ends the user's sessions and closes their WebSockets at once; a deactivated user cannot sign in until reactivated.",
      Access.ADMIN,
      'NOT_FOUND when there is no such user; BAD_USER_INPUT when nothing is given or the display name is out of bounds; INVALID_STATE when the change would leave no active admin, or an admin would deactivate themselves or change their own role.',
    ),
  })
  updateUser(
    @Arg('id', () => ID, { description: 'The user to change.' }) id: string,
    @Arg('input', () => UpdateUserInput, { description: 'The changes.' }) input: UpdateUserInput,
    @Ctx() ctx: HubContext,
  ): Promise<User> {
    return ctx.services.userAdmin.updateUser(ctx.actor(), id, input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => User, {
    description: rootDescription(
      "Resets a user's password; the user's sessions end and their WebSockets close.",
      Access.ADMIN,
      "NOT_FOUND when there is no such user; BAD_USER_INPUT for a password out of 8 to 256 characters or of spaces only, or for the caller's own password (changeMyPassword asks for the current one).",
    ),
  })
  setUserPassword(
    @Arg('id', () => ID, { description: 'The user whose password to reset.' }) id: string,
    @Arg('password', { description: 'The new password, 8 to 256 characters, not only spaces.' }) password: string,
    @Ctx() ctx: HubContext,
  ): Promise<User> {
    return ctx.services.userAdmin.setUserPassword(ctx.actor(), id, password);
  }

  @Authorized(...Access.ANY)
  @Mutation(() => User, {
    description: rootDescription(
      'The signed-in user changes their own password; the session in use stays signed in.',
      Access.ANY,
      'BAD_USER_INPUT when currentPassword is wrong, the new one is out of 8 to 256 characters, of spaces only or the same, or the caller is an API key; RATE_LIMITED after repeated wrong current passwords, as for login.',
    ),
  })
  changeMyPassword(
    @Arg('currentPassword', { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', { description: 'The new password, 8 to 256 characters, not only spaces.' }) newPassword: string,
    @Ctx() ctx: HubContext,
  ): Promise<User> {
    return ctx.services.userAdmin.changeMyPassword(ctx.actor(), currentPassword, newPassword, ctx.address);
  }
}
