import { graphql } from '../../generated';

/**
 * Everything the panel shows about an item; claiming, noting, resolving and
 * deciding answer with it. It carries the queue's counts as the queue page's
 * header shows them, so every change of an item's status (and every read of
 * the item after a void, a release or a market drop decision) brings the
 * header's "open" and "overdue" up to date with it.
 */
export const WorkItemForWorkItemPanel = graphql(`
  fragment WorkItemForWorkItemPanel on WorkItem {
    id
    title
    kind
    priority
    status
    createdAt
    dueAt
    resolvedAt
    resolution
    queue {
      id
      key
      name
      ...WorkQueueForQueuePage
    }
    assignee {
      id
      displayName
    }
    account {
      id
      number
      name
      balance
      pastDue
      status
      enrollments {
        id
        product {
          id
          code
          name
        }
      }
    }
    invoice {
      id
      number
      status
      total
    }
    exception {
      id
      code
      severity
      message
      status
      periodStart
      periodEnd
    }
    notes {
      author
      text
      createdAt
    }
  }
`);

export const WorkItemDetailQuery = graphql(`
  query WorkItemDetail($id: ID!) {
    workItem(id: $id) {
      id
      ...WorkItemForWorkItemPanel
    }
  }
`);

export const ClaimWorkItemMutation = graphql(`
  mutation ClaimWorkItem($id: ID!) {
    claimWorkItem(id: $id) {
      id
      ...WorkItemForWorkItemPanel
    }
  }
`);

export const AddWorkItemNoteMutation = graphql(`
  mutation AddWorkItemNote($id: ID!, $text: String!) {
    addWorkItemNote(id: $id, text: $text) {
      id
      ...WorkItemForWorkItemPanel
    }
  }
`);

export const ResolveWorkItemMutation = graphql(`
  mutation ResolveWorkItem($id: ID!, $resolution: String!) {
    resolveWorkItem(id: $id, resolution: $resolution) {
      id
      ...WorkItemForWorkItemPanel
    }
  }
`);

export const ReassignWorkItemMutation = graphql(`
  mutation ReassignWorkItem($id: ID!, $userId: ID!) {
    reassignWorkItem(id: $id, userId: $userId) {
      id
      ...WorkItemForWorkItemPanel
    }
  }
`);

/** A user as the reassign choice offers them: only active admins and operators are offered. */
export const UserForReassignControl = graphql(`
  fragment UserForReassignControl on User {
    id
    username
    displayName
    role
    active
  }
`);

export const AssignableUsersQuery = graphql(`
  query AssignableUsers {
    users {
      id
      ...UserForReassignControl
    }
  }
`);
