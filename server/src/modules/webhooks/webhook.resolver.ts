import { rootDescription } from '../../common/descriptions';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../common/context';
import { Access } from '../../common/auth/roles';
import { required } from '../../common/loaders/loaders';
import type { Connection } from '../../common/pagination/connection';
import { ApiKey } from '../identity/api-key.entity';
import { WebhookDelivery, WebhookDeliveryConnection, WebhookEndpoint, WebhookEndpointWithSecret } from './webhook.entity';
import { CreateWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs';
import { apiKeyById } from './webhook.loaders';
import { WebhookTestResult } from './webhook-test';

const ENDPOINT_ID = 'The webhook endpoint id.';

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Authorized(...Access.ADMIN)
  @Query(() => [WebhookEndpoint], {
    description: rootDescription('Every webhook endpoint, oldest first; secrets are never shown again.', Access.ADMIN),
  })
  webhookEndpoints(@Ctx() ctx: HubContext): Promise<WebhookEndpoint[]> {
    return ctx.services.webhooks.list();
  }

  @FieldResolver(() => ApiKey, { description: "Its events are those this key's role may see." })
  apiKey(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: HubContext): Promise<ApiKey> {
    return required(ctx.loaders.load(apiKeyById, endpoint.apiKeyId), `API key ${endpoint.apiKeyId}`);
  }

  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Every delivery attempt, newest first, kept as long as events are.' })
  deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 50 by default, at most 500.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<Connection<WebhookDelivery>> {
    return ctx.services.webhooks.deliveries(endpoint.id, { first, after });
  }

  @FieldResolver(() => Int, {
    description:
      'Events after the cursor of the types the endpoint receives, still to be delivered: 0 when caught up. Counted up to 10,000; for a PARTNER key it includes changes to DRAFT products, which are passed over, not sent.',
  })
  async eventsBehind(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: HubContext): Promise<number> {
    const key = await required(ctx.loaders.load(apiKeyById, endpoint.apiKeyId), `API key ${endpoint.apiKeyId}`);
    return ctx.services.webhooks.eventsBehind(endpoint, key);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookTestResult, {
    description: rootDescription(
      'Posts a signed test message (type "webhook.test", webhook-id msg_...) to the endpoint now, enabled or not, and answers how it responded. It is not an event: no cursor moves and no delivery is logged.',
      Access.ADMIN,
      'NOT_FOUND when there is no such endpoint.',
    ),
  })
  sendTestWebhook(@Arg('id', () => ID, { description: ENDPOINT_ID }) id: string, @Ctx() ctx: HubContext): Promise<WebhookTestResult> {
    return ctx.services.webhooks.sendTest(ctx.actor(), id);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookEndpointWithSecret, {
    description: rootDescription(
      'Registers an endpoint for an API key; it receives the events committed from now on. The secret is shown only here.',
      Access.ADMIN,
    ),
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput, { description: 'The key, URL, note and event types.' })
    input: CreateWebhookEndpointInput,
    @Ctx() ctx: HubContext,
  ): Promise<WebhookEndpointWithSecret> {
    return ctx.services.webhooks.create(ctx.actor(), input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookEndpoint, {
    description: rootDescription('Changes the URL, note or event types; delivery goes on from the cursor.', Access.ADMIN),
  })
  updateWebhookEndpoint(
    @Arg('id', () => ID, { description: ENDPOINT_ID }) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput, { description: 'What changes.' }) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: HubContext,
  ): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.update(ctx.actor(), id, input);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookEndpoint, {
    description: rootDescription(
      "Resumes delivery from the endpoint's cursor. Fails with CURSOR_EXPIRED when it was disabled longer than events are kept (replay it from a retained id first), and with INVALID_STATE when its API key was revoked (register it again under a live key).",
      Access.ADMIN,
    ),
  })
  enableWebhookEndpoint(@Arg('id', () => ID, { description: ENDPOINT_ID }) id: string, @Ctx() ctx: HubContext): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.enable(ctx.actor(), id);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookEndpoint, { description: rootDescription('Stops delivery; the cursor stays where it is.', Access.ADMIN) })
  disableWebhookEndpoint(@Arg('id', () => ID, { description: ENDPOINT_ID }) id: string, @Ctx() ctx: HubContext): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.disable(ctx.actor(), id);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => Boolean, { description: rootDescription('Removes the endpoint and its delivery log.', Access.ADMIN) })
  deleteWebhookEndpoint(@Arg('id', () => ID, { description: ENDPOINT_ID }) id: string, @Ctx() ctx: HubContext): Promise<boolean> {
    return ctx.services.webhooks.remove(ctx.actor(), id);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookEndpointWithSecret, {
    description: rootDescription(
      'A new secret; the one it replaces keeps signing alongside for 24 hours. Rotating again within them ends the older overlap: only the secret just replaced signs alongside the new one.',
      Access.ADMIN,
    ),
  })
  rotateWebhookSecret(
    @Arg('id', () => ID, { description: ENDPOINT_ID }) id: string,
    @Ctx() ctx: HubContext,
  ): Promise<WebhookEndpointWithSecret> {
    return ctx.services.webhooks.rotateSecret(ctx.actor(), id);
  }

  @Authorized(...Access.ADMIN)
  @Mutation(() => WebhookEndpoint, {
    description: rootDescription('Delivers again every retained event after `after`, in order.', Access.ADMIN),
  })
  replayWebhookEndpoint(
    @Arg('id', () => ID, { description: ENDPOINT_ID }) id: string,
    @Arg('after', () => ID, {
      description: 'An event id, or "0" for the first event; fails with CURSOR_EXPIRED when events after it are no longer kept.',
    })
    after: string,
    @Ctx() ctx: HubContext,
  ): Promise<WebhookEndpoint> {
    return ctx.services.webhooks.replay(ctx.actor(), id, after);
  }
}
