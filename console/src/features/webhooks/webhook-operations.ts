import { graphql } from '../../generated';

export const WebhookEndpointForList = graphql(`
  fragment WebhookEndpointForList on WebhookEndpoint {
    id
    url
    description
    eventTypes
    status
    disabledReason
    disabledAt
    cursor
    eventsBehind
    createdAt
    apiKey {
      id
      name
      role
    }
    deliveries(first: 10) {
      totalCount
      nodes {
        id
        eventId
        attempt
        succeeded
        statusCode
        error
        durationMs
        at
      }
    }
  }
`);

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      ...WebhookEndpointForList
    }
    apiKeys {
      id
      name
      role
      revokedAt
    }
  }
`);

export const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        ...WebhookEndpointForList
      }
    }
  }
`);

export const EnableWebhookEndpointMutation = graphql(`
  mutation EnableWebhookEndpoint($id: ID!) {
    enableWebhookEndpoint(id: $id) {
      ...WebhookEndpointForList
    }
  }
`);

export const DisableWebhookEndpointMutation = graphql(`
  mutation DisableWebhookEndpoint($id: ID!) {
    disableWebhookEndpoint(id: $id) {
      ...WebhookEndpointForList
    }
  }
`);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      endpoint {
        ...WebhookEndpointForList
      }
    }
  }
`);

export const ReplayWebhookEndpointMutation = graphql(`
  mutation ReplayWebhookEndpoint($id: ID!, $after: ID!) {
    replayWebhookEndpoint(id: $id, after: $after) {
      ...WebhookEndpointForList
    }
  }
`);

export const SendTestWebhookMutation = graphql(`
  mutation SendTestWebhook($id: ID!) {
    sendTestWebhook(id: $id) {
      messageId
      succeeded
      statusCode
      error
      durationMs
    }
  }
`);
