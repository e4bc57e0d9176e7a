import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from 'typeorm';
import { DateTimeScalar } from '../../common/scalars';
import { ConnectionType } from '../../common/pagination/connection';
import { BoolColumn, IdColumn, IntegerColumn, JsonColumn, RefColumn, TextColumn, TimestampColumn } from '../../db/entity-columns';
import { EventType } from '../../events/event-types';

export enum WebhookEndpointStatus {
  ENABLED = 'ENABLED',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether the hub delivers events to a webhook endpoint.',
  valuesConfig: {
    ENABLED: { description: 'Events are delivered, in order, from the cursor on.' },
    DISABLED: { description: 'Nothing is delivered; enabling it again resumes from the cursor.' },
  },
});

/**
 * The next_attempt_at of an endpoint to be worked at once: long past by every
 * clock, where "now" from the process that wrote it could still be in the
 * future for the database if that process's clock runs ahead.
 */
export const DUE_AT_ONCE = new Date(0);

@ObjectType('WebhookEndpoint', {
  description: "An HTTP(S) URL the hub posts an API key's events to, signed per the Standard Webhooks specification.",
})
@Entity('webhook_endpoint')
export class WebhookEndpoint {
  @Field(() => ID, { description: 'The endpoint id.' })
  @IdColumn()
  id!: string;

  @RefColumn('api_key_id')
  apiKeyId!: string;

  @Field({ description: 'Where events are posted: http or https.' })
  @TextColumn('url', { length: 2048 })
  url!: string;

  @Field(() => String, { nullable: true, description: 'A note for whoever runs the receiving end.' })
  @TextColumn('description', { length: 1000, nullable: true })
  description!: string | null;

  @Field(() => [EventType], { description: 'Empty: every event the key may see.' })
  @JsonColumn('event_types')
  eventTypes!: EventType[];

  @Field(() => WebhookEndpointStatus, { description: 'ENABLED or DISABLED.' })
  @TextColumn('status', { length: 16 })
  status!: WebhookEndpointStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the endpoint was disabled (by an admin, or after failing for the whole retry window).',
  })
  @TextColumn('disabled_reason', { length: 1000, nullable: true })
  disabledReason!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the endpoint was disabled (for a revoked key: when the key was revoked); null while enabled.',
  })
  @TimestampColumn('disabled_at', { nullable: true })
  disabledAt!: Date | null;

  /** Signs every message; shown once, when created or rotated. */
  @TextColumn('secret', { length: 128 })
  secret!: string;

  /** The secret before the last rotation, still signing alongside until previousSecretUntil. */
  @TextColumn('previous_secret', { length: 128, nullable: true })
  previousSecret!: string | null;

  @TimestampColumn('previous_secret_until', { nullable: true })
  previousSecretUntil!: Date | null;

  @Field(() => ID, { name: 'cursor', description: 'The last event id delivered.' })
  @IntegerColumn('cursor_id')
  cursorId!: number;

  /** Failed attempts in a row at the event after the cursor. */
  @IntegerColumn('failures')
  failures!: number;

  @TimestampColumn('failing_since', { nullable: true })
  failingSince!: Date | null;

  /** When the endpoint may be worked again, by the database's clock (see database-clock.ts); DUE_AT_ONCE for now. */
  @TimestampColumn('next_attempt_at')
  nextAttemptAt!: Date;

  @TextColumn('lease_owner', { length: 64, nullable: true })
  leaseOwner!: string | null;

  @TimestampColumn('lease_until', { nullable: true })
  leaseUntil!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the endpoint was registered.' })
  @TimestampColumn('created_at')
  createdAt!: Date;
}

@ObjectType('WebhookDelivery', { description: 'One attempt to deliver one event to an endpoint.' })
@Entity('webhook_delivery')
export class WebhookDelivery {
  @Field(() => ID, { description: 'The attempt id.' })
  @IdColumn()
  id!: string;

  @RefColumn('endpoint_id')
  endpointId!: string;

  @Field(() => ID, { description: 'The event delivered (the webhook-id header).' })
  @RefColumn('event_id')
  eventId!: string;

  @Field(() => Int, { description: '1 for the first attempt at this event, 2 for the first retry...' })
  @IntegerColumn('attempt')
  attempt!: number;

  @Field({ description: 'A 2xx answer came in time.' })
  @BoolColumn('succeeded')
  succeeded!: boolean;

  @Field(() => Int, { nullable: true, description: "The answer's HTTP status; null when none came." })
  @IntegerColumn('status_code', { nullable: true })
  statusCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What went wrong (timeout, refused connection, refused address...); null on success.',
  })
  @TextColumn('error', { length: 500, nullable: true })
  error!: string | null;

  @Field(() => Int, { description: 'From sending the request to the end of the answer, in milliseconds.' })
  @IntegerColumn('duration_ms')
  durationMs!: number;

  @Field(() => DateTimeScalar, { description: 'When the attempt started.' })
  @TimestampColumn('at')
  at!: Date;
}

@ObjectType('WebhookDeliveryConnection', { description: "An endpoint's delivery attempts, newest first." })
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery) {}

@ObjectType('WebhookEndpointWithSecret', {
  description: 'An endpoint with its signing secret, answered only when the secret is created or rotated.',
})
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint, { description: 'The endpoint as registered, with its cursor and status.' })
  endpoint!: WebhookEndpoint;

  @Field({ description: 'whsec_ and base64; shown once.' })
  secret!: string;
}
