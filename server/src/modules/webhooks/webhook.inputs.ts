import { Field, ID, InputType } from 'type-graphql';
import { EventType } from '../../events/event-types';

@InputType({ description: 'A new webhook endpoint for an API key.' })
export class CreateWebhookEndpointInput {
  @Field(() => ID, { description: 'The API key whose events (as its role sees them) the endpoint receives.' })
  apiKeyId!: string;

  @Field({ description: 'http:// or https:// URL; its host must not resolve to a loopback, private, link-local or multicast address.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'A note, at most 1,000 characters.' })
  description?: string | null;

  @Field(() => [EventType], {
    nullable: true,
    description: "Event types to deliver, each one the key's role may see; empty or absent: all of them.",
  })
  eventTypes?: EventType[] | null;
}

@InputType({ description: 'Changes to a webhook endpoint; absent fields stay as they are.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: 'A new http(s) URL, checked as at creation.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'A new note; an empty string removes it.' })
  description?: string | null;

  @Field(() => [EventType], { nullable: true, description: "New event types (empty: every type the key's role may see)." })
  eventTypes?: EventType[] | null;
}
