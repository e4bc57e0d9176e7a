import { randomUUID } from 'node:crypto';
import { Field, Int, ObjectType } from 'type-graphql';
import type { WebhookEndpoint } from './webhook.entity';
import { signatureHeader, signingSecrets } from './webhook-rules';
import type { OutgoingMessage } from './webhook-sender';

/** The type of a test message: not an event type, so a receiver can tell it from real events. */
export const TEST_MESSAGE_TYPE = 'webhook.test';

@ObjectType('WebhookTestResult', {
  description:
    'How the endpoint answered a signed test message (type "webhook.test"). A test message is outside the event stream: it moves no cursor and is not logged in deliveries.',
})
export class WebhookTestResult {
  @Field({ description: 'The webhook-id the test message carried (msg_ and a random id).' })
  messageId!: string;

  @Field({ description: 'A 2xx answer came in time.' })
  succeeded!: boolean;

  @Field(() => Int, { nullable: true, description: "The answer's HTTP status; null when none came." })
  statusCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What went wrong (timeout, refused connection, refused address...); null on success.',
  })
  error!: string | null;

  @Field(() => Int, { description: 'From sending the request to the end of the answer, in milliseconds.' })
  durationMs!: number;
}

/** A signed test message for the endpoint, with the secrets that sign its real messages now. */
export function testMessage(endpoint: WebhookEndpoint, at: Date): { id: string; message: OutgoingMessage } {
  const id = `msg_${randomUUID().replace(/-/g, '')}`;
  const timestamp = Math.floor(at.getTime() / 1000);
  const body = JSON.stringify({
    type: TEST_MESSAGE_TYPE,
    timestamp: at.toISOString(),
    data: { endpointId: endpoint.id, message: 'A test message from the billing hub: answer 2xx to confirm the endpoint works.' },
  });
  const headers = {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(signingSecrets(endpoint, at), id, timestamp, body),
  };
  return { id, message: { url: endpoint.url, headers, body } };
}
