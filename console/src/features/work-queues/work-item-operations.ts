import { graphql } from '../../generated';

/** Everything the panel shows about an item; claiming, noting and resolving answer with it. */
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
